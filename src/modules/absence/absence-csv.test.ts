import { describe, expect, it } from 'vitest';
import { parseAbsenceCsv } from './absence-csv.ts';

describe('generic absence CSV', () => {
  it('reads comma files with a decimal point', () => {
    const r = parseAbsenceCsv('leerling,datum,uren,reden\nabc,2026-11-23,2.5,ongeoorloofd\n');
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([{ row: 2, leerling: 'abc', day: '2026-11-23', hours: 2.5, reason: 'unauthorised' }]);
  });
  it('reads semicolon files with a decimal comma and a BOM (Excel "CSV UTF-8")', () => {
    const r = parseAbsenceCsv(Buffer.from('\uFEFFleerling;datum;uren;reden\r\n0042;2026-11-23;1,5;te-laat\r\n', 'utf8'));
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({ leerling: '0042', hours: 1.5, reason: 'late' });
  });
  it('keeps leading zeros in pupil numbers', () => {
    expect(parseAbsenceCsv('leerling;datum;uren;reden\n000123;2026-11-23;1;ziek').rows[0].leerling).toBe('000123');
  });
  it('gives an error per row and column, and keeps the good rows', () => {
    const r = parseAbsenceCsv(['leerling,datum,uren,reden', 'a,2026-02-30,1,ziek', 'b,2026-11-23,-1,ziek', 'c,2026-11-23,1,vakantie', ',2026-11-23,1,ziek', 'd,2026-11-23,13,ziek', 'e,2026-11-24,6,luxeverzuim'].join('\n'));
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'datum'],
      [3, 'uren'],
      [4, 'reden'],
      [5, 'leerling'],
      [6, 'uren'],
    ]);
    expect(r.rows.map((x) => x.leerling)).toEqual(['e']);
  });
  it('names missing columns in the header', () => {
    const r = parseAbsenceCsv('leerling,datum,uren\na,2026-11-23,1');
    expect(r.errors).toEqual([{ row: 1, column: null, message: expect.stringContaining('reden') }]);
  });
  it('refuses a file that is not UTF-8 (e.g. Windows-1252 from old Excel)', () => {
    const latin1 = Buffer.from([...Buffer.from('leerling;datum;uren;reden\nJos'), 0xe9, ...Buffer.from(';2026-11-23;1;ziek\n')]);
    expect(parseAbsenceCsv(latin1).errors[0].message).toMatch(/UTF-8/);
  });
  it('flags the same pupil, day and reason twice', () => {
    const r = parseAbsenceCsv('leerling,datum,uren,reden\na,2026-11-23,1,ziek\na,2026-11-23,2,ziek');
    expect(r.errors).toEqual([{ row: 3, column: 'leerling', message: expect.stringContaining('regel 2') }]);
    expect(r.rows).toHaveLength(1);
  });
  it('an empty file says so', () => {
    expect(parseAbsenceCsv('').errors[0].message).toMatch(/leeg/);
  });
});
