import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from './database.ts';

/**
 * A thuiszitter entry and an absence report are append-only: their state is their events. Their
 * version may go up by one (so that two changes based on the same state cannot both be recorded,
 * migration 0014) — and nothing else about them may change, nor may they be removed.
 */
let database: Database;
let thuiszitterId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const region = await db.insertInto('regions').values({ name: 'R', slug: 'r' }).returning('id').executeTakeFirstOrThrow();
  const child = await db.insertInto('children').values({ region_id: region.id, given_name: 'A', family_name: 'B', birth_date: '2014-01-01', bsn: null }).returning('id').executeTakeFirstOrThrow();
  thuiszitterId = (await db.insertInto('thuiszitters').values({ region_id: region.id, child_id: child.id, start_date: '2026-10-01' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => database?.close());

describe('append-only records with a version', () => {
  it('lets the version go up by one, and nothing else', async () => {
    await sql`update thuiszitters set version = version + 1 where id = ${thuiszitterId}`.execute(database.db);
    const row = await database.db.selectFrom('thuiszitters').select(['version', 'start_date']).where('id', '=', thuiszitterId).executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 2, start_date: '2026-10-01' });
  });
  it('refuses any other change, a jump in the version, and removal', async () => {
    await expect(sql`update thuiszitters set start_date = '2026-09-01', version = version + 1 where id = ${thuiszitterId}`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`update thuiszitters set version = version + 2 where id = ${thuiszitterId}`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`update thuiszitters set version = version - 1 where id = ${thuiszitterId}`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from thuiszitters where id = ${thuiszitterId}`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`update absence_reports set hours = 1`.execute(database.db)).resolves.toBeDefined(); // no rows: nothing to refuse
    const row = await database.db.selectFrom('thuiszitters').select(['version', 'start_date']).where('id', '=', thuiszitterId).executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 2, start_date: '2026-10-01' });
  });
});
