import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { openDatabase, type Database } from './database.ts';

/**
 * The data directory (DATA_DIR) of the embedded database belongs to the app alone:
 *
 * - it and everything in it is readable and writable by the app's own user only (directories 0700,
 *   files 0600): the WAL and the table files hold BSNs and care data in plain text. PGlite (through
 *   Emscripten) creates many files with explicit modes such as 0666 whatever the umask, so the modes
 *   are repaired on every open — before PGlite starts, right after it has started and when it
 *   closes — besides setting a restrictive umask;
 * - one process at a time: PGlite is a single-process database, and two servers on one directory
 *   each keep their own state and overwrite each other's writes. An exclusive lock file
 *   (`DATA_DIR/samenspel.lock`) is held for the lifetime of every command that opens it
 *   (lockDataDir).
 *
 * With DATABASE_URL (a PostgreSQL server) none of this applies.
 */

export const LOCK_FILE = 'samenspel.lock';
const GROUP_OTHER = 0o077;

export interface OpenAppDatabaseOptions {
  /** Where to say what was repaired or taken over; console.log by default. */
  log?: (line: string) => void;
}

/** Opens the database `config` points at: PostgreSQL with DATABASE_URL, else PGlite in DATA_DIR/pglite (locked, private). */
export async function openAppDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'preparedStatements'>>, opts: OpenAppDatabaseOptions = {}): Promise<Database> {
  if (config.databaseUrl) return openDatabase({ databaseUrl: config.databaseUrl, preparedStatements: config.preparedStatements ?? true });
  const log = opts.log ?? ((line: string) => console.log(line));
  const dataDir = prepareDataDir(config.dataDir);
  const lock = lockDataDir(dataDir);
  if (lock.tookOver) log(`Took over the lock of process ${lock.tookOver.pid} on ${dataDir}: that process no longer runs.`);
  let database: Database;
  try {
    const repaired = secureDataDir(dataDir);
    if (repaired.fixed) log(`Data directory ${dataDir}: removed access for other users from ${repaired.fixed} files and directories.`);
    if (repaired.failed.length) log(`Data directory ${dataDir}: could not restrict ${repaired.failed.length} entries (not owned by this user?), e.g. ${repaired.failed[0]}.`);
    database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    // PGlite lays down its initial files with mode 0666 and rewrites some at every start.
    secureDataDir(dataDir);
  } catch (err) {
    lock.release();
    throw err;
  }
  const close = database.close.bind(database);
  let closed = false;
  return Object.assign(database, {
    async close() {
      if (closed) return;
      closed = true;
      try {
        await close();
        secureDataDir(dataDir);
      } finally {
        lock.release();
      }
    },
  });
}

/**
 * Sets the umask to 0077 (new files 0600, directories 0700) and creates DATA_DIR with mode 0700.
 * Refuses a data directory that is the file system's root or the home directory: its modes are
 * about to be restricted recursively.
 */
export function prepareDataDir(dir: string): string {
  const dataDir = path.resolve(dir);
  if (dataDir === path.parse(dataDir).root || dataDir === path.resolve(os.homedir())) {
    throw new Error(`DATA_DIR=${dataDir} is not a data directory of its own; point DATA_DIR at an own directory (e.g. ./data).`);
  }
  restrictUmask();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return dataDir;
}

/** New files and directories of this process: no access for group and others. */
export function restrictUmask() {
  try {
    process.umask(GROUP_OTHER);
  } catch {
    // Not allowed in worker threads; secureDataDir repairs the modes afterwards anyway.
  }
}

export interface RepairReport {
  /** Files and directories whose group/other permission bits were removed. */
  fixed: number;
  /** Paths that could not be changed (e.g. owned by someone else). */
  failed: string[];
}

/**
 * Removes every group and other permission bit from DATA_DIR and everything under it. Symbolic
 * links are neither changed nor followed (nothing outside DATA_DIR is touched); each entry is
 * opened with O_NOFOLLOW and changed through its descriptor, so a link put in its place in the
 * meantime is not followed either.
 */
export function secureDataDir(dir: string): RepairReport {
  const report: RepairReport = { fixed: 0, failed: [] };
  const root = path.resolve(dir);
  const st = fs.statSync(root); // DATA_DIR itself may be a link (e.g. to a mounted volume)
  if (!st.isDirectory()) throw new Error(`DATA_DIR=${root} is not a directory.`);
  if ((st.mode & 0o777) !== 0o700) {
    try {
      fs.chmodSync(root, 0o700);
      report.fixed++;
    } catch {
      report.failed.push(root);
    }
  }
  walk(root, report);
  return report;
}

function walk(dir: string, report: RepairReport) {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') report.failed.push(dir);
    return;
  }
  for (const entry of entries) {
    const p = path.join(dir, entry.name);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      continue; // removed meanwhile (PGlite at work)
    }
    if (st.isSymbolicLink()) continue;
    if (st.mode & GROUP_OTHER) restrict(p, st, report);
    if (st.isDirectory()) walk(p, report);
  }
}

function restrict(p: string, st: fs.Stats, report: RepairReport) {
  const mode = st.mode & 0o700;
  if (!st.isDirectory() && !st.isFile()) {
    report.failed.push(p); // sockets, devices, FIFOs do not belong here; left alone
    return;
  }
  const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK, O_DIRECTORY } = fs.constants;
  let fd: number | undefined;
  try {
    fd = fs.openSync(p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | (st.isDirectory() ? O_DIRECTORY : 0));
    fs.fchmodSync(fd, mode);
    report.fixed++;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'EACCES' && fs.lstatSync(p).uid === process.getuid?.()) {
      // Our own file without read permission: cannot be opened, but chmod is allowed (never follows a link here: lstat said file or directory).
      fs.chmodSync(p, mode);
      report.fixed++;
      return;
    }
    report.failed.push(p);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  /** Linux: the holder's start time (clock ticks after boot), against a reused pid. */
  procStart?: string;
  /** Linux: the kernel boot and the pid namespace the pid belongs to (containers each have their own). */
  bootId?: string;
  pidNs?: string;
}

