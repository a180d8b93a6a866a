import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';

// A fixed Wednesday in November 2026 (region midden: herfstvakantie 17–25 October 2026).
process.env.SAMENSPEL_TODAY = '2026-11-25';

const { startTestApp } = await import('../support/test-app.ts');
const { quietPupils, recordAbsence, uploadAbsence } = await import('../support/absence.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Client = Awaited<ReturnType<TestApp['login']>>;

let t: TestApp;
let ib: Client;
let leerplicht: Client;
let beheer: Client;
let school: string;
let otherSchool: string;
/** Pupils of the ib's school of compulsory-school age, enrolled since before September, without recent demo absence, living in Zeist or De Bilt. */
let zeist: string[];
let debilt: string[];
let spare: string[];

const absent = (childId: string, day: string, hours = 4, reason = 'unauthorised') => recordAbsence(ib, { childId, schoolId: school, day, hours, reason });
const upload = (csv: string) => uploadAbsence(ib, school, csv);
const recordsOf = async (childId: string) => (await t.database.db.selectFrom('absence_records').select('day').where('child_id', '=', childId).where('day', '>=', '2026-09-01').execute()).length;
const exportCsv = (asOf = '2026-11-25') => ib.get(`/api/v1/absence-reports/export?schoolLocationId=${school}&asOf=${asOf}`);
const nameOf = async (childId: string) => {
  const c = await t.database.db.selectFrom('children').select(['given_name', 'family_name']).where('id', '=', childId).executeTakeFirstOrThrow();
  return `${c.given_name} ${c.family_name}`;
};
/** Every school day (Monday–Friday, not in the herfstvakantie, not the school's study day) from `from` to `to`. */
function schoolDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6 && !(d >= '2026-10-17' && d <= '2026-10-25') && d !== '2026-11-18') out.push(d);
  }
  return out;
}

beforeAll(async () => {
  // Large enough that the school always has several pupils from Zeist and De Bilt without recent absence
  // (the demo's mix varies from seed to seed).
  t = await startTestApp({ children: 400 });
  ib = await t.login('ib');
  leerplicht = await t.login('leerplicht');
  beheer = await t.login('beheer');
  school = (await ib.get('/api/v1/session')).json().memberships[0].organisationId;
  otherSchool = (await (await t.login('zorgcoordinator')).get('/api/v1/session')).json().memberships[0].organisationId;
  // Leerplichtig all autumn: 5 before 1 September 2026, not yet 16 (a 4-year-old gets no report and would make a test pass or fail by chance).
  const rows = await quietPupils(t, { schoolId: school, enrolledBy: '2026-09-01', quietSince: '2026-09-01', bornOnOrBefore: '2021-08-01', bornAfter: '2011-01-01' });
  zeist = rows.filter((r) => r.gemeente === 'Zeist').map((r) => r.childId);
  debilt = rows.filter((r) => r.gemeente === 'De Bilt').map((r) => r.childId);
  expect(zeist.length).toBeGreaterThan(4);
  expect(debilt.length).toBeGreaterThan(0);
  // A pupil no other test here uses (the demo's mix of gemeenten at one school varies with its size).
  spare = rows.map((r) => r.childId).filter((id) => !zeist.slice(0, 7).includes(id) && id !== debilt[0]);
  expect(spare.length).toBeGreaterThan(0);
  // The school's own study day on Wednesday 18 November; another school's on Thursday 19 November.
  await t.database.db
    .insertInto('school_free_periods')
    .values([
      { organisation_id: school, name: 'Studiedag', start_date: '2026-11-18', end_date: '2026-11-18' },
      { organisation_id: otherSchool, name: 'Studiedag', start_date: '2026-11-19', end_date: '2026-11-19' },
    ])
    .execute();
});
afterAll(async () => t?.close());

