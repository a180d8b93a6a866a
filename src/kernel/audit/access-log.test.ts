import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../db/database.ts';
import { appendAccessLog, canonicalJson, verifyAccessLog } from './access-log.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

const childId = '00000000-0000-4000-8000-000000000001';

async function append(n: number) {
  for (let i = 0; i < n; i++) {
    await database.db.transaction().execute((tx) =>
      appendAccessLog(tx, { event: 'child.read', outcome: i % 3 === 0 ? 'denied' : 'allowed', childId, ground: 'school_care', detail: { i, nested: { b: 2, a: 1 } } }),
    );
  }
}

describe('access log', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });

  it('chains entries and verifies an intact log', async () => {
    await append(12);
    const report = await verifyAccessLog(database.db, 5);
    expect(report).toEqual({ ok: true, checked: 12 });
  });

  it('logs thousands of children in one call (the import of a large school) and keeps the chain intact', async () => {
    const before = (await verifyAccessLog(database.db)).checked;
    const entries = Array.from({ length: 5001 }, (_, i) => ({ event: 'absence.import', outcome: 'allowed' as const, childId, ground: 'school_care', detail: { i } }));
    await database.db.transaction().execute((tx) => appendAccessLog(tx, entries));
    expect(await verifyAccessLog(database.db)).toEqual({ ok: true, checked: before + 5001 });
  });

  it('is written in the same transaction: a rolled-back change leaves no entry', async () => {
    const before = await verifyAccessLog(database.db);
    await expect(
      database.db.transaction().execute(async (tx) => {
        await appendAccessLog(tx, { event: 'child.create', outcome: 'allowed', childId });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await verifyAccessLog(database.db);
    expect(after.checked).toBe(before.checked);
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database level', async () => {
    await expect(sql`update access_log set event = 'x' where seq = 1`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from access_log where seq = 1`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate access_log`.execute(database.db)).rejects.toThrow(/append-only/);
    expect((await verifyAccessLog(database.db)).ok).toBe(true);
  });

  it('reports the first broken link after an edit made around the triggers', async () => {
    await database.exec(`alter table access_log disable trigger access_log_no_update;
      update access_log set ground = 'guardian_authority' where seq = 7;
      alter table access_log enable trigger access_log_no_update;`);
    const report = await verifyAccessLog(database.db, 4);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ seq: 7, code: 'changed', reason: expect.stringContaining('changed') });
    expect(report.checked).toBe(6);
  });

  it('reports a deleted entry as a gap', async () => {
    const fresh = await createTestDatabase();
    try {
      for (let i = 0; i < 5; i++) await fresh.db.transaction().execute((tx) => appendAccessLog(tx, { event: 'child.read', outcome: 'allowed', childId }));
      await fresh.exec(`alter table access_log disable trigger access_log_no_update;
        delete from access_log where seq = 3;
        alter table access_log enable trigger access_log_no_update;`);
      const report = await verifyAccessLog(fresh.db);
      expect(report.ok).toBe(false);
      expect(report.firstBroken).toMatchObject({ seq: 3, code: 'missing' });
    } finally {
      await fresh.close();
    }
  });

  it('keeps one order under concurrent appends', async () => {
    const fresh = await createTestDatabase();
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => fresh.db.transaction().execute((tx) => appendAccessLog(tx, [{ event: 'a', outcome: 'allowed', detail: { i } }, { event: 'b', outcome: 'allowed' }]))),
      );
      expect(await verifyAccessLog(fresh.db)).toEqual({ ok: true, checked: 40 });
    } finally {
      await fresh.close();
    }
  });
});
