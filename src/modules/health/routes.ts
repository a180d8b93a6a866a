import { sql } from 'kysely';
import type { Api } from '../../kernel/http/api.ts';
import type { AppContext } from '../../kernel/http/context.ts';
import { DEMO_ACCOUNTS } from '../demo/index.ts';
import { NotFoundError, ProblemError } from '../../kernel/errors.ts';
import { migrations } from '../../kernel/db/migrations/index.ts';
import { DemoAccounts, Health, HealthLive, HealthReady, NotReady } from '../../contracts/health.ts';

/** The last migration of this version: applied in order, so when it is there, all are. */
const LATEST_MIGRATION = migrations[migrations.length - 1]!.name;

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

  // For load balancers and orchestrators: liveness (is the process alive: restart it when not) and
  // readiness (can it serve: send it traffic only when so). Public, and rate limited like /health.
  app.get(
    '/health/live',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['Beheer'],
        summary: 'Leeft het proces (liveness): raakt de database niet',
        response: { 200: HealthLive },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['Beheer'],
        summary: 'Kan de dienst verzoeken aan (readiness): de database antwoordt en is bijgewerkt',
        response: { 200: HealthReady, 503: NotReady },
      },
    },
    async (request) => {
      let migrated: boolean;
      try {
        // One round trip that reads two of the app's tables: the database, its schema and this
        // version's migrations are there.
        const row = await sql<{ migrated: boolean }>`
          select exists (select 1 from schema_migrations where name = ${LATEST_MIGRATION}) as migrated,
                 exists (select 1 from regions) as regions`.execute(ctx.database.db);
        migrated = row.rows[0]!.migrated;
      } catch (err) {
        request.log.warn({ err }, 'readiness: the database does not answer');
        throw new ProblemError(503, 'Niet gereed', 'De database antwoordt niet. Probeer het later opnieuw.', 'database_unavailable');
      }
      if (!migrated) throw new ProblemError(503, 'Niet gereed', `De database is niet bijgewerkt: migratie ${LATEST_MIGRATION} ontbreekt. Voer "samenspel migrate" uit.`, 'migrations_pending');
      return { status: 'ok' as const, database: ctx.database.engine };
    },
  );

  app.get('/demo-accounts', { config: { auth: 'public' }, schema: { tags: ['Sessie'], summary: 'De demo-accounts (alleen in demomodus)', response: { 200: DemoAccounts } } }, async () => {
    if (!ctx.config.demo) throw new NotFoundError('Er draait geen demo.');
    const existing = new Set((await ctx.database.db.selectFrom('accounts').select('username').where('username', 'in', DEMO_ACCOUNTS.map((a) => a.username)).execute()).map((a) => a.username));
    return { items: DEMO_ACCOUNTS.filter((a) => existing.has(a.username)) };
  });
}
