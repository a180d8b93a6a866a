import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';

// A fixed Wednesday in November 2026. The school's calendar (midden): summer holiday until Sunday
// 30 August, autumn holiday 17–25 October. School year so far: 58 school days; the last 8 lesson
// weeks (from 28 September, the autumn week skipped): 38 school days; a lesson week ago (Sunday 22
// November): 55 and 40 days. A primary school has 5.5 lesson hours a day: 319, 209, 302.5, 220 hours.
process.env.SAMENSPEL_TODAY = '2026-11-25';

const { startTestApp } = await import('../support/test-app.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Client = Awaited<ReturnType<TestApp['login']>>;

let t: TestApp;
let ib: Client;
let school: string;
let otherSchool: string;
/** Pupils of the ib's school enrolled since before the school year, living in Zeist. */
let p: Record<'recent' | 'exact' | 'capped' | 'reasons' | 'midYear' | 'quiet' | 'settings', string>;
let livesInDeBilt: string;

interface Measure {
  missedHours: number;
  percentage: number | null;
  band: string | null;
}
interface Item {
  child: { id: string; givenName: string; familyName: string; groupName: string | null };
  schoolYear: { scheduledDays: number; scheduledHours: number; all: Measure; unauthorised: Measure };
  rolling: { scheduledDays: number; scheduledHours: number; all: Measure; unauthorised: Measure };
  band: string | null;
  trend: { direction: string; differencePp: number; previousPercentage: number | null } | null;
  becameChronic: string[];
}

const absent = (childId: string, day: string, hours: number, reason = 'ill', organisationId = school) =>
  t.database.db.insertInto('absence_records').values({ region_id: t.demo.regionId, child_id: childId, organisation_id: organisationId, day, hours, reason, source: 'manual' }).execute();
const list = async (c: Client, query = '') => c.get(`/api/v1/early-warning?pageSize=500${query}`);
const itemOf = (items: Item[], id: string) => items.find((i) => i.child.id === id)!;

beforeAll(async () => {
  t = await startTestApp({ children: 150 });
  ib = await t.login('ib');
  school = t.demo.accounts.ib.organisationId!;
  otherSchool = t.demo.accounts.zorgcoordinator.organisationId!;
  // The school calendar as this test expects it, as the school's own free days (the official
  // midden dates are the same; this keeps the test independent of which calendar data is loaded).
  await t.database.db
    .insertInto('school_free_periods')
    .values([
      { organisation_id: school, name: 'Zomervakantie', start_date: '2026-07-18', end_date: '2026-08-30' },
      { organisation_id: school, name: 'Herfstvakantie', start_date: '2026-10-17', end_date: '2026-10-25' },
    ])
    .execute();
  // The demo's own absence is not part of this test.
  await t.database.db.deleteFrom('absence_records').execute();
  const rows = await t.database.db
    .selectFrom('enrolments as e')
    .select([
      'e.child_id',
      sql<string>`(select g.name from child_residences r join gemeenten g on g.id = r.gemeente_id where r.child_id = e.child_id order by r.valid_from desc limit 1)`.as('gemeente'),
    ])
    .where('e.organisation_id', '=', school)
    .where('e.end_date', 'is', null)
    .where('e.start_date', '<=', '2026-08-01')
    .orderBy('e.child_id')
    .execute();
  const zeist = rows.filter((r) => r.gemeente === 'Zeist').map((r) => r.child_id);
  expect(zeist.length).toBeGreaterThanOrEqual(7);
  const [recent, exact, capped, reasons, midYear, quiet, settings] = zeist;
  p = { recent, exact, capped, reasons, midYear, quiet, settings };
  livesInDeBilt = (
    await t.database.db
      .selectFrom('child_residences as r')
      .innerJoin('gemeenten as g', 'g.id', 'r.gemeente_id')
      .innerJoin('enrolments as e', 'e.child_id', 'r.child_id')
      .where('g.name', '=', 'De Bilt')
      .where('e.end_date', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('child_residences as r2').whereRef('r2.child_id', '=', 'r.child_id').whereRef('r2.valid_from', '>', 'r.valid_from').select(sql`1`.as('one')))),
      )
      .select('r.child_id')
      .executeTakeFirstOrThrow()
  ).child_id;

  // recent: ill one day a fortnight ago and the whole of this week: 22 of 209 hours in the last 8
  // weeks (10.5%, chronic) against 5.5 of 220 a lesson week ago (2.5%): became chronic this week.
  await absent(recent, '2026-11-13', 5.5);
  for (const day of ['2026-11-23', '2026-11-24', '2026-11-25']) await absent(recent, day, 5.5);
  // exact: 31.9 of 319 hours this school year, all before the last 8 weeks: exactly 10.0%.
  for (const day of ['2026-09-07', '2026-09-08', '2026-09-09', '2026-09-10', '2026-09-11']) await absent(exact, day, 5.5);
  await absent(exact, '2026-09-14', 4.4, 'unauthorised');
  // capped: 4 hours ill and 3 late on one day count as the day's 5.5; a Saturday and a holiday day do not count.
  await absent(capped, '2026-11-04', 4);
  await absent(capped, '2026-11-04', 3, 'late');
  await absent(capped, '2026-11-21', 3, 'unauthorised');
  await absent(capped, '2026-10-20', 5.5, 'unauthorised');
  // reasons: late counts for all reasons only; luxury absence is unauthorised.
  await absent(reasons, '2026-11-09', 1, 'late');
  await absent(reasons, '2026-11-10', 5.5, 'luxury');
  await absent(reasons, '2026-11-11', 2, 'unauthorised');
  // Absence at another school does not count here.
  await absent(reasons, '2026-11-12', 5.5, 'ill', otherSchool);
  // midYear: enrolled since Monday 2 November (18 school days, 99 hours): 9.9 hours is 10%.
  await sql`update enrolments set start_date = '2026-11-02' where child_id = ${midYear} and organisation_id = ${school} and end_date is null`.execute(t.database.db);
  await absent(midYear, '2026-10-01', 5.5); // before the enrolment: does not count
  await absent(midYear, '2026-11-03', 5.5);
  await absent(midYear, '2026-11-04', 4.4, 'unauthorised');
  // settings: 25 hours in September: 7.8% with the defaults (attention).
  for (const day of ['2026-09-15', '2026-09-16', '2026-09-17', '2026-09-18']) await absent(p.settings, day, 5.5);
  await absent(p.settings, '2026-09-21', 3);
});
afterAll(async () => {
  delete process.env.SAMENSPEL_TODAY;
  await t?.close();
});

