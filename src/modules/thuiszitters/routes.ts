import type { Api } from '../../kernel/http/api.ts';
import { IdParams } from '../../contracts/common.ts';
import {
  CandidateRejected,
  CountsQuery,
  EscalationsQuery,
  MonthlyCountsQuery,
  RegisterThuiszitterInput,
  RejectCandidateInput,
  ResponsibleOptions,
  ResponsibleOptionsQuery,
  ThuiszitterCandidates,
  ThuiszitterCounts,
  ThuiszitterConflict,
  ThuiszitterCountsMonthly,
  ThuiszitterDetail,
  ThuiszitterEscalations,
  ThuiszitterEventInput,
  ThuiszitterList,
  ThuiszitterMeta,
  ThuiszittersQuery,
  ThuiszitterTags,
} from '../../contracts/thuiszitters.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { ValidationError, withCurrentOnStale } from '../../kernel/errors.ts';
import { CATEGORIES, END_REASONS, EVENT_KINDS, EXEMPTION_CATEGORIES, NORM_CATEGORIES, OFFERS, THUISZITTER_CATEGORIES } from './thuiszitter-state.ts';
import { getThuiszitter, listCandidates, listThuiszitters, responsibleOptions } from './thuiszitter-queries.ts';
import { registerThuiszitter } from './register-thuiszitter.ts';
import { recordThuiszitterEvent } from './record-thuiszitter-event.ts';
import { rejectThuiszitterCandidate } from './reject-thuiszitter-candidate.ts';
import { COUNT_COLUMNS, periodOf, thuiszitterCounts, thuiszitterCountsMonthly, thuiszitterEscalations, type Period } from './thuiszitter-counts.ts';
import { loadRegionSettings } from '../../kernel/settings/region-settings.ts';

const tags = ThuiszitterTags;

/**
 * The counts are published for whole periods only (a completed month or school year), never for a
 * day: two days side by side would show the one child who came or went (thuiszitter-counts.ts).
 */
function periodFrom(query: { period?: string; asOf?: string }): Period | undefined {
  if (query.asOf !== undefined) {
    throw new ValidationError([
      { name: 'asOf', code: 'whole_periods', reason: 'Cijfers zijn er per hele maand of per schooljaar, niet per dag. Kies een afgelopen maand (JJJJ-MM) of schooljaar (JJJJ-JJJJ) als period.' },
    ]);
  }
  if (query.period === undefined) return undefined;
  const p = periodOf(query.period);
  if ('error' in p) {
    throw new ValidationError([
      p.error === 'format'
        ? { name: 'period', code: 'format', reason: 'Kies een maand als JJJJ-MM of een schooljaar als JJJJ-JJJJ (bijvoorbeeld 2025-2026).' }
        : { name: 'period', code: 'not_complete', reason: 'Cijfers zijn er alleen voor afgelopen maanden en schooljaren. De lopende maand komt er na afloop bij.' },
    ]);
  }
  return p;
}

