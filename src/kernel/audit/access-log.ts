import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { AccessLogTable } from '../db/schema.ts';
import type { AppKeys } from '../keys.ts';
import { readAnchors, type Anchor } from './anchors.ts';
import type { LogGround } from '../policy/gateway.ts';

/**
 * NEN 7513 access log: who (account, person, organisation acted for, role), when, which child,
 * what event, on which legal ground or consent, and the outcome — denied attempts too.
 *
 * Entries are written in the same transaction as the read or change they record: no read commits
 * without its entry. Writing one takes no lock, so reads of different children never wait for each
 * other. The table is append-only (database triggers refuse UPDATE, DELETE and TRUNCATE).
 *
 * A sequencer then seals committed entries into one chain (`access_log_seals`), in the order it
 * finds them: each link holds a keyed MAC (HMAC-SHA256 with the installation key, which lives
 * outside the database — kernel/keys.ts) over the entry and the previous link. Without the key
 * nobody can re-chain a changed copy of the database; the chain head is also written outside the
 * database (anchors.ts), so removing the newest entries shows too. `samenspel audit verify` checks
 * both. Only one sequencer works at a time (an advisory lock), across connections and app nodes;
 * it holds the lock only for the sealing itself.
 */
export interface AccessLogEntry {
  event: string;
  outcome: 'allowed' | 'denied';
  regionId?: string | null;
  childId?: string | null;
  accountId?: string | null;
  personId?: string | null;
  organisationId?: string | null;
  role?: string | null;
  /** A ground of the closed set (kernel/policy/gateway.ts: LogGround). */
  ground?: LogGround | null;
  consentId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);
/** One sequencer seals at a time, across connections and app nodes. */
const SEAL_LOCK = 7_513_000;

/** JSON with object keys sorted at every level, so the hash does not depend on jsonb key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** An entry as stored, the input of its link in the chain. */
interface EntryFields {
  entrySeq: number;
  occurredAt: string;
  regionId: string | null;
  event: string;
  outcome: string;
  childId: string | null;
  accountId: string | null;
  personId: string | null;
  organisationId: string | null;
  role: string | null;
  ground: string | null;
  consentId: string | null;
  ip: string | null;
  detail: unknown;
}

const contentOf = (f: EntryFields) => [f.occurredAt, f.regionId, f.event, f.outcome, f.childId, f.accountId, f.personId, f.organisationId, f.role, f.ground, f.consentId, f.ip, f.detail ?? {}];

/**
 * The link of one entry: HMAC over the previous link, the position in the chain, the entry's number
 * and its content. `keyId` null is a link of the first, unkeyed chain (SHA-256, before keyed
 * chaining), kept verifiable for installations that have entries from then.
 */
export function linkHash(keys: AppKeys | null, keyId: string | null, prevHash: string, chainSeq: number, f: EntryFields): string {
  if (keyId === null) {
    // The first chain: sha256(prev + "\n" + [seq, …content]); seq was the entry's own number.
    return createHash('sha256').update(prevHash).update('\n').update(canonicalJson([chainSeq, ...contentOf(f)])).digest('hex');
  }
  if (!keys) throw new Error('keyed link without a key');
  return keys.mac('audit-chain', prevHash, '\n', canonicalJson([chainSeq, f.entrySeq, keyId, ...contentOf(f)])).toString('hex');
}

/** Hooks that want to know that entries were appended (the in-process sequencer wakes up). */
const appendListeners = new Set<() => void>();
export function onAppend(listener: () => void): () => void {
  appendListeners.add(listener);
  return () => appendListeners.delete(listener);
}

/**
 * Appends entries to the access log inside the caller's transaction, without a lock: the entry
 * commits or rolls back with the work it records. The sequencer seals it into the chain after it
 * has committed.
 */