describe('the care coordinator’s early-warning list', () => {
  let body: { items: Item[]; becameChronic: Item[]; counts: Record<string, number>; periods: unknown; thresholds: unknown; school: unknown; total: number; asOf: string };

  it('lists every pupil of the school with percentages of the school year and the last 8 lesson weeks', async () => {
    const res = await list(ib);
    expect(res.statusCode).toBe(200);
    body = res.json();
    expect(body.asOf).toBe('2026-11-25');
    expect(body.school).toMatchObject({ id: school, schoolType: 'po', lessonHoursPerDay: 5.5 });
    expect(body.periods).toEqual({ schoolYear: { from: '2026-08-01', to: '2026-11-25' }, rolling: { from: '2026-09-28', to: '2026-11-25', lessonWeeks: 8 }, previousAsOf: '2026-11-22' });
    expect(body.thresholds).toEqual({ attention: 5, chronic: 10, severe: 20 });
    const enrolled = await t.database.db
      .selectFrom('enrolments')
      .select('child_id')
      .distinct()
      .where('organisation_id', '=', school)
      .where('start_date', '<=', '2026-11-25')
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', '2026-11-25')]))
      .execute();
    expect(body.total).toBe(enrolled.length);
    expect(new Set(body.items.map((i) => i.child.id))).toEqual(new Set(enrolled.map((e) => e.child_id)));
    const quiet = itemOf(body.items, p.quiet);
    expect(quiet.schoolYear).toEqual({
      scheduledDays: 58,
      scheduledHours: 319,
      all: { missedHours: 0, percentage: 0, band: 'on_track' },
      unauthorised: { missedHours: 0, percentage: 0, band: 'on_track' },
    });
    expect(quiet.rolling).toMatchObject({ scheduledDays: 38, scheduledHours: 209 });
    expect(quiet.trend).toEqual({ direction: 'stable', differencePp: 0, previousPercentage: 0 });
  });

  it('a pupil absent this week became chronic in the last 8 weeks, with the trend up', () => {
    const r = itemOf(body.items, p.recent);
    expect(r.rolling.all).toEqual({ missedHours: 22, percentage: 10.5, band: 'chronic' });
    expect(r.schoolYear.all).toEqual({ missedHours: 22, percentage: 6.8, band: 'attention' });
    expect(r.band).toBe('chronic');
    expect(r.trend).toEqual({ direction: 'up', differencePp: 8, previousPercentage: 2.5 });
    expect(r.becameChronic).toEqual(['rolling']);
    expect(body.becameChronic.map((i) => i.child.id)).toEqual([p.recent]);
  });

  it('exactly 10.0% of the school year is chronic; it was so last week too, so not "became chronic"', () => {
    const e = itemOf(body.items, p.exact);
    expect(e.schoolYear.all).toEqual({ missedHours: 31.9, percentage: 10, band: 'chronic' });
    expect(e.schoolYear.unauthorised).toEqual({ missedHours: 4.4, percentage: 1.3, band: 'on_track' });
    expect(e.rolling.all.missedHours).toBe(0);
    expect(e.band).toBe('chronic');
    expect(e.becameChronic).toEqual([]);
  });

  it("a day's missed hours are capped at its lesson hours; weekend and holiday absence do not count", () => {
    const c = itemOf(body.items, p.capped);
    expect(c.schoolYear.all.missedHours).toBe(5.5);
    expect(c.schoolYear.unauthorised.missedHours).toBe(0);
    expect(c.rolling.all).toEqual({ missedHours: 5.5, percentage: 2.6, band: 'on_track' });
  });

  it('late counts for all reasons only, luxury absence as unauthorised; another school’s absence not at all', () => {
    const r = itemOf(body.items, p.reasons);
    expect(r.rolling.all.missedHours).toBe(8.5);
    expect(r.rolling.unauthorised.missedHours).toBe(7.5);
    expect(r.rolling.unauthorised.percentage).toBe(3.5);
  });

  it('a pupil enrolled mid-year counts only the school days since the enrolment', () => {
    const m = itemOf(body.items, p.midYear);
    expect(m.schoolYear).toMatchObject({ scheduledDays: 18, scheduledHours: 99, all: { missedHours: 9.9, percentage: 10, band: 'chronic' }, unauthorised: { missedHours: 4.4 } });
    expect(m.rolling).toMatchObject({ scheduledDays: 18, all: { percentage: 10, band: 'chronic' } });
  });

  it('counts per band, a filter by band and sorting', async () => {
    expect(body.counts).toMatchObject({ total: body.total, chronic: 3, attention: 1, severe: 0, none: 0 });
    expect(body.counts.on_track).toBe(body.total - 4);
    // Default order: the worst band first, then the highest rolling percentage.
    expect(body.items.slice(0, 4).map((i) => i.child.id)).toEqual([p.recent, p.midYear, p.exact, p.settings]);
    const chronic: Item[] = (await list(ib, '&band=chronic')).json().items;
    expect(chronic.map((i) => i.child.id).sort()).toEqual([p.recent, p.exact, p.midYear].sort());
    // By the school year: the two at exactly 10% (in name order), then 7.8%, then 6.8%.
    const byYear: Item[] = (await ib.get('/api/v1/early-warning?sort=schoolYear&pageSize=4')).json().items;
    expect(new Set(byYear.slice(0, 2).map((i) => i.child.id))).toEqual(new Set([p.exact, p.midYear]));
    expect(byYear.slice(2).map((i) => i.child.id)).toEqual([p.settings, p.recent]);
    const byName: Item[] = (await list(ib, '&sort=name')).json().items;
    const names = byName.map((i) => `${i.child.familyName} ${i.child.givenName}`);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'nl')));
    const paged = (await ib.get('/api/v1/early-warning?pageSize=5&page=2')).json();
    expect(paged.items).toHaveLength(5);
    expect(paged.items.map((i: Item) => i.child.id)).toEqual(body.items.slice(5, 10).map((i) => i.child.id));
  });

  it('every pupil returned is in the access log, with the school_care ground, in the same request', async () => {
    const before = Number((await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const res = (await ib.get('/api/v1/early-warning?pageSize=3')).json();
    const logged = await t.database.db.selectFrom('access_log').select(['child_id', 'ground', 'event', 'outcome', 'detail']).where('seq', '>', before).where('event', '=', 'early_warning.list').execute();
    const shown = new Set([...res.items, ...res.becameChronic].map((i: Item) => i.child.id));
    expect(new Set(logged.map((l) => l.child_id))).toEqual(shown);
    expect(logged.length).toBe(shown.size);
    for (const l of logged) expect(l).toMatchObject({ ground: 'school_care', outcome: 'allowed' });
  });

  it('as of an earlier day: the list as it stood then', async () => {
    const then = (await list(ib, '&asOf=2026-11-22')).json();
    expect(then.asOf).toBe('2026-11-22');
    const r = itemOf(then.items, p.recent);
    expect(r.rolling).toMatchObject({ scheduledHours: 220, all: { missedHours: 5.5, percentage: 2.5, band: 'on_track' } });
    expect(r.becameChronic).toEqual([]);
    // The pupil enrolled on 2 November was not at the school on 1 November.
    const early = (await list(ib, '&asOf=2026-11-01')).json();
    expect(early.items.some((i: Item) => i.child.id === p.midYear)).toBe(false);
  });

  it('a date in the future or not a date is refused with a field error', async () => {
    const future = await list(ib, '&asOf=2026-11-26');
    expect(future.statusCode).toBe(400);
    expect(future.json().invalidParams).toEqual([{ name: 'asOf', code: 'future', reason: expect.stringContaining('toekomst') }]);
    expect((await list(ib, '&asOf=2026-02-30')).statusCode).toBe(400);
    expect((await list(ib, '&band=heel-erg')).statusCode).toBe(400);
  });
});