export interface DataDirLock {
  path: string;
  /** The holder whose stale lock was taken over, if any. */
  tookOver?: LockHolder;
  release(): void;
}

/** The holder refreshes the lock file's time this often … */
const HEARTBEAT_MS = 20_000;
/** … and a holder whose process cannot be checked from here is gone when it has not done so for this long. */
export const LOCK_SILENT_AFTER_MS = 2 * 60_000;

export class DataDirLockedError extends Error {
  constructor(
    readonly holder: LockHolder,
    dataDir: string,
    checkable = true,
  ) {
    const where = holder.hostname !== os.hostname() ? `process ${holder.pid} on host ${holder.hostname}` : checkable ? `process ${holder.pid}` : `process ${holder.pid} in another container`;
    super(
      `Samenspel is already running on this data directory (${where}, since ${holder.startedAt}): ${dataDir}. ` +
        'Stop that process first, or use a different DATA_DIR.' +
        (checkable
          ? ''
          : ` If it no longer runs, its lock is taken over ${LOCK_SILENT_AFTER_MS / 60_000} minutes after its last sign of life; or delete ${path.join(dataDir, LOCK_FILE)}.`),
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * Takes the data directory's lock or throws DataDirLockedError. The lock file is created with
 * O_EXCL and names its holder. A lock whose process no longer runs (checked with kill(pid, 0) and
 * the process's start time, in the same pid namespace on the same host) is stale and taken over.
 * A holder that cannot be checked from here — another host, another container — counts as
 * running while it refreshes the lock (every 20 s) and is taken over 2 minutes after it stopped.
 * The lock is removed by release() and when the process exits normally (also after SIGINT/SIGTERM
 * handled with process.exit); after a crash or kill -9 it stays behind and the next start takes it over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const lockPath = path.join(dataDir, LOCK_FILE);
  const me = currentHolder();
  if (heldHere.has(lockPath)) throw new DataDirLockedError(me, dataDir);
  const content = JSON.stringify(me);
  let tookOver: LockHolder | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(lockPath, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
      try {
        fs.writeSync(fd, content);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      heldHere.add(lockPath);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
    }
    const holder = readHolder(lockPath);
    if (holder === 'gone') continue;
    const silentMs = Date.now() - holder.mtimeMs;
    if (!holder.holder) {
      // Being written this very moment by another process, or garbage left behind.
      if (silentMs < 5_000) throw new DataDirLockedError({ pid: 0, hostname: os.hostname(), startedAt: 'just now' }, dataDir);
    } else {
      const state = holderState(holder.holder);
      if (state === 'running') throw new DataDirLockedError(holder.holder, dataDir);
      if (state === 'unknown' && silentMs < LOCK_SILENT_AFTER_MS) throw new DataDirLockedError(holder.holder, dataDir, false);
      tookOver = holder.holder;
    }
    try {
      fs.unlinkSync(lockPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      fs.utimesSync(lockPath, now, now);
    } catch {
      // removed under us; nothing to refresh
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearInterval(heartbeat);
    heldHere.delete(lockPath);
    process.removeListener('exit', release);
    try {
      // Only our own lock: never remove one another process took over after us.
      if (fs.readFileSync(lockPath, 'utf8') === content) fs.unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return { path: lockPath, tookOver, release };
}

/** Locks this process holds (a pid equal to our own in a lock file is otherwise a previous life's). */
const heldHere = new Set<string>();

function readHolder(lockPath: string): { holder?: LockHolder; mtimeMs: number } | 'gone' {
  let text: string;
  let mtimeMs: number;
  try {
    text = fs.readFileSync(lockPath, 'utf8');
    mtimeMs = fs.lstatSync(lockPath).mtimeMs;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    if (Number.isInteger(h.pid) && h.pid > 0 && typeof h.hostname === 'string') return { holder: h, mtimeMs };
  } catch {
    // fall through
  }
  return { mtimeMs };
}

/**
 * Whether the lock's holder still runs: checkable only on this host, in this kernel's boot and in
 * this pid namespace; elsewhere a pid means nothing here ('unknown': the heartbeat decides).
 */
function holderState(h: LockHolder): 'running' | 'gone' | 'unknown' {
  const me = currentHolder();
  if (h.hostname !== me.hostname) return 'unknown';
  if (h.bootId && me.bootId && h.bootId !== me.bootId) return 'unknown'; // rebooted since — or another machine of the same name
  if (h.pidNs && me.pidNs && h.pidNs !== me.pidNs) return 'unknown'; // another container
  if (h.pid === process.pid) return 'gone'; // our own pid, so its earlier holder ended (e.g. pid 1 of a restarted container)
  try {
    process.kill(h.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return 'gone';
    // EPERM: the process exists but belongs to another user
  }
  if (h.procStart) {
    const now = procStartOf(h.pid);
    if (now !== undefined && now !== h.procStart) return 'gone'; // the pid now belongs to another process
  }
  return 'running';
}

let me: LockHolder | undefined;
function currentHolder(): LockHolder {
  me ??= {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    procStart: procStartOf(process.pid),
    bootId: readOptional(() => fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()),
    pidNs: readOptional(() => fs.readlinkSync('/proc/self/ns/pid')),
  };
  return me;
}

/** Linux: field 22 of /proc/<pid>/stat, the start time in clock ticks after boot. */
function procStartOf(pid: number): string | undefined {
  const stat = readOptional(() => fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  if (!stat) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function readOptional(read: () => string): string | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
