/**
 * Load benchmark of the read paths (issue 15): the real app, started in this process and listening
 * on 127.0.0.1, answers its main read paths under load from autocannon — each beside a BARE endpoint
 * on a separate plain Fastify instance that answers the same page with the same SQL data (same
 * scope, filters, order and page size) in one statement, without session, policy, gateway or
 * access log. The figure is the ratio real / bare, and the p99. Beside it a second reference: the
 * same bare endpoint in a transaction that appends one access-log entry and commits ("bare + log"),
 * the least any read costs that must be logged durably in its own transaction (the law's floor).
 *
 *   npm run bench:api                                  # on embedded PGlite: the demo region, the children list at 1 connection
 *   DATABASE_URL=postgres://… npm run bench:api        # on PostgreSQL (a fresh database, dropped again)
 *
 * On PostgreSQL: a region of BENCH_PUPILS pupils (default 60000; bench/busy-region.ts: the demo
 * region grows with generated school locations of BENCH_SCHOOL_SIZE (1500) pupils, with a year of
 * signals, cases, plans, requests and absence reports), ANALYZEd. Paths, each at 1, 16 and 100
 * concurrent connections (BENCH_CONNECTIONS), BENCH_DURATION seconds each (default 5) after
 * BENCH_WARMUP seconds of warm-up (default 1):
 *   - as the care coordinator (intern begeleider) of the first generated school, signed in through
 *     POST /api/v1/session: the children list, a child's page (rotating over 300 of her pupils), the
 *     signal queue, the school's absence reports, the worklist;
 *   - as a wijkteam worker on the team of open cases with a consent for the wijkteam: a case and its
 *     plan (rotating over the cases of that worker).
 * BENCH_PATHS=children,child,case,plan,signals,reports,worklist picks some. Before the load, one
 * request of each path is checked against its bare endpoint (the same items) and the statements it
 * sends are counted; BENCH_TRACE=N prints them, each with when it was sent and its time (medians of N
 * requests one at a time).
 *
 * The app runs as `serve` runs it — request logging at level info (written to /dev/null here), the
 * access-log sequencer sealing in the same process — with the rate limit raised
 * (RATE_LIMIT_PER_MINUTE) so that it does not interfere. The load generator runs in a worker
 * thread, so it does not take the app's event loop. Targets: throughput at least 0.6× the bare
 * endpoint; p99 at 16 connections under 50 ms; no error (non-2xx or socket error) at 100.
 *
 * Then the page, not the region: the children list, the signal queue and the absence reports of
 * that school of BENCH_SCHOOL_SIZE pupils, one request at a time (p50 of BENCH_SCALE_REQUESTS, 60),
 * here and in a second database with a region of BENCH_SMALL_PUPILS (2000: the demo region made
 * smaller and one generated school like the first); target: within 1.5× (BENCH_SMALL_PUPILS=0 skips).
 *
 * On PGlite (no DATABASE_URL): the demo region with its history; only the children list at one
 * connection, target p95 under 30 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase } from '../test/support/test-db.ts';
import { buildBusyRegion } from './busy-region.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { ephemeralKeys } from '../src/kernel/keys.ts';
import { startSequencer } from '../src/kernel/audit/sequencer.ts';
import { appendAccessLog } from '../src/kernel/audit/access-log.ts';
import { selectsStar } from '../src/kernel/db/prepared.ts';
import type { Db } from '../src/kernel/db/database.ts';
import { hashPassword } from '../src/modules/session/session-service.ts';
import { OPEN_REQUEST_STATUSES } from '../src/contracts/values/requests.ts';
import { EVALUATION_DUE_WITHIN_DAYS, WORKLIST_MAX_PER_KIND } from '../src/contracts/values/worklist.ts';

const PUPILS = Number(process.env.BENCH_PUPILS ?? 60000);
const SCHOOL_SIZE = Number(process.env.BENCH_SCHOOL_SIZE ?? 1500);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
// The same school in a small region: its lists must cost what they cost in the large one (≤ 1.5×). 0 skips.
const SMALL_PUPILS = Number(process.env.BENCH_SMALL_PUPILS ?? 2000);
const SCALE_REQUESTS = Number(process.env.BENCH_SCALE_REQUESTS ?? 60);
const ONLY = process.env.BENCH_PATHS ? new Set(process.env.BENCH_PATHS.split(',').map((s) => s.trim())) : null;
// A Wednesday in March: a school year of work lies behind "today", and no holiday in the week.
const TODAY = process.env.SAMENSPEL_TODAY ?? '2027-03-17';
process.env.SAMENSPEL_TODAY = TODAY;
// Read by buildApp: high enough that the rate limit never answers 429 in a run.
process.env.RATE_LIMIT_PER_MINUTE = String(1_000_000_000);
const LIST_PAGE = 25; // the children list and the signal queue (contracts: paging(100, 25))
const REPORT_PAGE = 50; // the school's absence reports (contracts: paging(500, 50))

// ---------------------------------------------------------------------------------------------
// The load generator: autocannon in a worker thread; every response time is kept for exact percentiles.
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon');
const LOADER = `
const { parentPort, workerData: w } = require('node:worker_threads');
const autocannon = require(w.autocannon);
let next = 0;
const latencies = [];
const run = autocannon(
  { url: w.url, connections: w.connections, duration: w.duration, headers: w.headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: w.paths[next++ % w.paths.length] }) }] },
  (err, r) => {
    if (err) parentPort.postMessage({ error: String((err && err.stack) || err) });
    else parentPort.postMessage({ latencies, seconds: r.duration, ok: r['2xx'], non2xx: r.non2xx, errors: r.errors, statusCodes: Object.keys(r.statusCodeStats) });
  },
);
run.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
`;

interface Load {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Answers received within the run (what the percentiles are of). */
  answered: number;
  /** Non-2xx answers and socket errors (timeouts included). */
  errors: number;
  statusCodes: string[];
}

