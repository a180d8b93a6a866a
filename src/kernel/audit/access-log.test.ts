import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../db/database.ts';
import { ephemeralKeys } from '../keys.ts';
import { appendAccessLog, canonicalJson, GENESIS_HASH, linkHash, sealAllPending, verifyAccessLog } from './access-log.ts';
import { appendAnchor, readAnchors } from './anchors.ts';
import { startSequencer } from './sequencer.ts';

let database: Database;
const keys = ephemeralKeys();
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

const childId = '00000000-0000-4000-8000-000000000001';

async function append(db: Database, n: number) {
  for (let i = 0; i < n; i++) {
    await db.db.transaction().execute((tx) =>
      appendAccessLog(tx, { event: 'child.read', outcome: i % 3 === 0 ? 'denied' : 'allowed', childId, ground: 'school_care', detail: { i, nested: { b: 2, a: 1 } } }),
    );
  }
}

async function withFresh(fn: (db: Database) => Promise<void>) {
  const fresh = await createTestDatabase();
  try {
    await fn(fresh);
  } finally {
    await fresh.close();
  }
}

/** What someone with the database but without the key can do: rebuild every link from the entries. */
async function rechain(db: Database, how: { keyId: string | null; mac: (prev: string, seq: number, row: Record<string, unknown>) => string; upTo?: number }) {
  const upTo = how.upTo ?? Number.MAX_SAFE_INTEGER;
  const rows = await sql<Record<string, unknown>>`select s.chain_seq, a.* from access_log_seals s join access_log a on a.seq = s.entry_seq where s.chain_seq <= ${upTo} order by s.chain_seq`.execute(db.db);
  let prev = GENESIS_HASH;
  const links: string[] = [];
  for (const r of rows.rows) {
    const hash = how.mac(prev, Number(r.chain_seq), r);
    links.push(`(${Number(r.chain_seq)}, ${Number(r.seq)}, '${prev}', '${hash}', ${how.keyId ? `'${how.keyId}'` : 'null'})`);
    prev = hash;
  }
  await db.exec(`alter table access_log_seals disable trigger access_log_seals_no_update;
    alter table access_log_seals disable trigger access_log_seals_no_truncate;
    delete from access_log_seals where chain_seq <= ${upTo};
    insert into access_log_seals (chain_seq, entry_seq, prev_hash, hash, key_id) values ${links.join(', ')};
    alter table access_log_seals enable trigger access_log_seals_no_update;
    alter table access_log_seals enable trigger access_log_seals_no_truncate;`);
}

const fieldsFromRow = (r: Record<string, unknown>) => ({
  entrySeq: Number(r.seq),
  occurredAt: new Date(r.occurred_at as string).toISOString(),
  regionId: r.region_id as string | null,
  event: r.event as string,
  outcome: r.outcome as string,
  childId: r.child_id as string | null,
  accountId: r.account_id as string | null,
  personId: r.person_id as string | null,
  organisationId: r.organisation_id as string | null,
  role: r.role as string | null,
  ground: r.ground as string | null,
  consentId: r.consent_id as string | null,
  ip: r.ip as string | null,
  detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail,
});

