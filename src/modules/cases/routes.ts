import type { Api } from '../../kernel/http/api.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { NoContent } from '../../contracts/common.ts';
import {
  AddCaseMemberBody,
  AssignCaseManagerBody,
  CaseList,
  CaseListQuery,
  CaseManagerAssigned,
  CaseMemberParams,
  CaseView,
  CloseCaseBody,
  EmergencyAccessBody,
  EmergencyAccessGranted,
  IdParams,
  LinkSiblingBody,
  OpenCaseBody,
  RecordConsentBody,
  RecordedConsent,
  WithdrawConsentBody,
  WithdrawnConsent,
} from '../../contracts/cases.ts';
import { addCaseMember, assignCaseManager, closeCase, EMERGENCY_ACCESS_HOURS, linkSiblingCase, grantEmergencyAccess, openCase, recordConsent, removeCaseMember, withdrawConsent } from './case-commands.ts';
import { getCase, listCases } from './case-queries.ts';

const tags = ['Casussen en toestemming'];

export default async function caseRoutes(app: Api, ctx: AppContext) {
  app.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Een casus openen voor een leerling van uw school, vanuit een signaal of direct (intern begeleider / zorgcoördinator)',
        body: OpenCaseBody,
        response: { 201: CaseView },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = await openCase(ctx.database, actor, request.body);
      return reply.status(201).send(await getCase(ctx.database, actor, id));
    },
  );

  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Mijn casussen: van de eigen school (zorgcoördinator) en die waarin u in het team zit',
        querystring: CaseListQuery,
        response: { 200: CaseList },
      },
    },
    async (request) => listCases(ctx.database, actorOf(request), request.query),
  );

  app.get('/cases/:id', { schema: { tags, summary: 'Eén casus: wat u ziet hangt af van de toestemming', params: IdParams, response: { 200: CaseView } } }, async (request) =>
    getCase(ctx.database, actorOf(request), request.params.id),
  );

  app.post(
    '/cases/:id/members',
    { schema: { tags, summary: 'Teamlid toevoegen (casusregisseur of zorgcoördinator)', params: IdParams, body: AddCaseMemberBody, response: { 201: CaseView } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params;
      await addCaseMember(ctx.database, actor, id, request.body);
      return reply.status(201).send(await getCase(ctx.database, actor, id));
    },
  );

  app.delete(
    '/cases/:id/members/:memberId',
    { schema: { tags, summary: 'Teamlid uit het team halen (blijft in de geschiedenis)', params: CaseMemberParams, response: { 204: NoContent } } },
    async (request, reply) => {
      const { id, memberId } = request.params;
      await removeCaseMember(ctx.database, actorOf(request), id, memberId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/cases/:id/consents',
    {
      schema: {
        tags,
        summary: 'Toestemming vastleggen: wie, waarvoor, aan wie, welke gegevens, hoe en tot wanneer (de leeftijdsregel wordt gecontroleerd)',
        params: IdParams,
        body: RecordConsentBody,
        response: { 201: RecordedConsent },
      },
    },
    async (request, reply) => {
      const result = await recordConsent(ctx.database, actorOf(request), request.params.id, request.body);
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/consents/:id/withdraw',
    {
      schema: {
        tags,
        summary:
          'Toestemming intrekken: de toegang stopt direct; wat eerder gebeurde blijft vastgelegd. Door wie de toestemming mag geven (ouder met gezag, kind vanaf 12, jongere vanaf 16 alleen): zelf in het portaal, of vastgelegd door de casusregisseur met wie en hoe',
        params: IdParams,
        body: WithdrawConsentBody,
        response: { 200: WithdrawnConsent },
      },
    },
    async (request): Promise<WithdrawnConsent> => {
      await withdrawConsent(ctx.database, actorOf(request), request.params.id, request.body);
      return { id: request.params.id, status: 'withdrawn' };
    },
  );

  app.put(
    '/cases/:id/case-manager',
    {
      schema: {
        tags,
        summary:
          'Casusregisseur (opnieuw) aanwijzen: iemand die nu bij de organisatie werkt (zorgcoördinator van de school, of de casusregisseur zelf). `replaces` is de casusregisseur die u zag; is intussen een ander aangewezen, dan 409',
        params: IdParams,
        body: AssignCaseManagerBody,
        response: { 200: CaseManagerAssigned },
      },
    },
    async (request) => assignCaseManager(ctx.database, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/cases/:id/emergency-access',
    {
      schema: {
        tags,
        summary: `Noodtoegang zonder toestemming, alleen op de veiligheidsroute (Meldcode), met reden; ${EMERGENCY_ACCESS_HOURS} uur geldig en vastgelegd`,
        params: IdParams,
        body: EmergencyAccessBody,
        response: { 201: EmergencyAccessGranted },
      },
    },
    async (request, reply) => reply.status(201).send(await grantEmergencyAccess(ctx.database, actorOf(request), request.params.id, request.body.reason)),
  );

  app.post(
    '/cases/:id/siblings',
    { schema: { tags, summary: 'De casus van een broer of zus koppelen als één gezin', params: IdParams, body: LinkSiblingBody, response: { 200: CaseView } } },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      await linkSiblingCase(ctx.database, actor, id, request.body.caseId);
      return getCase(ctx.database, actor, id);
    },
  );

  app.post(
    '/cases/:id/close',
    { schema: { tags, summary: 'Casus sluiten', params: IdParams, body: CloseCaseBody, response: { 200: CaseView } } },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      await closeCase(ctx.database, actor, id, request.body.reason);
      return getCase(ctx.database, actor, id);
    },
  );
}
