import type { Api } from '../../kernel/http/api.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { withCurrentOnStale } from '../../kernel/errors.ts';
import { RequestTerms, RequestTermsConflict, SetRequestTermBody } from '../../contracts/request-terms.ts';
import { EscalateRequestsBody, RequestEscalationOverview, RequestEscalationRecorded } from '../../contracts/request-escalation.ts';
import { requestTermFieldChecks, requestTerms, setRequestTerm } from './region-terms.ts';
import { escalateRequests, escalationFieldChecks, requestEscalationOverview } from './request-escalation.ts';
import { publicBaseUrl } from '../staff/index.ts';

/** The region's side of requests (docs/requests.md): its own terms, and escalation of what is overdue. */
export default async function requestRegionRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/settings/request-terms',
    {
      schema: {
        tags: ['Instellingen'],
        summary: 'De termijnen van verzoeken per soort en stand: de standaard, die van de regio en de termijn die geldt, met de versie van dit scherm (elke professional)',
        response: { 200: RequestTerms },
      },
    },
    async (request) => requestTerms(ctx.database, actorOf(request)),
  );

  app.put(
    '/settings/request-terms',
    {
      schema: {
        tags: ['Instellingen'],
        summary:
          'Een termijn van verzoeken instellen voor de regio (functioneel beheerder): `days` 1 tot en met 120 in `unit` (schooldagen alleen voor een vraag aan de school), of `days: null` voor de standaard. Geldt voor stappen die na de wijziging beginnen. Is er intussen iets gewijzigd, dan 409 met de termijnen zoals ze nu zijn',
        body: SetRequestTermBody,
        response: { 200: RequestTerms, 409: RequestTermsConflict },
      },
      config: { fieldChecks: requestTermFieldChecks },
    },
    async (request) => {
      const actor = actorOf(request);
      return withCurrentOnStale(
        () => setRequestTerm(ctx.database, actor, request.body),
        () => requestTerms(ctx.database, actor),
      );
    },
  );

  app.get(
    '/requests/escalation',
    {
      schema: {
        tags: ['Verzoeken tussen organisaties'],
        summary:
          'Escalatie door de regio: per ontvangende organisatie en soort de open verzoeken, hoeveel over de termijn, de oudste te late stap en de mediaan sinds versturen, en de laatste escalatie. Alleen aantallen: geen verzoek, geen kind',
        response: { 200: RequestEscalationOverview },
      },
    },
    async (request) => requestEscalationOverview(ctx.database, actorOf(request)),
  );

  app.post(
    '/requests/escalation',
    {
      schema: {
        tags: ['Verzoeken tussen organisaties'],
        summary:
          'Een organisatie vragen haar verzoeken van één soort die over de termijn zijn op te pakken: haar medewerkers krijgen een melding en een e-mail zonder gegevens van een kind. 409 `nothing_overdue` als er vandaag geen te late stap is',
        body: EscalateRequestsBody,
        response: { 201: RequestEscalationRecorded },
      },
      config: { fieldChecks: escalationFieldChecks },
    },
    async (request, reply) => reply.status(201).send(await escalateRequests(ctx.database, actorOf(request), request.body, { linkBase: publicBaseUrl(ctx.config) })),
  );
}
