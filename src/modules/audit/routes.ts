import type { Api } from '../../kernel/http/api.ts';
import { requireCapability } from '../../kernel/policy/capabilities.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { verifyAccessLog } from '../../kernel/audit/access-log.ts';
import { searchAccessLog } from '../../kernel/audit/access-log-search.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { AccessLogChildPage, AccessLogChildQuery, AccessLogPage, AccessLogQuery, ChainVerification } from '../../contracts/audit.ts';
import { findChildrenForAccessLog } from '../children/index.ts';

const tags = ['Toegangslog'];

export default async function auditRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/access-log',
    {
      schema: {
        tags,
        summary: 'Doorzoek het toegangslog van de regio (privacyfunctionaris)',
        querystring: AccessLogQuery,
        response: { 200: AccessLogPage },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireCapability(actor, 'readAccessLog');
      const f = request.query;
      return ctx.database.db.transaction().execute(async (tx) => {
        const result = await searchAccessLog(tx, { ...f, regionId: actor.regionId }, f.page, f.pageSize);
        // Looking into the log is itself logged (the privacy officer is accountable too). The ground
        // is the privacy officer's function (the policy's 'privacy_officer' ground: the access log,
        // nothing of the child's file); readAccessLog is that function's capability alone.
        await recordEvent(tx, actor, { event: 'access_log.search', childId: f.childId ?? null, ground: 'privacy_officer', detail: { filters: { ...f } } });
        return result;
      });
    },
  );

  app.get(
    '/access-log/children',
    {
      schema: {
        tags,
        summary: 'Zoek een kind op naam om zijn toegangslog te bekijken (privacyfunctionaris): alleen naam en geboortedatum',
        querystring: AccessLogChildQuery,
        response: { 200: AccessLogChildPage },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireCapability(actor, 'readAccessLog');
      const { q, page, pageSize } = request.query;
      return findChildrenForAccessLog(ctx.database, actor, { q, page, pageSize });
    },
  );

  app.get(
    '/access-log/verify',
    { schema: { tags, summary: 'Controleer de keten van het toegangslog met de sleutel en de ankers buiten de database (privacyfunctionaris)', response: { 200: ChainVerification } } },
    async (request) => {
      requireCapability(actorOf(request), 'readAccessLog');
      return verifyAccessLog(ctx.database.db, ctx.keys, { anchorFile: ctx.config.auditAnchorFile });
    },
  );
}
