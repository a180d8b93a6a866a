import { useTranslation } from 'react-i18next';
import { AppLink } from '../shared/AppLink.tsx';
import { INDICATOR_SPECS } from '../../contracts/values/monitor.ts';
import { definitionOf, headlineOf, headlineValue, INDICATOR_SLUGS, monthName, periodText, whyHidden, type MonitorFigures, type MonitorOverview, type OverviewItem } from './data.ts';

/**
 * One indicator on the overview: its title and question, the headline figure of the selection
 * (a share, a count or a median), the same figure a year earlier and the region's beside it, and
 * the way to the indicator's own page. A figure that is not shown says why, in words.
 */
export function IndicatorTile({ item, overview, search, filtered }: { item: OverviewItem; overview: MonitorOverview; search: string; filtered: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const spec = INDICATOR_SPECS[item.indicator];
  const definition = definitionOf(item.indicator, lng);
  const headline = headlineOf(item.indicator, lng, t);
  const id = `monitor-tile-${item.indicator}`;
  const value = headlineValue(headline, item.current, t, lng);
  const why = whyHidden(item.indicator, headline, item.current, overview.threshold, t);
  const beside = (f: MonitorFigures) => headlineValue(headline, f, t, lng) ?? t('monitorFigures.tooFew');
  // Requests go to organisations, not to a school: a school or school type filter does not apply to them.
  const notForSchool = spec.organisation === 'receiver' && (overview.filters.organisation || overview.filters.schoolType);
  return (
    <article className="samenspel-monitor-tile" aria-labelledby={id}>
      <h3 id={id} className="utrecht-heading-3">
        {definition.title}
      </h3>
      <p className="utrecht-paragraph samenspel-monitor-question">{definition.question}</p>
      <p className="utrecht-paragraph samenspel-monitor-headline">
        <span className="samenspel-monitor-headline__figure">{value ?? t('common.none')}</span>{' '}
        <span className="samenspel-monitor-headline__label">
          {headline.label}
          {spec.kind === 'stock' && <> {t('monitor.standing', { month: monthName(overview.period.to, lng) })}</>}
        </span>
      </p>
      {why && <p className="utrecht-paragraph samenspel-monitor-why">{why}</p>}
      {notForSchool && <p className="utrecht-paragraph samenspel-note">{t('monitor.receiverNote')}</p>}
      <dl className="samenspel-dl samenspel-monitor-beside">
        <div>
          <dt>{t('monitor.previous', { period: periodText(overview.previousPeriod, t, lng) })}</dt>
          <dd>{beside(item.previous)}</dd>
        </div>
        {filtered && item.region && (
          <div>
            <dt>{t('monitor.region')}</dt>
            <dd>{beside(item.region)}</dd>
          </div>
        )}
      </dl>
      <p className="utrecht-paragraph samenspel-monitor-tile__more">
        <AppLink to={`/monitor/${INDICATOR_SLUGS[item.indicator]}?${search}`}>{t('monitor.overview.more', { title: definition.title })}</AppLink>
      </p>
    </article>
  );
}

