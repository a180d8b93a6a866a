import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type pg from 'pg';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from './database.ts';
import { MAX_PER_CONNECTION, withPreparedStatements } from './prepared.ts';

/** A connection that records what the driver is asked to send. */
function fakePool() {
  const sent: unknown[] = [];
  const client = {
    query: (config: unknown, values?: unknown) => {
      sent.push(values === undefined ? config : [config, values]);
      return Promise.resolve({ rows: [], command: 'SELECT', rowCount: 0 });
    },
    release: () => undefined,
  };
  const pool = { connect: async () => client, end: async () => undefined, options: {} };
  return { sent, pool: pool as unknown as pg.Pool };
}

describe('prepared statements on PostgreSQL (the pool Kysely is given)', () => {
  it('names a statement with parameters by its text, the same name for the same text on the connection', async () => {
    const { sent, pool } = fakePool();
    const c = await withPreparedStatements(pool).connect();
    await c.query('select given_name from children where id = $1', ['a']);
    await c.query('select given_name from children where id = $1', ['b']);
    await c.query('select title from cases where id = $1', ['c']);
    const [first, second, third] = sent as { name: string; text: string; values: unknown[] }[];
    expect(first).toMatchObject({ text: 'select given_name from children where id = $1', values: ['a'] });
    expect(second).toMatchObject({ name: first.name, values: ['b'] });
    expect(third.name).not.toBe(first.name);
  });

  it('keeps the simple protocol for statements without parameters (begin, commit, a migration)', async () => {
    const { sent, pool } = fakePool();
    const c = await withPreparedStatements(pool).connect();
    await c.query('begin', []);
    await c.query('commit', []);
    expect(sent).toEqual([
      ['begin', []],
      ['commit', []],
    ]);
  });

  it('runs a statement that selects * unnamed (a column added by a migration must not break it)', async () => {
    const { sent, pool } = fakePool();
    const c = await withPreparedStatements(pool).connect();
    for (const text of ['select * from "children" where "id" = $1', 'select "c".*, "o"."name" from "children" as "c" where "c"."id" = $1', 'select "o"."name", "c".* from "children" as "c" where "c"."id" = $1', 'insert into "t" ("a") values ($1) returning *']) {
      await c.query(text, ['x']);
      expect(sent.at(-1), text).toEqual([text, ['x']]);
    }
    // Multiplying is no star select, nor is a star inside a subquery (the statement's own columns are named).
    for (const text of [
      'select "n" * $1 as "twice" from "t"',
      'select "p"."id", (select to_json(obj) from (select "v".* from "plan_opp_versions" as "v" where "v"."plan_id" = "p"."id") as obj) as "opp" from "plans" as "p" where "p"."id" = $1',
      'select "a" from "t" where exists (select * from "u" where "u"."a" = "t"."a") and "b" = $1',
      'with "x" as (select * from "t") select "a", \'(\' as "paren" from "x" where "b" = $1',
    ]) {
      await c.query(text, [2]);
      expect(sent.at(-1), text).toMatchObject({ text });
    }
  });

  it('gives the same connection the same wrapper, and prepares at most MAX_PER_CONNECTION texts on it', async () => {
    const { sent, pool } = fakePool();
    const wrapped = withPreparedStatements(pool);
    const c = await wrapped.connect();
    expect(await wrapped.connect()).toBe(c);
    for (let i = 0; i < MAX_PER_CONNECTION; i++) await c.query(`select ${i} + $1`, [1]);
    expect(sent.every((s) => typeof s === 'object' && s !== null && 'name' in s)).toBe(true);
    // One more text runs unnamed; a text already prepared stays named.
    await c.query('select -1 + $1', [1]);
    expect(sent.at(-1)).toEqual(['select -1 + $1', [1]]);
    await c.query('select 0 + $1', [1]);
    expect(sent.at(-1)).toMatchObject({ text: 'select 0 + $1', values: [1] });
  });
});

describe('the same statement with other parameters answers for those parameters', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it('over many runs (past the five custom plans), prepared once on its connection on PostgreSQL', async () => {
    await sql`create table prepared_probe (n int primary key, square int not null)`.execute(database.db);
    await sql`insert into prepared_probe select n, n * n from generate_series(1, 50) n`.execute(database.db);
    // One transaction: one connection, whose prepared statements pg_prepared_statements lists.
    const prepared = await database.db.transaction().execute(async (tx) => {
      for (let n = 1; n <= 50; n += 7) {
        const row = await tx.selectNoFrom(sql<number>`(select square from prepared_probe where n = ${n})`.as('square')).executeTakeFirstOrThrow();
        expect(row.square).toBe(n * n);
      }
      return (await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where statement like ${'%prepared_probe where n = $1%'}`.execute(tx)).rows[0].n;
    });
    // PGlite runs its statements unnamed (one connection, in the process: nothing to save).
    expect(prepared).toBe(database.engine === 'postgresql' ? 1 : 0);
  });
  it('keeps answering when a column is added to a table its statements read (a rolling upgrade)', async () => {
    await sql`create table upgrade_probe (id int primary key, a text not null)`.execute(database.db);
    await sql`insert into upgrade_probe values (1, 'een'), (2, 'twee')`.execute(database.db);
    const db = database.db;
    // One connection: what it prepared before the migration runs again after it.
    await db.transaction().execute(async (tx) => {
      const read = async () => ({
        star: (await sql`select * from upgrade_probe where id = ${2}`.execute(tx)).rows[0],
        named: (await sql`select a from upgrade_probe where id = ${1}`.execute(tx)).rows[0],
      });
      expect(await read()).toEqual({ star: { id: 2, a: 'twee' }, named: { a: 'een' } });
      await sql`alter table upgrade_probe add column b text not null default 'nieuw'`.execute(tx);
      expect(await read()).toEqual({ star: { id: 2, a: 'twee', b: 'nieuw' }, named: { a: 'een' } });
    });
  });
});
