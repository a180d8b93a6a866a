import { useTranslation } from 'react-i18next';
import { formatShare, type MonitorCell } from './data.ts';

/**
 * A count as it may be published: the rounded number, or "<5" / "≥5" as it is, with what that
 * means (a tooltip for the mouse, a hidden text for screen readers).
 */
export function CellValue({ cell, threshold }: { cell: MonitorCell | undefined; threshold: number }) {
  const { t } = useTranslation();
  if (!cell) return <>{t('common.none')}</>;
  if (cell.suppressed === null) return <>{cell.display}</>;
  const why = cell.suppressed === 'small' ? t('monitor.cell.small', { max: threshold - 1 }) : t('monitor.cell.secondary', { threshold });
  return (
    <abbr title={why} className="samenspel-monitor-hidden-cell">
      {cell.display}
      <span className="samenspel-visually-hidden"> ({why})</span>
    </abbr>
  );
}

/** A percentage, or a dash that says it is too few to show. */
export function ShareValue({ value }: { value: number | null | undefined }) {
  const { i18n } = useTranslation();
  if (value === null || value === undefined) return <NotShown />;
  return <>{formatShare(value, i18n.language)}</>;
}

/** A median or 90th percentile (days or a score), or a dash that says it is too few to show. */
export function StatValue({ value }: { value: number | null | undefined }) {
  const { i18n } = useTranslation();
  if (value === null || value === undefined) return <NotShown />;
  return <>{value.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 })}</>;
}

function NotShown() {
  const { t } = useTranslation();
  return (
    <abbr title={t('monitor.cell.tooFew')} className="samenspel-monitor-hidden-cell">
      {t('common.none')}
      <span className="samenspel-visually-hidden"> ({t('monitor.cell.tooFew')})</span>
    </abbr>
  );
}
