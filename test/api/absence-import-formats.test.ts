import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp, type Client } from '../support/test-app.ts';
import { lessonDaysBefore, quietPupils, uploadAbsence } from '../support/absence.ts';
import { today } from '../../src/kernel/time.ts';

// Dates relative to today: the demo's enrolments are built around today. Absence exists only on
// lesson days: D1 and D2 are the two school days before today at the school (weekends and holidays skipped).
const D0 = today();
let D1 = '';
let D2 = '';
const excelDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

let t: TestApp;
let ib: Client;
let school: string;
let pupils: string[];

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const upload = (c: Client, content: Buffer, name = 'verzuim.xlsx', type = XLSX_TYPE) => uploadAbsence(c, school, content, { name, type });
async function workbook(rows: ExcelJS.CellValue[][], build?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Verzuim');
  for (const r of rows) ws.addRow(r);
  build?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const recordsOf = (childIds: string[]) =>
  t.database.db.selectFrom('absence_records').select(['child_id', 'day', 'hours', 'reason', 'source']).where('child_id', 'in', childIds).where('day', '>=', D2).orderBy('child_id').orderBy('day').execute();

beforeAll(async () => {
  t = await startTestApp({ children: 80 });
  ib = await t.login('ib');
  school = (await ib.get('/api/v1/session')).json().memberships[0].organisationId;
  [D1, D2] = await lessonDaysBefore(t, school, D0);
  // Pupils enrolled at this school since before the dates used below, without demo absence on those days.
  pupils = (await quietPupils(t, { schoolId: school, enrolledBy: D2, quietSince: D2, limit: 8 })).map((p) => p.childId);
  expect(pupils).toHaveLength(8);
});
afterAll(async () => t?.close());

describe('absence import from an Excel workbook (.xlsx)', () => {
  it('a bad row is reported with the row number the user sees in Excel; nothing can be committed', async () => {
    const file = await workbook([['Verzuim week 47'], [], ['leerling', 'datum', 'uren', 'reden'], [pupils[0], excelDate(D2), 2.5, 'ongeoorloofd'], [pupils[1], excelDate(D2), 'drie', 'ziek'], [pupils[2], excelDate(D1), 1, 'vakantie']], (ws) => ws.mergeCells('A1:D1'));
    const res = await upload(ib, file);
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p.rows).toBe(1);
    expect(p.errors).toEqual([
      { row: 5, column: 'uren', message: expect.stringContaining('"drie"') },
      { row: 6, column: 'reden', message: expect.stringMatching(/Onbekende reden "vakantie".*ziek, geoorloofd, schorsing, ongeoorloofd, te-laat, luxeverzuim, overig/) },
    ]);
    const commit = await ib.post(`/api/v1/absence-imports/${p.id}/commit`);
    expect(commit.statusCode).toBe(409);
    expect(commit.json().code).toBe('import_has_errors');
    expect(await recordsOf(pupils.slice(0, 3))).toEqual([]);
  });

  it('the good workbook: preview, commit, and the records are there with their hours and reasons', async () => {
    const file = await workbook([
      ['leerling', 'datum', 'uren', 'reden'],
      [pupils[0], excelDate(D2), 2.5, 'ongeoorloofd'],
      [pupils[1], excelDate(D2), { formula: '3*2', result: 6 }, 'ziek'],
      [pupils[2], D1, '1,25', 'te-laat'],
    ]);
    const p = (await upload(ib, file)).json();
    expect(p.errors).toEqual([]);
    expect(p.rows).toBe(3);
    expect(p.preview.map((r: { row: number; childId: string }) => [r.row, r.childId])).toEqual([
      [2, pupils[0]],
      [3, pupils[1]],
      [4, pupils[2]],
    ]);
    const res = await ib.post(`/api/v1/absence-imports/${p.id}/commit`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, changed: 3, children: 3 });
    const records = await recordsOf(pupils.slice(0, 3));
    expect(records.map((r) => [r.child_id, r.day, Number(r.hours), r.reason, r.source]).sort()).toEqual(
      [
        [pupils[0], D2, 2.5, 'unauthorised', 'import'],
        [pupils[1], D2, 6, 'ill', 'import'],
        [pupils[2], D1, 1.25, 'late', 'import'],
      ].sort(),
    );
  });

  it('the preview names the format and the file type', async () => {
    const file = await workbook([
      ['leerling', 'datum', 'uren', 'reden'],
      [pupils[3], excelDate(D2), 1, 'ziek'],
    ]);
    const p = (await upload(ib, file, 'export.csv', 'text/csv')).json();
    expect(p).toMatchObject({ format: 'generiek', fileType: 'xlsx', errors: [] });
    const csv = (await upload(ib, Buffer.from(`leerling;datum;uren;reden\n${pupils[3]};${D2};1;ziek`), 'verzuim.xlsx')).json();
    expect(csv).toMatchObject({ format: 'generiek', fileType: 'csv', errors: [] });
  });

  it('a Magister export, one row per lesson with the stamnummer as an Excel number, is added up per day and matched to the pupil number with its zeros', async () => {
    await sql`update enrolments set pupil_number = '000777' where child_id = ${pupils[4]} and organisation_id = ${school} and end_date is null`.execute(t.database.db);
    const file = await workbook([
      ['Stamnummer', 'Naam', 'Klas', 'Datum', 'Lesuur', 'Code', 'Omschrijving', 'Geoorloofd'],
      [777, 'Leerling', '2a', excelDate(D1), 1, 'S', 'Ongeoorloofd afwezig', 'Nee'],
      [777, 'Leerling', '2a', excelDate(D1), 2, 'S', 'Ongeoorloofd afwezig', 'Nee'],
      [777, 'Leerling', '2a', excelDate(D1), 3, 'S', 'Ongeoorloofd afwezig', 'Nee'],
      [777, 'Leerling', '2a', excelDate(D1), 4, 'HV', 'Huiswerk vergeten', 'Nee'],
      [777, 'Leerling', '2a', excelDate(D1), 5, 'Z', 'Ziek', 'Ja'],
    ]);
    const p = (await upload(ib, file)).json();
    expect(p.errors).toEqual([]);
    expect(p.preview).toEqual([
      { row: 2, childId: pupils[4], name: expect.stringMatching(/\S+ \S+/), pupilNumber: '000777', day: D1, hours: 2.5, reason: 'unauthorised' },
      { row: 6, childId: pupils[4], name: expect.stringMatching(/\S+ \S+/), pupilNumber: '000777', day: D1, hours: 0.83, reason: 'ill' },
    ]);
    expect((await ib.post(`/api/v1/absence-imports/${p.id}/commit`)).statusCode).toBe(200);
    expect((await recordsOf([pupils[4]])).map((r) => [Number(r.hours), r.reason])).toEqual(
      expect.arrayContaining([
        [2.5, 'unauthorised'],
        [0.83, 'ill'],
      ]),
    );
  });

  it('a number that lost its zeros and fits two pupil numbers is an error, not a guess', async () => {
    await sql`update enrolments set pupil_number = '0456' where child_id = ${pupils[5]} and organisation_id = ${school} and end_date is null`.execute(t.database.db);
    await sql`update enrolments set pupil_number = '00456' where child_id = ${pupils[6]} and organisation_id = ${school} and end_date is null`.execute(t.database.db);
    const file = await workbook([
      ['leerling', 'datum', 'uren', 'reden'],
      [456, excelDate(D2), 1, 'ziek'],
      ['0456', excelDate(D2), 1, 'ziek'],
    ]);
    const p = (await upload(ib, file)).json();
    expect(p.rows).toBe(1);
    expect(p.preview[0].childId).toBe(pupils[5]);
    expect(p.errors).toEqual([{ row: 2, column: 'leerling', message: expect.stringMatching(/456 staat in Excel als getal.*0456, 00456.*Tekst/) }]);
  });

  it('old Excel (.xls), a zip that is no workbook and a file matching no format are refused with a message saying what to do', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const refused = (await upload(ib, xls, 'verzuim.xls', 'application/vnd.ms-excel')).json();
    expect(refused).toMatchObject({ rows: 0, errors: [{ row: 0, column: null, message: expect.stringMatching(/\.xls.*\.xlsx.*CSV UTF-8/) }] });
    expect((await ib.post(`/api/v1/absence-imports/${refused.id}/commit`)).statusCode).toBe(409);

    const notAWorkbook = await workbook([['naam', 'klas'], ['Piet', '5a']]);
    const unknown = (await upload(ib, notAWorkbook)).json();
    expect(unknown.errors).toEqual([{ row: 1, column: null, message: expect.stringMatching(/past bij geen bekend formaat.*leerling, datum, uren en reden.*Magister, SOMtoday, ParnasSys/) }]);
  });

  it('only the school’s own care coordinator may import a workbook', async () => {
    const file = await workbook([
      ['leerling', 'datum', 'uren', 'reden'],
      [pupils[7], excelDate(D2), 1, 'ziek'],
    ]);
    expect((await upload(await t.login('leerkracht'), file)).statusCode).toBe(403);
    expect((await upload(await t.login('zorgcoordinator'), file)).statusCode).toBe(403);
    expect(await recordsOf([pupils[7]])).toEqual([]);
  });
});
