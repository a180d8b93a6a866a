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
 * - appending 25 log entries (no lock: the sequencer chains them later) vs a plain 25-row insert
 *   into a copy of the table;
 * - sealing 5,000 entries into the keyed chain vs a plain insert of 5,000 links into a copy;
 * - reads under concurrency (PostgreSQL only; PGlite has one connection): child reads through the
 *   access policy and log at 1, 4, 16 and 64 concurrent requests, each beside the same plain
 *   select at the same concurrency, and beside the same reads as the previous design ran them:
 *   one region-wide lock, taken with the log entry at the start of a read and held until it
 *   committed, so whole reads ran one after another.
 * BENCH_CHILDREN sets the region size (default 20000).
 */
import { sql } from 'kysely';
import { createTestDatabase } from '../test/support/test-db.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import { listChildren, getChild } from '../src/modules/children/child-queries.ts';
import { appendAccessLog, sealAllPending } from '../src/kernel/audit/access-log.ts';
import { ephemeralKeys } from '../src/kernel/keys.ts';
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
  const keys = ephemeralKeys();
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

  // 3. Appending 25 entries (no lock) vs a plain insert into a copy of the table.
  await sealAllPending(database.db, keys);
  await database.exec('create table bench_log (like access_log including defaults)');
  let seq = 1_000_000_000;
  const entries = ids.slice(0, 25).map((childId) => ({ event: 'bench', outcome: 'allowed' as const, childId, regionId: ib.regionId, accountId: ib.accountId }));
  const append = await time('append 25 log entries (queued for the sequencer)', ITER, () => database.db.transaction().execute((tx) => appendAccessLog(tx, entries)));
  const appendRef = await time('plain 25-row insert', ITER, () =>
    database.db.transaction().execute((tx) =>
      tx
        .insertInto('bench_log' as 'access_log')
        .values(entries.map((e) => ({ seq: seq++, occurred_at: new Date(), event: e.event, outcome: e.outcome, child_id: e.childId, region_id: e.regionId, account_id: e.accountId, detail: '{}' })))
        .execute(),
    ),
  );
  report(append, appendRef);

  // 4. Sealing: the sequencer chains what was written, off the read path.
  const backlog = Array.from({ length: 5000 }, (_, i) => ({ event: 'bench.seal', outcome: 'allowed' as const, childId: ids[i % ids.length], regionId: ib.regionId, detail: { i } }));
  await database.db.transaction().execute((tx) => appendAccessLog(tx, backlog));
  const sealStart = process.hrtime.bigint();
  const sealed = await sealAllPending(database.db, keys);
  const sealMs = Number(process.hrtime.bigint() - sealStart) / 1e6;
  await database.exec('create table bench_seals (like access_log_seals including defaults)');
  const links = Array.from({ length: sealed }, (_, i) => ({ chain_seq: i + 1, entry_seq: i + 1, prev_hash: 'x'.repeat(64), hash: 'y'.repeat(64), key_id: keys.id }));
  const refStart = process.hrtime.bigint();
  await database.db.transaction().execute(async (tx) => {
    for (let i = 0; i < links.length; i += 2000) await tx.insertInto('bench_seals' as 'access_log_seals').values(links.slice(i, i + 2000)).execute();
  });
  const sealRef = Number(process.hrtime.bigint() - refStart) / 1e6;
  report({ label: `seal ${sealed} entries into the keyed chain`, ms: sealMs }, { label: `plain insert of ${sealed} links`, ms: sealRef });

  // 5. Reads under concurrency: the chain no longer serialises them.
  if (database.engine !== 'postgresql') {
    console.log('\nconcurrent reads: PostgreSQL only (PGlite runs one statement at a time); run with DATABASE_URL.');
  } else {
    const REQUESTS = Number(process.env.BENCH_CONCURRENT_REQUESTS ?? 800);
    const child = (i: number) => ids[i % ids.length];
    const plain = async (i: number) => {
      await database.db.selectFrom('children').selectAll().where('id', '=', child(i)).execute();
      await database.db.selectFrom('enrolments').selectAll().where('child_id', '=', child(i)).execute();
    };
    // The previous design: every read took one region-wide advisory lock when it wrote its log
    // entry (at its start) and held it until it committed, so whole reads ran one after another.
    // On one node that is the same read behind one mutex.
    let queue: Promise<unknown> = Promise.resolve();
    const serialised = (i: number) => {
      const run = queue.then(() => getChild(database, leerplicht, child(i)));
      queue = run.catch(() => undefined);
      return run;
    };
    const rate = async (concurrency: number, fn: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < concurrency; i++) await fn(i); // warm-up
      let next = 0;
      const start = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let i = next++; i < REQUESTS; i = next++) await fn(i);
        }),
      );
      return REQUESTS / (Number(process.hrtime.bigint() - start) / 1e9);
    };
    console.log(`\nconcurrent child reads (${REQUESTS} per level, pool of ${database.native.engine === 'postgresql' ? database.native.pool.options.max : 1} connections): requests per second`);
    console.log(`${'concurrency'.padEnd(12)} ${'policy + log'.padStart(14)} ${'plain select'.padStart(14)} ${'ratio'.padStart(7)} ${'same reads, one lock (before)'.padStart(30)}`);
    let first = 0;
    for (const c of [1, 4, 16, 64]) {
      const withLog = await rate(c, (i) => getChild(database, leerplicht, child(i)));
      const ref = await rate(c, plain);
      const before = await rate(c, serialised);
      if (c === 1) first = withLog;
      console.log(`${String(c).padEnd(12)} ${withLog.toFixed(0).padStart(14)} ${ref.toFixed(0).padStart(14)} ${(withLog / ref).toFixed(2).padStart(6)}× ${before.toFixed(0).padStart(30)}   (now ${(withLog / first).toFixed(2)}× the rate at 1; ${(withLog / before).toFixed(2)}× before)`);
    }
    await sealAllPending(database.db, keys);
  }
} finally {
  await database.close();
}