describe('absence only on lesson days', () => {
  it.each([
    ['2026-11-21', 'za 21 november 2026 is geen lesdag (weekend).'],
    ['2026-11-22', 'zo 22 november 2026 is geen lesdag (weekend).'],
    ['2026-10-20', 'di 20 oktober 2026 is geen lesdag (herfstvakantie).'],
    ['2026-11-18', 'wo 18 november 2026 is geen lesdag (studiedag van de school).'],
  ])('entered by hand on %s: 422 with the field, saying which day and why; nothing is written', async (day, message) => {
    const child = zeist[0];
    const res = await absent(child, day);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 422, code: 'not_a_lesson_day', detail: message, invalidParams: [{ name: 'day', code: 'not_a_lesson_day', reason: message }] });
    expect(await recordsOf(child)).toBe(0);
  });

  it("another school's study day is a lesson day here; so is an ordinary Monday", async () => {
    expect((await absent(zeist[0], '2026-11-19', 1, 'ill')).statusCode).toBe(201);
    expect((await absent(zeist[0], '2026-11-23', 1, 'ill')).statusCode).toBe(201);
    expect(await recordsOf(zeist[0])).toBe(2);
  });

  it('in the import every such row is an error in the date column, with the day and why; the file cannot be saved', async () => {
    const child = zeist[1];
    const csv = ['leerling;datum;uren;reden', `${child};2026-11-21;2;ziek`, `${child};2026-10-21;2;ongeoorloofd`, `${child};2026-11-18;2;ziek`, `${child};2026-11-17;2;ziek`].join('\n');
    const p = (await upload(csv)).json();
    expect(p.rows).toBe(1);
    expect(p.errors).toEqual([
      { row: 2, column: 'datum', message: expect.stringMatching(/^za 21 november 2026 is geen lesdag \(weekend\)\. /) },
      { row: 3, column: 'datum', message: expect.stringMatching(/^wo 21 oktober 2026 is geen lesdag \(herfstvakantie\)\. /) },
      { row: 4, column: 'datum', message: expect.stringMatching(/^wo 18 november 2026 is geen lesdag \(studiedag van de school\)\. /) },
    ]);
    const commit = await ib.post(`/api/v1/absence-imports/${p.id}/commit`);
    expect(commit.statusCode).toBe(409);
    expect(commit.json().code).toBe('import_has_errors');
    expect(await recordsOf(child)).toBe(0);
  });
});

describe('the absence import a person can check', () => {
  it('the preview names each pupil with the school’s pupil number; after saving it says which reports arose, by deadline', async () => {
    const child = zeist[2];
    await sql`update enrolments set pupil_number = '4711' where child_id = ${child} and organisation_id = ${school} and end_date is null`.execute(t.database.db);
    const rows = ['leerling;datum;uren;reden', '4711;2026-11-02;8;ongeoorloofd', '4711;2026-11-03;8;ongeoorloofd', '4711;2026-11-04;6;luxeverzuim', '4711;2026-11-05;1;ziek'];
    const p = (await upload(rows.join('\n'))).json();
    expect(p.errors).toEqual([]);
    expect(p.preview[0]).toEqual({ row: 2, childId: child, name: await nameOf(child), pupilNumber: '4711', day: '2026-11-02', hours: 8, reason: 'unauthorised' });
    // Showing the names is a look at the pupils' identity: logged with the school's ground.
    const logged = await t.database.db.selectFrom('access_log').select(['child_id', 'ground', 'outcome']).where('event', '=', 'absence.import.preview').where('child_id', '=', child).execute();
    expect(logged).toEqual([{ child_id: child, ground: 'school_care', outcome: 'allowed' }]);

    const done = await ib.post(`/api/v1/absence-imports/${p.id}/commit`);
    expect(done.statusCode).toBe(200);
    expect(done.json().newReports).toBe(2);
    expect(done.json().reports).toEqual([
      { id: expect.any(String), childId: child, name: await nameOf(child), type: '16-uur', dueOn: '2026-11-03', deadline: '2026-11-10' },
      { id: expect.any(String), childId: child, name: await nameOf(child), type: 'luxe', dueOn: '2026-11-04', deadline: '2026-11-11' },
    ]);
  });

  it('a report’s page shows the days and hours that made it (luxe: the luxury days only)', async () => {
    const list = (await ib.get(`/api/v1/absence-reports?schoolLocationId=${school}&pageSize=500`)).json();
    const mine = list.items.filter((r: { childId: string }) => r.childId === zeist[2]);
    const sixteen = mine.find((r: { type: string }) => r.type === '16-uur');
    const luxe = mine.find((r: { type: string }) => r.type === 'luxe');
    expect((await ib.get(`/api/v1/absence-reports/${sixteen.id}`)).json().days).toEqual([
      { day: '2026-11-02', hours: 8, reason: 'unauthorised' },
      { day: '2026-11-03', hours: 8, reason: 'unauthorised' },
    ]);
    expect((await ib.get(`/api/v1/absence-reports/${luxe.id}`)).json().days).toEqual([{ day: '2026-11-04', hours: 6, reason: 'luxury' }]);
    // Read through the gateway like the rest of the report: another school's care coordinator gets 404.
    expect((await (await t.login('zorgcoordinator')).get(`/api/v1/absence-reports/${sixteen.id}`)).statusCode).toBe(404);
  });
});

