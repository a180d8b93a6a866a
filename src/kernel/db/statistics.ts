import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { TableName } from './owners.ts';

/**
 * The planner's statistics (issue 15). Without them PostgreSQL guesses a table's size from its
 * pages and the shape of its rows: after the demo seed it took 2,200 children for 6 and chose a
 * nested loop over hundreds of thousands of pairs. PostgreSQL's autovacuum keeps them current on a
 * server; PGlite has no autovacuum, so the app runs ANALYZE itself: after the demo seed, after every
 * committed import (the tables that import writes), and on PGlite every quarter of an hour for the
 * tables that changed enough (`analyzeChangedTables`). The same SQL on both engines.
 */

/** The app's own tables (those of the current schema), for an ANALYZE of all of them. */
async function appTables(db: Db): Promise<string[]> {
  const rows = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(db);
  return rows.rows.map((r) => r.name);
}

async function analyze(db: Db, tables: readonly string[]): Promise<void> {
  if (!tables.length) return;
  await sql`analyze ${sql.join(tables.map((t) => sql.id(t)))}`.execute(db);
}

/**
 * ANALYZE the named tables, or every table of the app (not the system catalogues). Outside a
 * transaction: the statistics are then at once there for every connection. Returns the tables.
 */
export async function analyzeTables(db: Db, tables?: readonly TableName[]): Promise<string[]> {
  const names = tables ? [...new Set(tables)] : await appTables(db);
  await analyze(db, names);
  return names;
}

/** When a table counts as changed enough: PostgreSQL's autovacuum defaults (50 rows + 10 %). */
const ANALYZE_THRESHOLD = 50;
const ANALYZE_SCALE_FACTOR = 0.1;

/**
 * What autovacuum's analyze does on a server, for PGlite: ANALYZE the app's tables that were never
 * analysed or that changed by more than 50 rows + 10 % since their last ANALYZE
 * (`pg_stat_user_tables.n_mod_since_analyze`). Cheap when little changed: one catalogue query.
 * Returns the tables it analysed.
 */
export async function analyzeChangedTables(db: Db): Promise<string[]> {
  // This connection's own pending counts first (on PGlite the only connection): the flush happens
  // at the end of this statement's transaction, before the next one reads them.
  await sql`select pg_stat_force_next_flush()`.execute(db);
  const rows = await sql<{ name: string }>`
    select s.relname as name
      from pg_stat_user_tables s
      join pg_class c on c.oid = s.relid
     where s.schemaname = current_schema()
       and (coalesce(s.last_analyze, s.last_autoanalyze) is null
            or s.n_mod_since_analyze > ${sql.lit(ANALYZE_THRESHOLD)} + ${sql.lit(ANALYZE_SCALE_FACTOR)} * greatest(c.reltuples, 0))
     order by s.relname`.execute(db);
  const names = rows.rows.map((r) => r.name);
  await analyze(db, names);
  return names;
}
