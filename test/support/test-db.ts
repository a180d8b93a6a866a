import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/kernel/db/database.ts';
import { migrate } from '../../src/kernel/db/migrate.ts';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or — when
 * DATABASE_URL is set — a new database on that PostgreSQL server, dropped again afterwards.
 */
export async function createTestDatabase(): Promise<Database & { engineLabel: string; url?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    await migrate(database);
    return Object.assign(database, { engineLabel: 'pglite' });
  }
  const name = `samenspel_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString() });
  await migrate(database);
  const close = database.close;
  return Object.assign(database, {
    engineLabel: 'postgresql',
    url: u.toString(),
    async close() {
      await close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  });
}
