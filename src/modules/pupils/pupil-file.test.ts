import { describe, expect, it } from 'vitest';
import { readCsvTable } from '../../kernel/files/csv-table.ts';
import type { Table } from '../../kernel/files/cells.ts';
import { numericPupilNumberIndex, parseGuardianTable, parsePupilTable } from './pupil-file.ts';
import { GUARDIAN_FORMATS, PUPIL_FORMATS } from './pupil-formats.ts';

const table = (csv: string): Table => {
  const r = readCsvTable(csv);
  if ('error' in r) throw new Error(r.error);
  return r.table;
};
const TODAY = '2026-11-25';

describe('parsePupilTable', () => {
  it('recognises vendor exports from the header', () => {
    expect(parsePupilTable(table('Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep;Datum inschrijving\n1;A;;B;01-01-2016;5;01-08-2020'), TODAY).format?.id).toBe('parnassys');
    expect(parsePupilTable(table('Stamnr;Roepnaam;Achternaam;Geb.datum;Klas\n1;A;B;01-01-2012;1A'), TODAY).format?.id).toBe('magister');
    expect(parsePupilTable(table('Leerlingnummer;Roepnaam;Voorvoegsel;Achternaam;Geboortedatum;Stamgroep\n1;A;;B;01-01-2012;1A'), TODAY).format?.id).toBe('somtoday');
    expect(parsePupilTable(table('Llnr;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum\n1;A;;B;01-01-2012'), TODAY).format?.id).toBe('esis');
    expect(parsePupilTable(table('leerlingnummer;voornaam;achternaam;geboortedatum\n1;A;B;01-01-2012'), TODAY).format?.id).toBe('generiek');
  });

  it('reads the field names of the standards (OSO, EDEX, UWLR) in the standard format: roepnaam before the official first names', () => {
    const oso = parsePupilTable(
      table('leerlingid;voornaam;roepnaam;voorvoegsel;achternaam;geboortedatum;sofinummer;postcodenl;groepscode;jaargroep;instroomdatum\n000123;Johannes Petrus;Joep;van den;Berg;03-04-2016;111222333;3701 AB;5B;5;20-08-2020\n'),
      TODAY,
    );
    expect(oso.format?.id).toBe('generiek');
    expect(oso.errors).toEqual([]);
    expect(oso.rows[0]).toMatchObject({ pupilNumber: '000123', givenName: 'Joep', familyName: 'van den Berg', birthDate: '2016-04-03', bsn: '111222333', pc4: 3701, startDate: '2020-08-20' });
  });

  it('every format says which source its headings follow; only the standard format is not an assumption', () => {
    for (const f of [...PUPIL_FORMATS, ...GUARDIAN_FORMATS]) {
      expect(f.source.length, f.id).toBeGreaterThan(40);
      expect(f.assumption, f.id).toBe(f.id !== 'generiek');
      if (f.assumption) expect(f.source, f.id).toMatch(/assumed/);
    }
  });

  it('keeps leading zeros, joins the tussenvoegsel, sorts BSN and onderwijsnummer from one column', () => {
    const p = parsePupilTable(table('leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;bsn/onderwijsnummer;postcode\n000123;Sanne;van der;Berg;2016-04-03;111222333;3701 ab\n000124;Tim;;Berg, van;03-04-2016;101234564;\n'), TODAY);
    expect(p.errors).toEqual([]);
    expect(p.rows[0]).toMatchObject({ pupilNumber: '000123', familyName: 'van der Berg', birthDate: '2016-04-03', bsn: '111222333', onderwijsnummer: null, pc4: 3701 });
    expect(p.rows[1]).toMatchObject({ familyName: 'van Berg', bsn: null, onderwijsnummer: '101234564' });
  });

  it('checks a BSN and an onderwijsnummer with their own proof (domain.md §6)', () => {
    // 101234565 starts with 10 but its weighted sum is 4 modulo 11: no onderwijsnummer (5) and no BSN (0).
    const one = parsePupilTable(table('leerlingnummer;voornaam;achternaam;geboortedatum;bsn/onderwijsnummer;postcode\n1;A;B;01-01-2016;101234565;3701\n'), TODAY);
    expect(one.errors).toEqual([{ row: 2, column: 'identifier', message: expect.stringContaining('geen geldig BSN en geen geldig onderwijsnummer') }]);
    // In its own column, a valid BSN is no onderwijsnummer.
    const own = parsePupilTable(table('leerlingnummer;voornaam;achternaam;geboortedatum;onderwijsnummer;postcode\n1;A;B;01-01-2016;111222333;3701\n'), TODAY);
    expect(own.errors).toEqual([{ row: 2, column: 'onderwijsnummer', message: expect.stringContaining('begint met 10 en moet de elfproef doorstaan') }]);
  });

  it('says per row and column what to fix', () => {
    const p = parsePupilTable(table('leerlingnummer;voornaam;achternaam;geboortedatum;bsn;postcode\n;A;B;01-01-2016;;\n2;;B;morgen;123456789;12\n'), TODAY);
    expect(p.rows).toEqual([]);
    expect(p.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'pupilNumber'],
      [3, 'givenName'],
      [3, 'birthDate'],
      [3, 'bsn'],
      [3, 'postcode'],
    ]);
    expect(p.numbersSeen).toEqual([{ value: '2', fromNumber: false }]);
  });
});