describe('access log', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });

  it('seals entries into a keyed chain and verifies an intact log', async () => {
    await append(database, 12);
    const report = await verifyAccessLog(database.db, keys, { batchSize: 5 });
    expect(report).toMatchObject({ ok: true, checked: 12, unkeyed: 0, sealedNow: 12 });
    const seals = await database.db.selectFrom('access_log_seals').select(['chain_seq', 'key_id']).orderBy('chain_seq').execute();
    expect(seals.map((s) => s.chain_seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(seals.map((s) => s.key_id))).toEqual(new Set([keys.id]));
    expect(await database.db.selectFrom('access_log_pending').selectAll().execute()).toEqual([]);
  });

  it('logs thousands of children in one call (the import of a large school) and keeps the chain intact', async () => {
    const before = (await verifyAccessLog(database.db, keys)).checked;
    const entries = Array.from({ length: 5001 }, (_, i) => ({ event: 'absence.import', outcome: 'allowed' as const, childId, ground: 'school_care' as const, detail: { i } }));
    await database.db.transaction().execute((tx) => appendAccessLog(tx, entries));
    expect(await verifyAccessLog(database.db, keys)).toMatchObject({ ok: true, checked: before + 5001 });
  });

  it('stores every field as written, whatever characters a name or a file name holds, and empty fields as empty', async () => {
    const awkward = {
      fileName: 'leerlingen "najaar", {def}\\versie 2.csv',
      name: 'Zoë O\'Neil-Yılmaz',
      nul: 'NULL',
      lines: 'eerste\nregel,\ttab',
      list: ['a,b', '{c}', null],
      empty: '',
    };
    const other = '00000000-0000-4000-8000-000000000002';
    const written = [
      { event: 'child.read', outcome: 'allowed' as const, regionId: null, childId, ground: 'school_care' as const, ip: '::1', role: 'teacher', detail: awkward },
      { event: 'child.read', outcome: 'denied' as const, childId: other },
      { event: 'sign_in', outcome: 'allowed' as const, ip: '"; drop table access_log; --' },
    ];
    await database.db.transaction().execute((tx) => appendAccessLog(tx, written));
    const stored = await database.db
      .selectFrom('access_log')
      .select(['event', 'outcome', 'region_id', 'child_id', 'ground', 'ip', 'role', 'account_id', 'consent_id', 'detail'])
      .orderBy('seq', 'desc')
      .limit(3)
      .execute();
    expect(stored.reverse()).toEqual([
      { event: 'child.read', outcome: 'allowed', region_id: null, child_id: childId, ground: 'school_care', ip: '::1', role: 'teacher', account_id: null, consent_id: null, detail: awkward },
      { event: 'child.read', outcome: 'denied', region_id: null, child_id: other, ground: null, ip: null, role: null, account_id: null, consent_id: null, detail: {} },
      { event: 'sign_in', outcome: 'allowed', region_id: null, child_id: null, ground: null, ip: '"; drop table access_log; --', role: null, account_id: null, consent_id: null, detail: {} },
    ]);
    expect((await verifyAccessLog(database.db, keys)).ok).toBe(true);
  });

  it('is written in the same transaction: a rolled-back change leaves no entry', async () => {
    const before = await verifyAccessLog(database.db, keys);
    await expect(
      database.db.transaction().execute(async (tx) => {
        await appendAccessLog(tx, { event: 'child.create', outcome: 'allowed', childId });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await verifyAccessLog(database.db, keys);
    expect(after).toMatchObject({ ok: true, checked: before.checked });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of entries and links at the database level', async () => {
    await expect(sql`update access_log set event = 'x' where seq = 1`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from access_log where seq = 1`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate access_log`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`update access_log_seals set hash = 'x' where chain_seq = 1`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from access_log_seals where chain_seq = 1`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate access_log_seals`.execute(database.db)).rejects.toThrow(/append-only/);
    expect((await verifyAccessLog(database.db, keys)).ok).toBe(true);
  });

  it('reports the first broken link after an edit made around the triggers', async () => {
    await database.exec(`alter table access_log disable trigger access_log_no_update;
      update access_log set ground = 'guardian_authority' where seq = (select entry_seq from access_log_seals where chain_seq = 7);
      alter table access_log enable trigger access_log_no_update;`);
    const report = await verifyAccessLog(database.db, keys, { batchSize: 4 });
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ seq: 7, code: 'changed', reason: expect.stringContaining('changed') });
    expect(report.checked).toBe(6);
  });

  it('reports a deleted entry, and a deleted link as a gap', async () => {
    await withFresh(async (fresh) => {
      await append(fresh, 5);
      await sealAllPending(fresh.db, keys);
      await fresh.exec(`alter table access_log disable trigger access_log_no_update;
        delete from access_log where seq = (select entry_seq from access_log_seals where chain_seq = 3);
        alter table access_log enable trigger access_log_no_update;`);
      expect((await verifyAccessLog(fresh.db, keys)).firstBroken).toMatchObject({ seq: 3, code: 'missing' });
    });
    await withFresh(async (fresh) => {
      await append(fresh, 5);
      await sealAllPending(fresh.db, keys);
      await fresh.exec(`alter table access_log_seals disable trigger access_log_seals_no_update;
        delete from access_log_seals where chain_seq = 2;
        alter table access_log_seals enable trigger access_log_seals_no_update;`);
      expect((await verifyAccessLog(fresh.db, keys)).firstBroken).toMatchObject({ seq: 2, code: 'missing' });
    });
  });

  it('reports an entry slipped in around the log (neither sealed nor waiting)', async () => {
    await withFresh(async (fresh) => {
      await append(fresh, 3);
      await sealAllPending(fresh.db, keys);
      await fresh.exec(`insert into access_log (occurred_at, event, outcome) values (now(), 'child.read', 'allowed')`);
      expect((await verifyAccessLog(fresh.db, keys)).firstBroken).toMatchObject({ code: 'unsealed' });
    });
  });

  it('seals a backlog larger than one batch in rounds, all of it, in order', async () => {
    await withFresh(async (fresh) => {
      await append(fresh, 7);
      // Batches of 3: rounds of 3, 3 and 1; the short round ends it.
      expect(await sealAllPending(fresh.db, keys, 3)).toBe(7);
      expect(await sealAllPending(fresh.db, keys, 3)).toBe(0);
      expect(await verifyAccessLog(fresh.db, keys, { sealFirst: false })).toMatchObject({ ok: true, checked: 7 });
      // Exactly a batch waiting: a last round finds nothing, and nothing is left unsealed.
      await append(fresh, 3);
      expect(await sealAllPending(fresh.db, keys, 3)).toBe(3);
      expect(await verifyAccessLog(fresh.db, keys, { sealFirst: false })).toMatchObject({ ok: true, checked: 10 });
    });
  });

  it('seals concurrent appends into one gapless order', async () => {
    await withFresh(async (fresh) => {
      await Promise.all([
        ...Array.from({ length: 20 }, (_, i) => fresh.db.transaction().execute((tx) => appendAccessLog(tx, [{ event: 'a', outcome: 'allowed', detail: { i } }, { event: 'b', outcome: 'allowed' }]))),
        // sequencers running meanwhile, as on several app nodes
        ...Array.from({ length: 5 }, () => sealAllPending(fresh.db, keys)),
      ]);
      expect(await verifyAccessLog(fresh.db, keys)).toMatchObject({ ok: true, checked: 40 });
    });
  });

  it('a copy of the database that was changed and re-chained without the key no longer verifies', async () => {
    await withFresh(async (fresh) => {
      await append(fresh, 6);
      expect((await verifyAccessLog(fresh.db, keys)).ok).toBe(true);
      // Someone with the database hides a denied look: changes the entry and rebuilds the chain.
      await fresh.exec(`alter table access_log disable trigger access_log_no_update;
        update access_log set outcome = 'allowed' where outcome = 'denied';
        alter table access_log enable trigger access_log_no_update;`);

      // 1. The old, unkeyed way (SHA-256 over the entries): accepted before, refused now.
      await rechain(fresh, { keyId: null, mac: (prev, seq, r) => linkHash(null, null, prev, seq, fieldsFromRow(r)) });
      const unkeyed = await verifyAccessLog(fresh.db, keys, { sealFirst: false });
      expect(unkeyed.ok).toBe(false);
      expect(unkeyed.firstBroken?.code).toBe('changed');

      // 2. With a key of their own under the installation's key id (which is not secret).
      const theirs = ephemeralKeys();
      await rechain(fresh, { keyId: keys.id, mac: (prev, seq, r) => linkHash(theirs, theirs.id, prev, seq, fieldsFromRow(r)) });
      expect((await verifyAccessLog(fresh.db, keys)).firstBroken).toMatchObject({ seq: 1, code: 'changed' });

      // 3. With their own key id.
      await rechain(fresh, { keyId: theirs.id, mac: (prev, seq, r) => linkHash(theirs, theirs.id, prev, seq, fieldsFromRow(r)) });
      expect((await verifyAccessLog(fresh.db, keys)).firstBroken).toMatchObject({ seq: 1, code: 'wrong_key' });
    });
  });

  it('links of the first, unkeyed chain still verify, and keyed chaining starts after them', async () => {
    await withFresh(async (fresh) => {
      // An installation from before keyed chaining: entries with SHA-256 links (what migration 0012 moved).
      await append(fresh, 3);
      await sealAllPending(fresh.db, keys);
      await rechain(fresh, { keyId: null, mac: (prev, seq, r) => linkHash(null, null, prev, seq, fieldsFromRow(r)) });
      // The first start with a key marks where the keyed chain begins.
      const sequencer = startSequencer(fresh.db, keys, { anchorFile: null, anchorUrl: null, log: { error: () => {} } });
      await sequencer.sealNow();
      await append(fresh, 2);
      await sequencer.stop();
      const report = await verifyAccessLog(fresh.db, keys);
      expect(report).toMatchObject({ ok: true, unkeyed: 3, checked: 6 });
      const marker = await fresh.db.selectFrom('access_log').select(['event', 'detail']).where('event', '=', 'access_log.keyed_chain_start').executeTakeFirstOrThrow();
      expect(marker.detail).toMatchObject({ unkeyedLinks: 3, keyId: keys.id });
      // Changing an unkeyed link now breaks the first keyed link after it.
      await fresh.exec(`alter table access_log disable trigger access_log_no_update;
        update access_log set outcome = 'allowed' where seq = (select entry_seq from access_log_seals where chain_seq = 1);
        alter table access_log enable trigger access_log_no_update;`);
      await rechain(fresh, { keyId: null, upTo: 3, mac: (prev, seq, r) => linkHash(null, null, prev, seq, fieldsFromRow(r)) });
      expect((await verifyAccessLog(fresh.db, keys)).firstBroken).toMatchObject({ seq: 4, code: 'relinked' });
    });
  });
});