describe('the DUO export never has an empty identifier', () => {
  let child: string;
  beforeAll(async () => {
    // Every pupil of the region gets an onderwijsnummer where it has neither number, except the one under test.
    await sql`
      update children c set onderwijsnummer = '10' || lpad(n.i::text, 7, '0')
      from (select id, row_number() over (order by id) as i from children where bsn is null and onderwijsnummer is null) n
      where c.id = n.id`.execute(t.database.db);
    child = zeist[3];
    await sql`update children set bsn = null, onderwijsnummer = null where id = ${child}`.execute(t.database.db);
    await sql`update enrolments set pupil_number = '8123' where child_id = ${child} and organisation_id = ${school} and end_date is null`.execute(t.database.db);
    for (const day of ['2026-11-16', '2026-11-17']) expect((await absent(child, day, 8)).statusCode).toBe(201);
  });

  it('a pupil without BSN or onderwijsnummer is named with the pupil number and how to fix it; nothing is exported, no BSN is read', async () => {
    const res = await exportCsv();
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const name = await nameOf(child);
    const body = res.json();
    expect(body.code).toBe('missing_identifier');
    expect(body.detail).toContain(`${name} (leerlingnummer 8123)`);
    expect(body.detail).toMatch(/pagina van het kind.*leerlingenimport/);
    expect(body.detail).toContain('Er is niets geëxporteerd.');
    expect(body.invalidParams).toEqual([{ name: `pupils/${child}`, code: 'missing_identifier', reason: expect.stringContaining(`${name} (leerlingnummer 8123) heeft geen BSN of onderwijsnummer.`) }]);
    const bsnReads = await t.database.db.selectFrom('access_log').select('child_id').where('event', '=', 'absence.report.export').execute();
    expect(bsnReads).toEqual([]);
  });

  it('with the onderwijsnummer recorded, the export has it; no row has an empty identifier', async () => {
    await sql`update children set onderwijsnummer = '109999999' where id = ${child}`.execute(t.database.db);
    const res = await exportCsv();
    expect(res.statusCode).toBe(200);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    const at = lines[0].split(';').indexOf('bsn_of_onderwijsnummer');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line.split(';')[at]).toMatch(/^\d{9}$/);
    expect(lines.some((l) => l.split(';')[at] === '109999999')).toBe(true);
  });
});

