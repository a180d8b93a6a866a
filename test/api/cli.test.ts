import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/test-db.ts';
import { openDatabase, type Database } from '../../src/kernel/db/database.ts';

/**
 * The command-line tool as an administrator uses it: `npx samenspel …`, on the embedded database
 * (a fresh DATA_DIR) or, with DATABASE_URL, on a fresh PostgreSQL database.
 */
const onPostgres = !!process.env.DATABASE_URL;
let dataDir: string;
let pgDatabase: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-cli-'));
  env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  if (onPostgres) {
    pgDatabase = await createTestDatabase();
    env.DATABASE_URL = pgDatabase.url;
  } else {
    delete env.DATABASE_URL;
  }
});
afterAll(async () => {
  await pgDatabase?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/samenspel.mjs', ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const database = onPostgres ? await openDatabase({ databaseUrl: env.DATABASE_URL }) : await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

describe('samenspel CLI', () => {
  it('--help lists the commands', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    for (const c of ['serve', 'migrate', 'seed-demo', 'create-user', 'audit verify']) expect(r.out).toContain(c);
    expect(run('bestaat-niet').code).toBe(2);
  });

  it('migrate, seed-demo, create-user, and audit verify on an intact log', () => {
    expect(run('migrate').code).toBe(0);
    const seeded = run('seed-demo', '--children', '60');
    expect(seeded.err).toBe('');
    expect(seeded.out).toMatch(/"children":60/);
    expect(run('seed-demo').code).toBe(1); // only into an empty database
    const missing = run('create-user', '--username', 'anna');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/Missing: --password/);
    for (const u of ['anna', 'bram', 'cem']) {
      const r = run('create-user', '--username', u, '--password', 'een-heel-lang-wachtwoord', '--given-name', u, '--family-name', 'Test', '--organisation', 'Regiobureau Heuvelrug-Vecht', '--role', 'functional_admin');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    }
    const v = run('audit', 'verify');
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/intact: 3 entries/);
  });

  it('audit verify reports the first broken link after an edit', async () => {
    await withDb((d) =>
      d.exec(`alter table access_log disable trigger access_log_no_update;
        update access_log set detail = '{"username":"mallory"}' where seq = 2;
        alter table access_log enable trigger access_log_no_update;`),
    );
    const v = run('audit', 'verify');
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/BROKEN at entry 2/);
    expect(v.err).toMatch(/1 entries before it are intact/);
  });
});
