import type { Api } from '../../kernel/http/api.ts';
import { actorOf, requireRole, type AppContext } from '../../kernel/http/context.ts';
import { createSignal, triageSignal, withdrawSignal } from './signal-commands.ts';
import { childSignals, getSignal, listSignals } from './signal-queries.ts';
import { MELDCODE_STEPS, SIGNAL_CATEGORIES, SIGNAL_STATUSES, SIGNAL_TRANSITIONS, SIGNAL_URGENCIES, TRIAGE_DECISIONS } from './signal-workflow.ts';
import type { SignalCategory } from '../../contracts/values/signals.ts';
import {
  ChildSignals,
  CreateSignalBody,
  PickupTermBody,
  PickupTermSet,
  PickupTerms,
  SignalDetail,
  SignalIdParams,
  SignalListQuery,
  SignalMeta,
  SignalPage,
  TriageBody,
  WithdrawBody,
} from '../../contracts/signals.ts';
import { appendAccessLog } from '../../kernel/audit/access-log.ts';
import { actorLogFields } from '../../kernel/policy/child-access.ts';
import { ValidationError } from '../../kernel/errors.ts';

const tags = ['Zorgsignalen'];

export default async function signalRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/signals/meta',
    { schema: { tags, summary: 'Categorieën, urgenties, besluiten, de toegestane statusovergangen en de stappen van de Meldcode', response: { 200: SignalMeta } } },
    async () => ({
      categories: [...SIGNAL_CATEGORIES],
      urgencies: [...SIGNAL_URGENCIES],
      statuses: [...SIGNAL_STATUSES],
      decisions: [...TRIAGE_DECISIONS],
      transitions: SIGNAL_TRANSITIONS,
      meldcodeSteps: [...MELDCODE_STEPS],
    }),
  );

  app.post(
    '/signals',
    { schema: { tags, summary: 'Een zorgsignaal melden over een leerling van uw groep', body: CreateSignalBody, response: { 201: SignalDetail } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = await createSignal(ctx.database, actor, request.body);
      return reply.status(201).send(await getSignal(ctx.database, actor, id));
    },
  );

  app.get(
    '/signals',
    {
      schema: {
        tags,
        summary: 'De signalenlijst van de zorgcoördinator (view=queue) of uw eigen signalen (view=mine)',
        querystring: SignalListQuery,
        response: { 200: SignalPage },
      },
    },
    async (request) => listSignals(ctx.database, actorOf(request), { ...request.query, view: request.query.view ?? 'queue' }),
  );

  app.get('/signals/:id', { schema: { tags, summary: 'Eén signaal met zijn geschiedenis', params: SignalIdParams, response: { 200: SignalDetail } } }, async (request) =>
    getSignal(ctx.database, actorOf(request), request.params.id),
  );

  app.post(
    '/signals/:id/triage',
    {
      schema: {
        tags,
        summary: 'Besluit over een signaal (zorgcoördinator); het eerste besluit is het oppakken',
        params: SignalIdParams,
        body: TriageBody,
        response: { 200: SignalDetail },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { decision, reason } = request.body;
      await triageSignal(ctx.database, actor, request.params.id, decision, reason);
      return getSignal(ctx.database, actor, request.params.id);
    },
  );

  app.post(
    '/signals/:id/withdraw',
    { schema: { tags, summary: 'Een eigen signaal intrekken zolang het niet is opgepakt', params: SignalIdParams, body: WithdrawBody, response: { 200: SignalDetail } } },
    async (request) => {
      const actor = actorOf(request);
      await withdrawSignal(ctx.database, actor, request.params.id, request.body.reason);
      return getSignal(ctx.database, actor, request.params.id);
    },
  );

  app.get(
    '/children/:id/signals',
    { schema: { tags, summary: 'Signalen over een kind (zorgcoördinator: van de eigen school; leerkracht: eigen signalen)', params: SignalIdParams, response: { 200: ChildSignals } } },
    async (request) => childSignals(ctx.database, actorOf(request), request.params.id),
  );

  app.get(
    '/settings/signal-pickup-terms',
    { schema: { tags: ['Instellingen'], summary: 'Termijnen voor het oppakken van signalen, in schooldagen', response: { 200: PickupTerms } } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await ctx.database.db
        .selectFrom('deadline_rules')
        .select(['region_id', 'category', 'school_days'])
        .where('subject', '=', 'signal_pickup')
        .where((eb) => eb.or([eb('region_id', 'is', null), eb('region_id', '=', actor.regionId)]))
        // The categories of the signal pick-up rules are signal categories (the PUT below checks them).
        .$narrowType<{ category: SignalCategory | null }>()
        .execute();
      return { items: rows.map((r) => ({ scope: r.region_id ? ('region' as const) : ('default' as const), category: r.category, schoolDays: r.school_days })) };
    },
  );

  app.put(
    '/settings/signal-pickup-terms',
    {
      schema: {
        tags: ['Instellingen'],
        summary: 'Termijn voor het oppakken van signalen instellen voor de regio, eventueel per categorie (functioneel beheerder)',
        body: PickupTermBody,
        response: { 200: PickupTermSet },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireRole(actor, 'functional_admin');
      const { category, schoolDays } = request.body;
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