describe('numericPupilNumberIndex', () => {
  it('matches an Excel number to the school number with leading zeros, and refuses an ambiguous one', () => {
    const of = numericPupilNumberIndex(['000123', '0042', '042', 'A-7']);
    expect(of('123', true)).toEqual({ number: '000123' });
    expect(of('123', false)).toEqual({ number: '123' });
    expect(of('999', true)).toEqual({ number: '999' });
    expect('error' in of('42', true)).toBe(true);
  });
});

describe('parseGuardianTable', () => {
  it('recognises the parents export of each vendor from the header', () => {
    const id = (header: string, row: string) => parseGuardianTable(table(`${header}\n${row}\n`)).format?.id;
    expect(id('Leerlingnummer;Roepnaam verzorger;Voorvoegsel verzorger;Achternaam verzorger;E-mail verzorger;Relatie tot leerling;Wettelijk gezag', '1;A;;B;a@b.nl;Moeder;Ja')).toBe('parnassys');
    expect(id('Stamnr;Roepnaam ouder;Tussenv ouder;Achternaam ouder;E-mail ouder;Relatie;Gezag', '1;A;;B;a@b.nl;Vader;Ja')).toBe('magister');
    expect(id('Leerlingnummer;Roepnaam contactpersoon;Voorvoegsel contactpersoon;Achternaam contactpersoon;E-mail contactpersoon;Relatie;Wettelijk gezag', '1;A;;B;a@b.nl;Moeder;Ja')).toBe('somtoday');
    expect(id('Llnr;Voornaam verzorger;Tussenvoegsel verzorger;Achternaam verzorger;E-mailadres verzorger;Relatie;Gezag', '1;A;;B;a@b.nl;Moeder;Ja')).toBe('esis');
    expect(id('leerlingnummer;voornaam;achternaam;relatie;gezag', '1;A;B;moeder;ja')).toBe('generiek');
  });

  it('maps relations and gezag', () => {
    const p = parseGuardianTable(table('leerlingnummer;voornaam;achternaam;e-mail;relatie;gezag\n1;A;B;a@b.nl;Moeder;ja\n1;C;D;;pleegouder;nee\n1;E;F;;voogd;misschien\n'));
    expect(p.rows.map((r) => [r.relation, r.hasAuthority])).toEqual([
      ['parent', true],
      ['foster_parent', false],
    ]);
    expect(p.errors).toEqual([{ row: 4, column: 'authority', message: expect.stringContaining("misschien") }]);
  });

  it("reads OSO's verzorger fields: relatietotkind as a code or a word, wettigevertegenwoordiger as gezag", () => {
    const p = parseGuardianTable(table('leerlingid;roepnaam;voorvoegsel;achternaam;relatietotkind;wettigevertegenwoordiger\n1;Anna;de;Vries;2;true\n1;Bart;;Smit;1;false\n2;Cor;van;Dam;3;true\n2;Dina;;Jansen;Moeder;ja\n'));
    expect(p.format?.id).toBe('generiek');
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => [r.pupilNumber, r.givenName, r.familyName, r.relation, r.hasAuthority])).toEqual([
      ['1', 'Anna', 'de Vries', 'parent', true],
      ['1', 'Bart', 'Smit', 'parent', false],
      ['2', 'Cor', 'van Dam', 'guardian', true],
      ['2', 'Dina', 'Jansen', 'parent', true],
    ]);
  });
});