describe('RMC: 18 up to 23 without a startkwalificatie', () => {
  /** Absent without a valid reason, 6 hours every school day from Monday 26 October to Friday 20 November: 4 lesson weeks, 19 school days (the study day is none). */
  const away = (childId: string) => ['leerling;datum;uren;reden', ...schoolDays('2026-10-26', '2026-11-20').map((d) => `${childId};${d};6;ongeoorloofd`)].join('\n');
  const importAway = async (childId: string) => {
    const p = (await upload(away(childId))).json();
    expect(p.errors).toEqual([]);
    const res = await ib.post(`/api/v1/absence-imports/${p.id}/commit`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const reportsOf = async (childId: string) => (await ib.get(`/api/v1/absence-reports?schoolLocationId=${school}&pageSize=500`)).json().items.filter((r: { childId: string }) => r.childId === childId);
  const report = async (id: string) => {
    const version = (await ib.get(`/api/v1/absence-reports/${id}`)).json().version;
    return ib.post(`/api/v1/absence-reports/${id}/decisions`, { kind: 'reported', occurredOn: '2026-11-24', reference: 'DUO-RMC-1', version });
  };
  let inZeist: string;
  let inDeBilt: string;

  beforeAll(async () => {
    inZeist = zeist[4];
    inDeBilt = debilt[0];
    // Both 19 in November 2026, without a startkwalificatie.
    await sql`update children set birth_date = '2007-06-01', startkwalificatie_on = null where id in (${inZeist}, ${inDeBilt})`.execute(t.database.db);
  });

  it('four weeks absent: one RMC report, due on the day the 4 weeks were full; no LRV or 16-uur for an adult', async () => {
    const done = await importAway(inZeist);
    expect(done.reports).toEqual([{ id: expect.any(String), childId: inZeist, name: await nameOf(inZeist), type: 'rmc', dueOn: '2026-11-20', deadline: '2026-11-27' }]);
    const mine = await reportsOf(inZeist);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ type: 'rmc', startDate: '2026-10-26', endDate: '2026-11-20', hours: 114, status: 'due' });
  });

  it('once the school reported it, the leerplicht workspace of the gemeente where the young person lives shows it, and not another', async () => {
    await importAway(inDeBilt);
    const [zeistReport] = await reportsOf(inZeist);
    const [debiltReport] = await reportsOf(inDeBilt);
    expect(debiltReport).toMatchObject({ type: 'rmc' });
    expect((await report(zeistReport.id)).statusCode).toBe(200);
    expect((await report(debiltReport.id)).statusCode).toBe(200);
    const ws = (await leerplicht.get('/api/v1/leerplicht/absence-reports?pageSize=100')).json();
    const ids = ws.items.map((r: { id: string }) => r.id);
    expect(ws.items.find((r: { id: string }) => r.id === zeistReport.id)).toMatchObject({ type: 'rmc', status: 'reported', followup: 'new' });
    expect(ids).not.toContain(debiltReport.id);
    expect((await leerplicht.get(`/api/v1/absence-reports/${zeistReport.id}`)).statusCode).toBe(200);
    expect((await leerplicht.get(`/api/v1/absence-reports/${debiltReport.id}`)).statusCode).toBe(404);
  });

  it('the DUO export names the type as DUO does (RMC)', async () => {
    // Another young person's RMC report, still to be made.
    const child = zeist[5] ?? spare[1] ?? spare[0];
    await sql`update children set birth_date = '2006-02-01', startkwalificatie_on = null, onderwijsnummer = '108888888', bsn = null where id = ${child}`.execute(t.database.db);
    await importAway(child);
    const res = await exportCsv();
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/;108888888;2006-02-01;[^;]*;[^;]*;RMC;2026-10-26;2026-11-20;114,00;/);
  });

  it('a startkwalificatie recorded for the young person withdraws the open RMC report', async () => {
    const child = spare[0];
    await sql`update children set birth_date = '2005-03-01', startkwalificatie_on = null where id = ${child}`.execute(t.database.db);
    await importAway(child);
    const [rmc] = await reportsOf(child);
    expect(rmc).toMatchObject({ type: 'rmc', status: 'due' });
    const version = (await ib.get(`/api/v1/children/${child}`)).json().version;
    const res = await ib.put(`/api/v1/children/${child}/startkwalificatie`, { obtainedOn: '2026-06-30', version });
    expect(res.statusCode).toBe(200);
    expect(res.json().withdrawnReports).toBe(1);
    expect((await reportsOf(child))[0]).toMatchObject({ id: rmc.id, status: 'withdrawn' });
  });

  it('the region switches on "16 uur in 4 weken" from 18: then an adult’s 16 hours are reported too', async () => {
    const child = zeist[6] ?? zeist[0];
    await sql`update children set birth_date = '2007-01-15', startkwalificatie_on = null where id = ${child}`.execute(t.database.db);
    expect((await absent(child, '2026-11-09', 8)).json().newReports).toBe(0);
    expect((await absent(child, '2026-11-10', 8)).json().newReports).toBe(0);
    const settings = (await beheer.get('/api/v1/settings')).json();
    const saved = await beheer.put('/api/v1/settings', { values: { absenceSixteenHoursFrom18: 1 }, version: settings.version });
    expect(saved.statusCode).toBe(200);
    expect((await absent(child, '2026-11-10', 8)).json().newReports).toBe(1);
    expect((await reportsOf(child)).map((r: { type: string; startDate: string; endDate: string }) => [r.type, r.startDate, r.endDate])).toEqual([['16-uur', '2026-11-09', '2026-11-10']]);
  });
});
