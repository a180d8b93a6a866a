import type { Api } from '../../kernel/http/api.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { NoContent } from '../../contracts/common.ts';
import { withCurrentOnStale } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import {
  AddCaseMemberBody,
  AssignCaseManagerBody,
  CaseConflict,
  CaseList,
  CaseListQuery,
  CaseManagerAssigned,
  CaseMemberParams,
  CaseVersionQuery,
  CaseView,
  ChildConsents,
  CloseCaseBody,
  EmergencyAccessBody,
  EmergencyAccessGranted,
  IdParams,
  LinkSiblingBody,
  OpenCaseBody,
  RecordConsentBody,
  RecordedConsent,
  CaseTransferred,
  RecordVerwijsindexBody,
  TransferCaseBody,
  WithdrawConsentBody,
  WithdrawnConsent,
} from '../../contracts/cases.ts';
import {
  addCaseMember,
  assignCaseManager,
  closeCase,
  consentFieldChecks,
  EMERGENCY_ACCESS_HOURS,
  handoverFieldChecks,
  linkSiblingCase,
  grantEmergencyAccess,
  openCase,
  recordConsent,
  removeCaseMember,
  withdrawConsent,
} from './case-commands.ts';
import { transferCase, transferFieldChecks } from './case-transfer.ts';
import { recordVerwijsindex, verwijsindexFieldChecks } from './verwijsindex.ts';
import { publicBaseUrl } from '../staff/index.ts';
import { childConsents, getCase, listCases } from './case-queries.ts';

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
      const { id } = await openCase(ctx.database, actor, request.body, { linkBase: publicBaseUrl(ctx.config) });
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

  /** A change of the case or its team based on a stale version: the 409 carries the case as it is now. */
  const currentCase = (actor: Actor, id: string) => () => getCase(ctx.database, actor, id);

  app.post(
    '/cases/:id/members',
    {
      schema: {
        tags,
        summary: 'Teamlid toevoegen (casusregisseur of zorgcoördinator); `version` is de versie van de casus die u zag',
        params: IdParams,
        body: AddCaseMemberBody,
        response: { 201: CaseView, 409: CaseConflict },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params;
      await withCurrentOnStale(() => addCaseMember(ctx.database, actor, id, request.body), currentCase(actor, id));
      return reply.status(201).send(await getCase(ctx.database, actor, id));
    },
  );

  app.delete(
    '/cases/:id/members/:memberId',
    {
      schema: {
        tags,
        summary: 'Teamlid uit het team halen (blijft in de geschiedenis); `?version=` is de versie van de casus die u zag',
        params: CaseMemberParams,
        querystring: CaseVersionQuery,
        response: { 204: NoContent, 409: CaseConflict },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, memberId } = request.params;
      await withCurrentOnStale(() => removeCaseMember(ctx.database, actor, id, memberId, request.query.version), currentCase(actor, id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/children/:id/consents',
    {
      schema: {
        tags,
        summary: 'De toestemmingen van een kind: voor de ouders met gezag en de jongere zelf (ook welke zij zelf mogen intrekken), en voor wie de casus houdt',
        params: IdParams,
        response: { 200: ChildConsents },
      },
    },
    async (request) => childConsents(ctx.database, actorOf(request), request.params.id),
  );

  app.post(
    '/cases/:id/consents',
    {
      config: { fieldChecks: consentFieldChecks },
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
      await withdrawConsent(ctx.database, actorOf(request), request.params.id, request.body, { linkBase: publicBaseUrl(ctx.config) });
      return { id: request.params.id, status: 'withdrawn' };
    },
  );

  app.put(
    '/cases/:id/case-manager',
    {
      config: { fieldChecks: handoverFieldChecks },
      schema: {
        tags,
        summary:
          'Casusregisseur (opnieuw) aanwijzen of overdragen, met de reden (komt in de geschiedenis): iemand die nu bij de organisatie werkt (zorgcoördinator van de school, of de casusregisseur zelf). De nieuwe casusregisseur krijgt een melding. `replaces` is de casusregisseur die u zag en `version` de versie van de casus; is intussen iets gewijzigd, dan 409',
        params: IdParams,
        body: AssignCaseManagerBody,
        response: { 200: CaseManagerAssigned, 409: CaseConflict },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      return withCurrentOnStale(() => assignCaseManager(ctx.database, actor, id, request.body, { linkBase: publicBaseUrl(ctx.config) }), currentCase(actor, id));
    },
  );

  app.post(
    '/cases/:id/transfer',
    {
      config: { fieldChecks: transferFieldChecks },
      schema: {
        tags,
        summary:
          'Het kind ging naar een andere school: de open casus en het plan gaan mee naar de nieuwe school, waarvan de intern begeleider of zorgcoördinator casusregisseur wordt (wie de casus beheert). Het kind staat vandaag op die school ingeschreven en een geldige toestemming in deze casus noemt die school; anders 422 met wat ontbreekt. Teamleden van de oude school gaan uit het team; open verzoeken van de oude school gaan mee. `version`: de versie van de casus die u zag',
        params: IdParams,
        body: TransferCaseBody,
        response: { 200: CaseTransferred, 409: CaseConflict },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      return withCurrentOnStale(() => transferCase(ctx.database, actor, id, request.body, { linkBase: publicBaseUrl(ctx.config) }), currentCase(actor, id));
    },
  );

  app.post(
    '/cases/:id/verwijsindex',
    {
      config: { fieldChecks: verwijsindexFieldChecks },
      schema: {
        tags,
        summary:
          'Vastleggen op welke dag de school het kind in de verwijsindex van de gemeente meldde (niet in de toekomst, niet vóór de opening van de casus; wie de casus beheert). Alleen de datum: Samenspel houdt geen eigen register bij. `version`: de versie van de casus die u zag',
        params: IdParams,
        body: RecordVerwijsindexBody,
        response: { 200: CaseView, 409: CaseConflict },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      await withCurrentOnStale(() => recordVerwijsindex(ctx.database, actor, id, request.body), currentCase(actor, id));
      return getCase(ctx.database, actor, id);
    },
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
    {
      schema: {
        tags,
        summary: 'De casus van een broer of zus koppelen als één gezin (`version`: de versie van deze casus die u zag)',
        params: IdParams,
        body: LinkSiblingBody,
        response: { 200: CaseView, 409: CaseConflict },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      await withCurrentOnStale(() => linkSiblingCase(ctx.database, actor, id, request.body.caseId, request.body.version), currentCase(actor, id));
      return getCase(ctx.database, actor, id);
    },
  );

  app.post(
    '/cases/:id/close',
    { schema: { tags, summary: 'Casus sluiten (`version`: de versie van de casus die u zag)', params: IdParams, body: CloseCaseBody, response: { 200: CaseView, 409: CaseConflict } } },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      await withCurrentOnStale(() => closeCase(ctx.database, actor, id, request.body.reason, request.body.version), currentCase(actor, id));
      return getCase(ctx.database, actor, id);
    },
  );
}
