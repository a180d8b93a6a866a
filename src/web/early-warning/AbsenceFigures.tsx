import { useTranslation } from 'react-i18next';
import { formatDate } from '../shared/format.ts';
import { formatNumber, formatPercentage, formatThreshold, useAbsenceSummary, type Band, type Measure, type PeriodFigures, type Trend } from './data.ts';
import { ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { MEASURE_PERIODS } from '../../contracts/values/early-warning.ts';
import { Section } from '../shared/Section.tsx';
import { ItemsTable } from '../shared/ListView.tsx';

const BAND_CLASS: Record<Band, string> = { on_track: 'on-time', attention: 'attention', chronic: 'late', severe: 'very-late' };

/** The band as a badge whose words say it; colour and border only repeat them. */
export function BandBadge({ band }: { band: Band | null }) {
  const { t } = useTranslation();
  if (band === null) return <>{t('earlyWarning.band.none')}</>;
  return <span className={`samenspel-badge samenspel-badge--${BAND_CLASS[band]}`}>{t(`earlyWarning.band.${band}`)}</span>;
}

/** A percentage, or "no lesson days" when nothing was scheduled. */
export function Percentage({ measure }: { measure: Measure }) {
  const { t, i18n } = useTranslation();
  if (measure.percentage === null) return <>{t('earlyWarning.noLessons')}</>;
  return <span className="samenspel-nowrap">{formatPercentage(measure.percentage, i18n.language)}</span>;
}

/** A period in a list: the percentage for all reasons, under it the unauthorised part. */
export function PeriodCell({ figures }: { figures: PeriodFigures }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Percentage measure={figures.all} />
      {figures.unauthorised.percentage !== null && (
        <span className="samenspel-ew-unauthorised">{t('earlyWarning.unauthorisedShort', { pct: formatPercentage(figures.unauthorised.percentage, i18n.language) })}</span>
      )}
    </>
  );
}

/** The trend in words ("stijgt 8 procentpunt"); the arrow only repeats them. */
export function TrendText({ trend }: { trend: Trend | null }) {
  const { t, i18n } = useTranslation();
  if (trend === null) return <>{t('earlyWarning.trend.none')}</>;
  const arrow = trend.direction === 'up' ? '↑' : trend.direction === 'down' ? '↓' : '→';
  const pp = formatNumber(Math.abs(trend.differencePp), i18n.language);
  return (
    <span>
      <span aria-hidden="true">{arrow} </span>
      {t(`earlyWarning.trend.${trend.direction}`, { pp })}
    </span>
  );
}

/**
 * On the child page, for whoever may see the child's absence (the policy's 'absence' data kind):
 * the percentages at the school where the child is enrolled now.
 */
export function ChildAbsence({ childId, name }: { childId: string; name: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const query = useAbsenceSummary(childId);
  const data = query.data;
  return (
    <Section id="child-absence" heading={t('earlyWarning.child.heading')}>
      {query.isPending && <Loading label={t('earlyWarning.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {data && data.schools.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('earlyWarning.child.none', { name })}</p>}
      {data?.schools.map((s) => (
        <div key={s.school.id}>
          <p className="utrecht-paragraph">
            {t('earlyWarning.child.intro', { school: s.school.name, hours: formatNumber(s.school.lessonHoursPerDay, lng), chronic: formatThreshold(data.thresholds.chronic, lng) })}
          </p>
          <ItemsTable
            caption={t('earlyWarning.child.caption', { name, school: s.school.name })}
            empty={null}
            items={MEASURE_PERIODS}
            rowKey={(key) => key}
            columns={[
              {
                header: t('earlyWarning.child.period'),
                rowHeader: true,
                cell: (key) => (
                  <>
                    {key === 'schoolYear'
                      ? t('earlyWarning.child.schoolYear', { from: formatDate(s.periods.schoolYear.from, lng), to: formatDate(s.periods.schoolYear.to, lng) })
                      : t('earlyWarning.child.rolling', { from: formatDate(s.periods.rolling.from, lng) })}
                  </>
                ),
              },
              {
                header: t('earlyWarning.child.all'),
                cell: (key) => (
                  <>
                    <Percentage measure={s[key].all} />{' '}
                    <span className="samenspel-note">{t('earlyWarning.child.hours', { hours: formatNumber(s[key].all.missedHours, lng) })}</span>
                  </>
                ),
              },
              {
                header: t('earlyWarning.child.unauthorised'),
                cell: (key) => (
                  <>
                    <Percentage measure={s[key].unauthorised} />{' '}
                    <span className="samenspel-note">{t('earlyWarning.child.hours', { hours: formatNumber(s[key].unauthorised.missedHours, lng) })}</span>
                  </>
                ),
              },
              { header: t('earlyWarning.child.scheduled'), cell: (key) => <>{t('earlyWarning.child.scheduledValue', { hours: formatNumber(s[key].scheduledHours, lng), days: s[key].scheduledDays })}</> },
            ]}
          />
          <p className="utrecht-paragraph">
            {t('earlyWarning.child.band')} <BandBadge band={s.band} /> {t('earlyWarning.child.trend')} <TrendText trend={s.trend} />
          </p>
        </div>
      ))}
    </Section>
  );
}
