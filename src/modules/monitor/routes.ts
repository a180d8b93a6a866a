import type { Api } from '../../kernel/http/api.ts';
import { actorOf, type AppContext } from '../../kernel/http/context.ts';
import { FileDownload } from '../../contracts/common.ts';
import { ExportQuery, IndicatorParams, MonitorOptions, MonitorOverview, MonitorSelectionQuery, MonitorView, MonitorViewQuery } from '../../contracts/monitor.ts';
import { monitorOptions, monitorOverview, monitorView } from './monitor-queries.ts';
import { exportViews, monitorCsv, monitorPdf, monitorXlsx } from './monitor-export.ts';

const tags = ['Monitor'];
const SUPPRESSION =
  'Alleen aantallen, nooit een kind: 0 tot de drempel van de regio (standaard 5) staat als "<5", andere aantallen zijn afgerond op een veelvoud van de drempel, "≥5" is verborgen zodat niets te herleiden is; percentages uit de afgeronde aantallen en pas vanaf een noemer van 10× de drempel, mediaan en 90e percentiel pas vanaf 2× en 4× de drempel. Alleen hele, afgelopen maanden.';

const MonitorExport = FileDownload(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf'], 'De monitor als CSV, Excel of PDF-rapport');

/**
 * The regional monitor (docs/monitor.md): read-only aggregates for the policy analyst, the SWV, the
 * school leader and the attendance officer, each within their own scope (monitor-scope.ts). The same
 * routes are the documented aggregate API for a gemeente's own BI tooling.
 */
export default async function monitorRoutes(app: Api, ctx: AppContext) {
  app.get(
    '/monitor/options',
    { schema: { tags, summary: 'Wat u in de monitor kunt kiezen: indicatoren, perioden, gemeenten, scholen en uitsplitsingen binnen uw rol', response: { 200: MonitorOptions } } },
    async (request) => monitorOptions(ctx.database, actorOf(request)),
  );

  app.get(
    '/monitor/overview',
    {
      schema: {
        tags,
        summary: `Alle indicatoren van uw rol in één oogopslag voor een periode en selectie, met een jaar eerder en de regio ernaast. ${SUPPRESSION}`,
        querystring: MonitorSelectionQuery,
        response: { 200: MonitorOverview },
      },
    },
    async (request) => monitorOverview(ctx.database, actorOf(request), request.query),
  );

  app.get(
    '/monitor/indicators/:indicator',
    {
      schema: {
        tags,
        summary: `Eén indicator voor een periode en selectie, uitgesplitst (by) naar maand, gemeente, organisatie, schoolsoort, bestuur of soort, met het totaal, een jaar eerder en de regio. ${SUPPRESSION}`,
        params: IndicatorParams,
        querystring: MonitorViewQuery,
        response: { 200: MonitorView },
      },
    },
    async (request) => monitorView(ctx.database, actorOf(request), { indicator: request.params.indicator, ...request.query }),
  );

  app.get(
    '/monitor/export',
    {
      schema: {
        tags,
        summary: `De monitor voor een periode en selectie als CSV (per cijfer één regel, ; gescheiden), Excel (een blad per indicator) of PDF-rapport met grafieken en definities. ${SUPPRESSION}`,
        querystring: ExportQuery,
        response: { 200: MonitorExport },
      },
    },
    async (request, reply) => {
      const { format, ...selection } = request.query;
      const { views, selection: label } = await exportViews(ctx.database, actorOf(request), selection, format);
      const name = `monitor-${views[0]?.period.id ?? 'regio'}`;
      reply.header('cache-control', 'no-store');
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(monitorCsv(views, label));
      if (format === 'xlsx') return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${name}.xlsx"`).send(await monitorXlsx(views, label));
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(await monitorPdf(views, label));
    },
  );
}
