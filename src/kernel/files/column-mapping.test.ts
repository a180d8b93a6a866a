import { describe, expect, it } from 'vitest';
import { readCsvTable } from './csv-table.ts';
import { familyNameOf, identifierOf, mapColumns, parseEmail, type ImportFormat } from './column-mapping.ts';
import { dayProblem, type Table } from './cells.ts';

type F = 'number' | 'name' | 'birth';
const generic: ImportFormat<F> = { id: 'generiek', label: 'Standaardformaat', assumption: false, source: 'the test', columns: { number: ['leerlingnummer'], name: ['naam'], birth: ['geboortedatum'] }, required: ['number', 'name'] };
const vendor: ImportFormat<F> = { id: 'vendor', label: 'Vendor', assumption: true, source: 'the test', columns: { number: ['Stamnr', 'leerlingnummer'], name: ['Roepnaam'], birth: ['Geb. datum'] }, required: ['number', 'name'] };
const labels: Record<F, string> = { number: 'leerlingnummer', name: 'naam', birth: 'geboortedatum' };
const table = (csv: string): Table => {
  const r = readCsvTable(csv);
  if ('error' in r) throw new Error(r.error);
  return r.table;
};

describe('mapColumns', () => {
  it('recognises a vendor export from its header, below a title line, with headings in any case and spacing', () => {
    const m = mapColumns(table('Export leerlingen 1-9-2026\nSTAMNR;roepnaam;GEB.  DATUM;Klas\n000123;Sanne;01-02-2015;5A\n'), [generic, vendor], labels);
    expect(m.format?.id).toBe('vendor');
    expect(m.headerRow).toBe(2);
    expect(m.rows).toHaveLength(1);
    expect(m.rows[0].row).toBe(3);
    expect(m.rows[0].cells.number).toEqual({ kind: 'text', text: '000123' });
    expect(m.ignoredColumns).toEqual(['Klas']);
    expect(m.errors).toEqual([]);
  });

  it('names the missing columns of the generic format when nothing matches', () => {
    const m = mapColumns(table('nummer,voornaam\n1,Sanne\n'), [generic, vendor], labels);
    expect(m.format).toBeNull();
    expect(m.errors[0].message).toContain('"leerlingnummer" (leerlingnummer)');
    expect(m.errors[0].message).toContain('Vendor');
  });

  it('refuses a header with the same column twice', () => {
    const m = mapColumns(table('leerlingnummer,naam,naam\n1,a,b\n'), [generic], labels);
    expect(m.errors).toHaveLength(1);
    expect(m.errors[0]).toMatchObject({ row: 1, column: 'name' });
  });
});

describe('cell values', () => {
  it('keeps identifiers as typed and marks Excel numbers (leading zeros may be lost)', () => {
    expect(identifierOf({ kind: 'text', text: ' 000123 ' })).toEqual({ value: '000123', fromNumber: false });
    expect(identifierOf({ kind: 'number', value: 123 })).toEqual({ value: '123', fromNumber: true });
    expect(identifierOf({ kind: 'number', value: 12.5 })).toBeNull();
  });
  it('reads e-mail addresses', () => {
    expect(parseEmail({ kind: 'text', text: ' J.Jansen@School.NL ' })).toBe('j.jansen@school.nl');
    expect(parseEmail({ kind: 'text', text: 'jansen@school' })).toBeNull();
    expect(parseEmail({ kind: 'text', text: '=HYPERLINK("x")' })).toBeNull();
  });
  it('joins a tussenvoegsel to the family name, from two columns or "Berg, van der"', () => {
    expect(familyNameOf('van der', 'Berg')).toBe('van der Berg');
    expect(familyNameOf('', 'Berg, van der')).toBe('van der Berg');
    expect(familyNameOf('', 'Jansen')).toBe('Jansen');
  });
});

describe('dayProblem', () => {
  it('tells a date that does not exist from text in an unknown form', () => {
    expect(dayProblem({ kind: 'text', text: '31-02-2016' }, 'geboortedatum')).toBe('De geboortedatum "31-02-2016" bestaat niet. Controleer de dag en de maand.');
    expect(dayProblem({ kind: 'text', text: '2016-13-01' }, 'geboortedatum')).toContain('bestaat niet');
    expect(dayProblem({ kind: 'text', text: 'vijf maart' }, 'inschrijfdatum')).toContain('is niet te lezen. Schrijf haar als DD-MM-JJJJ');
  });
});
