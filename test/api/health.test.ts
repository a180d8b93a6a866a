import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';

process.env.SAMENSPEL_TODAY = '2026-11-16';

const { startTestApp } = await import('../support/test-app.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * The checks for load balancers (issue 15): liveness (`/health/live`: the process answers; no
 * database) and readiness (`/health/ready`: the database answers with the app's tables and this
 * version's migrations; 503 problem+json when not). Both without a session.
 */
let t: TestApp;
let closed = false;
const engine = process.env.DATABASE_URL ? 'postgresql' : 'pglite';
beforeAll(async () => {
  t = await startTestApp({ children: 50 });
});
afterAll(async () => {
  if (closed) await t?.app.close();
  else await t?.close();
});

const get = (url: string) => t.anonymous().get(url);
const latestMigration = async () =>
  (await t.database.db.selectFrom('schema_migrations').selectAll().orderBy('name', 'desc').limit(1).executeTakeFirstOrThrow());

describe('liveness and readiness', () => {
  it('both answer 200 without a session on a running app, and /health as before', async () => {
    const live = await get('/api/v1/health/live');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await get('/api/v1/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', database: engine });
    expect((await get('/api/v1/health')).json()).toEqual({ status: 'ok', database: engine });
  });

  it('both are in the OpenAPI document, ready with its 503', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    expect(doc.paths['/api/v1/health/live'].get.responses).toHaveProperty('200');
    expect(Object.keys(doc.paths['/api/v1/health/ready'].get.responses).sort()).toEqual(['200', '503']);
  });

  it('not ready while a migration of this version is missing (503 migrations_pending); alive all the same', async () => {
    const latest = await latestMigration();
    await t.database.db.deleteFrom('schema_migrations').where('name', '=', latest.name).execute();
    try {
      const ready = await get('/api/v1/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['content-type']).toContain('application/problem+json');
      expect(ready.json()).toMatchObject({ status: 503, code: 'migrations_pending', detail: expect.stringContaining(latest.name) });
      expect((await get('/api/v1/health/live')).statusCode).toBe(200);
    } finally {
      await t.database.db.insertInto('schema_migrations').values(latest).execute();
    }
    expect((await get('/api/v1/health/ready')).statusCode).toBe(200);
  });

  it('when the database is gone: not ready (503 database_unavailable), and still alive', async () => {
    await sql`select 1`.execute(t.database.db);
    await t.database.close();
    closed = true;
    const ready = await get('/api/v1/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['content-type']).toContain('application/problem+json');
    expect(ready.json()).toMatchObject({ type: 'about:blank', title: 'Niet gereed', status: 503, code: 'database_unavailable', instance: '/api/v1/health/ready' });
    const live = await get('/api/v1/health/live');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
  });
});
