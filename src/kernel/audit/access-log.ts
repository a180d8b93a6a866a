import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';

/**
 * NEN 7513 access log: who (account, person, organisation acted for, role), when, which child,
 * what event, on which legal ground or consent, and the outcome — denied attempts too.
 *
 * Entries are written in the same transaction as the read or change they record. The table is
 * append-only (database triggers refuse UPDATE, DELETE and TRUNCATE) and hash-chained: each entry's
 * hash covers its content and the previous entry's hash, so an edit or deletion made around the
 * triggers breaks the chain at that point, which `samenspel audit verify` reports.
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
  ground?: string | null;
  consentId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);
/** Serialises appends so that the chain has one order, across connections and app nodes. */
const CHAIN_LOCK = 7_513_000;

/** JSON with object keys sorted at every level, so the hash does not depend on jsonb key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

interface StoredFields {
  seq: number;
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

export function entryHash(prevHash: string, f: StoredFields): string {
  const body = canonicalJson([
    f.seq,
    f.occurredAt,
    f.regionId,
    f.event,
    f.outcome,
    f.childId,
    f.accountId,
    f.personId,
    f.organisationId,
    f.role,
    f.ground,
    f.consentId,
    f.ip,
    f.detail ?? {},
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Appends entries to the access log inside the caller's transaction. */
export async function appendAccessLog(tx: Tx, entries: AccessLogEntry | AccessLogEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(tx);
  const last = await tx.selectFrom('access_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let seq = last ? Number(last.seq) : 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const occurredAt = new Date();
  const rows = list.map((e) => {
    seq += 1;
    const fields: StoredFields = {
      seq,
      occurredAt: occurredAt.toISOString(),
      regionId: e.regionId ?? null,
      event: e.event,
      outcome: e.outcome,
      childId: e.childId ?? null,
      accountId: e.accountId ?? null,
      personId: e.personId ?? null,
      organisationId: e.organisationId ?? null,
      role: e.role ?? null,
      ground: e.ground ?? null,
      consentId: e.consentId ?? null,
      ip: e.ip ?? null,
      detail: e.detail ?? {},
    };
    const hash = entryHash(prevHash, fields);
    const row = {
      seq,
      occurred_at: occurredAt,
      region_id: fields.regionId,
      event: fields.event,
      outcome: e.outcome,
      child_id: fields.childId,
      account_id: fields.accountId,
      person_id: fields.personId,
      organisation_id: fields.organisationId,
      role: fields.role,
      ground: fields.ground,
      consent_id: fields.consentId,
      ip: fields.ip,
      detail: JSON.stringify(fields.detail),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  // 17 columns a row: batches stay well under PostgreSQL's 65,535 parameters per statement, so a
  // list or an import that touches thousands of children is logged in full.
  for (let i = 0; i < rows.length; i += APPEND_BATCH) await tx.insertInto('access_log').values(rows.slice(i, i + APPEND_BATCH)).execute();
}

const APPEND_BATCH = 2000;

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first entry whose link is broken, with what is wrong. */
  firstBroken?: { seq: number; code: 'missing' | 'relinked' | 'changed'; reason: string };
}

/** Walks the whole chain in order and reports the first broken link. */
export async function verifyAccessLog(db: Db, batchSize = 5000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('access_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) {
        return { ok: false, checked, firstBroken: { seq: expectedSeq, code: 'missing', reason: `entry ${expectedSeq} is missing (next present is ${seq})` } };
      }
      if (r.prev_hash !== prevHash) {
        return { ok: false, checked, firstBroken: { seq, code: 'relinked', reason: 'prev_hash does not match the hash of the entry before it' } };
      }
      const hash = entryHash(prevHash, {
        seq,
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
        detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail,
      });
      if (hash !== r.hash) {
        return { ok: false, checked, firstBroken: { seq, code: 'changed', reason: 'content does not match its hash (the entry was changed)' } };
      }
      prevHash = r.hash;
      expectedSeq = seq + 1;
      checked++;
    }
  }
  return { ok: true, checked };
}
