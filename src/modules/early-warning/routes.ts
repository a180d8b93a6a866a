import type { FastifyInstance } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import { DayParam, paging } from '../../kernel/http/query.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { ForbiddenError } from '../../kernel/errors.ts';
import { BANDS } from './early-warning-math.ts';
import { SORTS, getAbsenceSummary, listEarlyWarning, type BandFilter, type Sort } from './early-warning-queries.ts';
import { SCHOOL_TYPES, loadSettings, type SettingsInput } from './early-warning-settings.ts';
import { updateEarlyWarningSettings } from './early-warning-commands.ts';

const tags = ['Verzuimsignalering'];
const oneOf = (values: readonly string[], description?: string) => Type.Unsafe<string>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const AsOf = DayParam('Peildatum JJJJ-MM-DD (standaard vandaag)');
const Percentage = Type.Number({ description: 'Procent van de lestijd, hoogstens één decimaal' });
const Hours = Type.Number({ description: 'Lesuren per schooldag' });
const SettingsBody = Type.Object(
  {
    thresholds: Type.Object({ attention: Percentage, chronic: Percentage, severe: Percentage }, { additionalProperties: false }),
    lessonHoursPerDay: Type.Object(Object.fromEntries(SCHOOL_TYPES.map((s) => [s, Hours])), { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export default async function earlyWarningRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get(
    '/early-warning',
    {
      schema: {
        tags,
        summary:
          'Verzuimsignalering: alle leerlingen van uw schoolvestiging met hun verzuimpercentage (schooljaar tot nu en de laatste 8 lesweken; alle redenen en alleen ongeoorloofd), band en trend, en wie deze lesweek chronisch werd (intern begeleider / zorgcoördinator)',
        querystring: Type.Object({
          schoolLocationId: Type.Optional(Type.String({ format: 'uuid', description: 'Standaard de schoolvestiging waarvoor u nu werkt' })),
          asOf: Type.Optional(AsOf),
          band: Type.Optional(oneOf([...BANDS, 'none'], "Alleen leerlingen in deze band ('none': nog geen lesdagen)")),
          sort: Type.Optional(oneOf(SORTS, 'Volgorde: ernst (standaard), naam, schooljaar, 8 lesweken of trend')),
          ...paging(500, 50),
        }),
      },
    },
    async (request) => {
      const q = request.query as { schoolLocationId?: string; asOf?: string; band?: BandFilter; sort?: Sort; page: number; pageSize: number };
      return listEarlyWarning(ctx.database, actorOf(request), { ...q, sort: q.sort ?? 'severity' });
    },
  );

  app.get(
    '/children/:id/absence-summary',
    {
      schema: {
        tags,
        summary: 'Verzuimpercentages van één kind op de school waar het nu staat ingeschreven (voor wie het gegevenssoort verzuim mag zien)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({ asOf: Type.Optional(AsOf) }),
      },
    },
    async (request) => getAbsenceSummary(ctx.database, actorOf(request), (request.params as { id: string }).id, (request.query as { asOf?: string }).asOf),
  );

  app.get('/early-warning/settings', { schema: { tags, summary: 'Instellingen van de verzuimsignalering in uw regio: grenzen van de banden en lesuren per schooldag per schooltype' } }, async (request) => {
    const actor = actorOf(request);
    if (actor.kind !== 'professional') throw new ForbiddenError('De instellingen van de verzuimsignalering zijn er voor professionals.');
    return loadSettings(ctx.database.db, actor.regionId);
  });

  app.put(
    '/early-warning/settings',
    {
      schema: {
        tags,
        summary: 'Instellingen van de verzuimsignalering wijzigen (functioneel beheerder van de regio). De grenzen lopen op: aandacht < chronisch < ernstig chronisch.',
        body: SettingsBody,
      },
    },
    async (request) => updateEarlyWarningSettings(ctx.database, actorOf(request), request.body as SettingsInput),
  );
}