describe('the contract', () => {
  it('the endpoints are in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of ['/api/v1/early-warning', '/api/v1/early-warning/settings', '/api/v1/children/{id}/absence-summary']) expect(doc.paths).toHaveProperty([path]);
    expect(doc.paths['/api/v1/early-warning/settings'].put.requestBody.content['application/json'].schema.properties.lessonHoursPerDay.required).toEqual(['po', 'so', 'sbo', 'vo', 'vso', 'mbo']);
  });
});

describe('who sees the list', () => {
  it('teacher, mentor, school leader, attendance officer, youth care, wijkteam, functional administrator and parent get 403', async () => {
    for (const who of ['leerkracht', 'mentor', 'directeur', 'leerplicht', 'jeugdhulp', 'wijkteam', 'swv', 'beheer', 'ouder']) {
      const res = await (await t.login(who)).get(`/api/v1/early-warning?schoolLocationId=${school}`);
      expect(res.statusCode, who).toBe(403);
    }
  });

  it('the care coordinator of another school gets 403 for this school, and their own list has none of these pupils', async () => {
    const zc = await t.login('zorgcoordinator');
    expect((await zc.get(`/api/v1/early-warning?schoolLocationId=${school}`)).statusCode).toBe(403);
    const own = (await zc.get('/api/v1/early-warning?pageSize=500')).json();
    expect(own.school.schoolType).toBe('vo');
    expect(own.school.lessonHoursPerDay).toBe(6);
    expect(own.items.filter((i: Item) => Object.values(p).includes(i.child.id))).toEqual([]);
  });
});

