import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp, type Client } from '../support/test-app.ts';
import { today } from '../../src/kernel/time.ts';
import { addCalendarDays } from '../../src/kernel/calendar/school-days.ts';
import { schoolYearOf } from '../../src/kernel/calendar/school-year.ts';

const D0 = today();
const START_A = addCalendarDays(D0, -30);
const nl = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

/** A valid BSN (elfproef) from 8 digits; skips seeds whose check digit would be 10. */
function bsn(seed: number): string {
  for (let s = seed; ; s++) {
    const d = String(10_000_000 + (s % 89_999_999)).padStart(8, '0');
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(d[i]);
    const check = sum % 11;
    if (check < 10) return d + check;
  }
}
/** A valid onderwijsnummer: 10 + 6 digits + a check digit with weighted sum ≡ 5 (mod 11). */
function onderwijsnummer(seed: number): string {
  for (let s = seed; ; s++) {
    const d = `10${String(s % 1_000_000).padStart(6, '0')}`;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(d[i]);
    const check = (((sum - 5) % 11) + 11) % 11;
    if (check < 10) return d + check;
  }
}

function multipart(fields: Record<string, string>, file?: { name: string; content: string | Buffer }) {
  const boundary = '----samenspel' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (c: Client, content: string | Buffer, opts: { fullExport?: boolean; name?: string } = {}) => {
  const m = multipart({ fullExport: opts.fullExport ? 'ja' : 'nee' }, { name: opts.name ?? 'leerlingen.csv', content });
  return c.request('POST', '/api/v1/pupil-imports', m.payload, m.headers);
};

async function workbook(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Leerlingen');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let t: TestApp;
let ib: Client;
let schoolA: string;
let schoolAName: string;
let membershipB: string;
let membershipA: string;
let mentor: { id: string; email: string; name: string };
const BSN1 = bsn(12_345_670);
const BSN2 = bsn(23_456_780);
const OWN = onderwijsnummer(123_456);

const count = async (table: 'children' | 'child_residences' | 'enrolments' | 'school_groups') => Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const enrolmentOf = (number: string, org = schoolA) =>
  t.database.db.selectFrom('enrolments as e').innerJoin('children as c', 'c.id', 'e.child_id').leftJoin('school_groups as g', 'g.id', 'e.group_id').selectAll('e').select(['c.given_name', 'c.family_name', 'c.birth_date', 'c.bsn', 'c.onderwijsnummer', 'g.name as group_name']).where('e.organisation_id', '=', org).where('e.pupil_number', '=', number).orderBy('e.start_date', 'desc').executeTakeFirst();

const HEADER = 'leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;BSN/onderwijsnummer;postcode;gemeente;groep;mentor;inschrijfdatum;niveau';
const goodRows = () => [
  `000501;Sanne;van der;Berg;03-04-2016;${BSN1};3701 AB;;5A;${mentor.email};${nl(START_A)};groep 5`,
  `000502;Daan;;Jansen;2015-11-30;;;Zeist;5A;${mentor.name};${nl(START_A)};groep 5`,
  `000503;Émile;;Bakker;12-12-2014;${OWN};3721;;6B;;${nl(START_A)};groep 6`,
  `000504;Lotte;de;Vries;01-02-2015;${BSN2};;GM0355;6B;;${nl(START_A)};groep 6`,
];
const goodFile = (rows = goodRows()) => '\uFEFF' + [HEADER, ...rows].join('\r\n') + '\r\n';

beforeAll(async () => {
  t = await startTestApp({ children: 80 });
  ib = await t.login('ib');
  const session = (await ib.get('/api/v1/session')).json();
  const active = session.memberships.find((m: { id: string }) => m.id === session.activeMembershipId);
  schoolA = active.organisationId;
  schoolAName = active.organisationName;
  membershipA = active.id;
  membershipB = session.memberships.find((m: { id: string; role: string }) => m.id !== membershipA && m.role === 'intern_begeleider').id;
  const p = await t.database.db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .where('m.organisation_id', '=', schoolA)
    .where('m.role', '=', 'teacher')
    .where('p.email', 'is not', null)
    .select(['p.id', 'p.email', 'p.given_name', 'p.family_name'])
    .orderBy('p.id')
    .executeTakeFirstOrThrow();
  mentor = { id: p.id, email: p.email!, name: `${p.given_name} ${p.family_name}` };
});
afterAll(async () => t?.close());

describe('who may import pupils', () => {
  it('refuses the functional administrator (no child data) and a teacher with 403', async () => {
    for (const username of ['beheer', 'leerkracht']) {
      const c = await t.login(username);
      expect((await upload(c, goodFile())).statusCode).toBe(403);
      expect((await c.get('/api/v1/pupil-leavers')).statusCode).toBe(403);
    }
    expect(await count('children')).toBe(t.demo.counts.children);
  });
});

describe('pupil import: preview, errors, commit, re-import', () => {
  it('reports every row error with row, column and what to fix; a file with errors is not saved', async () => {
    const bad = goodFile([
      ...goodRows(),
      `000501;Sanne;;Dubbel;03-04-2016;;3701;;5A;;;`,
      `000505;Piet;;Fout;03-04-2016;123456789;3701;;5A;;;`,
      `000506;Kees;;Later;01-01-2099;;3701;;5A;;;`,
      `000507;Anna;;Onleesbaar;31-02-2015;;3701;;5A;;;`,
      `000508;;;Zondernaam;03-04-2016;;3701;;5A;;;`,
      `000509;Bram;;Gemeente;03-04-2016;;;Amsterdam;5A;;;`,
      `000510;Fleur;;Postcode;03-04-2016;;9999 ZZ;;5A;;;`,
      `000511;Jip;;Mentor;03-04-2016;;3701;;5A;onbekend@school.nl;;`,
      `000512;Noor;;Zelfde;03-04-2016;${BSN2};3701;;5A;;;`,
    ]);
    const res = await upload(ib, bad);
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p.format).toMatchObject({ id: 'generiek', assumption: false });
    const byRow = (row: number) => p.errors.filter((e: { row: number }) => e.row === row);
    expect(byRow(6)).toEqual([{ row: 6, column: 'pupilNumber', message: expect.stringMatching(/000501 staat op regel 2 en op regel 6/) }]);
    expect(byRow(7)[0]).toMatchObject({ column: 'identifier', message: expect.stringContaining('elfproef') });
    expect(byRow(8)[0]).toMatchObject({ column: 'birthDate', message: expect.stringContaining('toekomst') });
    expect(byRow(9)[0]).toMatchObject({ column: 'birthDate', message: expect.stringContaining('31-02-2015" bestaat niet') });
    expect(byRow(10)[0]).toMatchObject({ column: 'givenName' });
    expect(byRow(11)[0]).toMatchObject({ column: 'gemeente', message: expect.stringContaining('Amsterdam') });
    expect(byRow(12)[0]).toMatchObject({ column: 'postcode', message: expect.stringMatching(/9999.*inrichting.*gemeente/) });
    expect(byRow(13)[0]).toMatchObject({ column: 'mentor', message: expect.stringContaining('onbekend@school.nl') });
    expect(byRow(14)[0]).toMatchObject({ column: 'bsn', message: expect.stringMatching(/regel 5 en op regel 14/) });
    const before = await count('children');
    const commit = await ib.post(`/api/v1/pupil-imports/${p.id}/commit`);
    expect(commit.statusCode).toBe(409);
    expect(commit.json().code).toBe('import_has_errors');
    expect(await count('children')).toBe(before);
  });

  it('refuses a Windows-1252 file with the save-as message', async () => {
    const latin1 = Buffer.from(goodFile().replace('\uFEFF', '').replace('Émile', 'Emile') + '000599;Zoë;;Test;01-01-2015;;3701;;5A;;;\r\n', 'latin1');
    const p = (await upload(ib, latin1)).json();
    expect(p.errors).toEqual([{ row: 0, column: null, message: expect.stringContaining('CSV UTF-8') }]);
  });

  it('commits new pupils (BOM, ";", leading zeros, BSN and onderwijsnummer, gemeente from postcode, name or CBS code, new groups, mentor)', async () => {
    const before = { children: await count('children'), residences: await count('child_residences') };
    const p = (await upload(ib, goodFile())).json();
    expect(p.errors).toEqual([]);
    expect(p.counts).toMatchObject({ new: 4, updated: 0, unchanged: 0, transfer: 0 });
    expect(p.newGroups).toEqual(['5A', '6B']);
    expect(JSON.stringify(p)).not.toContain(BSN1);
    const c = await ib.post(`/api/v1/pupil-imports/${p.id}/commit`);
    expect(c.statusCode).toBe(200);
    expect(c.json()).toMatchObject({ new: 4, childrenCreated: 4 });
    expect(await count('children')).toBe(before.children + 4);
    expect(await count('child_residences')).toBe(before.residences + 4);
    const sanne = await enrolmentOf('000501');
    expect(sanne).toMatchObject({ given_name: 'Sanne', family_name: 'van der Berg', birth_date: '2016-04-03', bsn: BSN1, group_name: '5A', mentor_person_id: mentor.id, school_level: 'groep 5', start_date: START_A, end_date: null });
    expect((await enrolmentOf('000502'))!.mentor_person_id).toBe(mentor.id);
    const emile = await enrolmentOf('000503');
    expect(emile).toMatchObject({ onderwijsnummer: OWN, bsn: null, given_name: 'Émile' });
    const residence = await t.database.db.selectFrom('child_residences as r').innerJoin('gemeenten as g', 'g.id', 'r.gemeente_id').select(['g.name', 'r.valid_from']).where('r.child_id', '=', emile!.child_id).execute();
    expect(residence).toEqual([{ name: 'De Bilt', valid_from: '2014-12-12' }]);
    const logged = await t.database.db.selectFrom('access_log').select(['child_id', 'ground']).where('event', '=', 'registry.pupil_import').where('child_id', '=', sanne!.child_id).execute();
    expect(logged).toEqual([{ child_id: sanne!.child_id, ground: 'school_care' }]);
  });

  it('a second import of the same file changes nothing: no new children, no new residences', async () => {
    const before = { children: await count('children'), residences: await count('child_residences'), enrolments: await count('enrolments') };
    const p = (await upload(ib, goodFile())).json();
    expect(p.errors).toEqual([]);
    expect(p.counts).toMatchObject({ new: 0, updated: 0, unchanged: 4 });
    expect((await ib.post(`/api/v1/pupil-imports/${p.id}/commit`)).json()).toMatchObject({ unchanged: 4, childrenCreated: 0, residencesAdded: 0 });
    expect({ children: await count('children'), residences: await count('child_residences'), enrolments: await count('enrolments') }).toEqual(before);
  });

  it('the same data separated by "," is read the same way', async () => {
    const p = (await upload(ib, [HEADER, ...goodRows()].join('\n').replaceAll(';', ','))).json();
    expect(p.errors).toEqual([]);
    expect(p.counts).toMatchObject({ unchanged: 4 });
  });

  it('a newer export updates a group and a gemeente: the move appends a residence, history stays', async () => {
    const rows = goodRows();
    rows[1] = `000502;Daan;;Jansen;2015-11-30;;;De Bilt;6B;${mentor.name};${nl(START_A)};groep 5`;
    const p = (await upload(ib, goodFile(rows))).json();
    expect(p.errors).toEqual([]);
    expect(p.counts).toMatchObject({ updated: 1, unchanged: 3 });
    expect(p.changes).toEqual([expect.objectContaining({ row: 3, pupilNumber: '000502', status: 'updated', changes: ['gemeente', 'group'], gemeente: 'De Bilt' })]);
    await ib.post(`/api/v1/pupil-imports/${p.id}/commit`);
    const daan = await enrolmentOf('000502');
    expect(daan!.group_name).toBe('6B');
    const history = await t.database.db.selectFrom('child_residences as r').innerJoin('gemeenten as g', 'g.id', 'r.gemeente_id').select(['g.name', 'r.valid_from']).where('r.child_id', '=', daan!.child_id).orderBy('r.valid_from').execute();
    expect(history).toEqual([
      { name: 'Zeist', valid_from: '2015-11-30' },
      { name: 'De Bilt', valid_from: D0 },
    ]);
  });

  it('reads a Magister-style .xlsx: Excel date cells and serials, pupil numbers as numbers (leading zeros lost) and as text, a formula with its stored result', async () => {
    const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const xlsx = await workbook([
      ['Stamnr', 'Roepnaam', 'Tussenv', 'Achternaam', 'Geb.datum', 'BSN', 'Klas', 'Gemeente', 'Datum inschrijving'],
      [501, 'Sanne', 'van der', 'Berg', new Date(Date.UTC(2016, 3, 3)), Number(BSN1), '5A', 'Zeist', new Date(`${START_A}T00:00:00Z`)],
      ['000502', 'Daan', null, 'Jansen', serial('2015-11-30'), null, '6B', 'De Bilt', null],
      ['000520', 'Mila', null, { formula: 'UPPER("x")', result: 'Smit' } as ExcelJS.CellValue, '14-05-2016', null, '5a', 'Zeist', null],
    ]);
    const p = (await upload(ib, xlsx, { name: 'magister.xlsx' })).json();
    expect(p.fileType).toBe('xlsx');
    expect(p.format).toMatchObject({ id: 'magister', assumption: true });
    expect(p.errors).toEqual([]);
    // 501 is 000501 (matched by value), unchanged; Mila is new, in the existing group 5A (case-insensitive).
    expect(p.counts).toMatchObject({ new: 1, unchanged: 2, updated: 0 });
    expect(p.changes).toEqual([expect.objectContaining({ pupilNumber: '000520', familyName: 'Smit', status: 'new', groupName: '5A', startDate: `${schoolYearOf(D0).slice(0, 4)}-08-01` })]);
    expect(p.newGroups).toEqual([]);
  });

  it('refuses duplicate pupil numbers in an .xlsx, also when one is a number and one text', async () => {
    const xlsx = await workbook([
      ['leerlingnummer', 'voornaam', 'achternaam', 'geboortedatum', 'gemeente'],
      ['000530', 'Ava', 'Kok', '01-01-2016', 'Zeist'],
      ['000530', 'Ava', 'Kok', '01-01-2016', 'Zeist'],
      [501, 'Sanne', 'van der Berg', '03-04-2016', 'Zeist'],
      ['000501', 'Sanne', 'van der Berg', '03-04-2016', 'Zeist'],
    ]);
    const p = (await upload(ib, xlsx, { name: 'dubbel.xlsx' })).json();
    expect(p.errors).toEqual([
      { row: 3, column: 'pupilNumber', message: expect.stringContaining('000530 staat op regel 2 en op regel 3') },
      { row: 5, column: 'pupilNumber', message: expect.stringContaining('000501 staat op regel 4 en op regel 5') },
    ]);
  });
});

describe('transfers between schools of the region keep one child record', () => {
  let nameMatchChild: string;
  it('on BSN: the same child, the old enrolment ends the day before the new start', async () => {
    const sanne = (await enrolmentOf('000501'))!;
    expect((await ib.put('/api/v1/session/membership', { membershipId: membershipB })).statusCode).toBe(200);
    const children = await count('children');
    const file = [HEADER, `B-77;Sanne;van der;Berg;03-04-2016;${BSN1};;Zeist;7;;${nl(D0)};groep 7`].join('\n');
    const p = (await upload(ib, file)).json();
    expect(p.errors).toEqual([]);
    expect(p.counts).toMatchObject({ transfer: 1, new: 0 });
    expect(p.changes[0]).toMatchObject({ status: 'transfer', transfer: { fromSchool: schoolAName, endDate: addCalendarDays(D0, -1) } });
    // That the preview named the school she comes from is in her access log.
    const viewed = await t.database.db.selectFrom('access_log').select(['ground', 'detail']).where('event', '=', 'registry.transfer_match.view').where('child_id', '=', sanne.child_id).execute();
    expect(viewed).toEqual([expect.objectContaining({ ground: 'transfer_match', detail: expect.objectContaining({ importId: p.id, match: 'bsn' }) })]);
    const c = (await ib.post(`/api/v1/pupil-imports/${p.id}/commit`)).json();
    expect(c).toMatchObject({ transfer: 1, childrenCreated: 0, enrolmentsEnded: 1 });
    expect(await count('children')).toBe(children);
    const old = await t.database.db.selectFrom('enrolments').select(['end_date']).where('id', '=', sanne.id).executeTakeFirstOrThrow();
    expect(old.end_date).toBe(addCalendarDays(D0, -1));
    const now = await t.database.db.selectFrom('enrolments').select(['child_id', 'pupil_number', 'start_date']).where('child_id', '=', sanne.child_id).where('end_date', 'is', null).execute();
    expect(now).toEqual([{ child_id: sanne.child_id, pupil_number: 'B-77', start_date: D0 }]);
  });

  it('on name and birth date only after review: commit refused while open, "ander kind" makes a second child, "zelfde kind" links', async () => {
    const daan = (await enrolmentOf('000502'))!;
    const lotte = (await enrolmentOf('000504'))!;
    nameMatchChild = daan.child_id;
    const file = [HEADER, `B-80;daan;;JANSEN;30-11-2015;;;Zeist;7;;;`, `B-81;Lotte;de;Vries;01-02-2015;;;Zeist;7;;${nl(D0)};`].join('\n');
    const p = (await upload(ib, file)).json();
    expect(p.errors).toEqual([]);
    expect(p.matches).toHaveLength(2);
    const m1 = p.matches.find((m: { row: number }) => m.row === 2);
    expect(m1).toMatchObject({ decision: null, file: { givenName: 'daan', familyName: 'JANSEN', birthDate: '2015-11-30' }, candidate: { givenName: 'Daan', familyName: 'Jansen', birthDate: '2015-11-30', enrolments: [{ schoolName: schoolAName, startDate: START_A, endDate: null }] } });
    expect(Object.keys(m1.candidate).sort()).toEqual(['birthDate', 'enrolments', 'familyName', 'givenName']);
    expect(JSON.stringify(p)).not.toContain(BSN2);
    const views = await t.database.db.selectFrom('access_log').select(['child_id', 'ground']).where('event', '=', 'registry.transfer_match.view').where('child_id', 'in', [daan.child_id, lotte.child_id]).execute();
    expect(views).toHaveLength(2);
    expect(views.every((v) => v.ground === 'transfer_match')).toBe(true);

    const refused = await ib.post(`/api/v1/pupil-imports/${p.id}/commit`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('2 mogelijke overstappen nog beoordelen');
    expect((await ib.put(`/api/v1/pupil-imports/${p.id}/matches/${m1.id}`, { decision: 'different' })).json()).toMatchObject({ open: 1 });
    expect((await ib.post(`/api/v1/pupil-imports/${p.id}/commit`)).json().detail).toContain('1 mogelijke overstap nog beoordelen');
    const m2 = p.matches.find((m: { row: number }) => m.row === 3);
    expect((await ib.put(`/api/v1/pupil-imports/${p.id}/matches/${m2.id}`, { decision: 'same' })).statusCode).toBe(200);
    // The page was reloaded: the stored check comes back with the decisions taken so far, and the look is logged again.
    const again = await ib.get(`/api/v1/pupil-imports/${p.id}`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: p.id, status: 'preview', counts: p.counts, errors: [] });
    expect(again.json().matches.map((m: { row: number; decision: string }) => [m.row, m.decision]).sort()).toEqual([[2, 'different'], [3, 'same']]);
    expect(JSON.stringify(again.json())).not.toContain(BSN2);
    const viewsAfter = await t.database.db.selectFrom('access_log').select('seq').where('event', '=', 'registry.transfer_match.view').where('child_id', 'in', [daan.child_id, lotte.child_id]).execute();
    expect(viewsAfter).toHaveLength(4);
    // Only this school's care coordinator sees it.
    expect((await (await t.login('beheer')).get(`/api/v1/pupil-imports/${p.id}`)).statusCode).toBe(403);
    expect((await (await t.login('zorgcoordinator')).get(`/api/v1/pupil-imports/${p.id}`)).statusCode).toBe(403);
    const children = await count('children');
    const c = await ib.post(`/api/v1/pupil-imports/${p.id}/commit`);
    expect(c.statusCode).toBe(200);
    expect(c.json()).toMatchObject({ new: 1, transfer: 1, childrenCreated: 1, enrolmentsEnded: 1 });
    expect(await count('children')).toBe(children + 1);
    const daans = await t.database.db.selectFrom('children').select('id').where('family_name', 'ilike', 'jansen').where('birth_date', '=', '2015-11-30').execute();
    expect(daans).toHaveLength(2);
    expect((await t.database.db.selectFrom('enrolments').select('end_date').where('id', '=', lotte.id).executeTakeFirstOrThrow()).end_date).toBe(addCalendarDays(D0, -1));
    expect((await t.database.db.selectFrom('enrolments').select('child_id').where('pupil_number', '=', 'B-81').executeTakeFirstOrThrow()).child_id).toBe(lotte.child_id);
    // The other Daan stays at school A.
    expect((await t.database.db.selectFrom('enrolments').select('end_date').where('id', '=', daan.id).executeTakeFirstOrThrow()).end_date).toBeNull();
  });

  it('"zelfde kind" for a match whose dates do not fit is refused with what to fix', async () => {
    // Daan at school A started on START_A; an enrolment here from before that cannot be the same child.
    const file = [HEADER, `B-90;Daan;;Jansen;30-11-2015;;;Zeist;7;;${nl(addCalendarDays(START_A, -10))};`].join('\n');
    const p = (await upload(ib, file)).json();
    const m = p.matches.find((x: { candidate: { enrolments: { schoolName: string }[] } }) => x.candidate.enrolments.some((e) => e.schoolName === schoolAName));
    expect(m.sameError).toContain('Vul een inschrijfdatum in ná');
    const res = await ib.put(`/api/v1/pupil-imports/${p.id}/matches/${m.id}`, { decision: 'same' });
    expect(res.statusCode).toBe(400);
    expect(nameMatchChild).toBeTruthy();
    await ib.put('/api/v1/session/membership', { membershipId: membershipA });
  });
});

describe('full export: probable leavers', () => {
  it('lists pupils missing from a full export, stores them once, and ends an enrolment only on a confirmed date', async () => {
    expect((await ib.put('/api/v1/session/membership', { membershipId: membershipA })).statusCode).toBe(200);
    // 000501 and 000504 left by transfer; 000503 is missing from this export.
    const rows = [`000502;Daan;;Jansen;2015-11-30;;;De Bilt;6B;${mentor.name};${nl(START_A)};groep 5`];
    const p = (await upload(ib, goodFile(rows), { fullExport: true })).json();
    expect(p.errors).toEqual([]);
    const emile = (await enrolmentOf('000503'))!;
    expect(p.leavers).toContainEqual(expect.objectContaining({ enrolmentId: emile.id, pupilNumber: '000503', familyName: 'Bakker', alreadyListed: false }));
    expect(p.leavers.some((l: { pupilNumber: string }) => l.pupilNumber === '000502')).toBe(false);
    // Showing a pupil as a probable leaver is a look at the pupil's school data: logged.
    const looked = await t.database.db.selectFrom('access_log').select(['ground', 'detail']).where('event', '=', 'registry.pupil_import.leaver_view').where('child_id', '=', emile.child_id).execute();
    expect(looked).toEqual([expect.objectContaining({ ground: 'school_care', detail: expect.objectContaining({ importId: p.id }) })]);
    const committed = (await ib.post(`/api/v1/pupil-imports/${p.id}/commit`)).json();
    expect(committed.leavers).toBe(p.leavers.length);
    // The enrolment is still open: nothing ends before a person confirms.
    expect((await enrolmentOf('000503'))!.end_date).toBeNull();
    // The same export again: the open candidates are not listed twice.
    const again = (await upload(ib, goodFile(rows), { fullExport: true })).json();
    expect(again.leavers.find((l: { enrolmentId: string }) => l.enrolmentId === emile.id).alreadyListed).toBe(true);
    expect((await ib.post(`/api/v1/pupil-imports/${again.id}/commit`)).json().leavers).toBe(0);
    const open = await t.database.db.selectFrom('leaver_candidates').select('id').where('enrolment_id', '=', emile.id).where('status', '=', 'open').execute();
    expect(open).toHaveLength(1);

    const list = (await ib.get('/api/v1/pupil-leavers')).json().items;
    const mine = list.find((l: { pupilNumber: string }) => l.pupilNumber === '000503');
    expect(mine).toMatchObject({ givenName: 'Émile', familyName: 'Bakker', startDate: START_A });
    const tooEarly = await ib.post(`/api/v1/pupil-leavers/${mine.id}/decision`, { decision: 'confirmed', endDate: addCalendarDays(START_A, -1) });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().invalidParams[0]).toMatchObject({ name: 'endDate', code: 'end_before_start' });
    const ok = await ib.post(`/api/v1/pupil-leavers/${mine.id}/decision`, { decision: 'confirmed', endDate: D0 });
    expect(ok.statusCode).toBe(200);
    expect((await t.database.db.selectFrom('enrolments').select('end_date').where('id', '=', emile.id).executeTakeFirstOrThrow()).end_date).toBe(D0);
    expect((await ib.post(`/api/v1/pupil-leavers/${mine.id}/decision`, { decision: 'dismissed' })).statusCode).toBe(409);

    const other = list.find((l: { pupilNumber: string | null }) => l.pupilNumber !== '000503');
    expect((await ib.post(`/api/v1/pupil-leavers/${other.id}/decision`, { decision: 'dismissed' })).statusCode).toBe(200);
    const stays = await t.database.db.selectFrom('leaver_candidates as l').innerJoin('enrolments as e', 'e.id', 'l.enrolment_id').select(['l.status', 'e.end_date']).where('l.id', '=', other.id).executeTakeFirstOrThrow();
    expect(stays).toEqual({ status: 'dismissed', end_date: null });
    const after = (await ib.get('/api/v1/pupil-leavers')).json().items;
    expect(after.map((l: { id: string }) => l.id)).not.toContain(mine.id);
    expect(after.map((l: { id: string }) => l.id)).not.toContain(other.id);
  });
});

