import type { Api } from '../../kernel/http/api.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { withCurrentOnStale } from '../../kernel/errors.ts';
import { createSignal, signalFieldChecks, triageSignal, withdrawSignal } from './signal-commands.ts';
import { childSignals, getSignal, listSignals } from './signal-queries.ts';
import { pickupTerms, setPickupTerm } from './pickup-terms.ts';
import { markNotificationRead, myNotifications } from './notifications.ts';
import { myNotificationPreferences, setNotificationPreferences } from './notification-preferences.ts';
import { publicBaseUrl } from '../staff/index.ts';
import { MELDCODE_STEPS, SIGNAL_CATEGORIES, SIGNAL_STATUSES, SIGNAL_TRANSITIONS, SIGNAL_URGENCIES, TRIAGE_DECISIONS } from './signal-workflow.ts';
import {
  ChildSignals,
  CreateSignalBody,
  Notification,
  NotificationIdParams,
  NotificationList,
  NotificationPreferences,
  SetNotificationPreferencesBody,
  PickupTermBody,
  PickupTermSet,
  PickupTerms,
  PickupTermsConflict,
  SignalConflict,
  SignalDetail,
  SignalIdParams,
  SignalListQuery,
  SignalMeta,
  SignalPage,
  TriageBody,
  WithdrawBody,
} from '../../contracts/signals.ts';

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
    {
      config: { fieldChecks: signalFieldChecks },
      schema: { tags, summary: 'Een zorgsignaal melden over een leerling van uw groep', body: CreateSignalBody, response: { 201: SignalDetail } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = await createSignal(ctx.database, actor, request.body, { linkBase: publicBaseUrl(ctx.config) });
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
        summary: 'Besluit over een signaal (zorgcoördinator); het eerste besluit is het oppakken. `version` is de versie van het signaal waarop het besluit is gebaseerd',
        params: SignalIdParams,
        body: TriageBody,
        response: { 200: SignalDetail, 409: SignalConflict },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      const { decision, reason, version } = request.body;
      await withCurrentOnStale(
        () => triageSignal(ctx.database, actor, id, decision, reason, version, { linkBase: publicBaseUrl(ctx.config) }),
        () => getSignal(ctx.database, actor, id),
      );
      return getSignal(ctx.database, actor, id);
    },
  );

  app.post(
    '/signals/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Een eigen signaal intrekken zolang het niet is opgepakt (`version`: de versie van het signaal die u zag)',
        params: SignalIdParams,
        body: WithdrawBody,
        response: { 200: SignalDetail, 409: SignalConflict },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      await withCurrentOnStale(
        () => withdrawSignal(ctx.database, actor, id, request.body.reason, request.body.version, { linkBase: publicBaseUrl(ctx.config) }),
        () => getSignal(ctx.database, actor, id),
      );
      return getSignal(ctx.database, actor, id);
    },
  );

  app.get(
    '/children/:id/signals',
    { schema: { tags, summary: 'Signalen over een kind (zorgcoördinator: van de eigen school; leerkracht: eigen signalen)', params: SignalIdParams, response: { 200: ChildSignals } } },
    async (request) => childSignals(ctx.database, actorOf(request), request.params.id),
  );

  app.get(
    '/notifications',
    {
      schema: {
        tags: ['Meldingen'],
        summary: 'Mijn meldingen voor de school waarvoor u nu werkt (bijv. een dringend signaal), nieuwste eerst, met het aantal ongelezen',
        response: { 200: NotificationList },
      },
    },
    async (request) => myNotifications(ctx.database, actorOf(request)),
  );

  app.post(
    '/notifications/:id/read',
    { schema: { tags: ['Meldingen'], summary: 'Een eigen melding als gelezen markeren', params: NotificationIdParams, response: { 200: Notification } } },
    async (request) => markNotificationRead(ctx.database, actorOf(request), request.params.id),
  );

  app.get(
    '/me/notification-preferences',
    {
      schema: {
        tags: ['Meldingen'],
        summary: 'Hoe u per soort melding op de hoogte blijft: alleen in de app, ook direct per e-mail (standaard), of in één e-mail per dag',
        response: { 200: NotificationPreferences },
      },
    },
    async (request) => myNotificationPreferences(ctx.database, actorOf(request)),
  );

  app.put(
    '/me/notification-preferences',
    {
      schema: {
        tags: ['Meldingen'],
        summary: 'Uw keuze per soort melding instellen (de soorten die u niet noemt blijven zoals ze waren); een dringend signaal kan niet in het dagelijkse overzicht',
        body: SetNotificationPreferencesBody,
        response: { 200: NotificationPreferences },
      },
    },
    async (request) => setNotificationPreferences(ctx.database, actorOf(request), request.body),
  );

  app.get(
    '/settings/signal-pickup-terms',
    { schema: { tags: ['Instellingen'], summary: 'Termijnen voor het oppakken van signalen, in schooldagen, met de versie van dit scherm', response: { 200: PickupTerms } } },
    async (request) => pickupTerms(ctx.database, actorOf(request)),
  );

  app.put(
    '/settings/signal-pickup-terms',
    {
      schema: {
        tags: ['Instellingen'],
        summary:
          'Termijn voor het oppakken van signalen instellen voor de regio, eventueel per categorie (functioneel beheerder). `version` is de versie van de termijnen die u zag; is er intussen iets gewijzigd, dan 409 met de termijnen zoals ze nu zijn',
        body: PickupTermBody,
        response: { 200: PickupTermSet, 409: PickupTermsConflict },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return withCurrentOnStale(
        () => setPickupTerm(ctx.database, actor, request.body),
        () => pickupTerms(ctx.database, actor),
      );
    },
  );
}
