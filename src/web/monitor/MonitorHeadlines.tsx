import './monitor.css';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../shared/AppLink.tsx';
import { Section } from '../shared/Section.tsx';
import { definitionOf, headlineOf, headlineValue, INDICATOR_SLUGS, periodText, selectionParams, useMonitorOptions, useMonitorOverview, type Selection } from './data.ts';

/** How many headlines the home page shows; the monitor has them all. */
const HOME_HEADLINES = 4;

/**
 * "Monitor" on the home page (whoever the server gives the monitor): the first headline figures of
 * the reader's own selection — the own gemeente or school, this school year so far — with the
 * region's beside them, and the way to the whole monitor. Loaded on demand by the home page, so it
 * uses only the core texts (`home.monitor`, `monitorFigures`).
 */
export function MonitorHeadlines() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const options = useMonitorOptions();
  const o = options.data;
  const selection: Selection | null = o ? { period: o.periods.default, gemeente: o.home.gemeente, organisation: o.home.organisation, schoolType: null } : null;
  const overview = useMonitorOverview(selection);
  const data = overview.data;
  const search = o && selection ? selectionParams(selection, o).toString() : '';
  const gemeente = o?.gemeenten.find((g) => g.id === o.home.gemeente)?.name;
  const school = o?.organisations.find((s) => s.id === o.home.organisation)?.name;
  const whose = school ? t('home.monitor.forSchool', { school }) : gemeente ? t('home.monitor.forGemeente', { gemeente }) : t('home.monitor.forRegion');
  const shown = (data?.items ?? [])
    .map((item) => ({ item, headline: headlineOf(item.indicator, lng, t) }))
    .filter(({ item, headline }) => headlineValue(headline, item.current, t, lng) !== null && (headline.kind !== 'count' || item.current.cells[headline.key]?.suppressed === null))
    .slice(0, HOME_HEADLINES);
  return (
    <Section id="home-monitor" heading={t('home.monitor.heading')}>
      {data && <p className="utrecht-paragraph">{t('home.monitor.intro', { selection: whose, period: periodText(data.period, t, lng) })}</p>}
      {data && shown.length === 0 && <p className="utrecht-paragraph">{t('home.monitor.tooFew')}</p>}
      {shown.length > 0 && (
        <ul className="samenspel-monitor-home">
          {shown.map(({ item, headline }) => {
            const region = item.region ? headlineValue(headline, item.region, t, lng) : null;
            return (
              <li key={item.indicator}>
                <AppLink to={`/monitor/${INDICATOR_SLUGS[item.indicator]}?${search}`}>{definitionOf(item.indicator, lng).title}</AppLink>
                {` — ${headline.label}: `}
                <span className="samenspel-monitor-home__figure">{headlineValue(headline, item.current, t, lng)}</span>
                {item.region && <> ({t('home.monitor.region', { value: region ?? t('monitorFigures.tooFew') })})</>}
              </li>
            );
          })}
        </ul>
      )}
      <p className="utrecht-paragraph">
        <AppLink to={search ? `/monitor?${search}` : '/monitor'} className="samenspel-task-link">
          {t('home.monitor.link')}
        </AppLink>
      </p>
    </Section>
  );
}
