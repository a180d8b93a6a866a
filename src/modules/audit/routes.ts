import type { FastifyInstance } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { DayParam, paging } from '../../kernel/http/query.ts';
import { actorOf, requireRole, type AppContext } from '../../kernel/http/context.ts';
import { appendAccessLog, verifyAccessLog } from '../../kernel/audit/access-log.ts';
import { searchAccessLog } from '../../kernel/audit/access-log-search.ts';
import { actorLogFields } from '../../kernel/policy/child-access.ts';

const tags = ['Toegangslog'];

export default async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/access-log',
    {
      schema: {
        tags,
        summary: 'Doorzoek het toegangslog van de regio (privacyfunctionaris)',
        querystring: Type.Object({
          childId: Type.Optional(Type.String({ format: 'uuid' })),
          username: Type.Optional(Type.String({ maxLength: 63 })),
          event: Type.Optional(Type.String({ maxLength: 100 })),
          outcome: Type.Optional(Type.Union([Type.Literal('allowed'), Type.Literal('denied')])),
          from: Type.Optional(DayParam()),
          to: Type.Optional(DayParam()),
          ...paging(200, 50),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireRole(actor, 'privacy_officer');
      const f = request.query as { childId?: string; username?: string; event?: string; outcome?: 'allowed' | 'denied'; from?: string; to?: string; page: number; pageSize: number };
      return ctx.database.db.transaction().execute(async (tx) => {
        const result = await searchAccessLog(tx, { ...f, regionId: actor.regionId }, f.page, f.pageSize);
        // Looking into the log is itself logged (the privacy officer is accountable too).
        await appendAccessLog(tx, { ...actorLogFields(actor), event: 'access_log.search', outcome: 'allowed', childId: f.childId ?? null, ground: 'privacy_officer', detail: { filters: { ...f } } });
        return result;
      });
    },
  );

  app.get('/access-log/verify', { schema: { tags, summary: 'Controleer de keten van het toegangslog met de sleutel en de ankers buiten de database (privacyfunctionaris)' } }, async (request) => {
    requireRole(actorOf(request), 'privacy_officer');
    return verifyAccessLog(ctx.database.db, ctx.keys, { anchorFile: ctx.config.auditAnchorFile });
  });
}
