import type { FastifyInstance } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { paging } from '../../kernel/http/query.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { ValidationError } from '../../kernel/errors.ts';
import type { ThuiszitterCategory } from '../../kernel/db/schema.ts';
import { CATEGORIES, END_REASONS, EVENT_KINDS, EXEMPTION_CATEGORIES, NORM_CATEGORIES, OFFERS, THUISZITTER_CATEGORIES } from './thuiszitter-state.ts';
import { getThuiszitter, listCandidates, listThuiszitters, responsibleOptions } from './thuiszitter-queries.ts';
import { registerThuiszitter, type RegisterInput } from './register-thuiszitter.ts';
import { recordThuiszitterEvent, type EventInput } from './record-thuiszitter-event.ts';
import { rejectThuiszitterCandidate, type RejectInput } from './reject-thuiszitter-candidate.ts';
import { COUNT_COLUMNS, periodOf, thuiszitterCounts, thuiszitterCountsMonthly, thuiszitterEscalations, type CountsBy, type Period } from './thuiszitter-counts.ts';
import { loadRegionSettings } from '../../kernel/settings/region-settings.ts';

const tags = ['Thuiszitters'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const oneOf = (values: readonly string[]) => Type.Unsafe<string>({ type: 'string', enum: [...values] });
const Paging = paging(100, 25);
const DateText = Type.String({ maxLength: 10, description: 'JJJJ-MM-DD' });
const Offer = Type.Object(
  {
    kind: oneOf(OFFERS),
    // Null first: with type coercion a null would otherwise become the number 0.
    hoursPerWeek: Type.Optional(Type.Union([Type.Null(), Type.Number()], { description: 'Uren per week, bij gedeeltelijk onderwijs verplicht' })),
    fitting: Type.Boolean({ description: 'Passend: past dit aanbod bij wat het kind nodig heeft?' }),
  },
  { additionalProperties: false },
);
const Note = Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2000 })]));

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

