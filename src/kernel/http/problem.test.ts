import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerProblemHandler } from './problem.ts';

/** What the database refuses because the request named something that does not exist is the client's mistake: a 400 with the field. */
describe('problem handler: an unknown id the database refuses', () => {
  it('a foreign-key violation becomes 400 naming the field from the column', async () => {
    const app = Fastify({ logger: false });
    registerProblemHandler(app);
    app.post('/x', async () => {
      throw Object.assign(new Error('insert or update on table "plan_comments" violates foreign key constraint "plan_comments_goal_id_fkey"'), {
        code: '23503',
        severity: 'ERROR',
        detail: 'Key (goal_id)=(7d0f2a3e-6c1b-4e2f-9a8d-000000000001) is not present in table "plan_goals".',
      });
    });
    app.post('/y', async () => {
      throw Object.assign(new Error('update or delete on table "x" violates foreign key constraint'), { code: '23503', severity: 'ERROR', detail: 'Key (id)=(1) is still referenced from table "y".' });
    });
    const res = await app.inject({ method: 'POST', url: '/x', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'unknown_reference', invalidParams: [{ name: 'goalId', code: 'unknown_reference' }] });
    // Deleting something still in use is not the client naming an unknown id: not turned into a 400 here.
    expect((await app.inject({ method: 'POST', url: '/y', payload: {} })).statusCode).toBe(500);
    await app.close();
  });
});