describe('BSN and onderwijsnummer are never shown to the SWV', () => {
  it('the school sees them; an SWV consultant on the case team, even with a consent naming "bsn", does not', async () => {
    const lotte = (await t.database.db.selectFrom('children').select(['id', 'bsn']).where('bsn', '=', BSN2).executeTakeFirstOrThrow());
    const emile = (await t.database.db.selectFrom('children').select(['id']).where('onderwijsnummer', '=', OWN).executeTakeFirstOrThrow());
    const swvPerson = t.demo.accounts.swv.personId!;
    const swvOrg = t.demo.accounts.swv.organisationId!;
    const ibPerson = t.demo.accounts.ib.personId!;
    for (const childId of [lotte.id, emile.id]) {
      const k = await t.database.db
        .insertInto('cases')
        .values({ region_id: t.demo.regionId, child_id: childId, organisation_id: schoolA, case_manager_person_id: ibPerson, case_manager_organisation_id: schoolA, title: 'Test', opened_on: D0, next_evaluation_on: addCalendarDays(D0, 60) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.database.db.insertInto('case_members').values({ case_id: k.id, person_id: swvPerson, organisation_id: swvOrg, role: 'member' }).execute();
      const con = await t.database.db
        .insertInto('consents')
        .values({ region_id: t.demo.regionId, child_id: childId, case_id: k.id, purpose: 'test', data_kinds: ['identity', 'bsn', 'school'], method: 'written', given_on: D0, valid_until: addCalendarDays(D0, 30), age_rule: 'guardians' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.database.db.insertInto('consent_recipients').values({ consent_id: con.id, organisation_id: swvOrg }).execute();
    }
    const swv = await t.login('swv');
    for (const childId of [lotte.id, emile.id]) {
      const res = await swv.get(`/api/v1/children/${childId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().givenName).toBeTruthy();
      expect(res.json().bsn).toBeUndefined();
      expect(res.json().onderwijsnummer).toBeUndefined();
      expect(res.body).not.toContain(BSN2);
      expect(res.body).not.toContain(OWN);
    }
    // Lotte moved to school B: the care coordinator there sees her BSN.
    await ib.put('/api/v1/session/membership', { membershipId: membershipB });
    expect((await ib.get(`/api/v1/children/${lotte.id}`)).json().bsn).toBe(BSN2);
    await ib.put('/api/v1/session/membership', { membershipId: membershipA });
    expect((await ib.get(`/api/v1/children/${emile.id}`)).json().onderwijsnummer).toBe(OWN);
  });
});
