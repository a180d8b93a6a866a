import type { FastifyInstance } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { paging } from '../../kernel/http/query.ts';
import { actorOf, requireRole, type AppContext } from '../../kernel/http/context.ts';
import { createSignal, triageSignal, withdrawSignal, type CreateSignalInput } from './signal-commands.ts';
import { childSignals, getSignal, listSignals, type SignalListOptions } from './signal-queries.ts';
import { MELDCODE_STEPS, SIGNAL_CATEGORIES, SIGNAL_STATUSES, SIGNAL_TRANSITIONS, SIGNAL_URGENCIES, TRIAGE_DECISIONS, type TriageDecision } from './signal-workflow.ts';
import { appendAccessLog } from '../../kernel/audit/access-log.ts';
import { actorLogFields } from '../../kernel/policy/child-access.ts';
import { ValidationError } from '../../kernel/errors.ts';

const tags = ['Zorgsignalen'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const oneOf = (values: readonly string[]) => Type.Unsafe<string>({ type: 'string', enum: [...values] });

export default async function signalRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/signals/meta', { schema: { tags, summary: 'Categorieën, urgenties, besluiten, de toegestane statusovergangen en de stappen van de Meldcode' } }, async () => ({
    categories: SIGNAL_CATEGORIES,
    urgencies: SIGNAL_URGENCIES,
    statuses: SIGNAL_STATUSES,
    decisions: TRIAGE_DECISIONS,
    transitions: SIGNAL_TRANSITIONS,
    meldcodeSteps: MELDCODE_STEPS,
  }));

  app.post(
    '/signals',
    {
      schema: {
        tags,
        summary: 'Een zorgsignaal melden over een leerling van uw groep',
        body: Type.Object(
          {
            childId: Type.String({ format: 'uuid' }),
            category: oneOf(SIGNAL_CATEGORIES),
            urgency: oneOf(SIGNAL_URGENCIES),
            observation: Type.String({ minLength: 1, maxLength: 5000, description: 'Wat ziet u? Beschrijf feiten en gedrag.' }),
            parentsInformed: Type.Boolean(),
            parentsNotInformedReason: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = await createSignal(ctx.database, actor, request.body as CreateSignalInput);
      return reply.status(201).send(await getSignal(ctx.database, actor, id));
    },
  );

  app.get(
    '/signals',
    {
      schema: {
        tags,
        summary: 'De signalenlijst van de zorgcoördinator (view=queue) of uw eigen signalen (view=mine)',
        querystring: Type.Object({
          view: Type.Optional(Type.Union([Type.Literal('queue'), Type.Literal('mine')])),
          status: Type.Optional(oneOf(SIGNAL_STATUSES)),
          lateness: Type.Optional(Type.Union([Type.Literal('on_time'), Type.Literal('late'), Type.Literal('very_late')])),
          open: Type.Optional(Type.Boolean()),
          pickedUp: Type.Optional(Type.Boolean()),
          ...paging(100, 25),
        }),
      },
    },
    async (request) => {
      const q = request.query as Partial<SignalListOptions> & { page: number; pageSize: number };
      return listSignals(ctx.database, actorOf(request), { ...q, view: q.view ?? 'queue' });
    },
  );

  app.get('/signals/:id', { schema: { tags, summary: 'Eén signaal met zijn geschiedenis', params: Id } }, async (request) =>
    getSignal(ctx.database, actorOf(request), (request.params as { id: string }).id),
  );

  app.post(
    '/signals/:id/triage',
    {
      schema: {
        tags,
        summary: 'Besluit over een signaal (zorgcoördinator); het eerste besluit is het oppakken',
        params: Id,
        body: Type.Object({ decision: oneOf([...TRIAGE_DECISIONS, 'close']), reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { decision, reason } = request.body as { decision: TriageDecision | 'close'; reason: string };
      await triageSignal(ctx.database, actor, (request.params as { id: string }).id, decision, reason);
      return getSignal(ctx.database, actor, (request.params as { id: string }).id);
    },
  );

  app.post(
    '/signals/:id/withdraw',
    { schema: { tags, summary: 'Een eigen signaal intrekken zolang het niet is opgepakt', params: Id, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }) } },
    async (request) => {
      const actor = actorOf(request);
      await withdrawSignal(ctx.database, actor, (request.params as { id: string }).id, (request.body as { reason: string }).reason);
      return getSignal(ctx.database, actor, (request.params as { id: string }).id);
    },
  );

  app.get('/children/:id/signals', { schema: { tags, summary: 'Signalen over een kind (zorgcoördinator: van de eigen school; leerkracht: eigen signalen)', params: Id } }, async (request) =>
    childSignals(ctx.database, actorOf(request), (request.params as { id: string }).id),
  );

  app.get('/settings/signal-pickup-terms', { schema: { tags: ['Instellingen'], summary: 'Termijnen voor het oppakken van signalen, in schooldagen' } }, async (request) => {
    const actor = actorOf(request);
    const rows = await ctx.database.db
      .selectFrom('deadline_rules')
      .select(['region_id', 'category', 'school_days'])
      .where('subject', '=', 'signal_pickup')
      .where((eb) => eb.or([eb('region_id', 'is', null), eb('region_id', '=', actor.regionId)]))
      .execute();
    return { items: rows.map((r) => ({ scope: r.region_id ? 'region' : 'default', category: r.category, schoolDays: r.school_days })) };
  });

  app.put(
    '/settings/signal-pickup-terms',
    {
      schema: {
        tags: ['Instellingen'],
        summary: 'Termijn voor het oppakken van signalen instellen voor de regio, eventueel per categorie (functioneel beheerder)',
        body: Type.Object({ category: Type.Union([oneOf(SIGNAL_CATEGORIES), Type.Null()]), schoolDays: Type.Integer() }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      const { category, schoolDays } = request.body as { category: string | null; schoolDays: number };
      if (schoolDays < 1 || schoolDays > 60) throw new ValidationError([{ name: 'schoolDays', code: 'range', reason: 'Kies een termijn van 1 tot en met 60 schooldagen.' }]);
      await ctx.database.db.transaction().execute(async (tx) => {
        let existing = tx.selectFrom('deadline_rules').select('id').where('subject', '=', 'signal_pickup').where('region_id', '=', actor.regionId);
        existing = category ? existing.where('category', '=', category) : existing.where('category', 'is', null);
        const row = await existing.executeTakeFirst();
        if (row) await tx.updateTable('deadline_rules').set({ school_days: schoolDays }).where('id', '=', row.id).execute();
        else await tx.insertInto('deadline_rules').values({ subject: 'signal_pickup', region_id: actor.regionId, category, school_days: schoolDays }).execute();
        await appendAccessLog(tx, { ...actorLogFields(actor), event: 'settings.signal_pickup_term', outcome: 'allowed', detail: { category, schoolDays } });
      });
      return { category, schoolDays };
    },
  );
}
