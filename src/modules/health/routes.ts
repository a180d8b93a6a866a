import type { FastifyInstance } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import type { AppContext } from '../../kernel/http/context.ts';
import { DEMO_ACCOUNTS } from '../demo/seed-demo.ts';
import { NotFoundError } from '../../kernel/errors.ts';

export default async function healthRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['Beheer'],
        summary: 'Is de dienst gezond (voor load balancers en monitoring)',
        response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]) }) },
      },
    },
    async () => {
      await sql`select 1`.execute(ctx.database.db);
      return { status: 'ok' as const, database: ctx.database.engine };
    },
  );

  app.get('/demo-accounts', { config: { auth: 'public' }, schema: { tags: ['Sessie'], summary: 'De demo-accounts (alleen in demomodus)' } }, async () => {
    if (!ctx.config.demo) throw new NotFoundError('Er draait geen demo.');
    const existing = new Set((await ctx.database.db.selectFrom('accounts').select('username').where('username', 'in', DEMO_ACCOUNTS.map((a) => a.username)).execute()).map((a) => a.username));
    return { items: DEMO_ACCOUNTS.filter((a) => existing.has(a.username)) };
  });
}