function load(url: string, paths: string[], headers: Record<string, string>, connections: number, duration: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOADER, { eval: true, workerData: { autocannon: AUTOCANNON, url, paths, headers, connections, duration } });
    worker.once('error', reject);
    worker.once('message', (m: { error?: string; latencies: number[]; seconds: number; ok: number; non2xx: number; errors: number; statusCodes: string[] }) => {
      void worker.terminate();
      if (m.error) return reject(new Error(m.error));
      const ms = m.latencies.sort((a, b) => a - b);
      const q = (p: number) => (ms.length ? ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)] : NaN);
      resolve({ answered: ms.length, rps: m.ok / m.seconds, p50: q(0.5), p95: q(0.95), p99: q(0.99), errors: m.non2xx + m.errors, statusCodes: m.statusCodes });
    });
  });
}

// ---------------------------------------------------------------------------------------------
const database = await createTestDatabase();
const db = database.db;
const onPostgres = database.engine === 'postgresql';
const cleanup: (() => Promise<unknown>)[] = [];
try {
  const t0 = Date.now();
  let regionId: string;
  let summary: string;
  let school: { id: string; ib: string; pupils: string[] } | null = null;
  if (onPostgres) {
    const region = await buildBusyRegion(database, { pupils: PUPILS, schoolSize: SCHOOL_SIZE, today: TODAY });
    regionId = region.regionId;
    const first = region.schools[0];
    school = { id: first.id, ib: first.ib, pupils: first.pupils.filter((c) => !first.left.has(c)) };
    summary = `region generated in ${region.seconds.toFixed(1)} s: ${region.summary}`;
  } else {
    const seeded = await seedDemo(database, { today: TODAY, history: true });
    regionId = seeded.regionId;
    summary = `the demo region (${seeded.counts.children.toLocaleString('en')} children, with its history) seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
  }

  // ---- the users: accounts with the demo password for the generated people, signed in through the API
  const passwordHash = await hashPassword('demo');
  const accountFor = async (personId: string, username: string) => {
    const existing = await db.selectFrom('accounts').select('username').where('person_id', '=', personId).executeTakeFirst();
    if (existing) return existing.username;
    await db.insertInto('accounts').values({ region_id: regionId, username, password_hash: passwordHash, kind: 'professional', person_id: personId, totp_enabled: false }).execute();
    return username;
  };
  const ibUser = school ? await accountFor(school.ib, 'bench-ib') : 'ib';
  // A wijkteam worker on the team of open cases whose consent names the wijkteam (and who works for it alone).
  const worker = onPostgres
    ? await sql<{ person_id: string; cases: string[]; plans: string[] }>`
        select cm.person_id, array_agg(k.id order by k.id) as cases, array_agg(p.id order by k.id) as plans
        from case_members cm
        join organisations o on o.id = cm.organisation_id and o.kind = 'wijkteam'
        join cases k on k.id = cm.case_id and k.status = 'open' and k.region_id = ${regionId}
        join plans p on p.case_id = k.id
        where cm.removed_at is null
          and exists (select 1 from consents con join consent_recipients cr on cr.consent_id = con.id
                       where con.case_id = k.id and cr.organisation_id = cm.organisation_id and con.given_on <= ${TODAY}::date and con.valid_until >= ${TODAY}::date
                         and not exists (select 1 from consent_withdrawals w where w.consent_id = con.id))
          and (select count(*) from memberships m where m.person_id = cm.person_id and m.ended_at is null) = 1
        group by cm.person_id order by count(*) desc, cm.person_id limit 1`
        .execute(db)
        .then((r) => r.rows[0])
    : undefined;
  const wijkteamUser = worker ? await accountFor(worker.person_id, 'bench-wijkteam') : null;
  await database.exec('analyze');

  // ---- the real app, as `serve` runs it
  const config = { ...loadConfig({ ...process.env, SAMENSPEL_DEMO: '1', AUDIT_ANCHOR_FILE: '' }), logLevel: 'info' };
  const keys = ephemeralKeys();
  const app = await buildApp(database, config, { keys, logger: { level: 'info', stream: fs.createWriteStream('/dev/null') } });
  cleanup.push(() => app.close());
  const realUrl = await app.listen({ host: '127.0.0.1', port: 0 });

  const signIn = async (username: string, base = realUrl) => {
    const res = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.getSetCookie()[0].split(';')[0];
    const session = (await (await fetch(`${base}/api/v1/session`, { headers: { cookie } })).json()) as {
      activeMembershipId: string;
      memberships: { id: string; organisationId: string; organisationName: string; role: string }[];
    };
    const active = session.memberships.find((m) => m.id === session.activeMembershipId)!;
    return { cookie, organisationId: active.organisationId, organisationName: active.organisationName, role: active.role };
  };
  const ib = await signIn(ibUser);
  const ibPerson = (await db.selectFrom('accounts').select('person_id').where('username', '=', ibUser).executeTakeFirstOrThrow()).person_id!;
  const wijkteam = wijkteamUser ? await signIn(wijkteamUser) : null;

  // ---- the bare endpoints: the same data in one statement, no session, policy or log
  const bare: FastifyInstance = Fastify({ logger: false });
  cleanup.push(() => bare.close());
  // The same endpoints, each in a transaction that also appends one access-log entry and commits:
  // the least a read that must be logged durably costs (the floor, printed beside the bare figure).
  const bareLogged: FastifyInstance = Fastify({ logger: false });
  cleanup.push(() => bareLogged.close());
  const both = (path: string, handler: (request: FastifyRequest, q: Db) => Promise<unknown>) => {
    bare.get(path, (request) => handler(request, db));
    bareLogged.get(path, (request) =>
      db.transaction().execute(async (tx) => {
        const out = await handler(request, tx);
        await appendAccessLog(tx, { event: 'bench.bare', outcome: 'allowed', regionId, personId: ibPerson, organisationId: ib.organisationId, role: ib.role, detail: { path: request.url } });
        return out;
      }),
    );
  };
  const day = sql`${TODAY}::date`;
  /** The care coordinator's children (groundsQuery for intern_begeleider: school_care and case_owner), as a set the planner can hash. */
  const ibScope = (child: string) =>
    sql`${sql.ref(child)} in (select e.child_id from enrolments e where e.organisation_id = ${ib.organisationId} and e.start_date <= ${day} and (e.end_date is null or e.end_date >= ${day})
                             union select k.child_id from cases k where k.organisation_id = ${ib.organisationId})`;
  const paging = (q: unknown, size: number) => {
    const { page = '1', pageSize = String(size) } = q as { page?: string; pageSize?: string };
    return { limit: Number(pageSize), offset: (Number(page) - 1) * Number(pageSize) };
  };

  both('/children', async (request, q) => {
    const { limit, offset } = paging(request.query, LIST_PAGE);
    const rows = await sql<Record<string, unknown>>`
      with scoped as (select c.id, c.given_name, c.family_name, c.birth_date, c.sort_key from children c where c.region_id = ${regionId} and ${ibScope('c.id')}),
      page as (select * from scoped order by sort_key, id limit ${limit} offset ${offset})
      select (select count(*) from scoped)::int as total, p.id, p.given_name, p.family_name, p.birth_date,
             dutch_name_core(p.family_name) || ', ' || p.given_name || coalesce(' ' || dutch_name_prefix(p.family_name), '') as sort_name,
             s.organisation_id, s.name as school_name, s.group_name, s.pupil_number
      from page p
      left join lateral (select e.organisation_id, o.name, sg.name as group_name, e.pupil_number
                           from enrolments e join organisations o on o.id = e.organisation_id left join school_groups sg on sg.id = e.group_id
                          where e.child_id = p.id and e.start_date <= ${day} and (e.end_date is null or e.end_date >= ${day})
                          order by e.start_date desc limit 1) s on true
      order by p.sort_key, p.id`.execute(q);
    return { total: rows.rows[0]?.total ?? 0, items: rows.rows };
  });

  both('/children/:id', async (request, q) => {
    const { id } = request.params as { id: string };
    const r = await sql<Record<string, unknown>>`
      select c.id, c.given_name, c.family_name, c.birth_date, c.bsn, c.onderwijsnummer, c.version, c.startkwalificatie_on,
        (select json_build_object('gemeenteId', r.gemeente_id, 'gemeenteName', g.name, 'validFrom', r.valid_from)
           from child_residences r join gemeenten g on g.id = r.gemeente_id where r.child_id = c.id and r.valid_from <= ${day} order by r.valid_from desc limit 1) as residence,
        (select coalesce(json_agg(json_build_object('id', e.id, 'organisationId', e.organisation_id, 'organisationName', o.name, 'schoolType', o.school_type, 'brin', o.brin,
                  'vestiging', o.vestiging, 'groupName', sg.name, 'mentorName', p.given_name || ' ' || p.family_name, 'pupilNumber', e.pupil_number,
                  'startDate', e.start_date, 'endDate', e.end_date, 'version', e.version) order by e.start_date desc), '[]')
           from enrolments e join organisations o on o.id = e.organisation_id left join school_groups sg on sg.id = e.group_id left join people p on p.id = e.mentor_person_id
          where e.child_id = c.id) as enrolments,
        (select coalesce(json_agg(json_build_object('id', g.id, 'givenName', g.given_name, 'familyName', g.family_name, 'relation', cg.relation, 'hasAuthority', cg.has_authority,
                  'email', g.email, 'phone', g.phone) order by cg.has_authority desc, g.family_name), '[]')
           from child_guardians cg join guardians g on g.id = cg.guardian_id where cg.child_id = c.id) as guardians
      from children c where c.id = ${id} and c.region_id = ${regionId}`.execute(q);
    return r.rows[0];
  });

  both('/cases/:id', async (request, q) => {
    const { id } = request.params as { id: string };
    const r = await sql<Record<string, unknown>>`
      select k.id, k.version, k.title, k.status, k.opened_on, k.next_evaluation_on, k.safety_route, k.organisation_id, o.name as organisation_name,
        k.opened_from_signal_id, k.case_manager_person_id, k.case_manager_organisation_id, cm.given_name || ' ' || cm.family_name as case_manager_name,
        cm.email as case_manager_email, cmo.name as case_manager_organisation, k.verwijsindex_registered_on,
        exists (select 1 from memberships mm where mm.person_id = k.case_manager_person_id and mm.organisation_id = k.case_manager_organisation_id and mm.ended_at is null) as case_manager_current,
        (select p.id from plans p where p.case_id = k.id) as plan_id,
        (select json_build_object('id', c.id, 'givenName', c.given_name, 'familyName', c.family_name, 'birthDate', c.birth_date) from children c where c.id = k.child_id) as child,
        (select coalesce(json_agg(json_build_object('id', m.id, 'personId', m.person_id, 'organisationId', m.organisation_id, 'role', m.role, 'organisationName', mo.name,
                  'name', p.given_name || ' ' || p.family_name, 'email', p.email, 'kind', mo.kind,
                  'current', exists (select 1 from memberships mm where mm.person_id = m.person_id and mm.organisation_id = m.organisation_id and mm.ended_at is null)) order by m.added_at), '[]')
           from case_members m join people p on p.id = m.person_id join organisations mo on mo.id = m.organisation_id where m.case_id = k.id and m.removed_at is null) as team,
        (select coalesce(json_agg(json_build_object('at', e.at, 'event', e.event, 'detail', e.detail, 'personName', p.given_name || ' ' || p.family_name) order by e.id), '[]')
           from case_events e left join people p on p.id = e.person_id where e.case_id = k.id) as history,
        (select coalesce(json_agg(json_build_object('organisationId', rq.to_organisation_id, 'organisationName', ro.name, 'kind', ro.kind, 'holderName', hp.given_name || ' ' || hp.family_name,
                  'holderEmail', hp.email, 'holderRole', hm.role) order by rq.sent_on, rq.id), '[]')
           from requests rq join organisations ro on ro.id = rq.to_organisation_id left join people hp on hp.id = rq.holder_person_id
           left join memberships hm on hm.person_id = rq.holder_person_id and hm.organisation_id = rq.to_organisation_id and hm.ended_at is null
          where rq.case_id = k.id and rq.status in (${sql.join([...OPEN_REQUEST_STATUSES])})) as involved_requests
      from cases k join people cm on cm.id = k.case_manager_person_id join organisations cmo on cmo.id = k.case_manager_organisation_id join organisations o on o.id = k.organisation_id
      where k.id = ${id} and k.region_id = ${regionId}`.execute(q);
    return r.rows[0];
  });

  both('/plans/:id', async (request, q) => {
    const { id } = request.params as { id: string };
    const name = (a: string) => sql.raw(`${a}.given_name || ' ' || ${a}.family_name`);
    const r = await sql<Record<string, unknown>>`
      select pl.id, pl.version, pl.case_id, k.title, k.status, k.next_evaluation_on, k.opened_on, c.id as child_id, c.given_name, c.family_name, c.birth_date,
        o.name as school, ${name('cm')} as case_manager_name,
        (select coalesce(json_agg(json_build_object('id', g.id, 'lifeDomain', g.life_domain, 'description', g.description, 'expectedOutcome', g.expected_outcome,
                  'inFamilyWords', g.in_family_words, 'byChild', g.added_by_child, 'personName', ${name('p')}, 'guardianName', ${name('gu')}) order by g.created_at), '[]')
           from plan_goals g left join people p on p.id = g.added_by_person_id left join guardians gu on gu.id = g.added_by_guardian_id where g.plan_id = pl.id) as goals,
        (select coalesce(json_agg(json_build_object('id', a.id, 'goalId', a.goal_id, 'description', a.description, 'deadline', a.deadline, 'ownerFamily', a.owner_family,
                  'organisationName', ao.name, 'personName', ${name('p')}) order by a.created_at), '[]')
           from plan_actions a join plan_goals g on g.id = a.goal_id left join people p on p.id = a.owner_person_id left join organisations ao on ao.id = a.owner_organisation_id
          where g.plan_id = pl.id) as actions,
        (select coalesce(json_agg(json_build_object('id', e.id, 'goalId', e.goal_id, 'score', e.score, 'evaluatedOn', e.evaluated_on, 'comment', e.comment,
                  'corrects', e.corrects_evaluation_id, 'correctionReason', e.correction_reason, 'byChild', e.rated_by_child, 'personName', ${name('p')}, 'guardianName', ${name('gu')})
                  order by e.evaluated_on, e.created_at), '[]')
           from goal_evaluations e join plan_goals g on g.id = e.goal_id left join people p on p.id = e.rated_by_person_id left join guardians gu on gu.id = e.rated_by_guardian_id
          where g.plan_id = pl.id) as evaluations,
        (select row_to_json(v) from (select * from plan_opp_versions where plan_id = pl.id order by recorded_at desc limit 1) v) as opp,
        (select coalesce(json_agg(json_build_object('id', a.id, 'kind', a.kind, 'agreed', a.agreed, 'onDate', a.on_date, 'note', a.note, 'oppVersionId', a.opp_version_id,
                  'guardianName', ${name('gu')}) order by a.recorded_at), '[]')
           from plan_agreements a left join guardians gu on gu.id = a.guardian_id where a.plan_id = pl.id) as agreements,
        (select coalesce(json_agg(json_build_object('id', x.id, 'goalId', x.goal_id, 'text', x.text, 'at', x.created_at, 'byChild', x.author_child, 'personName', ${name('p')},
                  'guardianName', ${name('gu')}) order by x.created_at), '[]')
           from plan_comments x left join people p on p.id = x.author_person_id left join guardians gu on gu.id = x.author_guardian_id where x.plan_id = pl.id) as comments,
        (select coalesce(json_agg(json_build_object('id', ob.id, 'goalId', ob.goal_id, 'effect', ob.effect, 'text', ob.text, 'observedOn', ob.observed_on, 'authorName', ${name('p')})
                  order by ob.observed_on desc), '[]')
           from plan_observations ob join people p on p.id = ob.author_person_id where ob.plan_id = pl.id) as observations
      from plans pl join cases k on k.id = pl.case_id join children c on c.id = pl.child_id join organisations o on o.id = k.organisation_id
      join people cm on cm.id = k.case_manager_person_id
      where pl.id = ${id} and pl.region_id = ${regionId}`.execute(q);
    return r.rows[0];
  });

  both('/signals', async (request, q) => {
    const { limit, offset } = paging(request.query, LIST_PAGE);
    const r = await sql<Record<string, unknown>>`
      select s.id, s.child_id, s.organisation_id, s.author_person_id, s.author_role, s.category, s.urgency, s.observation, s.parents_informed,
        s.parents_not_informed_reason, s.status, s.raised_at, s.raised_on, s.pickup_deadline, s.pickup_school_days, s.triaged_at, s.triaged_on,
        s.triage_decision, s.version, c.given_name as child_given_name, c.family_name as child_family_name, c.birth_date as child_birth_date,
        o.name as organisation_name, a.given_name || ' ' || a.family_name as author_name,
        (select e.decision from signal_events e where e.signal_id = s.id and e.decision is not null order by e.id desc limit 1) as latest_decision,
        (select k.id from cases k where k.opened_from_signal_id = s.id) as case_id,
        (select e.reason from signal_events e where e.signal_id = s.id and e.decision is not null order by e.id desc limit 1) as latest_reason,
        count(*) over () as total,
        count(*) filter (where s.status = 'new') over () as new,
        count(*) filter (where s.status = 'new' and s.pickup_deadline < ${day}) over () as overdue,
        count(*) filter (where s.triaged_on is not null) over () as picked_up
      from signals s join children c on c.id = s.child_id join organisations o on o.id = s.organisation_id join people a on a.id = s.author_person_id
      where s.region_id = ${regionId} and s.organisation_id = ${ib.organisationId}
      -- The queue's order, and the id last: the real query leaves signals of the same deadline and time raised in any order.
      order by s.status = 'new' and (s.urgency = 'urgent' or s.category = 'safety') desc, s.status = 'new' desc, s.pickup_deadline, s.raised_at, s.id
      limit ${limit} offset ${offset}`.execute(q);
    return { items: r.rows };
  });

  both('/absence-reports', async (request, q) => {
    const { limit, offset } = paging(request.query, REPORT_PAGE);
    const r = await sql<Record<string, unknown>>`
      with reports as (
        select r.id, r.child_id, r.organisation_id, r.type, r.start_date, r.end_date, r.hours, r.due_on, r.deadline, r.origin, r.explanation,
               c.given_name, c.family_name, c.birth_date, c.sort_key, o.name as school_name,
               r.version + (select count(*) from absence_report_events e where e.report_id = r.id)::int as version,
               le.kind as last_kind, le.occurred_on as last_on, le.reference, le.reason
          from absence_reports r join children c on c.id = r.child_id join organisations o on o.id = r.organisation_id
          left join lateral (select e.kind, e.occurred_on, e.reference, e.reason from absence_report_events e
                              where e.report_id = r.id and e.occurred_on <= ${day} order by e.id desc limit 1) le on true
         where r.organisation_id = ${ib.organisationId} and r.region_id = ${regionId} and r.due_on <= ${day} and ${ibScope('r.child_id')}
      ), stated as (
        select *, case when last_kind in ('reported', 'dismissed', 'withdrawn') then last_kind when ${day} > deadline then 'overdue' else 'due' end as status from reports
      )
      select *, count(*) over () as total, count(*) filter (where status = 'overdue') over () as overdue_count, count(*) filter (where status = 'due') over () as due_count,
             count(*) filter (where status = 'reported') over () as reported_count, count(*) filter (where status = 'dismissed') over () as dismissed_count, count(*) filter (where status = 'withdrawn') over () as withdrawn_count
      from stated
      order by case status when 'overdue' then 0 when 'due' then 1 when 'dismissed' then 2 when 'reported' then 3 else 4 end,
               case when status in ('due', 'overdue') then deadline end, case when status not in ('due', 'overdue') then due_on end desc, sort_key, id
      limit ${limit} offset ${offset}`.execute(q);
    return { items: r.rows };
  });

  // The worklist's reference of bench/worklist.bench.ts: the same scopes, order and cap.
  both('/worklist', async (_request, q) => {
    const org = ib.organisationId;
    const r = await sql<{ kind: string; id: string; due_on: string | null; name: string }>`
      with work as (
        select 'signal_to_pick_up' as kind, s.id, case when s.status = 'new' then s.pickup_deadline end as due_on, s.child_id
          from signals s
         where s.region_id = ${regionId} and s.organisation_id = ${org} and s.status in ('new', 'watching')
        union all
        select case when rq.from_organisation_id = ${org} then (case when rq.status = 'info_requested' then 'request_to_answer' else 'request_overdue' end)
                    when rq.status = 'help_started' then 'report_due' else 'request_to_answer' end,
               rq.id, rq.step_due_on, rq.child_id
          from requests rq join cases k on k.id = rq.case_id
         where rq.region_id = ${regionId}
           and ((rq.to_organisation_id = ${org} and rq.status in ('sent', 'accepted', 'decided', 'help_started') and k.status = 'open' and k.organisation_id = ${org}
                 and (rq.holder_person_id is null or rq.holder_person_id = ${ibPerson}))
             or (rq.from_organisation_id = ${org}
                 and (rq.status = 'info_requested' or (rq.status in ('sent', 'accepted', 'decided', 'help_started') and rq.step_due_on < ${day}))))
        union all
        select 'evaluation_due', k.id, k.next_evaluation_on, k.child_id
          from cases k
         where k.region_id = ${regionId} and k.case_manager_person_id = ${ibPerson} and k.case_manager_organisation_id = ${org}
           and k.status = 'open' and k.next_evaluation_on <= ${day} + ${EVALUATION_DUE_WITHIN_DAYS}::int
        union all
        select 'absence_report_due', r.id, r.deadline, r.child_id
          from absence_reports r
         where r.region_id = ${regionId} and r.organisation_id = ${org} and r.due_on <= ${day}
           and coalesce((select e.kind from absence_report_events e where e.report_id = r.id and e.occurred_on <= ${day} order by e.id desc limit 1), 'reopened') = 'reopened'
           and ${ibScope('r.child_id')}
      ), ranked as (
        select w.*, row_number() over (partition by w.kind order by w.due_on nulls last, w.id) as n from work w
      )
      select r.kind, r.id, r.due_on, c.given_name || ' ' || c.family_name as name
        from ranked r join children c on c.id = r.child_id
       where r.n <= ${WORKLIST_MAX_PER_KIND}
       order by (r.due_on < ${day}) desc nulls last, r.due_on nulls last, r.kind, r.id`.execute(q);
    return { items: r.rows };
  });
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
  const bareLoggedUrl = await bareLogged.listen({ host: '127.0.0.1', port: 0 });

  // ---- the paths
  interface Path {
    key: string;
    label: string;
    /** Request paths, rotated over (the same on the app under /api/v1 and on the bare instance). */
    paths: string[];
    cookie: string;
    /** What must be the same in the two answers (ids of the items, or of the parts of a page). */
    same: (body: Record<string, unknown>) => string[];
  }
  const ids = (b: Record<string, unknown>) => ((b.items as { id: string }[]) ?? []).map((i) => i.id);
  const paths: Path[] = [{ key: 'children', label: 'children list (care coordinator)', paths: ['/children'], cookie: ib.cookie, same: ids }];
  if (onPostgres && school) {
    const pupils = school.pupils.slice(0, 300);
    paths.push({
      key: 'child',
      label: "a child's page (care coordinator)",
      paths: pupils.map((c) => `/children/${c}`),
      cookie: ib.cookie,
      same: (b) => [b.id as string, ...((b.enrolments as { id: string }[]) ?? []).map((e) => e.id)],
    });
    if (worker && wijkteam) {
      paths.push({
        key: 'case',
        label: 'a case (wijkteam worker on its team)',
        paths: worker.cases.map((k) => `/cases/${k}`),
        cookie: wijkteam.cookie,
        same: (b) => [b.id as string, (b.planId ?? b.plan_id) as string, ...((b.team as { id: string }[]) ?? []).map((m) => m.id)],
      });
      paths.push({ key: 'plan', label: 'a plan (wijkteam worker on its team)', paths: worker.plans.map((p) => `/plans/${p}`), cookie: wijkteam.cookie, same: (b) => [b.id as string, (b.caseId ?? b.case_id) as string] });
    }
    paths.push({ key: 'signals', label: 'signal queue (care coordinator)', paths: ['/signals?view=queue'], cookie: ib.cookie, same: ids });
    paths.push({ key: 'reports', label: "school's absence reports (care coordinator)", paths: [`/absence-reports?schoolLocationId=${ib.organisationId}`], cookie: ib.cookie, same: ids });
    paths.push({ key: 'worklist', label: 'worklist (care coordinator)', paths: ['/worklist'], cookie: ib.cookie, same: ids });
  }
  const chosen = paths.filter((p) => !ONLY || ONLY.has(p.key));

  // ---- the machine
  const cpus = os.cpus();
  const serverVersion = onPostgres ? (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0].v : null;
  console.log(`machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB; node ${process.version}; ${onPostgres ? `PostgreSQL ${serverVersion}` : 'PGlite'}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`engine ${database.engine}; today ${TODAY}; ${summary}`);
  console.log(`care coordinator: ${ibUser} (${ib.role}, ${ib.organisationName})${wijkteam ? `; wijkteam worker: ${wijkteamUser} (${wijkteam.organisationName}, on the team of ${worker!.cases.length} open cases with consent)` : ''}`);

  // ---- the same data: the first path of each, real and bare; and the statements each sends to the
  // database (counted on PostgreSQL before the sequencer starts, so that only the request's own count)
  let statements = 0;
  type Traced = { at: number; ms: number; text: string; full: string; values: unknown };
  let trace: Traced[] | null = null;
  let traceStart = 0;
  if (onPostgres) {
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const query = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      statements++;
      const result = query.apply(this, args);
      const log = trace;
      if (log && result instanceof Promise) {
        const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string }).text);
        const start = performance.now();
        const values = typeof args[0] === 'string' ? args[1] : (args[0] as { values?: unknown }).values;
        void result.then(() => log.push({ at: start - traceStart, ms: performance.now() - start, text: text.replace(/\s+/g, ' ').slice(0, 130), full: text, values }), () => undefined);
      }
      return result;
    };
  }
  // BENCH_TRACE=N: the statements of N requests of each path, one at a time; each printed with the
  // median of when it was sent (from the request's start) and of the time to its answer.
  const TRACE_RUNS = Number(process.env.BENCH_TRACE ?? 0);
  const counted = async <T>(fn: () => Promise<T>, traced = false) => {
    const runs: Traced[][] = [];
    const took: number[] = [];
    let before = statements;
    let value = undefined as T;
    for (let i = 0; i < (traced ? Math.max(TRACE_RUNS, 1) : 1); i++) {
      before = statements;
      if (traced && TRACE_RUNS) trace = [];
      traceStart = performance.now();
      value = await fn();
      took.push(performance.now() - traceStart);
      if (trace) runs.push(trace);
      trace = null;
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    const lines = (runs[0] ?? []).map((t, i) => {
      const at = median(runs.map((r) => r[i]?.at ?? NaN));
      const ms = median(runs.map((r) => r[i]?.ms ?? NaN));
      // "*": sent unnamed, planned on every run (its result selects a table's columns: prepared.ts).
      return `${at.toFixed(1).padStart(7)} ms ${ms.toFixed(1).padStart(6)} ms ${t.values && selectsStar(t.full) ? '*' : ' '} ${t.text}`;
    });
    // BENCH_EXPLAIN=1: the plan of each select of the last traced request, as it ran (EXPLAIN ANALYZE, on another connection).
    if (traced && process.env.BENCH_EXPLAIN && database.url && runs.length) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        for (const t of runs[runs.length - 1].filter((x) => /^\s*(select|with "?\w+"? as \(select)/i.test(x.full))) {
          const plan = await client.query(`explain (analyze, buffers, summary) ${t.full}`, t.values as unknown[]);
          lines.push(`  ${t.text}\n${plan.rows.map((r: Record<string, string>) => `      ${r['QUERY PLAN']}`).join('\n')}`);
        }
      } finally {
        await client.end();
      }
    }
    return { value, statements: statements - before, ms: median(took), lines };
  };
  console.log(`\nthe real answer and the bare one carry the same items${onPostgres ? '; statements sent for one request' : ''}:`);
  for (const p of chosen) {
    const getReal = async () => (await (await fetch(`${realUrl}/api/v1${p.paths[0]}`, { headers: { cookie: p.cookie } })).json()) as Record<string, unknown>;
    const getBare = async () => (await (await fetch(`${bareUrl}${p.paths[0]}`)).json()) as Record<string, unknown>;
    // Warm first (plans cached on the connections, code compiled), then count (and trace) one request each.
    for (let i = 0; i < 5; i++) await Promise.all([getReal(), getBare()]);
    const real = await counted(getReal, true);
    const plain = await counted(getBare);
    const a = p.same(real.value).filter(Boolean);
    const b = new Set(p.same(plain.value).filter(Boolean));
    const common = a.filter((x) => b.has(x)).length;
    console.log(
      `  ${p.label.padEnd(46)} ${common === a.length && a.length === b.size ? 'yes' : 'NO'} (${common} in common; real ${a.length}, bare ${b.size})` +
        (onPostgres ? `; statements real ${real.statements}, bare ${plain.statements}` : ''),
    );
    if (real.lines.length)
      console.log(
        `    the real request took ${real.ms.toFixed(1)} ms${TRACE_RUNS > 1 ? ` (median of ${TRACE_RUNS})` : ''}; its statements (sent at, time from send to answer${TRACE_RUNS > 1 ? ', medians' : ''}; * sent unnamed, planned every time):\n${real.lines.map((l) => `    ${l}`).join('\n')}`,
      );
    if (common !== a.length || a.length !== b.size) {
      const only = (body: Record<string, unknown>, other: Set<string>) =>
        ((body.items as { id: string }[] | undefined) ?? []).filter((i) => !other.has(i.id)).map((i) => JSON.stringify(i).slice(0, 600));
      for (const x of only(real.value, b)) console.log(`    only in the real answer: ${x}`);
      for (const x of only(plain.value, new Set(a))) console.log(`    only in the bare answer: ${x}`);
    }
  }
  const sequencer = startSequencer(db, keys, { anchorFile: null, anchorUrl: null, log: { error: (obj, msg) => console.error(msg, obj) } });
  cleanup.push(() => sequencer.stop());

  // ---- the load
  const connections = (process.env.BENCH_CONNECTIONS ?? (onPostgres ? '1,16,100' : '1')).split(',').map(Number);
  const rows: { path: Path; connections: number; real: Load; bare: Load; logged: Load }[] = [];
  // No answer within the run: every request took longer than the run.
  const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : `>${DURATION * 1000}`).padStart(7);
  const rps = (x: number) => x.toFixed(0).padStart(6);
  console.log(`\nload: ${DURATION} s a run after ${WARMUP} s warm-up; autocannon in a worker thread, loopback`);
  console.log('  (req/s "bare + log": the bare endpoint in a transaction that appends one access-log entry and commits; "ratio + log": real / that)');
  console.log(`  ${'path'.padEnd(46)} ${'conns'.padStart(5)} ${'req/s real'.padStart(10)} ${'bare'.padStart(6)} ${'ratio'.padStart(6)} ${'bare + log'.padStart(10)} ${'ratio + log'.padStart(11)} ${'p50 real'.padStart(9)} ${'p95 real'.padStart(9)} ${'p99 real'.padStart(9)} ${'p99 bare'.padStart(9)} ${'answers real/bare'.padStart(17)} ${'errors real/bare'.padStart(16)}`);
  for (const p of chosen) {
    const realPaths = p.paths.map((x) => `/api/v1${x}`);
    const headers = { cookie: p.cookie };
    if (WARMUP > 0) {
      await load(realUrl, realPaths, headers, 4, WARMUP);
      await load(bareUrl, p.paths, {}, 4, WARMUP);
      await load(bareLoggedUrl, p.paths, {}, 4, WARMUP);
      await sequencer.sealNow();
    }
    for (const c of connections) {
      const bareLoad = await load(bareUrl, p.paths, {}, c, DURATION);
      const loggedLoad = await load(bareLoggedUrl, p.paths, {}, c, DURATION);
      await sequencer.sealNow();
      const realLoad = await load(realUrl, realPaths, headers, c, DURATION);
      // What the run logged is sealed before the next run, so a backlog does not carry over.
      await sequencer.sealNow();
      rows.push({ path: p, connections: c, real: realLoad, bare: bareLoad, logged: loggedLoad });
      const codes = realLoad.statusCodes.filter((s) => !s.startsWith('2'));
      console.log(
        `  ${p.label.padEnd(46)} ${String(c).padStart(5)} ${rps(realLoad.rps).padStart(10)} ${rps(bareLoad.rps)} ${(realLoad.rps / bareLoad.rps).toFixed(2).padStart(6)} ${rps(loggedLoad.rps).padStart(10)} ${(realLoad.rps / loggedLoad.rps).toFixed(2).padStart(11)} ${ms(realLoad.p50)} ms ${ms(realLoad.p95)} ms ${ms(realLoad.p99)} ms ${ms(bareLoad.p99)} ms ${`${realLoad.answered}/${bareLoad.answered}`.padStart(17)} ${`${realLoad.errors}/${bareLoad.errors}`.padStart(16)}${codes.length ? ` (status ${codes.join(', ')})` : ''}`,
      );
    }
  }

  // ---- the page, not the region: the lists of a school of SCHOOL_SIZE pupils, one request at a time,
  // in this region and in a region of SMALL_PUPILS (a second database: the demo region made smaller,
  // and one generated school like the first one here, with the same rates of signals and reports).
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const scale: { label: string; large: number; small: number }[] = [];
  if (onPostgres && SMALL_PUPILS > 0 && PUPILS > SMALL_PUPILS) {
    const lists = (organisationId: string) => [
      { key: 'children', label: 'children list', path: '/api/v1/children' },
      { key: 'signals', label: 'signal queue', path: '/api/v1/signals?view=queue' },
      { key: 'reports', label: "school's absence reports", path: `/api/v1/absence-reports?schoolLocationId=${organisationId}` },
    ];
    /** p50 of SCALE_REQUESTS requests one after another, after 10 to warm. */
    const timeLists = async (base: string, cookie: string, organisationId: string) => {
      const out = new Map<string, number>();
      for (const l of lists(organisationId)) {
        const once = async () => {
          const start = performance.now();
          const res = await fetch(`${base}${l.path}`, { headers: { cookie } });
          if (res.status !== 200) throw new Error(`${l.path}: ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
          return performance.now() - start;
        };
        for (let i = 0; i < 10; i++) await once();
        const times: number[] = [];
        for (let i = 0; i < SCALE_REQUESTS; i++) times.push(await once());
        times.sort((a, b) => a - b);
        out.set(l.key, times[Math.floor(times.length / 2)]);
      }
      return out;
    };
    await sequencer.sealNow();
    const large = await timeLists(realUrl, ib.cookie, ib.organisationId);
    const small = await createTestDatabase();
    cleanup.push(() => small.close());
    const t1 = Date.now();
    const region = await buildBusyRegion(small, { pupils: SMALL_PUPILS, schoolSize: SCHOOL_SIZE, today: TODAY, demoChildren: Math.max(100, SMALL_PUPILS - SCHOOL_SIZE) });
    const first = region.schools[0];
    await small.db.insertInto('accounts').values({ region_id: region.regionId, username: 'bench-ib', password_hash: passwordHash, kind: 'professional', person_id: first.ib, totp_enabled: false }).execute();
    await small.exec('analyze');
    const smallApp = await buildApp(small, config, { keys, logger: { level: 'info', stream: fs.createWriteStream('/dev/null') } });
    cleanup.push(() => smallApp.close());
    const smallUrl = await smallApp.listen({ host: '127.0.0.1', port: 0 });
    const smallIb = await signIn('bench-ib', smallUrl);
    const inSmall = await timeLists(smallUrl, smallIb.cookie, smallIb.organisationId);
    console.log(`
the page, not the region: the lists of a school of ${SCHOOL_SIZE.toLocaleString('en')} pupils, p50 of ${SCALE_REQUESTS} requests one at a time`);
    console.log(`  the small region generated in ${((Date.now() - t1) / 1000).toFixed(1)} s: ${region.summary}`);
    console.log(`  ${'list'.padEnd(26)} ${'this region'.padStart(12)} ${'small region'.padStart(13)} ${'ratio'.padStart(6)}`);
    for (const l of lists(ib.organisationId)) {
      const a = large.get(l.key)!;
      const b = inSmall.get(l.key)!;
      scale.push({ label: l.label, large: a, small: b });
      console.log(`  ${l.label.padEnd(26)} ${a.toFixed(1).padStart(9)} ms ${b.toFixed(1).padStart(10)} ms ${(a / b).toFixed(2).padStart(6)}`);
    }
  }

  // ---- the targets
  console.log('\ntargets:');
  if (onPostgres) {
    for (const p of chosen) {
      const mine = rows.filter((r) => r.path === p);
      const worst = mine.reduce((w, r) => (r.real.rps / r.bare.rps < w.real.rps / w.bare.rps ? r : w));
      const at16 = mine.find((r) => r.connections === 16);
      const at100 = mine.find((r) => r.connections === 100);
      console.log(
        `  ${p.label.padEnd(46)} throughput ≥ 0.6× bare: ${verdict(worst.real.rps / worst.bare.rps >= 0.6)} (lowest ${(worst.real.rps / worst.bare.rps).toFixed(2)}× at ${worst.connections}; against bare + log ${(worst.real.rps / worst.logged.rps).toFixed(2)}×)` +
          (at16 ? `; p99 at 16 < 50 ms: ${verdict(at16.real.p99 < 50)} (${ms(at16.real.p99).trim()} ms)` : '') +
          // Nothing answered within the run is no pass either.
          (at100 ? `; no error at 100: ${verdict(at100.real.errors === 0 && at100.real.answered > 0)} (${at100.real.errors} errors, ${at100.real.answered} answered)` : ''),
      );
    }
    for (const x of scale) console.log(`  ${x.label.padEnd(46)} in a region of ${PUPILS.toLocaleString('en')} within 1.5× of one of ${SMALL_PUPILS.toLocaleString('en')}: ${verdict(x.large / x.small <= 1.5)} (${(x.large / x.small).toFixed(2)}×)`);
  } else {
    const one = rows.find((r) => r.path.key === 'children' && r.connections === 1);
    if (one) console.log(`  children list at 1 connection on PGlite: p95 ${one.real.p95.toFixed(1)} ms (bare ${one.bare.p95.toFixed(1)} ms); target p95 < 30 ms: ${verdict(one.real.p95 < 30)}`);
  }
  console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  for (const close of cleanup.reverse()) await close().catch((err) => console.error(err));
  await database.close();
}
