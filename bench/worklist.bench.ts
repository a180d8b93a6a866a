/**
 * Worklist benchmark (issue 13): the worklist of a care coordinator of a 1,500-pupil school in a
 * 60,000-pupil region with a year of signals, cases, requests between organisations and absence
 * reports — through the real query (getWorklist: every source scoped in SQL, each row decided by the
 * gateway, every child shown written to the access log in the same transaction) — beside one
 * hand-written SQL query that returns the same list without policy or log.
 *
 *   npm run bench:worklist                                  # on embedded PGlite
 *   DATABASE_URL=postgres://… npm run bench:worklist        # on PostgreSQL (a fresh database, dropped again)
 *
 * BENCH_PUPILS sets the region size (default 60000), BENCH_SCHOOL_SIZE the pupils of each generated
 * school (default 1500), BENCH_ITERATIONS the number of timed runs (default 300), BENCH_EXPLAIN=1
 * prints the plans of the reference query. Target: p95 under 100 ms on PostgreSQL.
 *
 * The region: the demo region (2,200 pupils, its schools, partners and accounts) grows with
 * generated school locations of BENCH_SCHOOL_SIZE pupils until the region has BENCH_PUPILS, with
 * more wijkteams and youth care providers. For the school year up to "today", at rates of a busy
 * region: 12 signals per 100 pupils a year (most picked up within the week, some kept watching, a
 * few forgotten), a quarter of them a case (the school's care coordinator or a wijkteam worker
 * manages it; a plan; a team; a consent for the partner, 5% withdrawn; an evaluation every half
 * year, some late), a request from 70% of the cases to the wijkteam, a provider or the SWV (and
 * questions back to the school) moving through the workflow with a slow receiver now and then, its
 * steps in the history; and 30 legal absence reports per 100 pupils, most reported within the
 * term, a few overdue.
 */
import { sql } from 'kysely';
import { createTestDatabase } from '../test/support/test-db.ts';
import { buildBusyRegion } from './busy-region.ts';
import { loadConfig } from '../src/config.ts';
import { loadSession, signIn } from '../src/modules/session/session-service.ts';
import type { Actor } from '../src/kernel/policy/actor.ts';
import { getWorklist } from '../src/modules/worklist/index.ts';
import { EVALUATION_DUE_WITHIN_DAYS, WORKLIST_KINDS, WORKLIST_MAX_PER_KIND } from '../src/contracts/values/worklist.ts';

const PUPILS = Number(process.env.BENCH_PUPILS ?? 60000);
const SCHOOL_SIZE = Number(process.env.BENCH_SCHOOL_SIZE ?? 1500);
const ITER = Number(process.env.BENCH_ITERATIONS ?? 300);
// A Wednesday in March: a school year of work lies behind "today", and no holiday in the week.
const TODAY = process.env.SAMENSPEL_TODAY ?? '2027-03-17';
process.env.SAMENSPEL_TODAY = TODAY;

