import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';

// A fixed Wednesday in November 2026, outside every school holiday, so the dates below are school days.
process.env.SAMENSPEL_TODAY = '2026-11-25';

const { startTestApp } = await import('../support/test-app.ts');
const { quietPupils, recordAbsence } = await import('../support/absence.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Client = Awaited<ReturnType<TestApp['login']>>;

let t: TestApp;
let ib: Client;
let leerplicht: Client;
let school: string;
/** Pupils of the ib's school enrolled since before November, living in Zeist (the attendance officer's gemeente) or De Bilt. */
let zeist: string[];
let debilt: string[];

const absent = (c: Client, childId: string, day: string, hours: number, reason = 'unauthorised') => recordAbsence(c, { childId, schoolId: school, day, hours, reason });
const reports = (c: Client, query: string) => c.get(`/api/v1/absence-reports?schoolLocationId=${school}&${query}`);
/** The reports of one pupil in a list answer. */
const of = (res: { json(): { items: { id: string; childId: string; startDate: string; [field: string]: unknown }[] } }, childId: string) => res.json().items.filter((r) => r.childId === childId && r.startDate >= '2026-11-01');
/** A decision or follow-up as the screen sends it: based on the version of the report it read. */
const versionOf = async (c: Client, reportId: string): Promise<number> => (await c.get(`/api/v1/absence-reports/${reportId}`)).json().version;
const decide = async (c: Client, reportId: string, body: object) => c.post(`/api/v1/absence-reports/${reportId}/decisions`, { ...body, version: await versionOf(c, reportId) });
const followUp = async (c: Client, reportId: string, body: object) => c.post(`/api/v1/absence-reports/${reportId}/followups`, { ...body, version: await versionOf(c, reportId) });

beforeAll(async () => {
  t = await startTestApp({ children: 150 });
  ib = await t.login('ib');
  leerplicht = await t.login('leerplicht');
  school = (await ib.get('/api/v1/session')).json().memberships[0].organisationId;
  // Pupils without recent unauthorised or luxury demo absence, so that every November report below is one this test made.
  const rows = await quietPupils(t, { schoolId: school, enrolledBy: '2026-10-01', bornOnOrBefore: '2020-06-01', quietSince: '2026-09-28', reasons: ['unauthorised', 'luxury'] });
  zeist = rows.filter((r) => r.gemeente === 'Zeist').map((r) => r.childId);
  debilt = rows.filter((r) => r.gemeente === 'De Bilt').map((r) => r.childId);
  expect(zeist.length).toBeGreaterThan(4);
  expect(debilt.length).toBeGreaterThan(0);
});
afterAll(async () => t?.close());

describe('the 16-uur report from absence entered by hand', () => {
  let reportId: string;

  it('the 16th hour makes the report; it is listed from the day it became due, with the deadline 5 working days later', async () => {
    const child = zeist[0];
    for (const day of ['2026-11-02', '2026-11-03', '2026-11-04']) expect((await absent(ib, child, day, 4)).statusCode).toBe(201);
    const last = await absent(ib, child, '2026-11-05', 4);
    expect(last.json().newReports).toBe(1);

    expect(of(await reports(ib, 'asOf=2026-11-04'), child)).toEqual([]);
    const onDue = of(await reports(ib, 'asOf=2026-11-05'), child);
    expect(onDue).toHaveLength(1);
    expect(onDue[0]).toMatchObject({ childId: child, type: '16-uur', startDate: '2026-11-02', endDate: '2026-11-05', hours: 16, deadline: '2026-11-12', status: 'due' });
    reportId = onDue[0].id;
    expect(of(await reports(ib, 'asOf=2026-11-12'), child)[0].status).toBe('due');
    expect(of(await reports(ib, 'asOf=2026-11-13'), child)[0].status).toBe('overdue');
    const overdue = (await reports(ib, 'status=overdue&pageSize=500')).json();
    expect(overdue.items.map((r: { id: string }) => r.id)).toContain(reportId);
    expect(overdue.items.every((r: { status: string }) => r.status === 'overdue')).toBe(true);
    expect(overdue.counts.overdue).toBe(overdue.total);
  });

  it('15.5 hours gives no report', async () => {
    const child = zeist[1];
    for (const [day, h] of [['2026-11-02', 4], ['2026-11-03', 4], ['2026-11-04', 4], ['2026-11-05', 3.5]] as const) await absent(ib, child, day, h);
    expect(of(await reports(ib, 'asOf=2026-11-25'), child)).toEqual([]);
  });

  it('the attendance officer does not see a report the school has not made yet', async () => {
    expect((await leerplicht.get(`/api/v1/absence-reports/${reportId}`)).statusCode).toBe(404);
    expect((await leerplicht.get('/api/v1/leerplicht/absence-reports')).json().items.map((r: { id: string }) => r.id)).not.toContain(reportId);
  });

  it('"reported" needs the DUO reference; then the status is reported from that date on', async () => {
    const missing = await decide(ib, reportId, { kind: 'reported', occurredOn: '2026-11-10' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().invalidParams[0]).toMatchObject({ name: 'reference' });
    const future = await decide(ib, reportId, { kind: 'reported', occurredOn: '2026-12-01', reference: 'X' });
    expect(future.json().invalidParams[0]).toMatchObject({ name: 'occurredOn', code: 'in_future' });

    const ok = await decide(ib, reportId, { kind: 'reported', occurredOn: '2026-11-10', reference: 'DUO-2026-000123' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'reported', reportedOn: '2026-11-10', reference: 'DUO-2026-000123', allowed: [] });
    expect(ok.json().version).toBe((await versionOf(ib, reportId)));
    // Looking back: on 9 November it was still due.
    expect(of(await reports(ib, 'asOf=2026-11-09&pageSize=500'), zeist[0])[0].status).toBe('due');
    expect(of(await reports(ib, 'asOf=2026-11-10&pageSize=500'), zeist[0])[0].status).toBe('reported');
    const again = await decide(ib, reportId, { kind: 'dismissed', reason: 'toch niet nodig' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('invalid_transition');
  });

  it('once reported, the report is in the workspace of the attendance officer of the pupil’s gemeente, who keeps an own status and notes', async () => {
    const ws = (await leerplicht.get('/api/v1/leerplicht/absence-reports?pageSize=100')).json();
    const item = ws.items.find((r: { id: string }) => r.id === reportId);
    expect(item).toMatchObject({ type: '16-uur', status: 'reported', followup: 'new', reference: 'DUO-2026-000123' });
    expect(ws.counts.new).toBeGreaterThanOrEqual(1);

    const talk = await followUp(leerplicht, reportId, { status: 'talk', note: 'Gesprek met ouders gepland op 1 december.' });
    expect(talk.statusCode).toBe(201);
    expect(talk.json()).toMatchObject({ status: 'talk' });
    const back = await followUp(leerplicht, reportId, { status: 'received' });
    expect(back.statusCode).toBe(409);
    expect(back.json().code).toBe('invalid_transition');
    const empty = await followUp(leerplicht, reportId, { note: '  ' });
    expect(empty.statusCode).toBe(400);
    expect((await followUp(leerplicht, reportId, { note: 'Ouders gebeld, afspraak bevestigd.' })).json().status).toBe('talk');

    const detail = (await leerplicht.get(`/api/v1/absence-reports/${reportId}`)).json();
    expect(detail.followup.status).toBe('talk');
    expect(detail.followup.items.map((f: { note: string }) => f.note)).toEqual(['Gesprek met ouders gepland op 1 december.', null, 'Ouders gebeld, afspraak bevestigd.'].filter(Boolean));
    expect(detail.history.map((h: { kind: string }) => h.kind)).toEqual(['reported']);
    expect((await leerplicht.get('/api/v1/leerplicht/absence-reports?followup=talk&pageSize=100')).json().items.map((r: { id: string }) => r.id)).toContain(reportId);
    expect((await leerplicht.get('/api/v1/leerplicht/absence-reports?followup=new&pageSize=100')).json().items.map((r: { id: string }) => r.id)).not.toContain(reportId);

    // The school does not see the officer's notes.
    expect((await ib.get(`/api/v1/absence-reports/${reportId}`)).json().followup).toBeNull();
  });

  it('each read is in the access log with its ground; a refused read is logged as denied', async () => {
    const wijkteam = await t.login('wijkteam');
    expect((await wijkteam.get(`/api/v1/absence-reports/${reportId}`)).statusCode).toBe(404);
    const log = await t.database.db.selectFrom('access_log').select(['event', 'outcome', 'ground', 'role']).where('event', '=', 'absence.report.read').execute();
    expect(log).toEqual(expect.arrayContaining([
      expect.objectContaining({ outcome: 'allowed', ground: 'leerplicht_residence', role: 'attendance_officer' }),
      expect.objectContaining({ outcome: 'allowed', ground: 'school_care' }),
      expect.objectContaining({ outcome: 'denied', role: 'wijkteam_worker' }),
    ]));
  });

  it('the gateway finds the child behind the report: a refusal is one denied entry with that child and the report; an unknown report is denied without a child', async () => {
    const entries = (where: { role: string }) =>
      t.database.db.selectFrom('access_log').select(['outcome', 'child_id', 'ground', 'detail']).where('event', '=', 'absence.report.read').where('role', '=', where.role).where(sql<boolean>`detail->>'absenceReportId' = ${reportId}`).orderBy('seq').execute();
    expect(await entries({ role: 'wijkteam_worker' })).toEqual([{ outcome: 'denied', child_id: zeist[0], ground: null, detail: { absenceReportId: reportId, kind: 'absence' } }]);
    // The officer: refused before the school reported it, then on the residence ground.
    const officer = await entries({ role: 'attendance_officer' });
    expect(officer[0]).toMatchObject({ outcome: 'denied', child_id: zeist[0], ground: null });
    expect(officer.slice(1).length).toBeGreaterThan(0);
    expect(officer.slice(1).every((e) => e.outcome === 'allowed' && e.ground === 'leerplicht_residence' && e.child_id === zeist[0])).toBe(true);

    const unknown = '00000000-0000-4000-8000-00000000abcd';
    expect((await ib.get(`/api/v1/absence-reports/${unknown}`)).statusCode).toBe(404);
    expect((await ib.post(`/api/v1/absence-reports/${unknown}/decisions`, { kind: 'dismissed', reason: 'bestaat niet', version: 1 })).statusCode).toBe(404);
    const logged = await t.database.db.selectFrom('access_log').select(['event', 'outcome', 'child_id']).where(sql<boolean>`detail->>'absenceReportId' = ${unknown}`).orderBy('seq').execute();
    expect(logged).toEqual([
      { event: 'absence.report.read', outcome: 'denied', child_id: null },
      { event: 'absence.report.dismissed', outcome: 'denied', child_id: null },
    ]);
  });

  it('the list and the workspace log each pupil on the page with the ground the policy found', async () => {
    await reports(ib, 'pageSize=500');
    const list = await t.database.db.selectFrom('access_log').select(['ground']).where('event', '=', 'absence.report.list').where('child_id', '=', zeist[0]).execute();
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list.map((l) => l.ground))).toEqual(new Set(['school_care']));
    await leerplicht.get('/api/v1/leerplicht/absence-reports?pageSize=100');
    const ws = await t.database.db.selectFrom('access_log').select(['ground', 'outcome']).where('event', '=', 'absence.report.workspace').where('child_id', '=', zeist[0]).execute();
    expect(ws.length).toBeGreaterThan(0);
    expect(ws.every((w) => w.outcome === 'allowed' && w.ground === 'leerplicht_residence')).toBe(true);
  });
});

describe('who may see and act', () => {
  it('a teacher, the school leader and the analyst get no report list; the officer may not decide for the school', async () => {
    for (const user of ['leerkracht', 'directeur', 'beleid']) {
      const c = await t.login(user);
      expect((await reports(c, 'asOf=2026-11-25')).statusCode).toBe(403);
      expect((await c.get('/api/v1/leerplicht/absence-reports')).statusCode).toBe(403);
    }
    const any = of(await reports(ib, 'pageSize=500'), zeist[0])[0];
    expect((await leerplicht.post(`/api/v1/absence-reports/${any.id}/decisions`, { kind: 'dismissed', reason: 'niet van mij', version: any.version })).statusCode).toBe(403);
    expect((await ib.post(`/api/v1/absence-reports/${any.id}/followups`, { status: 'talk', version: any.version })).statusCode).toBe(403);
  });

  it('a pupil living in another gemeente is not in this officer’s workspace', async () => {
    const child = debilt[0];
    for (const day of ['2026-11-09', '2026-11-10']) await absent(ib, child, day, 8);
    const [r] = of(await reports(ib, 'pageSize=500'), child);
    expect(r).toMatchObject({ type: '16-uur', startDate: '2026-11-09', endDate: '2026-11-10' });
    expect((await decide(ib, r.id, { kind: 'reported', reference: 'DUO-2' })).statusCode).toBe(200);
    expect((await leerplicht.get('/api/v1/leerplicht/absence-reports?pageSize=100')).json().items.map((x: { id: string }) => x.id)).not.toContain(r.id);
    expect((await leerplicht.get(`/api/v1/absence-reports/${r.id}`)).statusCode).toBe(404);
    expect((await leerplicht.post(`/api/v1/absence-reports/${r.id}/followups`, { status: 'talk', version: (r.version as number) + 1 })).statusCode).toBe(404);
  });
});

describe('corrections, luxury absence, overig verzuim and the DUO export', () => {
  it('corrected absence withdraws a report that was not made yet; correcting it back reopens it', async () => {
    const child = zeist[2];
    for (const day of ['2026-11-16', '2026-11-17']) await absent(ib, child, day, 8);
    const find = async () => of(await reports(ib, 'pageSize=500'), child)[0];
    expect((await find()).status).toBe('overdue');
    await absent(ib, child, '2026-11-17', 2); // it was 2 hours, not 8
    expect((await find()).status).toBe('withdrawn');
    await absent(ib, child, '2026-11-17', 8);
    expect((await find()).status).toBe('overdue');
  });

  it('luxury absence is reported whatever the hours', async () => {
    const child = zeist[3];
    await absent(ib, child, '2026-11-19', 6, 'luxury');
    await absent(ib, child, '2026-11-20', 6, 'luxury');
    const [r] = of(await reports(ib, 'type=luxe&pageSize=500'), child);
    expect(r).toMatchObject({ type: 'luxe', startDate: '2026-11-19', endDate: '2026-11-20', hours: 12, deadline: '2026-11-27' });
  });

  it('dismissing needs a reason and can be undone', async () => {
    const [r] = of(await reports(ib, 'type=luxe&pageSize=500'), zeist[3]);
    expect((await decide(ib, r.id, { kind: 'dismissed', reason: '' })).json().invalidParams[0].name).toBe('reason');
    expect((await decide(ib, r.id, { kind: 'dismissed', reason: 'Verlof was wel verleend (art. 13a), verkeerd geregistreerd.' })).json().status).toBe('dismissed');
    expect((await decide(ib, r.id, { kind: 'reopened' })).json().status).not.toBe('dismissed');
  });

  it('"overig verzuim" is made by hand with an explanation, once per period', async () => {
    const child = zeist[4];
    const short = await ib.post('/api/v1/absence-reports', { childId: child, schoolLocationId: school, startDate: '2026-11-02', endDate: '2026-11-20', explanation: 'ziek' });
    expect(short.statusCode).toBe(400);
    expect(short.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['explanation']);
    const body = { childId: child, schoolLocationId: school, startDate: '2026-11-02', endDate: '2026-11-20', explanation: 'Elke maandag ziek gemeld; ouders onbereikbaar. Twijfel aan de ziekmeldingen.' };
    const ok = await ib.post('/api/v1/absence-reports', body);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ type: 'overig', origin: 'manual', status: 'due', dueOn: '2026-11-25', deadline: '2026-12-02' });
    expect((await ib.post('/api/v1/absence-reports', body)).statusCode).toBe(409);
    expect((await ib.post('/api/v1/absence-reports', { ...body, startDate: '2026-11-21', endDate: '2026-11-20' })).json().invalidParams[0].name).toBe('endDate');
  });

  it('the DUO export lists the reports still to be made, with BSN and the verzuimloket fields, and logs the BSN use', async () => {
    // DUO needs a BSN or onderwijsnummer of every pupil (test/api/absence-law.test.ts): the demo's pupils without a BSN get an onderwijsnummer.
    await sql`
      update children c set onderwijsnummer = '10' || lpad(n.i::text, 7, '0')
      from (select id, row_number() over (order by id) as i from children where bsn is null and onderwijsnummer is null) n
      where c.id = n.id`.execute(t.database.db);
    const res = await ib.get(`/api/v1/absence-reports/export?schoolLocationId=${school}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('brin;vestiging;bsn_of_onderwijsnummer;geboortedatum;achternaam;voornamen;soort_verzuim;begindatum_verzuim;einddatum_verzuim;aantal_uren;toelichting;contactpersoon_school');
    const open = (await reports(ib, 'status=due,overdue&pageSize=500')).json();
    expect(lines).toHaveLength(1 + open.total);
    const overig = lines.find((l) => l.includes('Overig verzuim'))!.split(';');
    const child = await t.database.db.selectFrom('children').select(['bsn', 'onderwijsnummer', 'birth_date', 'family_name']).where('id', '=', zeist[4]).executeTakeFirstOrThrow();
    expect(overig[2]).toBe(child.bsn ?? child.onderwijsnummer);
    for (const line of lines.slice(1)) expect(line.split(';')[2]).toMatch(/^\d{9}$/);
    expect(overig.slice(3, 5)).toEqual([child.birth_date, child.family_name]);
    expect(overig[7]).toBe('2026-11-02');
    const logged = await t.database.db.selectFrom('access_log').select(['child_id', 'detail']).where('event', '=', 'absence.report.export').execute();
    expect(logged).toHaveLength(open.total > 0 ? new Set(open.items.map((i: { childId: string }) => i.childId)).size : 0);
  });

  it('is ordered, counted and paged as one list: overdue and due by deadline, then dismissed, reported, withdrawn, the latest due first', async () => {
    type Item = { id: string; status: string; deadline: string; dueOn: string };
    const whole = (await reports(ib, 'pageSize=500')).json();
    const items: Item[] = whole.items;
    expect(items.length).toBeGreaterThan(3);
    expect(whole.total).toBe(items.length);
    // The counts are the statuses of the list, whatever the filter.
    const tally = Object.fromEntries(['due', 'overdue', 'reported', 'dismissed', 'withdrawn'].map((st) => [st, items.filter((i) => i.status === st).length]));
    expect(whole.counts).toEqual(tally);
    const rank = { overdue: 0, due: 1, dismissed: 2, reported: 3, withdrawn: 4 } as Record<string, number>;
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1], items[i]];
      expect(rank[a.status] <= rank[b.status], `${a.status} before ${b.status}`).toBe(true);
      if (a.status === b.status && (a.status === 'due' || a.status === 'overdue')) expect(a.deadline <= b.deadline).toBe(true);
      if (a.status === b.status && a.status !== 'due' && a.status !== 'overdue') expect(a.dueOn >= b.dueOn).toBe(true);
    }
    // Pages of 2 put together are the whole list, each report once; the counts on every page.
    const paged: Item[] = [];
    for (let page = 1; page <= Math.ceil(items.length / 2); page++) {
      const p = (await reports(ib, `pageSize=2&page=${page}`)).json();
      expect(p).toMatchObject({ total: items.length, counts: tally });
      paged.push(...p.items);
    }
    expect(paged.map((i) => i.id)).toEqual(items.map((i) => i.id));
    // Past the last page, and a status no report has: no items, the counts and the total still right.
    expect((await reports(ib, `pageSize=2&page=${Math.ceil(items.length / 2) + 3}`)).json()).toMatchObject({ items: [], total: items.length, counts: tally });
    expect((await reports(ib, 'status=withdrawn&pageSize=50')).json()).toMatchObject({ total: tally.withdrawn, counts: tally });
    const open = (await reports(ib, 'status=due,overdue&pageSize=1')).json();
    expect(open).toMatchObject({ total: tally.due + tally.overdue, counts: tally });
    expect(open.items.map((i: Item) => i.status)).toEqual(tally.overdue ? ['overdue'] : tally.due ? ['due'] : []);
  });

  it('bad filters are refused with a message that says what is allowed', async () => {
    const res = await reports(ib, 'status=open');
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams[0]).toMatchObject({ name: 'status' });
    expect((await reports(ib, 'asOf=2026-02-30')).json().invalidParams[0].name).toBe('asOf');
  });
});

describe('startkwalificatie: the end of kwalificatieplicht', () => {
  it('a 17-year-old with a startkwalificatie needs no report; recording it withdraws the open one, clearing it brings it back', async () => {
    const zc = await t.login('zorgcoordinator');
    const vo = (await zc.get('/api/v1/session')).json().memberships[0].organisationId;
    // Turned 16 before this school year (leerplicht over), not yet 18, no recent unauthorised absence.
    const pupil = await t.database.db
      .selectFrom('enrolments as e')
      .innerJoin('children as c', 'c.id', 'e.child_id')
      .select('c.id')
      .where('e.organisation_id', '=', vo)
      .where('e.end_date', 'is', null)
      .where('e.start_date', '<=', '2026-10-01')
      .where('c.birth_date', '>', '2008-11-26')
      .where('c.birth_date', '<', '2010-07-31')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('absence_records as a').select('a.id').whereRef('a.child_id', '=', 'c.id').where('a.reason', 'in', ['unauthorised', 'luxury']).where('a.day', '>=', '2026-09-28'))),
      )
      .orderBy('c.id')
      .executeTakeFirstOrThrow();
    for (const day of ['2026-11-16', '2026-11-17']) {
      expect((await zc.post('/api/v1/absence-records', { childId: pupil.id, schoolLocationId: vo, day, hours: 8, reason: 'unauthorised' })).statusCode).toBe(201);
    }
    const mine = async () => (await zc.get(`/api/v1/absence-reports?schoolLocationId=${vo}&pageSize=500`)).json().items.filter((r: { childId: string; startDate: string }) => r.childId === pupil.id && r.startDate >= '2026-11-01');
    expect((await mine()).map((r: { status: string }) => r.status)).toEqual(['overdue']);

    const read = (await zc.get(`/api/v1/children/${pupil.id}`)).json();
    expect(read).toMatchObject({ startkwalificatieOn: null, version: expect.any(Number) });
    const future = await zc.put(`/api/v1/children/${pupil.id}/startkwalificatie`, { obtainedOn: '2027-07-01', version: read.version });
    expect(future.json().invalidParams[0]).toMatchObject({ name: 'obtainedOn', code: 'in_future' });
    const set = await zc.put(`/api/v1/children/${pupil.id}/startkwalificatie`, { obtainedOn: '2026-07-03', version: read.version });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ obtainedOn: '2026-07-03', withdrawnReports: 1, version: read.version + 1 });
    expect((await mine()).map((r: { status: string }) => r.status)).toEqual(['withdrawn']);

    expect((await zc.put(`/api/v1/children/${pupil.id}/startkwalificatie`, { obtainedOn: null, version: set.json().version })).json()).toMatchObject({ obtainedOn: null, version: read.version + 2 });
    expect((await mine()).map((r: { status: string }) => r.status)).toEqual(['overdue']);

    // Only the school's care coordinator records it; a teacher or the officer may not.
    expect((await (await t.login('mentor')).put(`/api/v1/children/${pupil.id}/startkwalificatie`, { obtainedOn: '2026-07-03', version: read.version + 2 })).statusCode).toBe(403);
    expect((await ib.put(`/api/v1/children/${pupil.id}/startkwalificatie`, { obtainedOn: '2026-07-03', version: read.version + 2 })).statusCode).toBe(404);
  });
});

/** A 409 for an update based on a stale version: problem+json with the record as it is now. */
function expectStale(res: { statusCode: number; body: string; headers: Record<string, unknown>; json(): { code: string; current?: unknown } }) {
  expect(res.statusCode, res.body).toBe(409);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json().code).toBe('stale_version');
  return res.json().current as Record<string, unknown> & { version: number };
}

describe('no lost update: a decision, a follow-up or a startkwalificatie based on a stale version is refused with the current state', () => {
  let reportId: string;
  const eventsOf = (id: string) => t.database.db.selectFrom('absence_report_events').select('kind').where('report_id', '=', id).orderBy('id').execute();

  it('two decisions on the same version of a report: the first is recorded, the second gets 409 with the report as it is now', async () => {
    const made = await ib.post('/api/v1/absence-reports', { childId: zeist[1], schoolLocationId: school, startDate: '2026-11-02', endDate: '2026-11-05', explanation: 'Vier dagen op rij korte afwezigheid, ouders niet bereikbaar.' });
    expect(made.statusCode).toBe(201);
    reportId = made.json().id;
    const v = (await ib.get(`/api/v1/absence-reports/${reportId}`)).json().version;
    expect(made.json().version).toBe(v);

    // Two tabs show version v; the first dismisses it, the second (still on v) reports it to DUO.
    const first = await ib.post(`/api/v1/absence-reports/${reportId}/decisions`, { kind: 'dismissed', reason: 'Met de ouders besproken: toch geoorloofd.', version: v });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'dismissed', version: v + 1 });
    const second = await ib.post(`/api/v1/absence-reports/${reportId}/decisions`, { kind: 'reported', reference: 'DUO-STALE', version: v });
    const current = expectStale(second);
    expect(current).toMatchObject({ id: reportId, status: 'dismissed', dismissedReason: 'Met de ouders besproken: toch geoorloofd.', reference: null, version: v + 1 });
    expect(await eventsOf(reportId)).toEqual([{ kind: 'dismissed' }]);

    // Two at once on the same version: exactly one is recorded.
    const both = await Promise.all([
      ib.post(`/api/v1/absence-reports/${reportId}/decisions`, { kind: 'reopened', version: v + 1 }),
      ib.post(`/api/v1/absence-reports/${reportId}/decisions`, { kind: 'reopened', version: v + 1 }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expectStale(both.find((r) => r.statusCode === 409)!);
    expect(await eventsOf(reportId)).toEqual([{ kind: 'dismissed' }, { kind: 'reopened' }]);
    expect((await ib.get(`/api/v1/absence-reports/${reportId}`)).json().version).toBe(v + 2);
  });

  it('two follow-ups on the same version: the second gets 409 with the officer’s follow-up as it is now', async () => {
    expect((await decide(ib, reportId, { kind: 'reported', reference: 'DUO-2026-777' })).statusCode).toBe(200);
    const w = await versionOf(leerplicht, reportId);
    const first = await leerplicht.post(`/api/v1/absence-reports/${reportId}/followups`, { status: 'received', note: 'Ontvangen, ouders uitgenodigd.', version: w });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'received', version: w + 1 });
    const second = await leerplicht.post(`/api/v1/absence-reports/${reportId}/followups`, { status: 'talk', note: 'Gesprek gevoerd.', version: w });
    const current = expectStale(second);
    expect(current).toMatchObject({ id: reportId, version: w + 1, followup: { status: 'received', items: [expect.objectContaining({ status: 'received', note: 'Ontvangen, ouders uitgenodigd.' })] } });
    const followups = () => t.database.db.selectFrom('absence_report_followups').select(['status', 'note']).where('report_id', '=', reportId).orderBy('id').execute();
    expect(await followups()).toEqual([{ status: 'received', note: 'Ontvangen, ouders uitgenodigd.' }]);

    const both = await Promise.all([
      leerplicht.post(`/api/v1/absence-reports/${reportId}/followups`, { note: 'Eerste tab.', version: w + 1 }),
      leerplicht.post(`/api/v1/absence-reports/${reportId}/followups`, { note: 'Tweede tab.', version: w + 1 }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expectStale(both.find((r) => r.statusCode === 409)!);
    expect(await followups()).toHaveLength(2);
    // The follow-ups are the officer's own: the school's version of the report does not count them.
    expect(await versionOf(ib, reportId)).toBe(w);
  });

  it('two startkwalificaties on the same version of the child: the second gets 409 with the child as it is now', async () => {
    const zc = await t.login('zorgcoordinator');
    const vo = (await zc.get('/api/v1/session')).json().memberships[0].organisationId;
    const pupil = await t.database.db
      .selectFrom('enrolments as e')
      .innerJoin('children as c', 'c.id', 'e.child_id')
      .select('c.id')
      .where('e.organisation_id', '=', vo)
      .where('e.end_date', 'is', null)
      .where('c.birth_date', '<', '2010-01-01')
      .where('c.startkwalificatie_on', 'is', null)
      .orderBy('c.id', 'desc')
      .executeTakeFirstOrThrow();
    const read = (await zc.get(`/api/v1/children/${pupil.id}`)).json();
    const first = await zc.put(`/api/v1/children/${pupil.id}/startkwalificatie`, { obtainedOn: '2026-07-03', version: read.version });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ obtainedOn: '2026-07-03', version: read.version + 1 });
    const second = await zc.put(`/api/v1/children/${pupil.id}/startkwalificatie`, { obtainedOn: '2026-06-30', version: read.version });
    expect(expectStale(second)).toMatchObject({ id: pupil.id, startkwalificatieOn: '2026-07-03', version: read.version + 1 });
    const stored = () => t.database.db.selectFrom('children').select(['startkwalificatie_on', 'version']).where('id', '=', pupil.id).executeTakeFirstOrThrow();
    expect(await stored()).toEqual({ startkwalificatie_on: '2026-07-03', version: read.version + 1 });

    const both = await Promise.all([
      zc.put(`/api/v1/children/${pupil.id}/startkwalificatie`, { obtainedOn: null, version: read.version + 1 }),
      zc.put(`/api/v1/children/${pupil.id}/startkwalificatie`, { obtainedOn: '2026-06-01', version: read.version + 1 }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expectStale(both.find((r) => r.statusCode === 409)!);
    const won = both.find((r) => r.statusCode === 200)!.json().obtainedOn;
    expect(await stored()).toEqual({ startkwalificatie_on: won, version: read.version + 2 });
  });
});

describe('history is appended, never edited', () => {
  it('a stored report and its events cannot be changed or deleted', async () => {
    await expect(sql`update absence_reports set hours = 1`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from absence_report_events`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`update absence_report_followups set note = 'x'`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });
});
