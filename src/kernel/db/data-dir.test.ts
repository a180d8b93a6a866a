import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, DataDirLockedError, lockDataDir, openAppDatabase } from './data-dir.ts';

/**
 * The embedded database's data directory (issue 10): private to the app's user, one process at a
 * time. Runs on PGlite in a temporary DATA_DIR whatever DATABASE_URL says: that is what it is about.
 */
const dirs: string[] = [];
function tempDataDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-datadir-'));
  dirs.push(d);
  return path.join(d, 'data');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Every file and directory under dir (dir included) whose mode gives group or others any access. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return;
    if (st.mode & 0o077) found.push(`${path.relative(dir, p) || '.'} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
  };
  visit(dir);
  return found;
}
const countEntries = (dir: string): number => fs.readdirSync(dir, { recursive: true }).length;

describe('the data directory belongs to the app', () => {
  it('after opening the database as serve does, writing a BSN and closing, no file or directory is open to group or others', async () => {
    const dataDir = tempDataDir();
    const database = await openAppDatabase({ dataDir, databaseUrl: undefined }, { log: () => {} });
    await database.exec(`create table t (bsn text); insert into t values ('999990019');`);
    expect(openToOthers(dataDir)).toEqual([]); // also while it runs
    await database.close();
    expect(countEntries(dataDir)).toBeGreaterThan(500); // a whole PostgreSQL data directory was checked
    expect(openToOthers(dataDir)).toEqual([]);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('repairs what already exists on the next open (and says how much), without following links out of it', async () => {
    const dataDir = tempDataDir();
    await (await openAppDatabase({ dataDir, databaseUrl: undefined }, { log: () => {} })).close();
    // An older version (or a copy) left it open to everyone.
    fs.chmodSync(dataDir, 0o777);
    fs.chmodSync(path.join(dataDir, 'pglite', 'base'), 0o777);
    const wal = fs.readdirSync(path.join(dataDir, 'pglite', 'pg_wal')).find((f) => /^[0-9A-F]{24}$/.test(f))!;
    fs.chmodSync(path.join(dataDir, 'pglite', 'pg_wal', wal), 0o666);
    const outside = path.join(path.dirname(dataDir), 'outside.txt');
    fs.writeFileSync(outside, 'not ours');
    fs.chmodSync(outside, 0o644);
    fs.symlinkSync(outside, path.join(dataDir, 'link-out'));
    expect(openToOthers(dataDir)).toHaveLength(3);

    const lines: string[] = [];
    const database = await openAppDatabase({ dataDir, databaseUrl: undefined }, { log: (l) => lines.push(l) });
    expect(openToOthers(dataDir)).toEqual([]);
    expect(lines.join('\n')).toMatch(/removed access for other users from 3 files and directories/);
    expect(fs.statSync(outside).mode & 0o777).toBe(0o644); // the link was not followed
    const rows = await database.db.selectFrom('regions').selectAll().execute().catch(() => 'no schema');
    expect(rows).toBe('no schema'); // (not migrated: only the directory is under test)
    await database.close();
  });
});

describe('one process per data directory', () => {
  const writeLock = (dataDir: string, holder: object) => {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify(holder));
  };

  it('a second open in the same process is refused while the first holds the lock, and allowed after close', async () => {
    const dataDir = tempDataDir();
    const first = await openAppDatabase({ dataDir, databaseUrl: undefined }, { log: () => {} });
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
    expect(fs.statSync(path.join(dataDir, LOCK_FILE)).mode & 0o777).toBe(0o600);
    await expect(openAppDatabase({ dataDir, databaseUrl: undefined }, { log: () => {} })).rejects.toThrow(/already running on this data directory/);
    await first.close();
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    const second = await openAppDatabase({ dataDir, databaseUrl: undefined }, { log: () => {} });
    await second.close();
  });

  it('refuses while the holder runs on this host; takes over when it does not (or its pid now is another process)', async () => {
    const dataDir = tempDataDir();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const started = new Date().toISOString();
      writeLock(dataDir, { pid: sleeper.pid, hostname: os.hostname(), startedAt: started });
      let error: unknown;
      try {
        lockDataDir(dataDir);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect((error as Error).message).toContain(`process ${sleeper.pid}, since ${started}`);
      expect((error as Error).message).toMatch(/Stop that process first, or use a different DATA_DIR/);

      if (fs.existsSync(`/proc/${sleeper.pid}/stat`)) {
        // The pid is alive, but it is not the process that wrote the lock (pid reused).
        writeLock(dataDir, { pid: sleeper.pid, hostname: os.hostname(), startedAt: started, procStart: '1' });
        const lock = lockDataDir(dataDir);
        expect(lock.tookOver?.pid).toBe(sleeper.pid);
        lock.release();
      }
    } finally {
      sleeper.kill();
    }
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeLock(dataDir, { pid: gone, hostname: os.hostname(), startedAt: '2020-01-01T00:00:00.000Z' });
    const lock = lockDataDir(dataDir);
    expect(lock.tookOver?.pid).toBe(gone);
    expect(JSON.parse(fs.readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(lock.path)).toBe(false);
  });

  it('a holder on another host or in another container cannot be checked: refused while it refreshes the lock, taken over 2 minutes after', () => {
    const dataDir = tempDataDir();
    const lockFile = path.join(dataDir, LOCK_FILE);
    writeLock(dataDir, { pid: 4242, hostname: 'elders.invalid', startedAt: '2026-01-01T00:00:00.000Z' });
    expect(() => lockDataDir(dataDir)).toThrow(/process 4242 on host elders\.invalid.*taken over 2 minutes after its last sign of life; or delete .*samenspel\.lock/);
    // Same host name, but another pid namespace (a second container with a fixed host name): even our own pid means nothing.
    writeLock(dataDir, { pid: process.pid, hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', pidNs: 'pid:[1]' });
    expect(() => lockDataDir(dataDir)).toThrow(new RegExp(`process ${process.pid} in another container`));
    // Silent for longer than 2 minutes: gone.
    const past = new Date(Date.now() - 3 * 60_000);
    fs.utimesSync(lockFile, past, past);
    const lock = lockDataDir(dataDir);
    expect(lock.tookOver?.pidNs).toBe('pid:[1]');
    lock.release();
  });
});
