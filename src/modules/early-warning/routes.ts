import type { Api } from '../../kernel/http/api.ts';
import { IdParams } from '../../contracts/common.ts';
import {
  AbsenceSummary,
  AbsenceSummaryQuery,
  EarlyWarningList,
  EarlyWarningQuery,
  EarlyWarningSettings,
  EarlyWarningSettingsInput,
  EarlyWarningSettingsStale,
  EarlyWarningTags,
} from '../../contracts/early-warning.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { ForbiddenError, withCurrentOnStale } from '../../kernel/errors.ts';
import { getAbsenceSummary, listEarlyWarning } from './early-warning-queries.ts';
import { readSettingsScreen } from './early-warning-settings.ts';
import { updateEarlyWarningSettings } from './early-warning-commands.ts';

const tags = EarlyWarningTags;

export default async function earlyWarningRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/early-warning',
    {
      schema: {
        tags,
        summary:
          'Verzuimsignalering: alle leerlingen van uw schoolvestiging met hun verzuimpercentage (schooljaar tot nu en de laatste 8 lesweken; alle redenen en alleen ongeoorloofd), band en trend, en wie deze lesweek chronisch werd (intern begeleider / zorgcoördinator)',
        querystring: EarlyWarningQuery,
        response: { 200: EarlyWarningList },
      },
    },
    async (request) => {
      const q = request.query;
      return listEarlyWarning(ctx.database, actorOf(request), { ...q, sort: q.sort ?? 'severity' });
    },
  );

  app.get(
    '/children/:id/absence-summary',
    {
      schema: {
        tags,
        summary: 'Verzuimpercentages van één kind op de school waar het nu staat ingeschreven (voor wie het gegevenssoort verzuim mag zien)',
        params: IdParams,
        querystring: AbsenceSummaryQuery,
        response: { 200: AbsenceSummary },
      },
    },
    async (request) => getAbsenceSummary(ctx.database, actorOf(request), request.params.id, request.query.asOf),
  );

  app.get(
    '/early-warning/settings',
    {
      schema: {
        tags,
        summary: 'Instellingen van de verzuimsignalering in uw regio: grenzen van de banden en lesuren per schooldag per schooltype',
        response: { 200: EarlyWarningSettings },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind !== 'professional') throw new ForbiddenError('De instellingen van de verzuimsignalering zijn er voor professionals.');
      return readSettingsScreen(ctx.database.db, actor.regionId);
    },
  );

  app.put(
    '/early-warning/settings',
    {
      schema: {
        tags,
        summary:
          'Instellingen van de verzuimsignalering wijzigen (functioneel beheerder van de regio). De grenzen lopen op: aandacht < chronisch < ernstig chronisch. Op basis van de versie die het scherm toonde: is die niet meer de huidige, dan 409 met de instellingen zoals ze nu zijn.',
        body: EarlyWarningSettingsInput,
        response: { 200: EarlyWarningSettings, 409: EarlyWarningSettingsStale },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return withCurrentOnStale(
        () => updateEarlyWarningSettings(ctx.database, actor, request.body),
        () => readSettingsScreen(ctx.database.db, actor.regionId),
      );
    },
  );
}