export default async function thuiszitterRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/thuiszitters/meta', { schema: { tags, summary: 'Categorieën, aanbod, redenen van einde, de norm en de drempel voor kleine aantallen (instellingen van de regio)' } }, async (request) => {
    const settings = await loadRegionSettings(ctx.database.db, actorOf(request).regionId);
    return {
      categories: CATEGORIES,
      thuiszitterCategories: THUISZITTER_CATEGORIES,
      exemptionCategories: EXEMPTION_CATEGORIES,
      normCategories: NORM_CATEGORIES,
      normMonths: settings.thuiszitterNormMonths,
      offers: OFFERS,
      endReasons: END_REASONS,
      eventKinds: EVENT_KINDS,
      countColumns: COUNT_COLUMNS,
      suppressionThreshold: settings.suppressionThreshold,
    };
  });

  app.get(
    '/thuiszitters',
    {
      schema: {
        tags,
        summary: 'Het thuiszittersregister zoals u het mag zien, de langst thuiszittenden eerst',
        querystring: Type.Object({
          category: Type.Optional(oneOf(CATEGORIES)),
          open: Type.Optional(Type.Boolean({ description: 'true: lopende registraties; false: beëindigde' })),
          over3months: Type.Optional(Type.Boolean({ description: 'true: langer dan 3 maanden zonder passend aanbod' })),
          ...Paging,
        }),
      },
    },
    async (request) => {
      const q = request.query as { category?: ThuiszitterCategory; open?: boolean; over3months?: boolean; page: number; pageSize: number };
      return listThuiszitters(ctx.database, actorOf(request), { category: q.category, open: q.open, over3Months: q.over3months, page: q.page, pageSize: q.pageSize });
    },
  );

  app.post(
    '/thuiszitters',
    {
      schema: {
        tags,
        summary: 'Een kind in het register zetten: een LRV-kandidaat bevestigen (absenceReportId), of met de hand bij absoluut verzuim of een vrijstelling (leerplichtambtenaar)',
        body: Type.Object(
          {
            absenceReportId: Type.Optional(Type.String({ format: 'uuid' })),
            childId: Type.Optional(Type.String({ format: 'uuid' })),
            category: Type.Optional(oneOf(CATEGORIES)),
            startDate: Type.Optional(DateText),
            responsiblePersonId: Type.Optional(Type.Union([Type.Null(), Type.String({ format: 'uuid' })])),
            offer: Type.Optional(Offer),
            note: Note,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = await registerThuiszitter(ctx.database, actor, request.body as RegisterInput);
      return reply.status(201).send(await getThuiszitter(ctx.database, actor, id));
    },
  );

  app.get('/thuiszitters/candidates', { schema: { tags, summary: 'Kandidaten: LRV-verzuimmeldingen om te bevestigen, en (leerplichtambtenaar) kinderen die nergens ingeschreven staan' } }, async (request) =>
    listCandidates(ctx.database, actorOf(request)),
  );

  app.post(
    '/thuiszitters/candidates/rejections',
    {
      schema: {
        tags,
        summary: 'Een kandidaat afwijzen met een reden: de kandidaat verdwijnt van de lijst, het besluit blijft bewaard',
        body: Type.Object(
          { absenceReportId: Type.Optional(Type.String({ format: 'uuid' })), childId: Type.Optional(Type.String({ format: 'uuid' })), reason: Type.String({ maxLength: 2000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => reply.status(201).send(await rejectThuiszitterCandidate(ctx.database, actorOf(request), request.body as RejectInput)),
  );

  app.get(
    '/thuiszitters/counts',
    {
      schema: {
        tags,
        summary:
          'Aantallen over een hele periode — een afgelopen maand (stand op de laatste dag) of een afgelopen schooljaar (iedereen die er dat jaar in stond) — per gemeente of schoolsoort, per categorie; 0 tot 4 als "<5", de rest afgerond op vijftallen (beleid, SWV, leerplicht)',
        querystring: Type.Object({
          period: Type.Optional(Type.String({ maxLength: 9, description: 'JJJJ-MM (een afgelopen maand) of JJJJ-JJJJ (een afgelopen schooljaar); zonder: de laatste afgelopen maand' })),
          asOf: Type.Optional(Type.String({ maxLength: 10, description: 'Niet meer ondersteund: cijfers zijn er per hele periode, niet per dag' })),
          by: Type.Optional(Type.Union([Type.Literal('gemeente'), Type.Literal('school_type')])),
        }),
      },
    },
    async (request) => {
      const q = request.query as { period?: string; asOf?: string; by?: CountsBy };
      return thuiszitterCounts(ctx.database, actorOf(request), { period: periodFrom(q), by: q.by ?? 'gemeente' });
    },
  );

  app.get(
    '/thuiszitters/counts/monthly',
    {
      schema: {
        tags,
        summary: 'Aantallen aan het eind van elk van de laatste 12 afgelopen maanden, voor de regio of per gemeente of schoolsoort (dezelfde cellen als per maand)',
        querystring: Type.Object({ by: Type.Optional(Type.Union([Type.Literal('gemeente'), Type.Literal('school_type')])) }),
      },
    },
    async (request) => thuiszitterCountsMonthly(ctx.database, actorOf(request), { by: (request.query as { by?: CountsBy }).by }),
  );

  app.get(
    '/thuiszitters/escalations',
    {
      schema: {
        tags,
        summary: 'Escalatietafel: langer dan 3 maanden zonder passend aanbod — kinderen alleen zoals het toegangsbeleid toestaat, en aantallen per gemeente aan het eind van de laatste afgelopen maand',
        querystring: Type.Object(Paging),
      },
    },
    async (request) => thuiszitterEscalations(ctx.database, actorOf(request), request.query as { page: number; pageSize: number }),
  );

  app.get(
    '/thuiszitters/responsible-options',
    { schema: { tags, summary: 'Wie verantwoordelijk kan zijn voor een kind in het register', querystring: Type.Object({ childId: Type.String({ format: 'uuid' }) }) } },
    async (request) => responsibleOptions(ctx.database, actorOf(request), (request.query as { childId: string }).childId),
  );

  app.get('/thuiszitters/:id', { schema: { tags, summary: 'Eén registratie met de hele geschiedenis', params: Id } }, async (request) =>
    getThuiszitter(ctx.database, actorOf(request), (request.params as { id: string }).id),
  );

  app.post(
    '/thuiszitters/:id/events',
    {
      schema: {
        tags,
        summary: 'Een wijziging vastleggen: aanbod, verantwoordelijke, categorie of het einde (met reden)',
        params: Id,
        body: Type.Object(
          {
            kind: oneOf(EVENT_KINDS),
            effectiveOn: DateText,
            offer: Type.Optional(Offer),
            responsiblePersonId: Type.Optional(Type.String({ format: 'uuid' })),
            category: Type.Optional(oneOf(CATEGORIES)),
            endReason: Type.Optional(oneOf(END_REASONS)),
            note: Note,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = (request.params as { id: string }).id;
      await recordThuiszitterEvent(ctx.database, actor, id, request.body as EventInput);
      return reply.status(201).send(await getThuiszitter(ctx.database, actor, id));
    },
  );
}
