/**
 * Monitor benchmark (issue 14, docs/monitor.md and docs/operations.md "Monitor"):
 *
 * On PostgreSQL (DATABASE_URL set): the largest SWV — 100,000 pupils at about 150 school locations
 * (bench/busy-region.ts: a year of signals, cases, plans, requests, absence reports), with a school
 * year of absence at day grain, goals and GAS ratings, plan evaluations, OPPs, thuiszitters and
 * satisfaction answers at realistic rates. Measured:
 *   - the full rebuild of the facts, and the incremental refresh after a school day's new data
 *     (target under 60 s);
 *   - every dashboard view (the overview and each indicator, by month, by school, by gemeente) as
 *     the SWV's analyst and the gemeente's analyst sees it, through the real query (scope, sums of the
 *     facts, suppression, access log): target p95 under 300 ms;
 *   - each beside the same figure computed by one hand-written SQL query over the raw tables, in the
 *     same run (the ratio is the figure);
 *   - the national roll-up: the pre-aggregates of 150 regions (2.5 million pupils, 342 gemeenten)
 *     generated directly and summed on load as an import does (`rollUpRegion`), the national view by
 *     region, gemeente, month and school type with suppression of the combined cells, beside a plain
 *     GROUP BY over the loaded facts: target p95 under 300 ms.
 * On PGlite (no DATABASE_URL): the demo region with its history; target p95 under 500 ms.
 *
 *   npm run bench:monitor
 *   DATABASE_URL=postgres://… npm run bench:monitor
 *
 * BENCH_PUPILS (default 100000), BENCH_SCHOOL_SIZE (650), BENCH_ITERATIONS (40), BENCH_REGIONS (150);
 * BENCH_ONLY_NATIONAL=1 runs only the national roll-up.
 */
import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { createTestDatabase } from '../test/support/test-db.ts';
import { copyInto, rng } from './support.ts';
import { buildBusyRegion, csv, at } from './busy-region.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import { loadConfig } from '../src/config.ts';
import { loadSession, signIn } from '../src/modules/session/session-service.ts';
import type { Actor } from '../src/kernel/policy/actor.ts';
import { addCalendarDays } from '../src/kernel/calendar/school-days.ts';
import { refreshMonitor, nationalView, rollUpRegion } from '../src/modules/monitor/index.ts';
import { monitorOverview, monitorView } from '../src/modules/monitor/monitor-queries.ts';
import { INDICATORS, type Breakdown, type IndicatorId } from '../src/contracts/values/monitor.ts';

const PUPILS = Number(process.env.BENCH_PUPILS ?? 100000);
const SCHOOL_SIZE = Number(process.env.BENCH_SCHOOL_SIZE ?? 650);
const ITER = Number(process.env.BENCH_ITERATIONS ?? 40);
const REGIONS = Number(process.env.BENCH_REGIONS ?? 150);
// A Wednesday in March: the school year so far is August to February.
const TODAY = process.env.SAMENSPEL_TODAY ?? '2027-03-17';
process.env.SAMENSPEL_TODAY = TODAY;
const SCHOOL_YEAR = '2026-2027';
const FROM = '2026-08-01';
const LAST = '2027-02-01';
const LAST_END = '2027-02-28';