describe('one child’s absence summary', () => {
  it('the school’s care coordinator sees it, with the same figures as the list, and it is logged', async () => {
    const res = await ib.get(`/api/v1/children/${p.recent}/absence-summary`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.asOf).toBe('2026-11-25');
    expect(s.schools).toHaveLength(1);
    expect(s.schools[0]).toMatchObject({ school: { id: school, schoolType: 'po' }, band: 'chronic', becameChronic: ['rolling'], rolling: { all: { percentage: 10.5 } } });
    const log = await t.database.db.selectFrom('access_log').select(['ground', 'outcome']).where('event', '=', 'child.absence_summary.read').where('child_id', '=', p.recent).execute();
    expect(log).toEqual([{ ground: 'school_care', outcome: 'allowed' }]);
  });

  it('the attendance officer of the gemeente where the child lives sees it; of another gemeente gets 404', async () => {
    const leerplicht = await t.login('leerplicht');
    const own = await leerplicht.get(`/api/v1/children/${p.exact}/absence-summary`);
    expect(own.statusCode).toBe(200);
    expect(own.json().schools[0].schoolYear.all.percentage).toBe(10);
    expect((await leerplicht.get(`/api/v1/children/${livesInDeBilt}/absence-summary`)).statusCode).toBe(404);
  });

  it('teacher, wijkteam, school leader and a child that does not exist: 404, and the refusal is logged', async () => {
    for (const who of ['leerkracht', 'wijkteam', 'directeur', 'beheer']) {
      expect((await (await t.login(who)).get(`/api/v1/children/${p.recent}/absence-summary`)).statusCode, who).toBe(404);
    }
    expect((await ib.get('/api/v1/children/00000000-0000-4000-8000-000000000000/absence-summary')).statusCode).toBe(404);
    const denied = await t.database.db.selectFrom('access_log').select('role').where('event', '=', 'child.absence_summary.read').where('child_id', '=', p.recent).where('outcome', '=', 'denied').execute();
    expect(denied.map((d) => d.role).sort()).toEqual(['functional_admin', 'school_leader', 'teacher', 'wijkteam_worker']);
  });
});