export async function appendAccessLog(tx: Tx, entries: AccessLogEntry | AccessLogEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const occurredAt = new Date();
  // One statement a batch with one array parameter per column: little to parse and bind however
  // many children a list or an import touches (a VALUES list would take 13 parameters a row).
  // Each new entry is queued for the sequencer in the same statement.
  for (let i = 0; i < list.length; i += APPEND_BATCH) {
    const batch = list.slice(i, i + APPEND_BATCH);
    const n = batch.length;
    const region = new Array<string | null>(n);
    const event = new Array<string>(n);
    const outcome = new Array<string>(n);
    const child = new Array<string | null>(n);
    const account = new Array<string | null>(n);
    const person = new Array<string | null>(n);
    const organisation = new Array<string | null>(n);
    const role = new Array<string | null>(n);
    const ground = new Array<string | null>(n);
    const consent = new Array<string | null>(n);
    const ip = new Array<string | null>(n);
    const detail = new Array<string>(n);
    for (let j = 0; j < n; j++) {
      const e = batch[j];
      region[j] = e.regionId ?? null;
      event[j] = e.event;
      outcome[j] = e.outcome;
      child[j] = e.childId ?? null;
      account[j] = e.accountId ?? null;
      person[j] = e.personId ?? null;
      organisation[j] = e.organisationId ?? null;
      role[j] = e.role ?? null;
      ground[j] = e.ground ?? null;
      consent[j] = e.consentId ?? null;
      ip[j] = e.ip ?? null;
      detail[j] = e.detail ? JSON.stringify(e.detail) : '{}';
    }
    await sql`with added as (
        insert into access_log (occurred_at, region_id, event, outcome, child_id, account_id, person_id, organisation_id, role, ground, consent_id, ip, detail)
        select ${occurredAt}::timestamptz, t.region_id, t.event, t.outcome, t.child_id, t.account_id, t.person_id, t.organisation_id, t.role, t.ground, t.consent_id, t.ip, t.detail::jsonb
        from unnest(${region}::uuid[], ${event}::text[], ${outcome}::text[], ${child}::uuid[], ${account}::uuid[], ${person}::uuid[], ${organisation}::uuid[],
                    ${role}::text[], ${ground}::text[], ${consent}::uuid[], ${ip}::text[], ${detail}::text[])
          as t(region_id, event, outcome, child_id, account_id, person_id, organisation_id, role, ground, consent_id, ip, detail)
        returning seq)
      insert into access_log_pending (entry_seq) select seq from added`.execute(tx);
  }
  for (const l of appendListeners) l();
}

const APPEND_BATCH = 10_000;

/** An entry as the database returns it. */
type StoredRow = Selectable<AccessLogTable>;

const fieldsOf = (r: StoredRow): EntryFields => ({
  entrySeq: Number(r.seq),
  occurredAt: new Date(r.occurred_at).toISOString(),
  regionId: r.region_id,
  event: r.event,
  outcome: r.outcome,
  childId: r.child_id,
  accountId: r.account_id,
  personId: r.person_id,
  organisationId: r.organisation_id,
  role: r.role,
  ground: r.ground,
  consentId: r.consent_id,
  ip: r.ip,
  // jsonb arrives parsed from pg and PGlite; a string only from a driver that does not parse it.
  detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as unknown) : r.detail,
});

const ENTRY_COLUMNS = ['a.seq', 'a.occurred_at', 'a.region_id', 'a.event', 'a.outcome', 'a.child_id', 'a.account_id', 'a.person_id', 'a.organisation_id', 'a.role', 'a.ground', 'a.consent_id', 'a.ip', 'a.detail'] as const;

/** How many entries one transaction of the sequencer seals at most. */
const SEAL_BATCH = 5000;

/**
 * Seals committed entries into the chain, oldest first, up to `max` per call. Returns how many were
 * sealed; 0 when there was nothing to do or another sequencer holds the lock right now.
 */
