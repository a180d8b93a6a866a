import type { Api } from '../../kernel/http/api.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { withCurrentOnStale } from '../../kernel/errors.ts';
import { AnswerObservationBody, IdParams, ObservationConflict, ObservationView, RequestConflict, RequestDetail, RequestList, RequestListQuery, RequestStepBody, SendRequestBody } from '../../contracts/requests.ts';
import { answerObservation, getObservation } from './request-observations.ts';
import { notifyOfObservation, sendRequest, takeRequestStep } from './request-commands.ts';
import { publicBaseUrl } from '../staff/index.ts';
import { getRequest, listRequests } from './request-queries.ts';
import requestRegionRoutes from './region-routes.ts';

const tags = ['Verzoeken tussen organisaties'];

export default async function requestRoutes(app: Api, ctx: AppContext) {
  // The region's own terms and its escalation of what is overdue (region-routes.ts).
  await requestRegionRoutes(app, ctx);

  app.post(
    '/cases/:id/requests',
    {
      schema: {
        tags,
        summary:
          'Een verzoek versturen vanuit een casus: verwijzing naar het wijkteam of de toegang, verzoek aan een jeugdhulpaanbieder, arrangement of TLV bij het SWV (wie de casus houdt), of een vraag aan de school (een teamlid van een andere organisatie). Alleen met geldige toestemming die de ontvanger en de gedeelde gegevens dekt.',
        params: IdParams,
        body: SendRequestBody,
        response: { 201: RequestDetail },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = await sendRequest(ctx.database, actor, request.params.id, request.body, { linkBase: publicBaseUrl(ctx.config) });
      return reply.status(201).send(await getRequest(ctx.database, actor, id));
    },
  );

  app.get(
    '/requests',
    {
      schema: {
        tags,
        summary: 'De verzoeken van de organisatie waarvoor u werkt: ontvangen, verstuurd of beide; wat het langst wacht eerst',
        querystring: RequestListQuery,
        response: { 200: RequestList },
      },
    },
    async (request) => listRequests(ctx.database, actorOf(request), request.query),
  );

  app.get('/requests/:id', { schema: { tags, summary: 'Eén verzoek met zijn geschiedenis, voor de verzender en de ontvanger', params: IdParams, response: { 200: RequestDetail } } }, async (request) =>
    getRequest(ctx.database, actorOf(request), request.params.id),
  );

  app.post(
    '/requests/:id/steps',
    {
      schema: {
        tags,
        summary:
          'Een stap in het verzoek: aannemen, informatie vragen of geven, afwijzen, doorsturen, besluit, start van de hulp, terugkoppeling, afsluiten, intrekken — op basis van de versie die het scherm toonde (409 met het verzoek zoals het nu is)',
        params: IdParams,
        body: RequestStepBody,
        response: { 200: RequestDetail, 409: RequestConflict },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      // The answer is the request after the step, as the reader saw it when taking it.
      return withCurrentOnStale(
        () => takeRequestStep(ctx.database, actor, id, request.body, { linkBase: publicBaseUrl(ctx.config) }),
        () => getRequest(ctx.database, actor, id),
      );
    },
  );

  app.get(
    '/observations/:id',
    {
      schema: {
        tags,
        summary: 'Een gevraagde observatie (de leerkracht aan wie het gevraagd is): de terugkoppeling van de hulp met het advies voor de leerkracht, en het eigen antwoord',
        params: IdParams,
        response: { 200: ObservationView },
      },
    },
    async (request) => getObservation(ctx.database, actorOf(request), request.params.id),
  );

  app.post(
    '/observations/:id',
    {
      schema: {
        tags,
        summary: 'De observatie geven: werkt de hulp in de klas? Eén keer, op basis van de versie die het scherm toonde (409 met de observatie zoals die nu is)',
        params: IdParams,
        body: AnswerObservationBody,
        response: { 200: ObservationView, 409: ObservationConflict },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      const linkBase = publicBaseUrl(ctx.config);
      return withCurrentOnStale(
        () => answerObservation(ctx.database, actor, id, request.body, { linkBase, notify: (tx, requestId) => notifyOfObservation(tx, actor, requestId, linkBase) }),
        () => getObservation(ctx.database, actor, id),
      );
    },
  );
}
