import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database, Db } from './database.ts';
import { analyzeChangedTables, analyzeTables } from './statistics.ts';

/**
 * The planner's statistics (issue 15): what an operator reads in pg_class / pg_stat_user_tables
 * after the app's ANALYZE. The scheduled run (PGlite) analyses only what changed enough.
 */
let database: Database;
let regionId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  regionId = (await database.db.insertInto('regions').values({ name: 'R', slug: 'r' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => database?.close());

const estimate = async (db: Db, table: string) =>
  Number((await sql<{ n: number }>`select reltuples::float8 as n from pg_class where relname = ${table} and relnamespace = current_schema()::regnamespace`.execute(db)).rows[0]!.n);
const addChildren = (db: Db, n: number, from: number) =>
  db
    .insertInto('children')
    .values(Array.from({ length: n }, (_, i) => ({ region_id: regionId, given_name: `Kind ${from + i}`, family_name: 'Telling', birth_date: '2015-01-01', bsn: null })))
    .execute();

describe('ANALYZE', () => {
  it('analyzeTables: the named tables, or every table of the app (not the system catalogues)', async () => {
    const db = database.db;
    await addChildren(db, 120, 0);
    expect(await estimate(db, 'children')).not.toBe(120);
    expect(await analyzeTables(db, ['children'])).toEqual(['children']);
    expect(await estimate(db, 'children')).toBe(120);
    const all = await analyzeTables(db);
    expect(all).toEqual(expect.arrayContaining(['children', 'regions', 'access_log', 'schema_migrations']));
    expect(all.some((t) => t.startsWith('pg_'))).toBe(false);
    expect(await estimate(db, 'regions')).toBe(1);
  });

  it('the scheduled run analyses what changed by more than 50 rows + 10 %, and nothing when nothing changed', async () => {
    // One connection, so that the run sees the counts of the inserts just made (on PGlite there is only one).
    await database.db.connection().execute(async (db) => {
      await analyzeChangedTables(db);
      expect(await analyzeChangedTables(db)).toEqual([]);
      await addChildren(db, 10, 1000); // 10 ≤ 50 + 12: not yet
      expect(await analyzeChangedTables(db)).toEqual([]);
      expect(await estimate(db, 'children')).toBe(120);
      await addChildren(db, 60, 2000); // 70 > 62
      expect(await analyzeChangedTables(db)).toEqual(['children']);
      expect(await estimate(db, 'children')).toBe(190);
      expect(await analyzeChangedTables(db)).toEqual([]);
    });
  });
});
