import './monitor.css';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { isApiError } from '../shared/api.ts';
import { MonitorFilters } from './MonitorFilters.tsx';
import { MonitorExports } from './MonitorExports.tsx';
import { IndicatorTile } from './IndicatorTile.tsx';
import { RefreshedAt } from './RefreshedAt.tsx';
import { periodText, selectionFromParams, selectionParams, selectionText, useMonitorOptions, useMonitorOverview } from './data.ts';

/**
 * "Monitor" (`/monitor`): every indicator of the reader's scope at a glance for a period and a
 * selection — the own gemeente or school by default, the region beside it — each a tile with its
 * headline figure and the way to its own page; the choices stay in the address, so a view can be
 * shared, and the whole monitor can be downloaded as CSV, Excel or PDF. Aggregates only.
 */
export function MonitorOverviewPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [params, setParams] = useSearchParams();
  const options = useMonitorOptions();
  const selection = options.data ? selectionFromParams(params, options.data) : null;
  const overview = useMonitorOverview(selection);
  const data = overview.data;
  const search = options.data && selection ? selectionParams(selection, options.data).toString() : '';
  const whose = data ? selectionText(data.filters, options.data, t) : '';
  const filtered = !!(data && (data.filters.gemeente || data.filters.organisation || data.filters.schoolType));

  return (
    <>
      <PageHeading title={t('monitor.title')} />
      <p className="utrecht-paragraph">{t('monitor.intro')}</p>
      {options.isPending && <Loading label={t('common.loading')} />}
      {options.isError && <ErrorAlert error={options.error} />}
      {options.data && selection && <MonitorFilters options={options.data} value={selection} onApply={(next) => setParams(selectionParams(next, options.data!))} />}

      {overview.isError && <ErrorAlert error={overview.error} otherParams={isApiError(overview.error) ? (overview.error.problem.invalidParams ?? []) : []} />}
      {overview.isPending && selection && <Loading label={t('common.loading')} />}
      {data && (
        <section className={`samenspel-section${overview.isFetching ? ' samenspel-refreshing' : ''}`} aria-labelledby="monitor-results" aria-busy={overview.isFetching || undefined}>
          <h2 id="monitor-results" className="utrecht-heading-2">
            {t('monitor.overview.heading', { selection: whose, period: periodText(data.period, t, lng) })}
          </h2>
          <RefreshedAt at={data.refreshedAt} />
          {filtered && <p className="utrecht-paragraph">{t('monitor.overview.beside', { selection: whose })}</p>}
          <p className="utrecht-paragraph samenspel-note">{t('monitor.legend', { threshold: data.threshold, max: data.threshold - 1, share: data.threshold * 10 })}</p>
          <ul className="samenspel-monitor-tiles">
            {data.items.map((item) => (
              <li key={item.indicator}>
                <IndicatorTile item={item} overview={data} search={search} filtered={filtered} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {data && selection && (
        <MonitorExports selection={selection} description={t('monitor.exports.description', { selection: whose, period: periodText(data.period, t, lng) })} />
      )}
    </>
  );
}
