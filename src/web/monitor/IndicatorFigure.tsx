import { useTranslation } from 'react-i18next';
import { INDICATOR_SPECS } from '../../contracts/values/monitor.ts';
import { definitionOf, headlineOf, headlineValue, monthName, periodText, selectionText, whyHidden, type MonitorFigures, type MonitorOptions, type MonitorView } from './data.ts';

/**
 * The indicator's headline figure for the selection, with the same figure a year earlier and the
 * region's beside it, and next to it what the figure means: the question, numerator, denominator,
 * period and source, as the definitions (contracts/values/monitor-definitions.ts) say.
 */
export function IndicatorFigure({ view, options }: { view: MonitorView; options: MonitorOptions | undefined }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const spec = INDICATOR_SPECS[view.indicator];
  const definition = definitionOf(view.indicator, lng);
  const headline = headlineOf(view.indicator, lng, t);
  const value = headlineValue(headline, view.total, t, lng);
  const why = whyHidden(view.indicator, headline, view.total, view.threshold, t);
  const beside = (f: MonitorFigures) => headlineValue(headline, f, t, lng) ?? t('monitorFigures.tooFew');
  return (
    <div className="samenspel-monitor-figure-layout">
      <section className="samenspel-panel samenspel-monitor-figure" aria-labelledby="monitor-headline">
        <h3 id="monitor-headline" className="utrecht-heading-3">
          {headline.label}
          {spec.kind === 'stock' && <> {t('monitor.standing', { month: monthName(view.period.to, lng) })}</>}
        </h3>
        <p className="utrecht-paragraph samenspel-monitor-headline">
          <span className="samenspel-monitor-headline__figure">{value ?? t('common.none')}</span>{' '}
          <span className="samenspel-monitor-headline__label">{t('monitor.forSelection', { selection: selectionText(view.filters, options, t) })}</span>
        </p>
        {why && <p className="utrecht-paragraph samenspel-monitor-why">{why}</p>}
        <dl className="samenspel-dl samenspel-monitor-beside">
          <div>
            <dt>{t('monitor.previous', { period: periodText(view.previousPeriod, t, lng) })}</dt>
            <dd>{beside(view.previous)}</dd>
          </div>
          {view.region && (
            <div>
              <dt>{t('monitor.region')}</dt>
              <dd>{beside(view.region)}</dd>
            </div>
          )}
        </dl>
      </section>
      <section className="samenspel-monitor-definition" aria-labelledby="monitor-definition">
        <h3 id="monitor-definition" className="utrecht-heading-3">
          {t('monitor.definition.heading')}
        </h3>
        <dl className="samenspel-dl samenspel-monitor-definition__list">
          {(['question', 'numerator', 'denominator', 'period', 'source'] as const).map((k) => (
            <div key={k}>
              <dt>{t(`monitor.definition.${k}`)}</dt>
              <dd>{definition[k]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
