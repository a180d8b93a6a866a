import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect, type Transaction } from 'kysely';
import { withPreparedStatements } from './prepared.ts';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import type { DB } from './schema.ts';

export type Engine = 'pglite' | 'postgresql';
export type Tx = Transaction<DB>;
export type Db = Kysely<DB>;

export interface Database {
  engine: Engine;
  db: Db;
  /** Runs a script of one or more SQL statements without parameters (migrations, test set-up). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
  /** The driver underneath, for what Kysely does not do (COPY in benchmarks). */
  native: { engine: 'postgresql'; pool: pg.Pool } | { engine: 'pglite'; pglite: PGlite };
}

// Dates (not timestamps) are returned as 'YYYY-MM-DD' strings on both engines: a birth date is a
// calendar day, not an instant, and must not shift with the server's time zone.
pg.types.setTypeParser(1082, (v) => v);
// bigint and numeric as JS numbers where they fit; counts come back as numbers on both engines.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenOptions {
  databaseUrl?: string;
  /** Directory for PGlite data; undefined means in memory. */
  dataDir?: string;
  /** A PGlite dump (from dumpDataDir) to start from, for fast test databases. */
  loadDataDir?: Blob | File;
  /** PostgreSQL: run statements as prepared statements of their connection (prepared.ts); default true. */
  preparedStatements?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection that the server ends (restart, failover) must not crash the process:
    // the pool drops it and opens a new one for the next query.
    pool.on('error', (err) => {
      if ((err as { code?: string }).code !== '57P01') console.error('PostgreSQL idle connection error:', err.message);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: opts.preparedStatements === false ? pool : withPreparedStatements(pool) }) });
    return {
      engine: 'postgresql',
      native: { engine: 'postgresql', pool },
      db,
      async exec(script) {
        await pool.query(script);
      },
      async close() {
        await db.destroy();
      },
    };
  }
  // Only for the app's own user (see data-dir.ts for the rest of the data directory's protection).
  if (opts.dataDir) fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true, mode: 0o700 });
  const pglite = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    parsers: { 1082: (v: string) => v, 20: (v: string) => Number(v) },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    engine: 'pglite',
    native: { engine: 'pglite', pglite },
    db,
    async exec(script) {
      await pglite.exec(script);
    },
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