export async function sealAccessLog(db: Db, keys: AppKeys, max = SEAL_BATCH): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as ok`.execute(tx);
    if (!got.rows[0]?.ok) return 0;
    const pending = await tx
      .selectFrom('access_log_pending as p')
      .innerJoin('access_log as a', 'a.seq', 'p.entry_seq')
      .select(ENTRY_COLUMNS)
      .orderBy('p.entry_seq')
      .limit(max)
      .execute();
    if (pending.length === 0) return 0;
    const last = await tx.selectFrom('access_log_seals').select(['chain_seq', 'hash']).orderBy('chain_seq', 'desc').limit(1).executeTakeFirst();
    let chainSeq = last ? Number(last.chain_seq) : 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const sealedAt = new Date();
    const seals = pending.map((r) => {
      chainSeq += 1;
      const hash = linkHash(keys, keys.id, prevHash, chainSeq, fieldsOf(r));
      const seal = { chain_seq: chainSeq, entry_seq: Number(r.seq), prev_hash: prevHash, hash };
      prevHash = hash;
      return seal;
    });
    // One statement each, with one array parameter per column (no parameter limit, little parsing).
    await sql`insert into access_log_seals (chain_seq, entry_seq, prev_hash, hash, key_id, sealed_at)
      select c, e, p, h, ${keys.id}, ${sealedAt}
      from unnest(${seals.map((x) => x.chain_seq)}::bigint[], ${seals.map((x) => x.entry_seq)}::bigint[], ${seals.map((x) => x.prev_hash)}::text[], ${seals.map((x) => x.hash)}::text[]) as t(c, e, p, h)`.execute(tx);
    await sql`delete from access_log_pending where entry_seq = any(${seals.map((x) => x.entry_seq)}::bigint[])`.execute(tx);
    return seals.length;
  });
}

/**
 * On the first start of an installation whose log began before keyed chaining: records where the
 * keyed chain starts (an entry that is sealed as the first keyed link, its MAC covering the head of
 * the unkeyed links before it). From then on the unkeyed links cannot be changed without the key.
 */
export async function startKeyedChain(db: Db, keys: AppKeys): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${SEAL_LOCK})`.execute(tx);
    const last = await tx.selectFrom('access_log_seals').select(['chain_seq', 'key_id']).orderBy('chain_seq', 'desc').limit(1).executeTakeFirst();
    if (!last || last.key_id !== null) return false;
    await appendAccessLog(tx, { event: 'access_log.keyed_chain_start', outcome: 'allowed', detail: { unkeyedLinks: Number(last.chain_seq), keyId: keys.id } });
    return true;
  });
}

/**
 * Seals everything that is waiting (several rounds for a large backlog). A round that sealed fewer
 * than a full batch sealed all that was committed when it looked: it ends there, without another
 * transaction to find nothing (on PGlite every statement holds the one connection that requests
 * wait for). An entry committed meanwhile wakes the sequencer again.
 */
export async function sealAllPending(db: Db, keys: AppKeys, batch = SEAL_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await sealAccessLog(db, keys, batch);
    total += n;
    if (n < batch) return total;
  }
}

/** The newest link of the chain (what an anchor records). */
export async function chainHead(db: Db): Promise<{ chainSeq: number; hash: string; keyId: string | null } | null> {
  const last = await db.selectFrom('access_log_seals').select(['chain_seq', 'hash', 'key_id']).orderBy('chain_seq', 'desc').limit(1).executeTakeFirst();
  return last ? { chainSeq: Number(last.chain_seq), hash: last.hash, keyId: last.key_id } : null;
}

export type BrokenCode = 'missing' | 'relinked' | 'changed' | 'wrong_key' | 'unsealed' | 'anchor_mismatch' | 'truncated';

export interface ChainReport {
  ok: boolean;
  /** Links checked and found intact. */
  checked: number;
  /** Of those, links of the first, unkeyed chain (from before keyed chaining). */
  unkeyed: number;
  /** Entries sealed by this check before it ran (written since the sequencer last ran). */
  sealedNow: number;
  /** The anchors outside the database that were compared, when there is an anchor file. */
  anchors: { checked: number; newest: Anchor | null } | null;
  /** The first broken link, with what is wrong. */
  firstBroken?: { seq: number; code: BrokenCode; reason: string };
}

export interface VerifyOptions {
  batchSize?: number;
  /** Anchors read from outside the database (anchors.ts); null: none configured. */
  anchorFile?: string | null;
  /** Seal waiting entries first (default true); false for a read-only check. */
  sealFirst?: boolean;
}

