/**
 * Foundation benchmark: what the access policy and the access log cost on top of plain SQL.
 *
 *   npm run bench                      # on embedded PGlite
 *   DATABASE_URL=postgres://… npm run bench   # on PostgreSQL (uses a fresh database it drops again)
 *
 * Each figure is printed next to a reference measured in the same run on the same data:
 * - children list (policy-scoped SQL + one access-log entry per child shown) vs a hand-written
 *   query returning the same page without policy or logging;
 * - one child read through withChildAccess (policy + log, same transaction) vs a plain select;
 * - appending 25 hash-chained log entries vs a plain 25-row insert into an unchained copy.
 * BENCH_CHILDREN sets the region size (default 20000).
 */
import { sql } from 'kysely';
import { createTestDatabase } from '../test/support/test-db.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import { listChildren, getChild } from '../src/modules/children/child-queries.ts';
import { appendAccessLog } from '../src/kernel/audit/access-log.ts';
import { loadSession, signIn } from '../src/modules/session/session-service.ts';
import { loadConfig } from '../src/config.ts';
import { today } from '../src/kernel/time.ts';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 20000);
const ITER = Number(process.env.BENCH_ITERATIONS ?? 200);

async function time(label: string, n: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(10, n); i++) await fn(i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / n;
  return { label, ms };
}

function report(a: { label: string; ms: number }, ref: { label: string; ms: number }) {
  console.log(`${a.label.padEnd(58)} ${a.ms.toFixed(2).padStart(8)} ms   reference ${ref.label.padEnd(34)} ${ref.ms.toFixed(2).padStart(8)} ms   ratio ${(a.ms / ref.ms).toFixed(2)}×`);
}

const database = await createTestDatabase();
try {
  const t0 = Date.now();
  const seeded = await seedDemo(database, { children: CHILDREN });
  console.log(`engine ${database.engine}; demo region with ${seeded.counts.children} children seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${ITER} iterations each\n`);
  const config = { ...loadConfig(), demo: true };
  const actorOf = async (username: string) => {
    const { token } = await signIn(database, config, { username, password: 'demo', ip: '127.0.0.1' });
    return (await loadSession(database, config, token, '127.0.0.1'))!.actor;
  };
  const ib = await actorOf('ib');
  const leerplicht = await actorOf('leerplicht');
  const day = today();
  const schoolId = ib.membership!.organisationId;

  // 1. The IB's children list, page by page.
  const pages = Math.max(1, Math.floor((await listChildren(database, ib, { page: 1, pageSize: 25 })).total / 25));
  const list = await time('children list, IB, 25 per page (policy + log)', ITER, (i) => listChildren(database, ib, { page: (i % pages) + 1, pageSize: 25 }));
  const listRef = await time('hand-written page query', ITER, (i) =>
    sql`select c.id, c.given_name, c.family_name, c.birth_date, o.name, g.name as group_name
        from children c join enrolments e on e.child_id = c.id join organisations o on o.id = e.organisation_id
        left join school_groups g on g.id = e.group_id
        where e.organisation_id = ${schoolId} and e.start_date <= ${day}::date and (e.end_date is null or e.end_date >= ${day}::date)
        order by c.family_name, c.given_name, c.id limit 25 offset ${(i % pages) * 25}`.execute(database.db),
  );
  report(list, listRef);

  // 2. One child read by the attendance officer (residence ground).
  const ids = (await listChildren(database, leerplicht, { page: 1, pageSize: 100 })).items.map((c) => c.id);
  const read = await time('child read, attendance officer (policy + log)', ITER, (i) => getChild(database, leerplicht, ids[i % ids.length]));
  const readRef = await time('plain select of child + enrolments', ITER, async (i) => {
    await database.db.selectFrom('children').selectAll().where('id', '=', ids[i % ids.length]).execute();
    await database.db.selectFrom('enrolments').selectAll().where('child_id', '=', ids[i % ids.length]).execute();
  });
  report(read, readRef);

  // 3. Appending 25 chained entries vs a plain insert.
  await database.exec('create table bench_log (like access_log including defaults)');
  let seq = 1_000_000_000;
  const entries = ids.slice(0, 25).map((childId) => ({ event: 'bench', outcome: 'allowed' as const, childId, regionId: ib.regionId, accountId: ib.accountId }));
  const append = await time('append 25 hash-chained log entries', ITER, () => database.db.transaction().execute((tx) => appendAccessLog(tx, entries)));
  const appendRef = await time('plain 25-row insert', ITER, () =>
    database.db.transaction().execute((tx) =>
      tx
        .insertInto('bench_log' as 'access_log')
        .values(entries.map((e) => ({ seq: seq++, occurred_at: new Date(), event: e.event, outcome: e.outcome, child_id: e.childId, region_id: e.regionId, account_id: e.accountId, detail: '{}', prev_hash: '', hash: String(seq) })))
        .execute(),
    ),
  );
  report(append, appendRef);
} finally {
  await database.close();
}