const database = await createTestDatabase();
try {
  const { regionId, schools, summary, seconds } = await buildBusyRegion(database, { pupils: PUPILS, schoolSize: SCHOOL_SIZE, today: TODAY });
  const db = database.db;
  await database.exec('analyze');
  console.log(`engine ${database.engine}; today ${TODAY}; region generated in ${seconds.toFixed(1)} s:`);
  console.log(`  ${summary}\n`);

  // ---- the care coordinator of the first generated school: the demo account, acting for that school
  const school = schools[0];
  const config = { ...loadConfig(), demo: true };
  const { token } = await signIn(database, config, { username: 'ib', password: 'demo', ip: '127.0.0.1' });
  const demoIb = (await loadSession(database, config, token, '127.0.0.1'))!.actor;
  const membership = await db.selectFrom('memberships').select('id').where('person_id', '=', school.ib).executeTakeFirstOrThrow();
  const actor: Actor = {
    ...demoIb,
    personId: school.ib,
    membership: { id: membership.id, organisationId: school.id, organisationKind: 'school_location', organisationName: 'Basisschool 1', gemeenteId: null, role: 'intern_begeleider' },
  };

  // The same list in one hand-written query: the same scopes, order and cap, no policy, no log.
  const day = sql`${TODAY}::date`;
  const reference = sql<{ kind: string; id: string; due_on: string | null; name: string }>`
    with work as (
      select 'signal_to_pick_up' as kind, s.id, case when s.status = 'new' then s.pickup_deadline end as due_on, s.child_id
        from signals s
       where s.region_id = ${regionId} and s.organisation_id = ${school.id} and s.status in ('new', 'watching')
      union all
      select case when rq.from_organisation_id = ${school.id} then (case when rq.status = 'info_requested' then 'request_to_answer' else 'request_overdue' end)
                  when rq.status = 'help_started' then 'report_due' else 'request_to_answer' end,
             rq.id, rq.step_due_on, rq.child_id
        from requests rq join cases k on k.id = rq.case_id
       where rq.region_id = ${regionId}
         and ((rq.to_organisation_id = ${school.id} and rq.status in ('sent', 'accepted', 'decided', 'help_started') and k.status = 'open' and k.organisation_id = ${school.id}
               and (rq.holder_person_id is null or rq.holder_person_id = ${school.ib}))
           or (rq.from_organisation_id = ${school.id}
               and (rq.status = 'info_requested' or (rq.status in ('sent', 'accepted', 'decided', 'help_started') and rq.step_due_on < ${day}))))
      union all
      select 'evaluation_due', k.id, k.next_evaluation_on, k.child_id
        from cases k
       where k.region_id = ${regionId} and k.case_manager_person_id = ${school.ib} and k.case_manager_organisation_id = ${school.id}
         and k.status = 'open' and k.next_evaluation_on <= ${day} + ${EVALUATION_DUE_WITHIN_DAYS}::int
      union all
      select 'absence_report_due', r.id, r.deadline, r.child_id
        from absence_reports r
       where r.region_id = ${regionId} and r.organisation_id = ${school.id} and r.due_on <= ${day}
         and coalesce((select e.kind from absence_report_events e where e.report_id = r.id and e.occurred_on <= ${day} order by e.id desc limit 1), 'reopened') = 'reopened'
         and (exists (select 1 from enrolments e where e.child_id = r.child_id and e.organisation_id = ${school.id} and e.start_date <= ${day} and (e.end_date is null or e.end_date >= ${day}))
           or exists (select 1 from cases k where k.child_id = r.child_id and k.organisation_id = ${school.id}))
    ), ranked as (
      select w.*, row_number() over (partition by w.kind order by w.due_on nulls last, w.id) as n from work w
    )
    select r.kind, r.id, r.due_on, c.given_name || ' ' || c.family_name as name
      from ranked r join children c on c.id = r.child_id
     where r.n <= ${WORKLIST_MAX_PER_KIND}
     order by (r.due_on < ${day}) desc nulls last, r.due_on nulls last, r.kind, r.id`;

  const list = await getWorklist(database, actor, {});
  const plain = (await reference.execute(db)).rows;
  console.log(`the worklist of the care coordinator of ${SCHOOL_SIZE.toLocaleString('en')} pupils: ${list.items.length} items (${plain.length} by the plain SQL)`);
  for (const kind of WORKLIST_KINDS) {
    const c = list.counts.find((x) => x.kind === kind);
    if (c) console.log(`  ${kind.padEnd(22)} ${String(list.items.filter((i) => i.kind === kind).length).padStart(3)} shown of ${String(c.total).padStart(4)} (${c.overdue} overdue); plain SQL ${plain.filter((r) => r.kind === kind).length}`);
  }
  const same = JSON.stringify(list.items.map((i) => i.id).sort()) === JSON.stringify(plain.map((r) => r.id).sort());
  console.log(`  the same items as the plain SQL: ${same ? 'yes' : 'NO'}\n`);
  if (process.env.BENCH_EXPLAIN) {
    const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${reference}`.execute(db);
    console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), '\n');
  }

  // ---- timing: each run one request's work; p50 and p95 of many
  const measure = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < Math.min(20, ITER); i++) await fn(); // warm-up
    const ms: number[] = [];
    for (let i = 0; i < ITER; i++) {
      const start = process.hrtime.bigint();
      await fn();
      ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    ms.sort((a, b) => a - b);
    const q = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)];
    return { p50: q(0.5), p95: q(0.95), mean: ms.reduce((s, x) => s + x, 0) / ms.length };
  };
  const logBefore = Number((await sql<{ n: number }>`select count(*)::int as n from access_log where event = 'worklist.list'`.execute(db)).rows[0].n);
  const real = await measure(() => getWorklist(database, actor, {}));
  const ref = await measure(() => reference.execute(db));
  const logAfter = Number((await sql<{ n: number }>`select count(*)::int as n from access_log where event = 'worklist.list'`.execute(db)).rows[0].n);
  const fmt = (x: { p50: number; p95: number; mean: number }) => `p50 ${x.p50.toFixed(1).padStart(6)} ms   p95 ${x.p95.toFixed(1).padStart(6)} ms   mean ${x.mean.toFixed(1).padStart(6)} ms`;
  console.log(`timing, ${ITER} runs each (after ${Math.min(20, ITER)} warm-up runs):`);
  console.log(`  ${'worklist through the gateway, with its access log'.padEnd(52)} ${fmt(real)}   (${((logAfter - logBefore) / (ITER + Math.min(20, ITER))).toFixed(0)} entries a run)`);
  console.log(`  ${'the same list in one hand-written SQL query'.padEnd(52)} ${fmt(ref)}`);
  const verdict = database.engine === 'postgresql' ? (real.p95 < 100 ? 'met' : 'NOT met') : 'applies to PostgreSQL (this run: PGlite; set DATABASE_URL)';
  console.log(`  ratio p95 ${(real.p95 / ref.p95).toFixed(2)}×; target p95 < 100 ms on PostgreSQL: ${verdict}`);
} finally {
  await database.close();
}
