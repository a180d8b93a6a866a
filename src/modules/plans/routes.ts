import type { FastifyInstance } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { addAction, addComment, addGoal, addObservation, evaluateGoal, EFFECTS, LIFE_DOMAINS, markEvaluated, recordAgreement, recordOpp, type ActionInput, type GoalInput, type OppInput } from './plan-commands.ts';
import { childPlans, getPlan, guardianNamesFor, planIdOfCase, planView } from './plan-queries.ts';
import { addNote, listNotes } from './case-notes.ts';
import { renderPlanPdf } from './plan-pdf.ts';
import { withPlan } from './plan-access.ts';

const tags = ['Gezamenlijk plan'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Uuid = Type.String({ format: 'uuid' });
const DateStr = Type.String({ format: 'date' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Opt = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const oneOf = (values: readonly string[]) => Type.Unsafe<string>({ type: 'string', enum: [...values] });
const id = (request: { params: unknown }) => (request.params as { id: string }).id;

export default async function planRoutes(app: FastifyInstance, ctx: AppContext) {
  const { database } = ctx;
  app.get('/cases/:id/plan', { schema: { tags, summary: 'Het plan van een casus', params: Id } }, async (request) => getPlan(database, actorOf(request), await planIdOfCase(database, id(request))));
  app.get('/plans/:id', { schema: { tags, summary: 'Eén plan: doelen, acties, evaluaties (GAS), OPP, instemming, reacties en observaties', params: Id } }, async (request) => getPlan(database, actorOf(request), id(request)));
  app.get('/children/:id/plans', { schema: { tags, summary: 'De plannen van een kind (ook voor ouders en de jongere zelf)', params: Id } }, async (request) => childPlans(database, actorOf(request), id(request)));

  app.get('/plans/:id/pdf', { schema: { tags, summary: 'Het plan als PDF, in gewone taal voor ouders', params: Id } }, async (request, reply) => {
    const view = await withPlan(database, actorOf(request), id(request), 'plan.pdf', { kind: 'plan', who: 'any', require: actorOf(request).kind === 'professional' ? 'team' : undefined }, (p) => planView(p.tx, id(request), { guardianNames: guardianNamesFor(p) }));
    const pdf = await renderPlanPdf(view);
    const name = `plan-${view.child.givenName}-${view.child.familyName}`.toLowerCase().normalize('NFD').replace(/[^a-z0-9-]+/g, '-');
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).send(pdf);
  });

  app.post(
    '/plans/:id/goals',
    {
      schema: {
        tags,
        summary: 'Doel toevoegen per leefgebied (ook door het gezin zelf)',
        params: Id,
        body: Type.Object({ lifeDomain: oneOf(LIFE_DOMAINS), description: Text(2000), expectedOutcome: Text(2000), inFamilyWords: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      await addGoal(database, actorOf(request), id(request), request.body as GoalInput);
      return reply.status(201).send(await getPlan(database, actorOf(request), id(request)));
    },
  );

  app.post(
    '/plan-goals/:id/actions',
    {
      schema: {
        tags,
        summary: 'Actie bij een doel: wie, welke organisatie, vóór wanneer',
        params: Id,
        body: Type.Object({ description: Text(2000), ownerPersonId: Opt(Uuid), ownerOrganisationId: Opt(Uuid), ownerFamily: Type.Optional(Type.Boolean()), deadline: Opt(DateStr) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => reply.status(201).send(await addAction(database, actorOf(request), id(request), request.body as ActionInput)),
  );

  app.post(
    '/plan-goals/:id/evaluations',
    {
      schema: {
        tags,
        summary: 'Evaluatie van een doel met Goal Attainment Scaling (−2 … +2)',
        params: Id,
        body: Type.Object({ score: Type.Integer(), evaluatedOn: DateStr, comment: Opt(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => reply.status(201).send(await evaluateGoal(database, actorOf(request), id(request), request.body as { score: number; evaluatedOn: string; comment?: string })),
  );

  app.post(
    '/plans/:id/opp',
    {
      schema: {
        tags,
        summary: 'OPP-onderdelen vastleggen (nieuwe versie; school die de casus heeft)',
        params: Id,
        body: Type.Object(
          { exitProfile: Text(500), exitGrounds: Text(4000), hinderingFactors: Text(4000), supportingFactors: Text(4000), support: Text(4000), deviations: Opt(Type.String({ maxLength: 4000 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => reply.status(201).send(await recordOpp(database, actorOf(request), id(request), request.body as OppInput)),
  );

  app.post(
    '/plans/:id/agreements',
    {
      schema: {
        tags,
        summary: 'Instemming van een ouder met het handelingsdeel van het OPP, of: de leerling is gehoord',
        params: Id,
        body: Type.Object(
          { kind: Type.Union([Type.Literal('guardian_agreement'), Type.Literal('pupil_heard')]), guardianId: Opt(Uuid), agreed: Type.Boolean(), onDate: DateStr, note: Opt(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => reply.status(201).send(await recordAgreement(database, actorOf(request), id(request), request.body as Parameters<typeof recordAgreement>[3])),
  );

  app.post(
    '/plans/:id/comments',
    { schema: { tags, summary: 'Reactie op het plan of een doel (ook van het gezin)', params: Id, body: Type.Object({ text: Text(2000), goalId: Opt(Uuid) }, { additionalProperties: false }) } },
    async (request, reply) => reply.status(201).send(await addComment(database, actorOf(request), id(request), request.body as { text: string; goalId?: string })),
  );

  app.post(
    '/plans/:id/observations',
    {
      schema: {
        tags,
        summary: 'Observatie van een teamlid (bijv. de leerkracht): heeft de hulp effect in de klas?',
        params: Id,
        body: Type.Object({ effect: oneOf(EFFECTS), text: Text(1000), goalId: Opt(Uuid), observedOn: Opt(DateStr) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => reply.status(201).send(await addObservation(database, actorOf(request), id(request), request.body as Parameters<typeof addObservation>[3])),
  );

  app.post(
    '/plans/:id/evaluated',
    { schema: { tags, summary: 'Het plan is geëvalueerd; volgende evaluatie (uiterlijk over een jaar)', params: Id, body: Type.Object({ nextEvaluationOn: DateStr }, { additionalProperties: false }) } },
    async (request) => markEvaluated(database, actorOf(request), id(request), (request.body as { nextEvaluationOn: string }).nextEvaluationOn),
  );

  app.get('/cases/:id/notes', { schema: { tags, summary: 'Notities: van de eigen organisatie, en gedeelde notities als een toestemming dat dekt', params: Id } }, async (request) =>
    listNotes(database, actorOf(request), id(request)),
  );
  app.post(
    '/cases/:id/notes',
    { schema: { tags, summary: 'Notitie toevoegen (blijft binnen uw organisatie tenzij gedeeld)', params: Id, body: Type.Object({ text: Text(10000), shared: Type.Optional(Type.Boolean()) }, { additionalProperties: false }) } },
    async (request, reply) => reply.status(201).send(await addNote(database, actorOf(request), id(request), request.body as { text: string; shared?: boolean })),
  );
}
