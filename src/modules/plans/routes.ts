import type { Api } from '../../kernel/http/api.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import {
  ActionBody,
  AgreementBody,
  CaseNotes,
  ChildPlans,
  CommentBody,
  Created,
  EvaluatedBody,
  EvaluationBody,
  EvaluationCorrected,
  EvaluationCorrectionBody,
  GoalBody,
  GoalEvaluationParams,
  IdParams,
  NoteBody,
  ObservationBody,
  OppBody,
  OppRecorded,
  PlanConflict,
  PlanDetail,
  PlanEvaluated,
  PlanPdf,
} from '../../contracts/plans.ts';
import { addAction, addComment, addGoal, addObservation, correctEvaluation, evaluateGoal, markEvaluated, recordAgreement, recordOpp } from './plan-commands.ts';
import { childPlans, getPlan, guardianNamesFor, planView } from './plan-queries.ts';
import { addNote, listNotes } from './case-notes.ts';
import { renderPlanPdf } from './plan-pdf.ts';
import { withPlan } from './plan-access.ts';
import { subject } from '../../kernel/policy/gateway.ts';
import { withCurrentOnStale } from '../../kernel/errors.ts';

const tags = ['Gezamenlijk plan'];

export default async function planRoutes(app: Api, ctx: AppContext) {
  const { database } = ctx;
  app.get('/cases/:id/plan', { schema: { tags, summary: 'Het plan van een casus', params: IdParams, response: { 200: PlanDetail } } }, async (request) =>
    getPlan(database, actorOf(request), subject.case(request.params.id)),
  );
  app.get(
    '/plans/:id',
    { schema: { tags, summary: 'Eén plan: doelen, acties, evaluaties (GAS), OPP, instemming, reacties en observaties', params: IdParams, response: { 200: PlanDetail } } },
    async (request) => getPlan(database, actorOf(request), subject.plan(request.params.id)),
  );
  app.get('/children/:id/plans', { schema: { tags, summary: 'De plannen van een kind (ook voor ouders en de jongere zelf)', params: IdParams, response: { 200: ChildPlans } } }, async (request) =>
    childPlans(database, actorOf(request), request.params.id),
  );

  app.get('/plans/:id/pdf', { schema: { tags, summary: 'Het plan als PDF, in gewone taal voor ouders', params: IdParams, response: { 200: PlanPdf } } }, async (request, reply) => {
    const { id } = request.params;
    const actor = actorOf(request);
    const view = await withPlan(database, actor, subject.plan(id), 'plan.pdf', { kind: 'plan', who: 'any', require: actor.kind === 'professional' ? 'team' : undefined }, (p) => planView(p.tx, id, { guardianNames: guardianNamesFor(p) }));
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
        params: IdParams,
        body: GoalBody,
        response: { 201: PlanDetail },
      },
    },
    async (request, reply) => {
      await addGoal(database, actorOf(request), request.params.id, request.body);
      return reply.status(201).send(await getPlan(database, actorOf(request), subject.plan(request.params.id)));
    },
  );

  app.post(
    '/plan-goals/:id/actions',
    {
      schema: {
        tags,
        summary: 'Actie bij een doel: wie, welke organisatie, vóór wanneer',
        params: IdParams,
        body: ActionBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => reply.status(201).send(await addAction(database, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/plan-goals/:id/evaluations',
    {
      schema: {
        tags,
        summary: 'Evaluatie van een doel: doelrealisatie (GAS-score, −2 … +2); zonder score 400 met een fout bij het veld score',
        params: IdParams,
        body: EvaluationBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => reply.status(201).send(await evaluateGoal(database, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/plan-goals/:id/evaluations/:evaluationId/corrections',
    {
      schema: {
        tags,
        summary:
          'Een evaluatie corrigeren met de juiste score en de reden: de correctie wordt toegevoegd, de oorspronkelijke evaluatie blijft in de geschiedenis. `version` is de versie van het plan die u zag',
        params: GoalEvaluationParams,
        body: EvaluationCorrectionBody,
        response: { 201: EvaluationCorrected, 409: PlanConflict },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, evaluationId } = request.params;
      return reply
        .status(201)
        .send(await withCurrentOnStale(() => correctEvaluation(database, actor, id, evaluationId, request.body), () => getPlan(database, actor, subject.goal(id))));
    },
  );

  app.post(
    '/plans/:id/opp',
    {
      schema: {
        tags,
        summary: 'OPP-onderdelen vastleggen (nieuwe versie; school die de casus heeft); `version` is de versie van het plan die u zag',
        params: IdParams,
        body: OppBody,
        response: { 201: OppRecorded, 409: PlanConflict },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params;
      return reply.status(201).send(await withCurrentOnStale(() => recordOpp(database, actor, id, request.body), () => getPlan(database, actor, subject.plan(id))));
    },
  );

  app.post(
    '/plans/:id/agreements',
    {
      schema: {
        tags,
        summary: 'Instemming van een ouder met het handelingsdeel van het OPP, of: de leerling is gehoord',
        params: IdParams,
        body: AgreementBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => reply.status(201).send(await recordAgreement(database, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/plans/:id/comments',
    { schema: { tags, summary: 'Reactie op het plan of een doel (ook van het gezin)', params: IdParams, body: CommentBody, response: { 201: Created } } },
    async (request, reply) => reply.status(201).send(await addComment(database, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/plans/:id/observations',
    {
      schema: {
        tags,
        summary: 'Observatie van een teamlid (bijv. de leerkracht): heeft de hulp effect in de klas?',
        params: IdParams,
        body: ObservationBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => reply.status(201).send(await addObservation(database, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/plans/:id/evaluated',
    {
      schema: {
        tags,
        summary: 'Het plan is geëvalueerd; volgende evaluatie (uiterlijk over een jaar). `version` is de versie van het plan die u zag',
        params: IdParams,
        body: EvaluatedBody,
        response: { 200: PlanEvaluated, 409: PlanConflict },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      return withCurrentOnStale(() => markEvaluated(database, actor, id, request.body.nextEvaluationOn, request.body.version), () => getPlan(database, actor, subject.plan(id)));
    },
  );

  app.get(
    '/cases/:id/notes',
    { schema: { tags, summary: 'Notities: van de eigen organisatie, en gedeelde notities als een toestemming dat dekt', params: IdParams, response: { 200: CaseNotes } } },
    async (request) => listNotes(database, actorOf(request), request.params.id),
  );
  app.post(
    '/cases/:id/notes',
    { schema: { tags, summary: 'Notitie toevoegen (blijft binnen uw organisatie tenzij gedeeld)', params: IdParams, body: NoteBody, response: { 201: Created } } },
    async (request, reply) => reply.status(201).send(await addNote(database, actorOf(request), request.params.id, request.body)),
  );
}
