import type { FastifyInstance } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { addCaseMember, assignCaseManager, closeCase, linkSiblingCase, grantEmergencyAccess, openCase, recordConsent, removeCaseMember, SHAREABLE_KINDS, withdrawConsent, type OpenCaseInput, type RecordConsentInput, type WithdrawConsentInput, type AssignCaseManagerInput } from './case-commands.ts';
import { getCase, listCases } from './case-queries.ts';

const tags = ['Casussen en toestemming'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Uuid = Type.String({ format: 'uuid' });
const DateStr = Type.String({ format: 'date' });
const oneOf = (values: readonly string[]) => Type.Unsafe<string>({ type: 'string', enum: [...values] });

export default async function caseRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Een casus openen voor een leerling van uw school, vanuit een signaal of direct (intern begeleider / zorgcoördinator)',
        body: Type.Object(
          {
            childId: Uuid,
            title: Type.String({ minLength: 1, maxLength: 200 }),
            fromSignalId: Type.Optional(Type.Union([Uuid, Type.Null()])),
            reason: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
            caseManagerPersonId: Type.Optional(Type.Union([Uuid, Type.Null()])),
            nextEvaluationOn: Type.Optional(Type.Union([DateStr, Type.Null()])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = await openCase(ctx.database, actor, request.body as OpenCaseInput);
      return reply.status(201).send(await getCase(ctx.database, actor, id));
    },
  );

  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Mijn casussen: van de eigen school (zorgcoördinator) en die waarin u in het team zit',
        querystring: Type.Object({
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
          dueForEvaluation: Type.Optional(Type.Boolean()),
          needsCaseManager: Type.Optional(Type.Boolean({ description: 'true: open cases whose case manager no longer works for the organisation they managed it for' })),
          childId: Type.Optional(Uuid),
        }),
      },
    },
    async (request) => listCases(ctx.database, actorOf(request), request.query as { status?: 'open' | 'closed'; dueForEvaluation?: boolean; needsCaseManager?: boolean; childId?: string }),
  );

  app.get('/cases/:id', { schema: { tags, summary: 'Eén casus: wat u ziet hangt af van de toestemming', params: Id } }, async (request) =>
    getCase(ctx.database, actorOf(request), (request.params as { id: string }).id),
  );

  app.post(
    '/cases/:id/members',
    { schema: { tags, summary: 'Teamlid toevoegen (casusregisseur of zorgcoördinator)', params: Id, body: Type.Object({ personId: Uuid, organisationId: Uuid }, { additionalProperties: false }) } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = (request.params as { id: string }).id;
      await addCaseMember(ctx.database, actor, id, request.body as { personId: string; organisationId: string });
      return reply.status(201).send(await getCase(ctx.database, actor, id));
    },
  );

  app.delete(
    '/cases/:id/members/:memberId',
    { schema: { tags, summary: 'Teamlid uit het team halen (blijft in de geschiedenis)', params: Type.Object({ id: Uuid, memberId: Uuid }) } },
    async (request, reply) => {
      const { id, memberId } = request.params as { id: string; memberId: string };
      await removeCaseMember(ctx.database, actorOf(request), id, memberId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/cases/:id/consents',
    {
      schema: {
        tags,
        summary: 'Toestemming vastleggen: wie, waarvoor, aan wie, welke gegevens, hoe en tot wanneer (de leeftijdsregel wordt gecontroleerd)',
        params: Id,
        body: Type.Object(
          {
            purpose: Type.String({ minLength: 1, maxLength: 1000 }),
            dataKinds: Type.Array(oneOf(SHAREABLE_KINDS), { maxItems: 10 }),
            recipientOrganisationIds: Type.Array(Uuid, { maxItems: 50 }),
            givers: Type.Object({ guardianIds: Type.Array(Uuid, { maxItems: 10 }), childSelf: Type.Boolean() }, { additionalProperties: false }),
            method: Type.Union([Type.Literal('written'), Type.Literal('verbal'), Type.Literal('portal')]),
            givenOn: DateStr,
            validUntil: DateStr,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = (request.params as { id: string }).id;
      const result = await recordConsent(ctx.database, actor, id, request.body as RecordConsentInput);
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
        params: Id,
        body: Type.Object(
          {
            byGuardianId: Type.Optional(Type.Union([Uuid, Type.Null()])),
            byChild: Type.Optional(Type.Boolean()),
            method: Type.Optional(Type.Union([Type.Literal('written'), Type.Literal('verbal'), Type.Null()])),
            reason: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      await withdrawConsent(ctx.database, actorOf(request), (request.params as { id: string }).id, request.body as WithdrawConsentInput);
      return { id: (request.params as { id: string }).id, status: 'withdrawn' };
    },
  );

  const PersonAt = Type.Object({ personId: Uuid, organisationId: Uuid }, { additionalProperties: false });
  app.put(
    '/cases/:id/case-manager',
    {
      schema: {
        tags,
        summary:
          'Casusregisseur (opnieuw) aanwijzen: iemand die nu bij de organisatie werkt (zorgcoördinator van de school, of de casusregisseur zelf). `replaces` is de casusregisseur die u zag; is intussen een ander aangewezen, dan 409',
        params: Id,
        body: Type.Object({ personId: Uuid, organisationId: Uuid, replaces: PersonAt }, { additionalProperties: false }),
        response: { 200: Type.Object({ caseId: Uuid, caseManager: PersonAt }) },
      },
    },
    async (request) => assignCaseManager(ctx.database, actorOf(request), (request.params as { id: string }).id, request.body as AssignCaseManagerInput),
  );

  app.post(
    '/cases/:id/emergency-access',
    {
      schema: {
        tags,
        summary: `Noodtoegang zonder toestemming, alleen op de veiligheidsroute (Meldcode), met reden; ${24} uur geldig en vastgelegd`,
        params: Id,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => reply.status(201).send(await grantEmergencyAccess(ctx.database, actorOf(request), (request.params as { id: string }).id, (request.body as { reason: string }).reason)),
  );

  app.post(
    '/cases/:id/siblings',
    { schema: { tags, summary: 'De casus van een broer of zus koppelen als één gezin', params: Id, body: Type.Object({ caseId: Uuid }, { additionalProperties: false }) } },
    async (request) => {
      const actor = actorOf(request);
      const id = (request.params as { id: string }).id;
      await linkSiblingCase(ctx.database, actor, id, (request.body as { caseId: string }).caseId);
      return getCase(ctx.database, actor, id);
    },
  );

  app.post(
    '/cases/:id/close',
    { schema: { tags, summary: 'Casus sluiten', params: Id, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }) } },
    async (request) => {
      const actor = actorOf(request);
      const id = (request.params as { id: string }).id;
      await closeCase(ctx.database, actor, id, (request.body as { reason: string }).reason);
      return getCase(ctx.database, actor, id);
    },
  );
}
