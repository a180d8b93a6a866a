import './monitor.css';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../shared/PageHeading.tsx';
import { Alert, ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { MessagePage } from '../shared/MessagePage.tsx';
import { Section } from '../shared/Section.tsx';
import { isApiError } from '../shared/api.ts';
import { INDICATOR_SPECS, type IndicatorId } from '../../contracts/values/monitor.ts';
import {
  breakdownFromParams,
  breakdownsFor,
  definitionOf,
  forIndicator,
  indicatorOfSlug,
  periodText,
  selectionFromParams,
  selectionParams,
  selectionText,
  useMonitorOptions,
  useMonitorView,
  type ViewQuery,
} from './data.ts';
import { MonitorFilters } from './MonitorFilters.tsx';
import { MonitorExports } from './MonitorExports.tsx';
import { RefreshedAt } from './RefreshedAt.tsx';
import { IndicatorFigure } from './IndicatorFigure.tsx';
import { MonitorCharts } from './MonitorChart.tsx';
import { MonitorTable } from './MonitorTable.tsx';

/**
 * One indicator of the monitor (`/monitor/signalen?periode=…&per=maand`): what it means, its
 * headline figure with a year earlier and the region, its chart and the table behind the chart,
 * broken down as the reader chooses among what her scope and the indicator allow. Everything
 * chosen stays in the address.
 */
export function MonitorIndicatorPage() {
  const { t } = useTranslation();
  const indicator = indicatorOfSlug(useParams().indicator);
  if (!indicator) return <MessagePage title={t('notFound.title')} detail={t('notFound.detail')} link={<AppLink to="/monitor">{t('monitor.backToOverview')}</AppLink>} />;
  return <IndicatorView key={indicator} indicator={indicator} />;
}

function IndicatorView({ indicator }: { indicator: IndicatorId }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [params, setParams] = useSearchParams();
  const spec = INDICATOR_SPECS[indicator];
  const definition = definitionOf(indicator, lng);
  const options = useMonitorOptions();
  const o = options.data;
  const mine = !o || o.indicators.includes(indicator);
  const allowed = o ? breakdownsFor(spec, o) : [];
  const asked = o ? selectionFromParams(params, o) : null;
  const selection = asked ? forIndicator(asked, spec) : null;
  const { by, refused } = selection ? breakdownFromParams(params, selection.period, allowed) : { by: 'none' as const, refused: false };
  const soort = params.get('soort');
  const kind = soort && spec.kinds?.includes(soort) ? soort : null;
  const query: ViewQuery | null = selection && mine ? { ...selection, by, kind } : null;
  const view = useMonitorView(indicator, query);
  const data = view.data;
  const receiverNote = asked && selection && (asked.organisation !== selection.organisation || asked.schoolType !== selection.schoolType);
  const overviewLink = o && asked ? `/monitor?${selectionParams(asked, o).toString()}` : '/monitor';
  const whose = data ? selectionText(data.filters, o, t) : '';
  const caption = data ? t(data.by === 'none' ? 'monitor.table.captionNone' : 'monitor.table.caption', { title: definition.title, by: t(`monitor.byCaption.${data.by}`), period: periodText(data.period, t, lng), selection: whose }) : '';

  return (
    <>
      <PageHeading title={definition.title} documentTitle={t('monitor.documentTitle', { title: definition.title })} />
      <p className="utrecht-paragraph samenspel-lead">{definition.question}</p>
      <p className="utrecht-paragraph">
        <AppLink to={overviewLink}>{t('monitor.backToOverview')}</AppLink>
      </p>
      {options.isPending && <Loading label={t('common.loading')} />}
      {options.isError && <ErrorAlert error={options.error} />}
      {o && !mine && <Alert type="warning">{t('monitor.notYours')}</Alert>}
      {o && selection && mine && (
        <MonitorFilters
          options={o}
          value={{ ...selection, by, kind }}
          breakdowns={allowed}
          kinds={spec.kinds}
          indicator={indicator}
          noSchool={spec.organisation === 'receiver'}
          onApply={(next) => setParams(selectionParams(forIndicator(next, spec), o, { by: next.by, kind: next.kind }))}
        />
      )}
      {refused && <Alert type="info">{t('monitor.byRefused', { by: t(`monitor.by.${by}`) })}</Alert>}
      {receiverNote && <p className="utrecht-paragraph samenspel-note">{t('monitor.receiverNote')}</p>}

      {view.isError && <ErrorAlert error={view.error} otherParams={isApiError(view.error) ? (view.error.problem.invalidParams ?? []) : []} />}
      {view.isPending && query && <Loading label={t('common.loading')} />}
      {data && (
        <div className={view.isFetching ? 'samenspel-refreshing' : undefined} aria-busy={view.isFetching || undefined}>
          <Section id="monitor-figure" heading={t('monitor.indicator.heading', { selection: whose, period: periodText(data.period, t, lng) })}>
            <RefreshedAt at={data.refreshedAt} />
            <IndicatorFigure view={data} options={o} />
          </Section>
          <Section id="monitor-chart" heading={t('monitor.chart.heading')}>
            <MonitorCharts view={data} options={o} />
          </Section>
          <Section id="monitor-table" heading={caption}>
            <p className="utrecht-paragraph samenspel-narrow-only">{t('monitor.table.scrollHint')}</p>
            <MonitorTable view={data} options={o} caption={caption} />
            <p className="utrecht-paragraph samenspel-note">{t('monitor.legend', { threshold: data.threshold, max: data.threshold - 1, share: data.threshold * 10 })}</p>
            <p className="utrecht-paragraph samenspel-note">{t('monitor.legendStats', { median: data.threshold * 2, p90: data.threshold * 4 })}</p>
          </Section>
        </div>
      )}
      {/* The export holds every indicator: the selection as asked (a school filter applies to all but requests). */}
      {data && asked && <MonitorExports selection={asked} description={t('monitor.exports.description', { selection: selectionText(asked, o, t), period: periodText(data.period, t, lng) })} />}
    </>
  );
}
