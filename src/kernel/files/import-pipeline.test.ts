import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../db/database.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { commitImport, previewImport, sha256Of, type ImportSteps, type StoredImport } from './import-pipeline.ts';

/**
 * The pipeline's shared rules, on a tiny import of numbers into a scratch table: the steps run in
 * order, a file with errors is stored but never committed, a commit writes all or nothing and only
 * once, and the same file is recognised by its hash.
 */
let database: Database;
const actor = (role: string): Actor => ({
  accountId: '00000000-0000-4000-8000-000000000001',
  regionId: '00000000-0000-4000-8000-000000000002',
  username: role,
  kind: 'professional',
  personId: null,
  guardianId: null,
  childId: null,
  membership: null,
  ip: null,
});

interface Stored extends StoredImport {
  rows: number[];
}
const calls: string[] = [];
const numbers: ImportSteps<{ content: string; who: string }, string, string[], { rows: number[]; errors: string[] }, Stored, { id: string; rows: number; errors: string[] }, { written: number }> = {
  name: 'numbers',
  authorize(a, input) {
    calls.push('authorize');
    if (input.who !== 'ok') throw new ForbiddenError('Alleen ok.');
    return 'scope';
  },
  async read(_db, _a, _scope, input) {
    calls.push('read');
    return input.content.split('\n').filter(Boolean);
  },
  async check(_db, _a, _scope, read) {
    calls.push('check');
    const rows = read.map(Number);
    return { rows: rows.filter((n) => Number.isInteger(n)), errors: read.filter((r) => !Number.isInteger(Number(r))).map((r) => `"${r}" is geen getal`) };
  },
  async store(db, _a, _scope, s) {
    calls.push('store');
    const r = await sql<{ id: string }>`insert into test_number_imports (sha256, rows, error_count) values (${s.sha256}, ${JSON.stringify(s.plan.rows)}::jsonb, ${s.plan.errors.length}) returning id::text`.execute(db.db);
    return r.rows[0].id;
  },
  present: ({ id, plan }) => ({ id, rows: plan.rows.length, errors: plan.errors }),
  async lock(tx, a, importId) {
    if (a.regionId !== actor('ok').regionId) return null;
    const r = await sql<{ id: string; status: 'preview' | 'committed'; error_count: number; rows: number[] }>`select id::text, status, error_count, rows from test_number_imports where id = ${Number(importId)} for update`.execute(tx);
    const row = r.rows[0];
    return row ? { id: row.id, status: row.status, errorCount: row.error_count, rows: row.rows } : null;
  },
  authorizeCommit(a) {
    calls.push('authorizeCommit');
    if (a.username !== 'ok') throw new ForbiddenError('Alleen ok.');
  },
  async write(tx, _a, stored) {
    for (const n of stored.rows) {
      if (n === 13) throw new ConflictError('Dertien schrijven we niet.', 'unlucky');
      await sql`insert into test_numbers (n) values (${n})`.execute(tx);
    }
    return { written: stored.rows.length };
  },
  async markCommitted(tx, _a, stored) {
    await sql`update test_number_imports set status = 'committed' where id = ${Number(stored.id)}`.execute(tx);
  },
};

const count = async () => Number((await sql<{ n: number }>`select count(*)::int as n from test_numbers`.execute(database.db)).rows[0].n);

beforeAll(async () => {
  database = await createTestDatabase();
  await sql`create table test_number_imports (id serial primary key, sha256 text not null, rows jsonb not null, error_count int not null, status text not null default 'preview')`.execute(database.db);
  await sql`create table test_numbers (n int not null)`.execute(database.db);
});
afterAll(async () => database?.close());

describe('the import pipeline', () => {
  it('walks authorize → read → check → store → present, and stores the file by its hash', async () => {
    calls.length = 0;
    const p = await previewImport(numbers, database, actor('ok'), { content: '1\n2\n', who: 'ok' });
    expect(calls).toEqual(['authorize', 'read', 'check', 'store']);
    expect(p).toMatchObject({ rows: 2, errors: [] });
    const stored = await sql<{ sha256: string }>`select sha256 from test_number_imports where id = ${Number(p.id)}`.execute(database.db);
    expect(stored.rows[0].sha256).toBe(sha256Of('1\n2\n'));
    expect(await count()).toBe(0);
  });

  it('refuses before reading when the actor may not import', async () => {
    calls.length = 0;
    await expect(previewImport(numbers, database, actor('ok'), { content: '1\n', who: 'no' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(calls).toEqual(['authorize']);
  });

  it('commits all rows at once, then refuses a second commit with 409 already_committed', async () => {
    const before = await count();
    const p = await previewImport(numbers, database, actor('ok'), { content: '4\n5\n6\n', who: 'ok' });
    expect(await commitImport(numbers, database, actor('ok'), p.id)).toEqual({ written: 3 });
    expect(await count()).toBe(before + 3);
    const again = commitImport(numbers, database, actor('ok'), p.id);
    await expect(again).rejects.toMatchObject({ status: 409, code: 'already_committed' });
    expect(await count()).toBe(before + 3);
  });

  it('a file with errors is stored for the preview but never committed, and says how many errors', async () => {
    const before = await count();
    const p = await previewImport(numbers, database, actor('ok'), { content: '7\nzeven\nacht\n', who: 'ok' });
    expect(p.errors).toEqual(['"zeven" is geen getal', '"acht" is geen getal']);
    await expect(commitImport(numbers, database, actor('ok'), p.id)).rejects.toMatchObject({ status: 409, code: 'import_has_errors', message: expect.stringContaining('2 fouten') });
    expect(await count()).toBe(before);
  });

  it('all or nothing: when writing fails half-way, nothing is written and the import stays uncommitted', async () => {
    const before = await count();
    const p = await previewImport(numbers, database, actor('ok'), { content: '11\n12\n13\n14\n', who: 'ok' });
    await expect(commitImport(numbers, database, actor('ok'), p.id)).rejects.toMatchObject({ code: 'unlucky' });
    expect(await count()).toBe(before);
    const status = await sql<{ status: string }>`select status from test_number_imports where id = ${Number(p.id)}`.execute(database.db);
    expect(status.rows[0].status).toBe('preview');
  });

  it('an unknown import is 404, and so is one outside the actor\'s scope; who may not import at all is refused first (403)', async () => {
    await expect(commitImport(numbers, database, actor('ok'), '999999')).rejects.toBeInstanceOf(NotFoundError);
    const p = await previewImport(numbers, database, actor('ok'), { content: '20\n', who: 'ok' });
    const elsewhere = { ...actor('ok'), regionId: '00000000-0000-4000-8000-000000000009' };
    await expect(commitImport(numbers, database, elsewhere, p.id)).rejects.toBeInstanceOf(NotFoundError);
    calls.length = 0;
    // The same 403 for an import that exists and one that does not: nothing is looked up.
    await expect(commitImport(numbers, database, actor('someone else'), p.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(commitImport(numbers, database, actor('someone else'), '999999')).rejects.toBeInstanceOf(ForbiddenError);
    expect(calls).toEqual(['authorizeCommit', 'authorizeCommit']);
  });

  it('two commits of the same import at once: exactly one writes', async () => {
    const before = await count();
    const p = await previewImport(numbers, database, actor('ok'), { content: '30\n31\n', who: 'ok' });
    const results = await Promise.allSettled([commitImport(numbers, database, actor('ok'), p.id), commitImport(numbers, database, actor('ok'), p.id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && (r.reason as ConflictError).code === 'already_committed')).toHaveLength(1);
    expect(await count()).toBe(before + 2);
  });
});