export default async function thuiszitterRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/thuiszitters/meta',
    { schema: { tags, summary: 'Categorieën, aanbod, redenen van einde, de norm en de drempel voor kleine aantallen (instellingen van de regio)', response: { 200: ThuiszitterMeta } } },
    async (request) => {
      const settings = await loadRegionSettings(ctx.database.db, actorOf(request).regionId);
      return {
        categories: [...CATEGORIES],
        thuiszitterCategories: [...THUISZITTER_CATEGORIES],
        exemptionCategories: [...EXEMPTION_CATEGORIES],
        normCategories: [...NORM_CATEGORIES],
        normMonths: settings.thuiszitterNormMonths,
        offers: [...OFFERS],
        endReasons: [...END_REASONS],
        eventKinds: [...EVENT_KINDS],
        countColumns: [...COUNT_COLUMNS],
        suppressionThreshold: settings.suppressionThreshold,
      };
    },
  );

  app.get(
    '/thuiszitters',
    {
      schema: {
        tags,
        summary: 'Het thuiszittersregister zoals u het mag zien, de langst thuiszittenden eerst',
        querystring: ThuiszittersQuery,
        response: { 200: ThuiszitterList },
      },
    },
    async (request) => {
      const q = request.query;
      return listThuiszitters(ctx.database, actorOf(request), { category: q.category, open: q.open, over3Months: q.over3months, page: q.page, pageSize: q.pageSize });
    },
  );

  app.post(
    '/thuiszitters',
    {
      schema: {
        tags,
        summary: 'Een kind in het register zetten: een LRV-kandidaat bevestigen (absenceReportId), of met de hand bij absoluut verzuim of een vrijstelling (leerplichtambtenaar)',
        body: RegisterThuiszitterInput,
        response: { 201: ThuiszitterDetail },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = await registerThuiszitter(ctx.database, actor, request.body);
      return reply.status(201).send(await getThuiszitter(ctx.database, actor, id));
    },
  );

  app.get(
    '/thuiszitters/candidates',
    { schema: { tags, summary: 'Kandidaten: LRV-verzuimmeldingen om te bevestigen, en (leerplichtambtenaar) kinderen die nergens ingeschreven staan', response: { 200: ThuiszitterCandidates } } },
    async (request) => listCandidates(ctx.database, actorOf(request)),
  );

  app.post(
    '/thuiszitters/candidates/rejections',
    {
      schema: {
        tags,
        summary: 'Een kandidaat afwijzen met een reden: de kandidaat verdwijnt van de lijst, het besluit blijft bewaard',
        body: RejectCandidateInput,
        response: { 201: CandidateRejected },
      },
    },
    async (request, reply) => reply.status(201).send(await rejectThuiszitterCandidate(ctx.database, actorOf(request), request.body)),
  );

  app.get(
    '/thuiszitters/counts',
    {
      schema: {
        tags,
        summary:
          'Aantallen over een hele periode — een afgelopen maand (stand op de laatste dag) of een afgelopen schooljaar (iedereen die er dat jaar in stond) — per gemeente of schoolsoort, per categorie; 0 tot 4 als "<5", de rest afgerond op vijftallen (beleid, SWV, leerplicht)',
        querystring: CountsQuery,
        response: { 200: ThuiszitterCounts },
      },
    },
    async (request) => {
      const q = request.query;
      return thuiszitterCounts(ctx.database, actorOf(request), { period: periodFrom(q), by: q.by ?? 'gemeente' });
    },
  );

  app.get(
    '/thuiszitters/counts/monthly',
    {
      schema: {
        tags,
        summary: 'Aantallen aan het eind van elk van de laatste 12 afgelopen maanden, voor de regio of per gemeente of schoolsoort (dezelfde cellen als per maand)',
        querystring: MonthlyCountsQuery,
        response: { 200: ThuiszitterCountsMonthly },
      },
    },
    async (request) => thuiszitterCountsMonthly(ctx.database, actorOf(request), { by: request.query.by }),
  );

  app.get(
    '/thuiszitters/escalations',
    {
      schema: {
        tags,
        summary: 'Escalatietafel: langer dan 3 maanden zonder passend aanbod — kinderen alleen zoals het toegangsbeleid toestaat, en aantallen per gemeente aan het eind van de laatste afgelopen maand',
        querystring: EscalationsQuery,
        response: { 200: ThuiszitterEscalations },
      },
    },
    async (request) => thuiszitterEscalations(ctx.database, actorOf(request), request.query),
  );

  app.get(
    '/thuiszitters/responsible-options',
    { schema: { tags, summary: 'Wie verantwoordelijk kan zijn voor een kind in het register', querystring: ResponsibleOptionsQuery, response: { 200: ResponsibleOptions } } },
    async (request) => responsibleOptions(ctx.database, actorOf(request), request.query.childId),
  );

  app.get('/thuiszitters/:id', { schema: { tags, summary: 'Eén registratie met de hele geschiedenis', params: IdParams, response: { 200: ThuiszitterDetail } } }, async (request) =>
    getThuiszitter(ctx.database, actorOf(request), request.params.id),
  );

  app.post(
    '/thuiszitters/:id/events',
    {
      schema: {
        tags,
        summary: 'Een wijziging vastleggen: aanbod, verantwoordelijke, categorie of het einde (met reden); `version` is de versie van de registratie die u zag',
        params: IdParams,
        body: ThuiszitterEventInput,
        response: { 201: ThuiszitterDetail, 409: ThuiszitterConflict },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      await withCurrentOnStale(
        () => recordThuiszitterEvent(ctx.database, actor, id, request.body),
        () => getThuiszitter(ctx.database, actor, id),
      );
      return reply.status(201).send(await getThuiszitter(ctx.database, actor, id));
    },
  );
}