describe('anchors outside the database', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-anchors-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the sequencer seals what was written and anchors the head in a file only the app can read', async () => {
    await withFresh(async (fresh) => {
      const file = path.join(dir, 'seq.log');
      const errors: unknown[] = [];
      const sequencer = startSequencer(fresh.db, keys, { anchorFile: file, anchorUrl: null, log: { error: (e) => errors.push(e) } });
      await append(fresh, 4);
      await sequencer.anchorNow();
      await append(fresh, 2);
      await sequencer.stop();
      expect(errors).toEqual([]);
      const anchors = readAnchors(file);
      expect(anchors.map((a) => a.chainSeq)).toEqual([4, 6]);
      expect(fs.statSync(file).mode & 0o077).toBe(0);
      expect(await verifyAccessLog(fresh.db, keys, { anchorFile: file })).toMatchObject({ ok: true, checked: 6, anchors: { checked: 2 } });
    });
  });

  it('removing the newest entries, or rebuilding the chain with the key, shows against the anchors', async () => {
    await withFresh(async (fresh) => {
      const file = path.join(dir, 'tail.log');
      await append(fresh, 5);
      await sealAllPending(fresh.db, keys);
      const head = await fresh.db.selectFrom('access_log_seals').selectAll().orderBy('chain_seq', 'desc').limit(1).executeTakeFirstOrThrow();
      appendAnchor(file, { at: new Date().toISOString(), chainSeq: Number(head.chain_seq), hash: head.hash, keyId: head.key_id });

      // Someone who has the key too rewrites entry 2 and re-chains everything with the real key.
      await fresh.exec(`alter table access_log disable trigger access_log_no_update;
        update access_log set ground = 'privacy_officer' where seq = (select entry_seq from access_log_seals where chain_seq = 2);
        alter table access_log enable trigger access_log_no_update;`);
      await rechain(fresh, { keyId: keys.id, mac: (prev, seq, r) => linkHash(keys, keys.id, prev, seq, fieldsFromRow(r)) });
      expect((await verifyAccessLog(fresh.db, keys)).ok).toBe(true); // the key alone cannot tell
      expect((await verifyAccessLog(fresh.db, keys, { anchorFile: file })).firstBroken).toMatchObject({ seq: 5, code: 'anchor_mismatch' });
    });
    await withFresh(async (fresh) => {
      const file = path.join(dir, 'truncated.log');
      await append(fresh, 5);
      await sealAllPending(fresh.db, keys);
      const head = await fresh.db.selectFrom('access_log_seals').selectAll().orderBy('chain_seq', 'desc').limit(1).executeTakeFirstOrThrow();
      appendAnchor(file, { at: new Date().toISOString(), chainSeq: Number(head.chain_seq), hash: head.hash, keyId: head.key_id });
      await fresh.exec(`alter table access_log disable trigger access_log_no_update;
        alter table access_log_seals disable trigger access_log_seals_no_update;
        delete from access_log where seq in (select entry_seq from access_log_seals where chain_seq >= 4);
        delete from access_log_seals where chain_seq >= 4;
        alter table access_log enable trigger access_log_no_update;
        alter table access_log_seals enable trigger access_log_seals_no_update;`);
      expect((await verifyAccessLog(fresh.db, keys, { anchorFile: file })).firstBroken).toMatchObject({ seq: 4, code: 'truncated' });
    });
  });

  it('sends the head to a write-once target too, and tries again when it did not take it', async () => {
    const received: { chainSeq: number; hash: string }[] = [];
    let refuse = true;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (refuse) {
          refuse = false;
          res.writeHead(503).end();
          return;
        }
        received.push(JSON.parse(body));
        res.writeHead(201).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    try {
      await withFresh(async (fresh) => {
        const errors: unknown[] = [];
        const sequencer = startSequencer(fresh.db, keys, { anchorFile: null, anchorUrl: `http://127.0.0.1:${port}/anchors`, log: { error: (e) => errors.push(e) } });
        await append(fresh, 3);
        await sequencer.anchorNow(); // refused: logged, kept for the next round
        expect(errors.length).toBe(1);
        await sequencer.anchorNow();
        await sequencer.stop();
        const head = await fresh.db.selectFrom('access_log_seals').select(['chain_seq', 'hash']).orderBy('chain_seq', 'desc').limit(1).executeTakeFirstOrThrow();
        expect(received).toEqual([expect.objectContaining({ chainSeq: Number(head.chain_seq), hash: head.hash, keyId: keys.id })]);
      });
    } finally {
      server.close();
    }
  });

  it('an anchor file with a line that is not an anchor is reported as changed', () => {
    const file = path.join(dir, 'bad.log');
    fs.writeFileSync(file, '{"at":"2026-01-01T00:00:00Z","chainSeq":1,"hash":"ab"}\nnot json\n', { mode: 0o600 });
    expect(() => readAnchors(file)).toThrow(/line 2/);
  });
});