describe('settings', () => {
  const valid = { thresholds: { attention: 3, chronic: 7.5, severe: 15 }, lessonHoursPerDay: { po: 5, so: 5.5, sbo: 5.5, vo: 6, vso: 6, mbo: 5 }, version: 1 };

  it('start from the defaults; professionals can read them', async () => {
    const res = await ib.get('/api/v1/early-warning/settings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ thresholds: { attention: 5, chronic: 10, severe: 20 }, lessonHoursPerDay: { po: 5.5, so: 5.5, sbo: 5.5, vo: 6, vso: 6, mbo: 5 }, own: { thresholds: false }, updatedAt: null, version: 1 });
    expect((await (await t.login('ouder')).get('/api/v1/early-warning/settings')).statusCode).toBe(403);
  });

  it('only the functional administrator changes them', async () => {
    for (const who of ['ib', 'directeur', 'beleid', 'privacy']) {
      expect((await (await t.login(who)).put('/api/v1/early-warning/settings', valid)).statusCode, who).toBe(403);
    }
  });

  it('thresholds must increase; each field says what to fix, in Dutch', async () => {
    const beheer = await t.login('beheer');
    const res = await beheer.put('/api/v1/early-warning/settings', { ...valid, thresholds: { attention: 5, chronic: 4, severe: 4 }, lessonHoursPerDay: { ...valid.lessonHoursPerDay, mbo: 0 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([
      { name: 'thresholds/chronic', code: 'not_increasing', reason: 'De grens voor chronisch verzuim moet hoger zijn dan die voor aandacht (5%).' },
      { name: 'thresholds/severe', code: 'not_increasing', reason: 'De grens voor ernstig chronisch verzuim moet hoger zijn dan die voor chronisch verzuim (4%).' },
      { name: 'lessonHoursPerDay/mbo', code: 'range', reason: expect.stringContaining('lesuren per schooldag voor mbo') },
    ]);
    const missing = await beheer.put('/api/v1/early-warning/settings', { thresholds: valid.thresholds, version: valid.version });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().invalidParams[0].name).toBe('lessonHoursPerDay');
    // Nothing was stored.
    expect((await ib.get('/api/v1/early-warning/settings')).json().own.thresholds).toBe(false);
  });

  it('the new thresholds and lesson hours are used at once, and the change is logged', async () => {
    const beheer = await t.login('beheer');
    const { version } = (await beheer.get('/api/v1/early-warning/settings')).json();
    const res = await beheer.put('/api/v1/early-warning/settings', { ...valid, version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ...valid, version: version + 1, own: { thresholds: true, lessonHoursPerDay: { po: true } } });
    const body = (await list(ib)).json();
    expect(body.thresholds).toEqual(valid.thresholds);
    const s = itemOf(body.items, p.settings);
    // With the defaults: 25 of 319 hours, 7.8% (attention). Now a school day has 5 lesson hours, so
    // the four whole days count 5 hours each: 23 of 290 hours, 7.9%, chronic from 7.5%.
    expect(s.schoolYear).toMatchObject({ scheduledHours: 290, all: { missedHours: 23, percentage: 7.9, band: 'chronic' } });
    const log = await t.database.db.selectFrom('access_log').select(['detail', 'role']).where('event', '=', 'early_warning.settings.update').execute();
    expect(log).toHaveLength(1);
    const detail = typeof log[0].detail === 'string' ? JSON.parse(log[0].detail) : log[0].detail;
    expect(detail.before.thresholds).toEqual({ attention: 5, chronic: 10, severe: 20 });
    expect(detail.after.lessonHoursPerDay.po).toBe(5);
  });

  it('no lost update: two saves based on the same version, the second gets 409 with the settings as they are now', async () => {
    const beheer = await t.login('beheer');
    const { version } = (await beheer.get('/api/v1/early-warning/settings')).json();
    const save = (attention: number, v: number) => beheer.put('/api/v1/early-warning/settings', { ...valid, thresholds: { ...valid.thresholds, attention }, version: v });
    const first = await save(4, version);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ thresholds: { attention: 4 }, version: version + 1 });
    const second = await save(2, version);
    expect(second.statusCode, second.body).toBe(409);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(second.json()).toMatchObject({ code: 'stale_version', current: { thresholds: { attention: 4 }, version: version + 1 } });
    const stored = async () => Number((await t.database.db.selectFrom('early_warning_settings').select('attention_threshold').where('region_id', '=', t.demo.regionId).executeTakeFirstOrThrow()).attention_threshold);
    expect(await stored()).toBe(4);
    const logged = await t.database.db.selectFrom('access_log').select('seq').where('event', '=', 'early_warning.settings.update').execute();
    expect(logged).toHaveLength(2);

    const both = await Promise.all([save(1, version + 1), save(2, version + 1)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().code).toBe('stale_version');
    expect(await stored()).toBe(both.find((r) => r.statusCode === 200)!.json().thresholds.attention);
  });
});