const random = rng(14);
const chance = (p: number) => random() < p;
const between = (a: number, b: number) => a + Math.floor(random() * (b - a + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

const measure = async (fn: () => Promise<unknown>, iterations = ITER) => {
  for (let i = 0; i < Math.min(5, iterations); i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)];
  return { p50: q(0.5), p95: q(0.95) };
};
const ms = (x: number) => `${x.toFixed(1).padStart(7)} ms`;

const database = await createTestDatabase();
const db = database.db;
const pg = database.engine === 'postgresql';
try {
  // BENCH_ONLY_NATIONAL=1: only the national roll-up (it needs no region).
  if (!process.env.BENCH_ONLY_NATIONAL) {
    const t0 = Date.now();
    let regionId: string;
    if (pg) {
      const region = await buildBusyRegion(database, { pupils: PUPILS, schoolSize: SCHOOL_SIZE, today: TODAY });
      regionId = region.regionId;
      await addMonitorData(regionId, region.schools, region.cases);
      console.log(`engine postgresql; today ${TODAY}; region generated in ${((Date.now() - t0) / 1000).toFixed(1)} s:\n  ${region.summary}`);
    } else {
      const seeded = await seedDemo(database, { today: TODAY, history: true });
      regionId = seeded.regionId;
      console.log(`engine pglite; today ${TODAY}; the demo region (${seeded.counts.children.toLocaleString('en')} children, with its history) seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    await database.exec('analyze');
    const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0].n).toLocaleString('en');
    console.log(`  absence records ${await count('absence_records')}; signals ${await count('signals')}; goal ratings ${await count('goal_evaluations')}; thuiszitters ${await count('thuiszitters')}; answers ${await count('survey_answers')}\n`);

    // ---- the facts: a full rebuild, then a school day's new data and the incremental refresh
    const full = await refreshMonitor(database, regionId, { full: true, day: TODAY });
    await database.exec('analyze monitor_facts');
    console.log(`facts: full rebuild of ${full.months.length} months, ${full.facts.toLocaleString('en')} fact rows: ${(full.durationMs / 1000).toFixed(1)} s`);
    const dayData = await addSchoolDay(regionId);
    const inc = await refreshMonitor(database, regionId, { day: TODAY });
    const rawAll = await timeRawQueries(regionId);
    console.log(`after a school day's new data (${dayData}): incremental refresh of ${inc.months.length} month(s): ${(inc.durationMs / 1000).toFixed(1)} s`);
    console.log(`  beside: every indicator's figures once by hand-written SQL over the raw tables: ${(rawAll / 1000).toFixed(1)} s`);
    console.log(`  ratio ${(inc.durationMs / rawAll).toFixed(2)}×; target under 60 s: ${pg ? (inc.durationMs < 60_000 ? 'met' : 'NOT met') : 'applies to PostgreSQL'}\n`);

    // ---- the dashboard, as its readers see it
    const config = { ...loadConfig(), demo: true };
    const actorOf = async (username: string): Promise<Actor> => {
      const { token } = await signIn(database, config, { username, password: 'demo', ip: '127.0.0.1' });
      return (await loadSession(database, config, token, '127.0.0.1'))!.actor;
    };
    const swv = await actorOf('swv');
    const beleid = await actorOf('beleid');
    const views: { label: string; run: () => Promise<unknown>; raw: RawBuilder<unknown> }[] = [
      { label: 'overview, the region (SWV)', run: () => monitorOverview(database, swv, { period: SCHOOL_YEAR }), raw: rawSignals(regionId, 'none') },
      { label: 'overview, own gemeente (gemeente analyst)', run: () => monitorOverview(database, beleid, { period: SCHOOL_YEAR, gemeente: beleid.membership!.gemeenteId! }), raw: rawSignals(regionId, 'none', beleid.membership!.gemeenteId!) },
    ];
    for (const indicator of INDICATORS) views.push({ label: `${indicator} by month`, run: () => monitorView(database, swv, { indicator, period: SCHOOL_YEAR, by: 'month' }), raw: rawOf(regionId, indicator, 'month') });
    for (const [indicator, by] of [
      ['signals', 'organisation'],
      ['absence', 'gemeente'],
      ['requests', 'organisation'],
      ['goals', 'school_type'],
    ] as [IndicatorId, Breakdown][])
      views.push({ label: `${indicator} by ${by}`, run: () => monitorView(database, swv, { indicator, period: SCHOOL_YEAR, by }), raw: rawOf(regionId, indicator, by) });

    console.log(`dashboard views, school year ${SCHOOL_YEAR} (August to February), ${ITER} runs each:`);
    console.log(`  ${'view'.padEnd(44)} ${'p50'.padStart(10)} ${'p95'.padStart(10)}   ${'raw SQL p95'.padStart(12)}   ratio`);
    let worst = 0;
    for (const v of views) {
      const real = await measure(v.run);
      const raw = await measure(() => v.raw.execute(db), Math.max(5, Math.round(ITER / 4)));
      worst = Math.max(worst, real.p95);
      console.log(`  ${v.label.padEnd(44)} ${ms(real.p50)} ${ms(real.p95)}   ${ms(raw.p95)}   ${(real.p95 / raw.p95).toFixed(2)}×`);
    }
    const target = pg ? 300 : 500;
    console.log(`  slowest p95 ${worst.toFixed(1)} ms; target p95 < ${target} ms on ${pg ? 'PostgreSQL' : 'PGlite (demo region)'}: ${worst < target ? 'met' : 'NOT met'}\n`);
  }

  // ---- the national roll-up
  if (pg || process.env.BENCH_NATIONAL) {
    const n0 = Date.now();
    const rows = await generateNational();
    console.log(`national: pre-aggregates of ${REGIONS} regions (${(REGIONS * 16_700).toLocaleString('en')} pupils, 342 gemeenten): ${rows.toLocaleString('en')} fact rows generated in ${((Date.now() - n0) / 1000).toFixed(1)} s`);
    // What a region's load does after its COPY-sized insert: sum its facts by gemeente and by region.
    const r0 = Date.now();
    for (let r = 0; r < REGIONS; r++) await rollUpRegion(db, regionCode(r));
    console.log(`  summed on load (rollUpRegion), all ${REGIONS} regions: ${((Date.now() - r0) / 1000).toFixed(1)} s, ${((Date.now() - r0) / REGIONS).toFixed(0)} ms a region`);
    for (const table of ['monitor_national_facts', 'monitor_national_by_gemeente', 'monitor_national_by_region']) await database.exec(`analyze ${table}`);
    let nWorst = 0;
    for (const [indicator, by] of [
      ['signals', 'region'],
      ['signals', 'gemeente'],
      ['absence', 'region'],
      ['requests', 'month'],
      ['thuiszitters', 'gemeente'],
      ['signals', 'school_type'],
    ] as [IndicatorId, 'region' | 'gemeente' | 'month' | 'school_type'][]) {
      const real = await measure(() => nationalView(db, { indicator, period: SCHOOL_YEAR, by }, TODAY), Math.max(10, Math.round(ITER / 2)));
      const key = by === 'region' ? sql`region_code` : by === 'gemeente' ? sql`gemeente_code` : by === 'school_type' ? sql`school_type` : sql`month`;
      const months = indicator === 'absence' || indicator === 'thuiszitters' ? sql`month = ${LAST}::date` : sql`month between ${FROM}::date and ${LAST}::date`;
      const raw = sql`select ${key}, measure, detail, bucket, sum(value) from monitor_national_facts where indicator = ${indicator} and ${months} group by 1, 2, 3, 4`;
      const plain = await measure(() => raw.execute(db), Math.max(10, Math.round(ITER / 2)));
      nWorst = Math.max(nWorst, real.p95);
      console.log(`  ${`${indicator} by ${by}, suppressed`.padEnd(44)} ${ms(real.p50)} ${ms(real.p95)}   ${ms(plain.p95)}   ${(real.p95 / plain.p95).toFixed(2)}×`);
    }
    console.log(`  slowest p95 ${nWorst.toFixed(1)} ms; target p95 < 300 ms: ${nWorst < 300 ? 'met' : 'NOT met'}`);
  }
} finally {
  await database.close();
}

/** A school year of absence at day grain, goals and ratings, evaluations, OPPs, thuiszitters and answers. */
async function addMonitorData(regionId: string, schools: Awaited<ReturnType<typeof buildBusyRegion>>['schools'], cases: Awaited<ReturnType<typeof buildBusyRegion>>['cases']) {
  const weekdays: string[] = [];
  for (let d = '2026-08-24'; d < TODAY; d = addCalendarDays(d, 1)) if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) weekdays.push(d);
  const absence: string[] = [];
  for (const school of schools) {
    const hours = school.schoolType === 'po' ? 5.5 : 6;
    for (const child of school.pupils) {
      const rate = chance(0.02) ? 0.25 : chance(0.08) ? 0.12 : chance(0.2) ? 0.06 : 0.015;
      for (const d of weekdays) if (random() < rate) absence.push(csv(regionId, child, school.id, d, chance(0.8) ? hours : between(1, 3), pick(['ill', 'ill', 'ill', 'authorised', 'unauthorised', 'late']), 'import'));
    }
  }
  await copyInto(database, 'absence_records', ['region_id', 'child_id', 'organisation_id', 'day', 'hours', 'reason', 'source'], absence);

  const goals: string[] = [];
  const ratings: string[] = [];
  const events: string[] = [];
  const opps: string[] = [];
  const agreements: string[] = [];
  const answers: string[] = [];
  for (const k of cases) {
    const end = k.closedOn ?? TODAY;
    let due = addCalendarDays(k.opened, 182);
    events.push(csv(k.caseId, at(k.opened), k.manager, 'opened', JSON.stringify({ nextEvaluationOn: due })));
    while (due < end) {
      const r = random();
      if (r < 0.9) {
        const on = r < 0.7 ? addCalendarDays(due, -between(0, 14)) : addCalendarDays(due, between(1, 30));
        if (on >= end) break;
        due = addCalendarDays(on, 182);
        events.push(csv(k.caseId, at(on), k.manager, 'plan_evaluated', JSON.stringify({ nextEvaluationOn: due })));
        if (chance(0.5)) answers.push(csv(regionId, 'family', `${on.slice(0, 7)}-01`, k.school.id, k.school.gemeente, pick([5, 6, 7, 7, 8, 8, 8, 9, 10])));
      } else break;
    }
    for (let g = 0; g < 2; g++) {
      const goalId = randomUUID();
      goals.push(csv(goalId, k.planId, 'school', 'Weer met plezier naar school.', 'Elke dag aanwezig.'));
      for (let d = addCalendarDays(k.opened, 60); d < end; d = addCalendarDays(d, 90)) ratings.push(csv(goalId, pick([-2, -1, -1, 0, 0, 0, 1, 1, 2]), d, k.manager));
    }
    if (chance(0.3)) {
      const oppId = randomUUID();
      const on = addCalendarDays(k.opened, 20);
      if (on < TODAY) {
        opps.push(csv(oppId, k.planId, 'vmbo-k', 'Toetsen en observaties.', 'Concentratie.', 'Betrokken ouders.', 'Extra begeleiding.', at(on)));
        if (chance(0.85)) agreements.push(csv(k.planId, oppId, 'guardian_agreement', null, chance(0.9), addCalendarDays(on, between(3, 20))));
      }
    }
  }
  await copyInto(database, 'case_events', ['case_id', 'at', 'person_id', 'event', 'detail'], events);
  await copyInto(database, 'plan_goals', ['id', 'plan_id', 'life_domain', 'description', 'expected_outcome'], goals);
  await copyInto(database, 'goal_evaluations', ['goal_id', 'score', 'evaluated_on', 'rated_by_person_id'], ratings);
  await copyInto(database, 'plan_opp_versions', ['id', 'plan_id', 'exit_profile', 'exit_grounds', 'hindering_factors', 'supporting_factors', 'support', 'recorded_at'], opps);
  // A guardian agreement needs a guardian: one synthetic guardian of the region stands in.
  const guardian = (await db.insertInto('guardians').values({ region_id: regionId, given_name: 'Ouder', family_name: 'Bench' }).returning('id').executeTakeFirstOrThrow()).id;
  await copyInto(database, 'plan_agreements', ['plan_id', 'opp_version_id', 'kind', 'guardian_id', 'agreed', 'on_date'], agreements.map((l) => l.replace(',guardian_agreement,,', `,guardian_agreement,${guardian},`)));
  await copyInto(database, 'survey_answers', ['region_id', 'kind', 'month', 'organisation_id', 'gemeente_id', 'score'], answers);
  // Teachers on teams answer once a quarter; the teacher's answer has no gemeente.
  await sql`
    insert into survey_answers (region_id, kind, month, organisation_id, score)
    select ${regionId}, 'teacher', m::date, s.id, 1 + (abs(hashtext(s.id::text || m::text || g::text)) % 5)
    from organisations s cross join generate_series(${'2026-08-01'}::date, ${LAST}::date, interval '3 months') m cross join generate_series(1, 3) g
    where s.region_id = ${regionId} and s.kind = 'school_location'`.execute(db);
  // Feedback to the teacher on most signals picked up.
  await sql`
    insert into notifications (region_id, person_id, organisation_id, kind, signal_id, created_at, read_at)
    select s.region_id, s.author_person_id, s.organisation_id, 'signal_decided', s.id, s.triaged_at, s.triaged_at
    from signals s where s.region_id = ${regionId} and s.triaged_at is not null and abs(hashtext(s.id::text)) % 10 < 8`.execute(db);

  // Thuiszitters: 0.25% of pupils a year, most back within months.
  const entries: string[] = [];
  const tEvents: string[] = [];
  for (const school of schools) {
    for (let i = 0; i < Math.round(school.pupils.length * 0.0025); i++) {
      const id = randomUUID();
      const start = addCalendarDays('2026-03-20', between(0, 340));
      const category = pick(['lrv', 'lrv', 'lrv', 'absoluut', 'absoluut', '5a'] as const);
      entries.push(csv(id, regionId, pick(school.pupils), start));
      tEvents.push(csv(id, 'category', start, category, category === 'absoluut' ? null : school.id, null, null, null, null));
      const offer = addCalendarDays(start, between(10, 120));
      const kind = pick(['education_partial', 'care', 'education_care']);
      if (offer < TODAY) tEvents.push(csv(id, 'offer', offer, null, null, kind, kind === 'education_partial' ? 12 : null, chance(0.6), null));
      const end = addCalendarDays(start, between(30, 240));
      if (end < TODAY && chance(0.7)) tEvents.push(csv(id, 'end', end, null, null, null, null, null, 'back_to_school'));
    }
  }
  await copyInto(database, 'thuiszitters', ['id', 'region_id', 'child_id', 'start_date'], entries);
  await copyInto(database, 'thuiszitter_events', ['thuiszitter_id', 'kind', 'effective_on', 'category', 'school_location_id', 'offer', 'offer_hours', 'offer_fitting', 'end_reason'], tEvents);
}

/** What a school day brings: today's absence, late-registered absence of February, new and picked-up signals, ratings, request steps. */
async function addSchoolDay(regionId: string) {
  const before = Date.now();
  const absence = await sql`
    insert into absence_records (region_id, child_id, organisation_id, day, hours, reason, source)
    select ${regionId}, e.child_id, e.organisation_id, d::date, 5.5, 'ill', 'import'
    from enrolments e join organisations o on o.id = e.organisation_id
    cross join (values (${TODAY}::date), (${'2027-02-25'}::date)) as v(d)
    where o.region_id = ${regionId} and e.end_date is null and abs(hashtext(e.child_id::text || d::text)) % 100 < 4
    on conflict do nothing`.execute(db);
  const triaged = await sql`
    update signals set status = 'in_school', triaged_on = ${TODAY}::date, triaged_at = now(), triage_decision = 'handle_in_school'
    where id in (select id from signals where region_id = ${regionId} and status = 'new' and raised_on < ${TODAY}::date order by raised_on limit 60)`.execute(db);
  const raised = await sql`
    insert into signals (region_id, child_id, organisation_id, author_person_id, author_role, category, urgency, observation, parents_informed, status, raised_on, pickup_deadline, pickup_school_days)
    select region_id, child_id, organisation_id, author_person_id, 'teacher', category, 'normal', 'Nieuw signaal.', true, 'new', ${TODAY}::date, ${addCalendarDays(TODAY, 7)}::date, 5
    from signals where region_id = ${regionId} order by id limit 63`.execute(db);
  const ratings = await sql`
    insert into goal_evaluations (goal_id, score, evaluated_on)
    select g.id, 1, ${TODAY}::date from plan_goals g join plans p on p.id = g.plan_id where p.region_id = ${regionId} order by g.id limit 12`.execute(db);
  void before;
  return `${Number(absence.numAffectedRows ?? 0)} absence records, ${Number(raised.numAffectedRows ?? 0)} signals raised, ${Number(triaged.numAffectedRows ?? 0)} picked up, ${Number(ratings.numAffectedRows ?? 0)} ratings`;
}

/** The hand-written reference of one view: the same main figures over the raw tables, no facts, no suppression, no log. */
function rawOf(regionId: string, indicator: IndicatorId, by: Breakdown): RawBuilder<unknown> {
  const monthKey = (col: string) => (by === 'month' ? sql`date_trunc('month', ${sql.ref(col)})` : sql`''`);
  switch (indicator) {
    case 'signals':
      return rawSignals(regionId, by);
    case 'absence_reports':
      return sql`select ${monthKey('r.due_on')} as k, count(*), count(*) filter (where e.kind = 'reported' and e.occurred_on <= r.deadline)
        from absence_reports r left join lateral (select kind, occurred_on from absence_report_events where report_id = r.id order by id desc limit 1) e on true
        where r.region_id = ${regionId} and r.due_on between ${FROM}::date and ${LAST_END}::date and coalesce(e.kind, 'reopened') in ('reported', 'reopened') group by 1`;
    case 'requests':
      return sql`select ${by === 'organisation' ? sql`r.to_organisation_id` : monthKey('r.help_started_on')} as k, count(*),
          percentile_disc(0.5) within group (order by r.help_started_on - r.sent_on), percentile_disc(0.9) within group (order by r.help_started_on - r.sent_on)
        from requests r where r.region_id = ${regionId} and r.kind <> 'question_to_school' and r.help_started_on between ${FROM}::date and ${LAST_END}::date group by 1`;
    case 'outflow':
      return sql`select ${monthKey('r.sent_on')} as k, count(*) from requests r where r.region_id = ${regionId} and r.kind = 'tlv' and r.sent_on between ${FROM}::date and ${LAST_END}::date group by 1`;
    case 'goals':
      return sql`select ${by === 'school_type' ? sql`o.school_type` : monthKey('v.evaluated_on')} as k, count(*), count(*) filter (where v.score >= 0)
        from goal_evaluations v join plan_goals g on g.id = v.goal_id join plans p on p.id = g.plan_id join cases k on k.id = p.case_id join organisations o on o.id = k.organisation_id
        where p.region_id = ${regionId} and v.evaluated_on between ${FROM}::date and ${LAST_END}::date
          and not exists (select 1 from goal_evaluations c where c.corrects_evaluation_id = v.id) group by 1`;
    case 'plans':
      return sql`select ${monthKey('e.at')} as k, count(*) from case_events e join cases k on k.id = e.case_id
        where k.region_id = ${regionId} and e.event = 'plan_evaluated' and e.at between ${FROM}::date and ${LAST_END}::date group by 1`;
    case 'opp':
      return sql`select count(*), count(*) filter (where exists (select 1 from plan_agreements a where a.opp_version_id = o.id and a.agreed))
        from plan_opp_versions o join plans p on p.id = o.plan_id join cases k on k.id = p.case_id
        where p.region_id = ${regionId} and (k.closed_at is null or k.closed_at > ${LAST_END}::date)`;
    case 'satisfaction':
      return sql`select ${monthKey('month')} as k, kind, count(*), percentile_disc(0.5) within group (order by score)
        from survey_answers where region_id = ${regionId} and month between ${FROM}::date and ${LAST}::date and score is not null group by 1, 2`;
    case 'thuiszitters':
      // The register at each month-end: the latest category event before it, not ended by then.
      return sql`select m.m, c.category, count(*)
        from generate_series(${FROM}::date, ${LAST}::date, interval '1 month') m(m)
        join thuiszitters t on t.region_id = ${regionId} and t.start_date <= (m.m + interval '1 month - 1 day')::date
        cross join lateral (select category from thuiszitter_events e where e.thuiszitter_id = t.id and e.kind = 'category' and e.effective_on <= (m.m + interval '1 month - 1 day')::date order by effective_on desc, id desc limit 1) c
        where not exists (select 1 from thuiszitter_events e where e.thuiszitter_id = t.id and e.kind = 'end' and e.effective_on <= (m.m + interval '1 month - 1 day')::date)
        group by 1, 2`;
    case 'absence':
      // Each pupil's share of missed hours over the school year up to February's end, in bands (lesson
      // days approximated by weekdays; the facts use the school calendar).
      return sql`with p as (
          select e.child_id, e.organisation_id, ${by === 'gemeente' ? sql`(select cr.gemeente_id from child_residences cr where cr.child_id = e.child_id order by valid_from desc limit 1)` : sql`null::uuid`} as g,
            coalesce((select sum(least(a.hours, 6)) from absence_records a where a.child_id = e.child_id and a.organisation_id = e.organisation_id and a.day between ${FROM}::date and ${LAST_END}::date), 0) / (5.5 * 130) as share
          from enrolments e join organisations o on o.id = e.organisation_id
          where o.region_id = ${regionId} and o.kind = 'school_location' and e.start_date <= ${LAST_END}::date and (e.end_date is null or e.end_date >= ${LAST_END}::date))
        select g, width_bucket(share, array[0.05, 0.10, 0.20]) as band, count(*) from p group by 1, 2`;
  }
}

function rawSignals(regionId: string, by: Breakdown, gemeente?: string): RawBuilder<unknown> {
  const key = by === 'month' ? sql`date_trunc('month', s.raised_on)` : by === 'organisation' ? sql`s.organisation_id` : sql`''`;
  return sql`select ${key} as k, count(*), count(*) filter (where s.triaged_on <= s.pickup_deadline), count(*) filter (where s.triaged_on > s.pickup_deadline),
      count(*) filter (where exists (select 1 from cases c where c.opened_from_signal_id = s.id)),
      percentile_disc(0.5) within group (order by s.triaged_on - s.raised_on)
    from signals s where s.region_id = ${regionId} and s.raised_on between ${FROM}::date and ${LAST_END}::date and s.status <> 'withdrawn'
      ${gemeente ? sql`and (select cr.gemeente_id from child_residences cr where cr.child_id = s.child_id and cr.valid_from <= s.raised_on order by cr.valid_from desc limit 1) = ${gemeente}` : sql``}
    group by 1`;
}

/** Every indicator once, by month, over the raw tables: what a dashboard without facts would compute. */
async function timeRawQueries(regionId: string) {
  const start = Date.now();
  for (const indicator of INDICATORS) await rawOf(regionId, indicator, 'month').execute(db);
  return Date.now() - start;
}

/** The national table: 150 regions' facts as their exports would load them (codes only). */
function regionCode(r: number) {
  return `regio-${String(r + 1).padStart(3, '0')}`;
}

async function generateNational() {
  const lines: string[] = [];
  const gemeenten = Array.from({ length: 342 }, (_, i) => `GM${String(1000 + i * 7).padStart(4, '0')}`);
  const months: string[] = [];
  for (let m = '2024-08-01'; m <= LAST; ) {
    months.push(m);
    const [y, mo] = m.split('-').map(Number);
    m = new Date(Date.UTC(y, mo, 1)).toISOString().slice(0, 10);
  }
  const types = ['po', 'vo', 'so', 'mbo'];
  const areas: string[] = [];
  let g = 0;
  for (let r = 0; r < REGIONS; r++) {
    const code = regionCode(r);
    const own = Array.from({ length: r < 42 ? 3 : 2 }, () => gemeenten[g++ % gemeenten.length]);
    for (const gm of own) areas.push(`${code},${gm}`);
    for (const month of months) {
      for (const gm of own) {
        for (const type of types) {
          const size = type === 'po' ? 4 : type === 'vo' ? 3 : 1;
          const n = (x: number) => Math.max(0, Math.round(x * size * (0.6 + random() * 0.8)));
          const add = (indicator: string, measure: string, detail: string, bucket: number, value: number) => {
            if (value > 0) lines.push(`${code},${indicator},${month},${measure},"${detail}",${bucket},${gm},${type},${value}`);
          };
          // Consistent as a region's facts are: every raised signal is on time, late or open; those
          // picked up have a pickup time; led to a case and feedback are some of the raised ones.
          const onTime = n(14);
          const late = n(3);
          const open = n(3);
          add('signals', 'raised', '', -1, onTime + late + open);
          add('signals', 'pickup', 'on_time', -1, onTime);
          add('signals', 'pickup', 'late', -1, late);
          add('signals', 'pickup', 'open', -1, open);
          add('signals', 'led_to_case', '', -1, Math.round((onTime + late) * (0.15 + random() * 0.2)));
          add('signals', 'feedback', '', -1, Math.round((onTime + late) * (0.6 + random() * 0.3)));
          const days = Array.from({ length: 13 }, () => random());
          const weight = days.reduce((a, b) => a + b, 0);
          let left = onTime + late;
          days.forEach((w, b) => {
            const v = b === 12 ? left : Math.min(left, Math.round(((onTime + late) * w) / weight));
            left -= v;
            add('signals', 'pickup_days', '', b, v);
          });
          for (const d of ['on_track', 'attention', 'chronic', 'severe']) add('absence', 'band', d, -1, n(d === 'on_track' ? 500 : d === 'attention' ? 60 : d === 'chronic' ? 30 : 8));
          for (const d of ['on_time', 'late', 'open']) add('absence_reports', 'report', d, -1, n(d === 'on_time' ? 12 : 2));
          for (const d of ['lrv', 'absoluut', '5a']) add('thuiszitters', 'register', d, -1, n(0.6));
          add('thuiszitters', 'over3', 'lrv', -1, n(0.3));
          for (const kind of ['toegang', 'provider', 'swv_arrangement']) for (let b = 0; b <= 120; b += 5) add('requests', 'help_days', kind, b, n(0.15));
          for (let b = -2; b <= 2; b++) add('goals', 'gas', '', b, n(2));
          for (const d of ['on_time', 'late']) add('plans', 'plan_due', d, -1, n(d === 'on_time' ? 4 : 1));
          for (let b = 1; b <= 10; b++) add('satisfaction', 'family_score', '', b, n(0.3));
        }
      }
    }
  }
  await copyInto(database, 'monitor_national_areas', ['region_code', 'gemeente_code'], areas);
  await copyInto(database, 'monitor_national_facts', ['region_code', 'indicator', 'month', 'measure', 'detail', 'bucket', 'gemeente_code', 'school_type', 'value'], lines);
  return lines.length;
}
