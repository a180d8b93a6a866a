import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
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

const run = (...args: string[]) => runWith(env, ...args);
const runWith = (withEnv: NodeJS.ProcessEnv, ...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/samenspel.mjs', ...args], { env: withEnv, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** An own, empty DATA_DIR on the embedded database (also when the suite runs on PostgreSQL). */
function pgliteEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', PORT: '0', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-cli-lock-')) };
  delete e.DATABASE_URL;
  delete e.HOST;
  delete e.SAMENSPEL_DEMO_PUBLIC;
  // Outside demo mode serve needs the address users open (links in e-mails).
  e.PUBLIC_URL = 'https://samenspel.regio.example';
  return { ...e, ...extra };
}

/** Starts `samenspel serve` and waits for its "ready" line. */
async function startServer(withEnv: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, ['bin/samenspel.mjs', 'serve'], { env: withEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not become ready: ${out} ${err}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /ready on http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr!.on('data', (d) => (err += d));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before it was ready: ${out} ${err}`));
    });
  });
  return {
    child,
    port,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

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

  it('migrate, seed-demo, create-user, and audit verify on an intact log', { timeout: 180_000 }, () => {
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
    expect(v.err).toMatch(/BROKEN at link 2 \(changed\)/);
    expect(v.err).toMatch(/1 entry before it intact/);
  });
});

describe('samenspel serve: safe defaults (issue 10)', () => {
  it('refuses demo mode on a non-loopback HOST unless SAMENSPEL_DEMO_PUBLIC=1, and says why', () => {
    const e = pgliteEnv({ HOST: '0.0.0.0' });
    delete e.SAMENSPEL_DEMO;
    try {
      const r = spawnSync(process.execPath, ['bin/samenspel.mjs', 'serve'], { env: e, encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/demo mode is on/);
      expect(r.stderr).toMatch(/password "demo" and no second factor/);
      expect(r.stderr).toMatch(/SAMENSPEL_DEMO_PUBLIC=1/);
      expect(fs.existsSync(path.join(e.DATA_DIR!, 'pglite'))).toBe(false); // refused before anything was created
    } finally {
      fs.rmSync(e.DATA_DIR!, { recursive: true, force: true });
    }
  });

  it('refuses TRUST_PROXY=1 and asks for the proxy addresses', () => {
    const e = pgliteEnv({ TRUST_PROXY: '1', SAMENSPEL_DEMO: '0' });
    try {
      const r = spawnSync(process.execPath, ['bin/samenspel.mjs', 'serve'], { env: e, encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/List the addresses of your reverse proxies/);
    } finally {
      fs.rmSync(e.DATA_DIR!, { recursive: true, force: true });
    }
  });
});

describe('one server per data directory (issue 10, embedded database)', () => {
  it('a second serve or migrate on the same DATA_DIR refuses while the first runs; after it stops, the second starts', { timeout: 240_000 }, async () => {
    const e = pgliteEnv({ SAMENSPEL_DEMO: '0' });
    const lockFile = path.join(e.DATA_DIR!, 'samenspel.lock');
    try {
      const first = await startServer(e);
      try {
        expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(first.child.pid);
        const migrate = spawnSync(process.execPath, ['bin/samenspel.mjs', 'migrate'], { env: e, encoding: 'utf8', timeout: 30_000 });
        expect(migrate.status).toBe(1);
        expect(migrate.stderr).toContain(`Samenspel is already running on this data directory (process ${first.child.pid}, since `);
        expect(migrate.stderr).toMatch(/Stop that process first, or use a different DATA_DIR/);
        const second = spawnSync(process.execPath, ['bin/samenspel.mjs', 'serve'], { env: e, encoding: 'utf8', timeout: 30_000 });
        expect(second.status).toBe(1);
        expect(second.stderr).toContain(`already running on this data directory (process ${first.child.pid}`);
        // The first still works.
        const health = await fetch(`http://127.0.0.1:${first.port}/api/v1/health`);
        expect(health.status).toBe(200);
      } finally {
        expect(await first.stop()).toBe(0);
      }
      expect(fs.existsSync(lockFile)).toBe(false); // removed on a clean stop
      expect(runWith(e, 'migrate').code).toBe(0);
      const next = await startServer(e);
      expect(await next.stop()).toBe(0);
    } finally {
      fs.rmSync(e.DATA_DIR!, { recursive: true, force: true });
    }
  });

  it('a stale lock (its process is gone) is taken over, and the data directory is private', () => {
    const e = pgliteEnv({ SAMENSPEL_DEMO: '0' });
    try {
      const gone = spawnSync(process.execPath, ['-e', '']).pid;
      fs.mkdirSync(e.DATA_DIR!, { recursive: true });
      fs.writeFileSync(path.join(e.DATA_DIR!, 'samenspel.lock'), JSON.stringify({ pid: gone, hostname: os.hostname(), startedAt: '2026-01-01T08:00:00.000Z' }));
      const r = runWith(e, 'migrate');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Took over the lock of process ${gone}`);
      expect(fs.existsSync(path.join(e.DATA_DIR!, 'samenspel.lock'))).toBe(false);
      const open: string[] = [];
      for (const entry of ['.', ...(fs.readdirSync(e.DATA_DIR!, { recursive: true }) as string[])]) {
        const st = fs.lstatSync(path.join(e.DATA_DIR!, entry));
        if (!st.isSymbolicLink() && st.mode & 0o077) open.push(entry);
      }
      expect(open).toEqual([]);
    } finally {
      fs.rmSync(e.DATA_DIR!, { recursive: true, force: true });
    }
  });
});

describe('the access log outside the database (issue 10)', () => {
  it('serve keeps the key and the chain head outside the database; audit verify checks both and sees a removed tail', { timeout: 240_000 }, async () => {
    const e = pgliteEnv({ SAMENSPEL_DEMO: '0' });
    const anchors = path.join(e.DATA_DIR!, 'audit-anchors.log');
    try {
      expect(runWith(e, 'create-region', '--name', 'Regio Test', '--slug', 'regio-test').code).toBe(0);
      const made = runWith(e, 'create-user', '--username', 'eerste', '--password', 'een-heel-lang-wachtwoord', '--given-name', 'Eerste', '--family-name', 'Beheerder', '--organisation', 'Regiobureau Regio Test', '--role', 'functional_admin');
      expect(made.err).toBe('');
      const server = await startServer(e);
      try {
        const signIn = await fetch(`http://127.0.0.1:${server.port}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'eerste', password: 'fout-wachtwoord-123' }) });
        expect(signIn.status).toBe(401);
      } finally {
        expect(await server.stop()).toBe(0);
      }
      // Written at the start and at the stop; only the app's user can read them.
      for (const f of [anchors, path.join(e.DATA_DIR!, 'samenspel.key')]) expect(fs.statSync(f).mode & 0o077).toBe(0);
      const lines = fs.readFileSync(anchors, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.length).toBeGreaterThanOrEqual(2);
      const ok = runWith(e, 'audit', 'verify');
      expect(ok.err).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.out).toMatch(new RegExp(`${lines.length} anchors outside the database match`));

      // Someone with the database removes the newest entries (the failed sign-in) and their links.
      const database = await openDatabase({ dataDir: path.join(e.DATA_DIR!, 'pglite') });
      try {
        await database.exec(`alter table access_log disable trigger access_log_no_update;
          alter table access_log_seals disable trigger access_log_seals_no_update;
          delete from access_log where seq in (select entry_seq from access_log_seals where chain_seq = (select max(chain_seq) from access_log_seals));
          delete from access_log_seals where chain_seq = (select max(chain_seq) from access_log_seals);
          alter table access_log enable trigger access_log_no_update;
          alter table access_log_seals enable trigger access_log_seals_no_update;`);
      } finally {
        await database.close();
      }
      const broken = runWith(e, 'audit', 'verify');
      expect(broken.code).toBe(1);
      expect(broken.err).toMatch(/BROKEN at link \d+ \(truncated\)/);
    } finally {
      fs.rmSync(e.DATA_DIR!, { recursive: true, force: true });
    }
  });

  it('outside demo mode serve needs PUBLIC_URL (links in e-mails never come from a request)', () => {
    const e = pgliteEnv({ SAMENSPEL_DEMO: '0', PUBLIC_URL: '' });
    try {
      const r = spawnSync(process.execPath, ['bin/samenspel.mjs', 'serve'], { env: e, encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/PUBLIC_URL is required outside demo mode/);
    } finally {
      fs.rmSync(e.DATA_DIR!, { recursive: true, force: true });
    }
  });
});
