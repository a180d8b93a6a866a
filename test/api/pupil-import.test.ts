import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { startTestApp, type TestApp, type Client } from '../support/test-app.ts';
import { multipart } from '../support/multipart.ts';
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
  /** What school A records when a pupil leaves (its leavers page or its own import): the end date. */
  const endAtSchoolA = (enrolmentId: string, endDate: string) => t.database.db.updateTable('enrolments').set({ end_date: endDate }).where('id', '=', enrolmentId).execute();

  it('on BSN: waits while the other school has the child enrolled; once that school recorded the end date, the same child is enrolled here', async () => {
    const sanne = (await enrolmentOf('000501'))!;
    expect((await ib.put('/api/v1/session/membership', { membershipId: membershipB })).statusCode).toBe(200);
    const children = await count('children');
    const file = [HEADER, `B-77;Sanne;van der;Berg;03-04-2016;${BSN1};;Zeist;7;;${nl(D0)};groep 7`].join('\n');
    const waiting = (await upload(ib, file)).json();
    expect(waiting.errors).toEqual([]);
    expect(waiting.counts).toMatchObject({ transfer: 0, pending: 1, new: 0 });
    expect(waiting.changes[0]).toMatchObject({ status: 'pending', givenName: 'Sanne', familyName: 'van der Berg' });
    expect(waiting.changes[0].transfer).toBeUndefined();
    expect(JSON.stringify(waiting)).not.toContain(schoolAName);
    expect((await ib.post(`/api/v1/pupil-imports/${waiting.id}/commit`)).json()).toMatchObject({ pending: 1, transfer: 0, childrenCreated: 0 });
    // This school did not end school A's enrolment.
    expect((await t.database.db.selectFrom('enrolments').select(['end_date']).where('id', '=', sanne.id).executeTakeFirstOrThrow()).end_date).toBeNull();

    await endAtSchoolA(sanne.id, addCalendarDays(D0, -1));
    const p = (await upload(ib, file)).json();
    expect(p.errors).toEqual([]);
    expect(p.counts).toMatchObject({ transfer: 1, pending: 0, new: 0 });
    expect(p.changes[0]).toMatchObject({ status: 'transfer', startDate: D0 });
    // That the preview looked her up is in her access log, each time.
    const viewed = await t.database.db.selectFrom('access_log').select(['ground', 'detail']).where('event', '=', 'registry.transfer_match.view').where('child_id', '=', sanne.child_id).execute();
    expect(viewed).toEqual([
      expect.objectContaining({ ground: 'transfer_match', detail: expect.objectContaining({ importId: waiting.id, match: 'bsn' }) }),
      expect.objectContaining({ ground: 'transfer_match', detail: expect.objectContaining({ importId: p.id, match: 'bsn' }) }),
    ]);
    const c = (await ib.post(`/api/v1/pupil-imports/${p.id}/commit`)).json();
    expect(c).toMatchObject({ transfer: 1, childrenCreated: 0 });
    expect(await count('children')).toBe(children);
    const old = await t.database.db.selectFrom('enrolments').select(['end_date']).where('id', '=', sanne.id).executeTakeFirstOrThrow();
    expect(old.end_date).toBe(addCalendarDays(D0, -1));
    const now = await t.database.db.selectFrom('enrolments').select(['child_id', 'pupil_number', 'start_date']).where('child_id', '=', sanne.child_id).where('end_date', 'is', null).execute();
    expect(now).toEqual([{ child_id: sanne.child_id, pupil_number: 'B-77', start_date: D0 }]);
  });

  it('on name and birth date only after review: commit refused while open, "ander kind" makes a second child, "zelfde kind" links', async () => {
    const daan = (await enrolmentOf('000502'))!;
    const lotte = (await enrolmentOf('000504'))!;
    // School A recorded that Lotte left; Daan is still enrolled there.
    await endAtSchoolA(lotte.id, addCalendarDays(D0, -1));
    const file = [HEADER, `B-80;daan;;JANSEN;30-11-2015;;;Zeist;7;;;`, `B-81;Lotte;de;Vries;01-02-2015;;;Zeist;7;;${nl(D0)};`].join('\n');
    const p = (await upload(ib, file)).json();
    expect(p.errors).toEqual([]);
    expect(p.matches).toHaveLength(2);
    const m1 = p.matches.find((m: { row: number }) => m.row === 2);
    expect(m1).toMatchObject({ decision: null, file: { givenName: 'daan', familyName: 'JANSEN', birthDate: '2015-11-30' }, candidate: { givenName: 'Daan', familyName: 'Jansen', birthDate: '2015-11-30', enrolledElsewhere: true } });
    expect(Object.keys(m1.candidate).sort()).toEqual(['birthDate', 'enrolledElsewhere', 'familyName', 'givenName']);
    expect(JSON.stringify(p)).not.toContain(BSN2);
    expect(JSON.stringify(p)).not.toContain(schoolAName);
    const views = await t.database.db.selectFrom('access_log').select(['child_id', 'ground']).where('event', '=', 'registry.transfer_match.view').where('child_id', 'in', [daan.child_id, lotte.child_id]).execute();
    expect(views).toHaveLength(2);
    expect(views.every((v) => v.ground === 'transfer_match')).toBe(true);

    const refused = await ib.post(`/api/v1/pupil-imports/${p.id}/commit`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('2 mogelijke overstappen nog beoordelen');
    expect((await ib.put(`/api/v1/pupil-imports/${p.id}/matches/${m1.id}`, { decision: 'different' })).json()).toMatchObject({ open: 1 });
    expect((await ib.post(`/api/v1/pupil-imports/${p.id}/commit`)).json().detail).toContain('1 mogelijke overstap nog beoordelen');
    const m2 = p.matches.find((m: { row: number }) => m.row === 3);
    expect(m2.candidate.enrolledElsewhere).toBe(false);
    expect((await ib.put(`/api/v1/pupil-imports/${p.id}/matches/${m2.id}`, { decision: 'same' })).statusCode).toBe(200);
    // The page was reloaded: the stored check comes back with the decisions taken so far, and the look is logged again.
    const again = await ib.get(`/api/v1/pupil-imports/${p.id}`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: p.id, status: 'preview', counts: p.counts, errors: [] });
    expect(again.json().matches.map((m: { row: number; decision: string }) => [m.row, m.decision]).sort()).toEqual([[2, 'different'], [3, 'same']]);
    expect(JSON.stringify(again.json())).not.toContain(BSN2);
    const viewsAfter = await t.database.db.selectFrom('access_log').select('seq').where('event', '=', 'registry.transfer_match.view').where('child_id', 'in', [daan.child_id, lotte.child_id]).execute();
    expect(viewsAfter).toHaveLength(4);
    // Only this school's care coordinator sees it: who may not import at all is refused (403); the
    // care coordinator of another school is told it does not exist (404), as for an unknown id.
    expect((await (await t.login('beheer')).get(`/api/v1/pupil-imports/${p.id}`)).statusCode).toBe(403);
    expect((await (await t.login('zorgcoordinator')).get(`/api/v1/pupil-imports/${p.id}`)).statusCode).toBe(404);
    const children = await count('children');
    const c = await ib.post(`/api/v1/pupil-imports/${p.id}/commit`);
    expect(c.statusCode).toBe(200);
    expect(c.json()).toMatchObject({ new: 1, transfer: 1, childrenCreated: 1 });
    expect(await count('children')).toBe(children + 1);
    const daans = await t.database.db.selectFrom('children').select('id').where('family_name', 'ilike', 'jansen').where('birth_date', '=', '2015-11-30').execute();
    expect(daans).toHaveLength(2);
    expect((await t.database.db.selectFrom('enrolments').select('end_date').where('id', '=', lotte.id).executeTakeFirstOrThrow()).end_date).toBe(addCalendarDays(D0, -1));
    expect((await t.database.db.selectFrom('enrolments').select('child_id').where('pupil_number', '=', 'B-81').executeTakeFirstOrThrow()).child_id).toBe(lotte.child_id);
    // The other Daan stays at school A.
    expect((await t.database.db.selectFrom('enrolments').select('end_date').where('id', '=', daan.id).executeTakeFirstOrThrow()).end_date).toBeNull();
  });

  it('"zelfde kind" for a match whose dates clash with this school\'s own enrolment is refused with what to fix', async () => {
    // A child who was at this school until after today (its own data) cannot start here again today.
    const schoolB = (await ib.get('/api/v1/session')).json().memberships.find((m: { id: string }) => m.id === membershipB).organisationId;
    const kees = await t.database.db.insertInto('children').values({ region_id: t.demo.regionId, given_name: 'Kees', family_name: 'Oudeman', birth_date: '2015-03-03' }).returning('id').executeTakeFirstOrThrow();
    await t.database.db.insertInto('enrolments').values({ child_id: kees.id, organisation_id: schoolB, start_date: START_A, end_date: addCalendarDays(D0, 5), pupil_number: 'B-OUD' }).execute();
    const file = [HEADER, `B-90;Kees;;Oudeman;03-03-2015;;;Zeist;7;;;`].join('\n');
    const p = (await upload(ib, file)).json();
    const m = p.matches[0];
    expect(m.sameError).toContain(`Vul een inschrijfdatum in ná ${nl(addCalendarDays(D0, 5))}`);
    const res = await ib.put(`/api/v1/pupil-imports/${p.id}/matches/${m.id}`, { decision: 'same' });
    expect(res.statusCode).toBe(400);
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

describe('the preview tells a school nothing about a child it has no relation with (security review, issue 10)', () => {
  // Children of school A that the care coordinator of school B has no relation with.
  const BSN3 = bsn(34_567_890);
  const BSN4 = bsn(45_678_901);
  const BSN5 = bsn(56_789_012);
  let brinA: string;
  let wilhelmina: { id: string; child_id: string };
  let gerrit: { id: string; child_id: string };
  let joost: { id: string; child_id: string };
  const ENDED = addCalendarDays(D0, -3);
  /** Everything of the other school and the other child that must never be in an answer to school B. */
  const secrets = () => [schoolAName, brinA, 'Wilhelmina', 'Gerritsen', 'Bartholomeus', START_A, nl(START_A), ENDED, nl(ENDED), addCalendarDays(D0, -1), nl(addCalendarDays(D0, -1))];
  // The answer's own moments (when the check was made, an ISO timestamp in UTC) are not the other
  // school's dates: around midnight their UTC date is yesterday's Dutch date, one of the secrets.
  const leaks = (body: unknown) => secrets().filter((s) => JSON.stringify(body).replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<moment>').includes(s));
  const lookups = (childId: string, importId: string) =>
    t.database.db
      .selectFrom('access_log')
      .select(['ground', 'outcome', 'organisation_id', 'detail'])
      .where('event', '=', 'registry.transfer_match.view')
      .where('child_id', '=', childId)
      .execute()
      .then((rows) => rows.filter((r) => (r.detail as { importId?: string }).importId === importId));

  beforeAll(async () => {
    await ib.put('/api/v1/session/membership', { membershipId: membershipA });
    brinA = (await t.database.db.selectFrom('organisations').select('brin').where('id', '=', schoolA).executeTakeFirstOrThrow()).brin!;
    const file = [
      HEADER,
      `000701;Wilhelmina;;Zwart;05-06-2016;${BSN3};3701;;5A;;${nl(START_A)};groep 5`,
      `000702;Bartholomeus;;Gerritsen;06-07-2015;${BSN4};3701;;5A;;${nl(START_A)};groep 6`,
      `000703;Joost;;Verbeek;07-08-2016;;3701;;5A;;${nl(START_A)};groep 5`,
    ].join('\n');
    const p = (await upload(ib, file)).json();
    expect(p.errors).toEqual([]);
    expect((await ib.post(`/api/v1/pupil-imports/${p.id}/commit`)).statusCode).toBe(200);
    wilhelmina = (await enrolmentOf('000701'))!;
    gerrit = (await enrolmentOf('000702'))!;
    joost = (await enrolmentOf('000703'))!;
    // School A has recorded that Bartholomeus left: his transfer can go ahead.
    await t.database.db.updateTable('enrolments').set({ end_date: ENDED }).where('id', '=', gerrit.id).execute();
    expect((await ib.put('/api/v1/session/membership', { membershipId: membershipB })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await ib.put('/api/v1/session/membership', { membershipId: membershipA });
  });

  it('a BSN enrolled at another school: only that sentence, no name, school or dates; the transfer waits and the other enrolment is not ended', async () => {
    const children = await count('children');
    const file = [HEADER, `B-301;Mien;;Zwart-de Boer;05-06-2016;${BSN3};;Zeist;7;;;`].join('\n');
    const res = await upload(ib, file);
    const p = res.json();
    expect(p.errors).toEqual([]);
    expect(leaks(p)).toEqual([]);
    expect(p.counts).toMatchObject({ transfer: 0, pending: 1, new: 0 });
    expect(p.changes).toEqual([expect.objectContaining({ row: 2, pupilNumber: 'B-301', givenName: 'Mien', familyName: 'Zwart-de Boer', status: 'pending' })]);
    expect(p.pending).toEqual([{ row: 2, pupilNumber: 'B-301', givenName: 'Mien', familyName: 'Zwart-de Boer', identifier: 'bsn', message: expect.stringMatching(/^Dit BSN staat in de regio ingeschreven op een andere school\. De overstap kan pas als die school de einddatum/) }]);
    expect(await lookups(wilhelmina.child_id, p.id)).toEqual([expect.objectContaining({ ground: 'transfer_match', outcome: 'allowed', detail: expect.objectContaining({ match: 'bsn', row: 2 }) })]);
    // Reloading the stored check shows (and logs) the same, no more.
    const again = await ib.get(`/api/v1/pupil-imports/${p.id}`);
    expect(leaks(again.json())).toEqual([]);
    expect(await lookups(wilhelmina.child_id, p.id)).toHaveLength(2);
    const c = await ib.post(`/api/v1/pupil-imports/${p.id}/commit`);
    expect(c.statusCode).toBe(200);
    expect(c.json()).toMatchObject({ pending: 1, transfer: 0, childrenCreated: 0 });
    expect(leaks(c.json())).toEqual([]);
    // School A's enrolment is untouched; school B did not enrol her yet; still one child record.
    expect(await t.database.db.selectFrom('enrolments').select(['organisation_id', 'end_date']).where('child_id', '=', wilhelmina.child_id).execute()).toEqual([{ organisation_id: schoolA, end_date: null }]);
    expect(await count('children')).toBe(children);
    // No "school_care" entry for a child school B has no relation with.
    expect(await t.database.db.selectFrom('access_log').select('seq').where('event', '=', 'registry.pupil_import').where('child_id', '=', wilhelmina.child_id).where('organisation_id', '!=', schoolA).execute()).toEqual([]);
  });

  it('once the other school has recorded the end date, the transfer goes ahead: one child record, and still nothing of the other school', async () => {
    const children = await count('children');
    const file = [HEADER, `B-302;Bart;;Smit;06-07-2015;${BSN4};;Zeist;7;;;`].join('\n');
    const p = (await upload(ib, file)).json();
    expect(p.errors).toEqual([]);
    expect(p.counts).toMatchObject({ transfer: 1, pending: 0 });
    expect(p.changes).toEqual([expect.objectContaining({ pupilNumber: 'B-302', givenName: 'Bart', familyName: 'Smit', status: 'transfer', startDate: D0 })]);
    expect(leaks(p)).toEqual([]);
    expect(await lookups(gerrit.child_id, p.id)).toHaveLength(1);
    const c = (await ib.post(`/api/v1/pupil-imports/${p.id}/commit`)).json();
    expect(c).toMatchObject({ transfer: 1, childrenCreated: 0 });
    expect(await count('children')).toBe(children);
    const enrolments = await t.database.db.selectFrom('enrolments').select(['organisation_id', 'start_date', 'end_date', 'pupil_number']).where('child_id', '=', gerrit.child_id).orderBy('start_date').execute();
    expect(enrolments).toEqual([
      { organisation_id: schoolA, start_date: START_A, end_date: ENDED, pupil_number: '000702' },
      { organisation_id: expect.not.stringMatching(schoolA), start_date: D0, end_date: null, pupil_number: 'B-302' },
    ]);
  });

  it('the lookups are logged also when the preview answers with row errors (nothing stored)', async () => {
    const children = await count('children');
    const file = [
      HEADER,
      // A BSN of school A's pupil, on a row with an error of its own (unknown mentor).
      `B-303;Mien;;Zwart;05-06-2016;${BSN3};;Zeist;7;onbekend@school.nl;;`,
      // A name and birth date of school A's pupil, on a row whose postcode is outside the region.
      `B-304;Joost;;Verbeek;07-08-2016;;9999 ZZ;;7;;;`,
    ].join('\n');
    const p = (await upload(ib, file)).json();
    expect(p.errors.map((e: { row: number }) => e.row)).toEqual([2, 3]);
    expect(leaks(p)).toEqual([]);
    expect(await lookups(wilhelmina.child_id, p.id)).toEqual([expect.objectContaining({ ground: 'transfer_match', detail: expect.objectContaining({ match: 'bsn', row: 2 }) })]);
    expect(await lookups(joost.child_id, p.id)).toEqual([expect.objectContaining({ ground: 'transfer_match', detail: expect.objectContaining({ match: 'name_birth_date', row: 3 }) })]);
    expect((await ib.post(`/api/v1/pupil-imports/${p.id}/commit`)).statusCode).toBe(409);
    expect(await count('children')).toBe(children);
  });

  it('when storing the check fails after the lookups, they are logged all the same (in a transaction of their own)', async () => {
    // Make storing this one check fail inside the preview's transaction, after the lookups were made.
    await sql`create function test_refuse_import() returns trigger language plpgsql as $$ begin if new.file_name = 'kapot.csv' then raise exception 'opslag mislukt'; end if; return new; end $$`.execute(t.database.db);
    await sql`create trigger test_refuse_import before insert on registry_imports for each row execute function test_refuse_import()`.execute(t.database.db);
    try {
      const before = await t.database.db.selectFrom('registry_imports').select('id').execute();
      const res = await upload(ib, [HEADER, `B-399;Mien;;Zwart;05-06-2016;${BSN3};;Zeist;7;;;`].join('\n'), { name: 'kapot.csv' });
      expect(res.statusCode).toBe(500);
      expect(leaks(res.json())).toEqual([]);
      expect(await t.database.db.selectFrom('registry_imports').select('id').execute()).toHaveLength(before.length);
      const logged = await t.database.db.selectFrom('access_log').select(['ground', 'detail']).where('event', '=', 'registry.transfer_match.view').where('child_id', '=', wilhelmina.child_id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(logged).toMatchObject({ ground: 'transfer_match', detail: { match: 'bsn', row: 2 } });
      expect(before.map((b) => b.id)).not.toContain((logged.detail as { importId: string }).importId);
    } finally {
      await sql`drop trigger test_refuse_import on registry_imports`.execute(t.database.db);
      await sql`drop function test_refuse_import()`.execute(t.database.db);
    }
  });

  it('a BSN of another child given for a pupil of this school: an error without the other child, and the lookup is logged', async () => {
    // B-301 has no enrolment at B (it waited); B-302 (Bart) has. Give Bart the BSN of Wilhelmina.
    const file = [HEADER, `B-302;Bart;;Smit;06-07-2015;${BSN3};;Zeist;7;;;`].join('\n');
    const p = (await upload(ib, file)).json();
    expect(p.errors).toEqual([{ row: 2, column: 'bsn', message: expect.stringContaining('hoort in Samenspel bij een ander kind') }]);
    expect(leaks(p)).toEqual([]);
    expect(await lookups(wilhelmina.child_id, p.id)).toHaveLength(1);
  });

  it('a match on name and birth date shows name and birth date only; "zelfde kind" waits for the other school too', async () => {
    const file = [HEADER, `B-305;Joost;;Verbeek;07-08-2016;${BSN5};;Zeist;7;;;`].join('\n');
    const p = (await upload(ib, file)).json();
    expect(p.errors).toEqual([]);
    expect(p.matches).toHaveLength(1);
    const m = p.matches[0];
    expect(m.candidate).toEqual({ givenName: 'Joost', familyName: 'Verbeek', birthDate: '2016-08-07', enrolledElsewhere: true });
    expect(leaks(p)).toEqual([]);
    expect(await lookups(joost.child_id, p.id)).toHaveLength(1);
    const decided = await ib.put(`/api/v1/pupil-imports/${p.id}/matches/${m.id}`, { decision: 'same' });
    expect(decided.statusCode).toBe(200);
    expect(leaks(decided.json())).toEqual([]);
    const c = await ib.post(`/api/v1/pupil-imports/${p.id}/commit`);
    expect(c.json()).toMatchObject({ pending: 1, transfer: 0, new: 0, childrenCreated: 0 });
    expect(await t.database.db.selectFrom('enrolments').select(['organisation_id', 'end_date']).where('child_id', '=', joost.child_id).execute()).toEqual([{ organisation_id: schoolA, end_date: null }]);
    // The BSN of the file was not written onto a child school B has no relation with.
    expect((await t.database.db.selectFrom('children').select('bsn').where('id', '=', joost.child_id).executeTakeFirstOrThrow()).bsn).toBeNull();
  });
});

describe('the policy decides the ground of every entry (the gateway)', () => {
  it('a pupil new to the school is logged with the ground the policy finds once the enrolment is written; one who starts later, without a ground and with the start date', async () => {
    expect((await ib.put('/api/v1/session/membership', { membershipId: membershipA })).statusCode).toBe(200);
    const later = addCalendarDays(D0, 10);
    const file = [HEADER, `000801;Fenna;;Vandaag;05-05-2016;;3701;;5A;;${nl(D0)};groep 5`, `000802;Floor;;Straks;06-06-2016;;3701;;5A;;${nl(later)};groep 5`].join('\n');
    const p = (await upload(ib, file)).json();
    expect(p.errors).toEqual([]);
    const c = await ib.post(`/api/v1/pupil-imports/${p.id}/commit`);
    expect(c.statusCode).toBe(200);
    expect(c.json()).toMatchObject({ new: 2, childrenCreated: 2 });
    const logged = async (number: string) => {
      const e = (await enrolmentOf(number))!;
      return t.database.db.selectFrom('access_log').select(['outcome', 'ground', 'detail']).where('event', '=', 'registry.pupil_import').where('child_id', '=', e.child_id).execute();
    };
    expect(await logged('000801')).toEqual([{ outcome: 'allowed', ground: 'school_care', detail: { importId: p.id, status: 'new', kind: 'identity' } }]);
    // No relation yet today (the enrolment starts later): the policy is asked on its first day, and the entry says so.
    expect(await logged('000802')).toEqual([{ outcome: 'allowed', ground: 'school_care', detail: { importId: p.id, status: 'new', kind: 'identity', groundOn: later } }]);
  });

  it('a probable leaver the school has no ground for any more is not listed, and deciding about it is refused: one denied entry, nothing changed', async () => {
    const imp = await t.database.db.selectFrom('registry_imports').select('id').where('organisation_id', '=', schoolA).where('kind', '=', 'pupils').orderBy('uploaded_at', 'desc').executeTakeFirstOrThrow();
    const child = await t.database.db.insertInto('children').values({ region_id: t.demo.regionId, given_name: 'Vera', family_name: 'Vertrokken', birth_date: '2015-05-05' }).returning('id').executeTakeFirstOrThrow();
    // The enrolment ended (otherwise than through this page) before today: no school_care any more.
    const e = await t.database.db.insertInto('enrolments').values({ child_id: child.id, organisation_id: schoolA, start_date: START_A, end_date: addCalendarDays(D0, -2), pupil_number: '000899' }).returning('id').executeTakeFirstOrThrow();
    const cand = await t.database.db.insertInto('leaver_candidates').values({ region_id: t.demo.regionId, organisation_id: schoolA, import_id: imp.id, kind: 'pupil', enrolment_id: e.id }).returning('id').executeTakeFirstOrThrow();

    const list = await ib.get('/api/v1/pupil-leavers');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((l: { id: string }) => l.id)).not.toContain(cand.id);
    expect(JSON.stringify(list.json())).not.toContain('Vertrokken');

    const res = await ib.post(`/api/v1/pupil-leavers/${cand.id}/decision`, { decision: 'dismissed' });
    expect(res.statusCode).toBe(404);
    const entries = await t.database.db.selectFrom('access_log').select(['event', 'outcome', 'ground']).where('child_id', '=', child.id).orderBy('seq').execute();
    expect(entries).toEqual([
      { event: 'registry.pupil_leaver.list', outcome: 'denied', ground: null },
      { event: 'registry.pupil_leaver.dismiss', outcome: 'denied', ground: null },
    ]);
    expect((await t.database.db.selectFrom('leaver_candidates').select(['status', 'decided_at']).where('id', '=', cand.id).executeTakeFirstOrThrow())).toEqual({ status: 'open', decided_at: null });
  });
});

describe("another school's import is answered as one that does not exist", () => {
  it("commit, view and decision: the same 404 for another school's import id and for an unknown id, and nothing is written", async () => {
    expect((await ib.put('/api/v1/session/membership', { membershipId: membershipA })).statusCode).toBe(200);
    const p = (await upload(ib, [HEADER, `000951;Otto;;Anders;09-09-2016;;3701;;5A;;;groep 5`].join('\n'))).json();
    expect(p.errors).toEqual([]);
    // The care coordinator of another school: may import pupils, but not see or touch this school's import.
    const other = await t.login('zorgcoordinator');
    const logSize = async () => Number((await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = { children: await count('children'), enrolments: await count('enrolments'), log: await logSize() };
    const answers = async (id: string) => {
      const out = [];
      for (const res of [
        await other.post(`/api/v1/pupil-imports/${id}/commit`),
        await other.get(`/api/v1/pupil-imports/${id}`),
        await other.put(`/api/v1/pupil-imports/${id}/matches/${randomUUID()}`, { decision: 'different' }),
      ]) {
        const { status, code, title, detail } = res.json();
        out.push({ statusCode: res.statusCode, status, code, title, detail });
      }
      return out;
    };
    const real = await answers(p.id);
    expect(real.map((a) => a.statusCode)).toEqual([404, 404, 404]);
    expect(real).toEqual(await answers(randomUUID()));
    expect({ children: await count('children'), enrolments: await count('enrolments'), log: await logSize() }).toEqual(before);
    expect((await t.database.db.selectFrom('registry_imports').select('status').where('id', '=', p.id).executeTakeFirstOrThrow()).status).toBe('preview');
    // The school's own care coordinator still commits it.
    expect((await ib.post(`/api/v1/pupil-imports/${p.id}/commit`)).json()).toMatchObject({ new: 1, childrenCreated: 1 });
  });
});
