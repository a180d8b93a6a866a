import type { Api } from '../../kernel/http/api.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { withCurrentOnStale } from '../../kernel/errors.ts';
import { IdParams, ReferralContext, ReferralResult, ReferSignalBody } from '../../contracts/referrals.ts';
import { SignalConflict } from '../../contracts/signals.ts';
import { getSignal } from '../signals/index.ts';
import { publicBaseUrl } from '../staff/index.ts';
import { referralContext, referralFieldChecks, referSignal } from './refer-signal.ts';

const tags = ['Verzoeken tussen organisaties'];

export default async function referralRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/signals/:id/referral',
    {
      schema: {
        tags,
        summary: 'Wat het formulier Doorverwijzen van een signaal nodig heeft (de zorgcoördinator van de school): de casus waarin het verzoek komt, wie toestemming kan geven en wat geldige toestemming al dekt',
        params: IdParams,
        response: { 200: ReferralContext },
      },
    },
    async (request) => referralContext(ctx.database, actorOf(request), request.params.id),
  );

  app.post(
    '/signals/:id/referral',
    {
      config: { fieldChecks: referralFieldChecks },
      schema: {
        tags,
        summary:
          'Een signaal doorverwijzen: het besluit en het verzoek aan de ontvanger in één stap. De open casus van het kind op de school (of een nieuwe casus uit het signaal) en, waar geen geldige toestemming de ontvanger en de gegevens dekt, de toestemming die het gezin nu gaf. `version` is de versie van het signaal (409 met het signaal zoals het nu is)',
        params: IdParams,
        body: ReferSignalBody,
        response: { 201: ReferralResult, 409: SignalConflict },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params;
      const result = await withCurrentOnStale(
        () => referSignal(ctx.database, actor, id, request.body, { linkBase: publicBaseUrl(ctx.config) }),
        () => getSignal(ctx.database, actor, id),
      );
      return reply.status(201).send(result);
    },
  );
}
