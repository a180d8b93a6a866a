import fs from 'node:fs';
import path from 'node:path';
import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The installation's secret key, kept outside the database: a stolen or copied database without
 * it cannot re-chain the access log (keyed MAC) nor turn a stored invitation into a working link.
 *
 * Where it comes from, in this order:
 * 1. `SAMENSPEL_KEY`: 32 or more bytes as hex or base64 (e.g. from a secrets manager);
 * 2. `SAMENSPEL_KEY_FILE`: a file holding such a value;
 * 3. `<DATA_DIR>/samenspel.key`: generated on the first start (mode 0600).
 * Several app nodes on one PostgreSQL server must share the same key (set 1 or 2 on each node).
 *
 * Each use gets its own subkey (HKDF-SHA256 with a purpose label), so a key for one purpose
 * reveals nothing about another.
 */
export interface AppKeys {
  /** Short public fingerprint of the master key, stored beside what it protects (e.g. each chain link). */
  id: string;
  /** HMAC-SHA256 with the subkey for `purpose`. */
  mac(purpose: KeyPurpose, ...parts: (string | Buffer)[]): Buffer;
  /** Where the key came from, for the start-up log (never the key itself). */
  source: string;
}

export type KeyPurpose = 'audit-chain' | 'invitation-token';

export const MIN_KEY_BYTES = 32;

export function keysFromSecret(secret: Buffer, source = 'memory'): AppKeys {
  if (secret.length < MIN_KEY_BYTES) throw new Error(`The Samenspel key must be at least ${MIN_KEY_BYTES} bytes (it is ${secret.length}).`);
  const subkeys = new Map<KeyPurpose, Buffer>();
  const subkey = (purpose: KeyPurpose) => {
    let k = subkeys.get(purpose);
    if (!k) {
      k = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `samenspel ${purpose}`, 32));
      subkeys.set(purpose, k);
    }
    return k;
  };
  return {
    id: createHash('sha256').update('samenspel key id\n').update(secret).digest('hex').slice(0, 16),
    source,
    mac(purpose, ...parts) {
      const h = createHmac('sha256', subkey(purpose));
      for (const p of parts) h.update(p);
      return h.digest();
    },
  };
}

/** A random key for tests and in-memory databases. */
export function ephemeralKeys(): AppKeys {
  return keysFromSecret(randomBytes(MIN_KEY_BYTES), 'ephemeral');
}

/** Parses hex (64+ characters) or base64/base64url text into key bytes. */
export function parseKey(text: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0 && t.length >= MIN_KEY_BYTES * 2) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) return Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  throw new Error('The Samenspel key is neither hex nor base64.');
}

export interface KeySources {
  key?: string;
  keyFile?: string;
  dataDir: string;
}

/** Loads (or on the first start, generates) the installation key. Throws with a clear message when it cannot. */
export function loadKeys(src: KeySources): AppKeys {
  if (src.key) return keysFromSecret(parseKey(src.key), 'SAMENSPEL_KEY');
  if (src.keyFile) {
    const file = path.resolve(src.keyFile);
    if (!fs.existsSync(file)) throw new Error(`SAMENSPEL_KEY_FILE ${file} does not exist.`);
    refuseOpenPermissions(file);
    return keysFromSecret(parseKey(fs.readFileSync(file, 'utf8')), file);
  }
  const file = path.join(src.dataDir, 'samenspel.key');
  if (fs.existsSync(file)) {
    refuseOpenPermissions(file);
    return keysFromSecret(parseKey(fs.readFileSync(file, 'utf8')), file);
  }
  fs.mkdirSync(src.dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(MIN_KEY_BYTES);
  // wx: never overwrite a key another process wrote in the meantime.
  try {
    fs.writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return keysFromSecret(parseKey(fs.readFileSync(file, 'utf8')), file);
  }
  return keysFromSecret(secret, `${file} (generated)`);
}

/** A key file that others can read is no secret: refuse it, saying how to fix it. */
function refuseOpenPermissions(file: string) {
  if (process.platform === 'win32') return;
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) {
    throw new Error(`The key file ${file} can be read by other users (mode ${mode.toString(8)}). Run: chmod 600 ${file}`);
  }
}
