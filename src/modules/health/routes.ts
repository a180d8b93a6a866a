import { sql } from 'kysely';
import type { Api } from '../../kernel/http/api.ts';
import type { AppContext } from '../../kernel/http/context.ts';
import { DEMO_ACCOUNTS } from '../demo/index.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import { DemoAccounts, Health } from '../../contracts/health.ts';

export default async function healthRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['Beheer'],
        summary: 'Is de dienst gezond (voor load balancers en monitoring)',
        response: { 200: Health },
      },
    },
    async () => {
      await sql`select 1`.execute(ctx.database.db);
      return { status: 'ok' as const, database: ctx.database.engine };
    },
  );

  app.get('/demo-accounts', { config: { auth: 'public' }, schema: { tags: ['Sessie'], summary: 'De demo-accounts (alleen in demomodus)', response: { 200: DemoAccounts } } }, async () => {
    if (!ctx.config.demo) throw new NotFoundError('Er draait geen demo.');
    const existing = new Set((await ctx.database.db.selectFrom('accounts').select('username').where('username', 'in', DEMO_ACCOUNTS.map((a) => a.username)).execute()).map((a) => a.username));
    return { items: DEMO_ACCOUNTS.filter((a) => existing.has(a.username)) };
  });
}