/**
 * Checks the whole chain in order and reports the first broken link: a removed link or entry
 * (missing), a re-linked one (relinked), a changed entry (changed), a link made with another key
 * (wrong_key), an entry that was never sealed (unsealed), and a chain that does not contain what
 * was anchored outside the database (anchor_mismatch, truncated).
 */
export async function verifyAccessLog(db: Db, keys: AppKeys, opts: VerifyOptions = {}): Promise<ChainReport> {
  const batchSize = opts.batchSize ?? 5000;
  const sealedNow = opts.sealFirst === false ? 0 : await sealAllPending(db, keys);
  const anchors = opts.anchorFile ? readAnchors(opts.anchorFile) : null;
  const anchorAt = new Map((anchors ?? []).map((a) => [a.chainSeq, a]));
  let prevHash = GENESIS_HASH;
  let expected = 1;
  let checked = 0;
  let unkeyed = 0;
  let keyedSeen = false;
  const base = () => ({ checked, unkeyed, sealedNow, anchors: anchors ? { checked: [...anchorAt.keys()].filter((s) => s < expected).length, newest: anchors.at(-1) ?? null } : null });
  const broken = (seq: number, code: BrokenCode, reason: string): ChainReport => ({ ok: false, ...base(), firstBroken: { seq, code, reason } });
  for (;;) {
    const rows = await db
      .selectFrom('access_log_seals as s')
      .leftJoin('access_log as a', 'a.seq', 's.entry_seq')
      .select(['s.chain_seq', 's.entry_seq', 's.prev_hash', 's.hash', 's.key_id', ...ENTRY_COLUMNS])
      .where('s.chain_seq', '>=', expected)
      .orderBy('s.chain_seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.chain_seq);
      if (seq !== expected) return broken(expected, 'missing', `link ${expected} of the chain is missing (next present is ${seq})`);
      if (r.seq === null) return broken(seq, 'missing', `entry ${r.entry_seq} (link ${seq}) was removed from the log`);
      if (r.prev_hash !== prevHash) return broken(seq, 'relinked', 'the link does not follow from the link before it');
      if (r.key_id === null) {
        if (keyedSeen) return broken(seq, 'changed', 'an unkeyed link after keyed chaining began: the chain was rebuilt without the key');
        unkeyed++;
      } else {
        keyedSeen = true;
        if (r.key_id !== keys.id) return broken(seq, 'wrong_key', `the link was made with key ${r.key_id}; this installation's key is ${keys.id} (a re-chained copy, or the key was replaced)`);
      }
      const hash = linkHash(keys, r.key_id, prevHash, seq, fieldsOf(r as StoredRow));
      if (hash !== r.hash) return broken(seq, 'changed', 'the entry does not match its link (the entry was changed)');
      const anchor = anchorAt.get(seq);
      if (anchor && anchor.hash !== r.hash) return broken(seq, 'anchor_mismatch', `the chain differs from the head written outside the database on ${anchor.at}: it was rebuilt`);
      prevHash = r.hash;
      expected = seq + 1;
      checked++;
    }
  }
  if (unkeyed > 0 && !keyedSeen) {
    return broken(expected, 'changed', 'the chain has no keyed link at all: it was rebuilt without the key');
  }
  const newest = anchors?.at(-1);
  if (newest && newest.chainSeq >= expected) {
    return broken(expected, 'truncated', `the chain ends at link ${expected - 1}, but on ${newest.at} it already reached link ${newest.chainSeq}: the newest entries were removed`);
  }
  // Entries that are neither sealed nor waiting for the sequencer were slipped in around it.
  const stray = (
    await sql<{ seq: number }>`select a.seq from access_log a
      where not exists (select 1 from access_log_seals s where s.entry_seq = a.seq)
        and not exists (select 1 from access_log_pending p where p.entry_seq = a.seq)
      order by a.seq limit 1`.execute(db)
  ).rows[0];
  if (stray) return broken(expected, 'unsealed', `entry ${stray.seq} is in the log but not in the chain: it was added around the log`);
  return { ok: true, ...base() };
}
