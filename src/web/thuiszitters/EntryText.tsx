/**
 * The register's entries in words: the offer, the place against the Thuiszitterspact norm, a count
 * as it may be published.
 */
import { useTranslation } from 'react-i18next';
import { formatDate } from '../shared/format.ts';
import { useNormMonths, type CountCell, type Offer, type ThuiszitterEntry } from './data.ts';

/** The offer in words: "Onderwijs, gedeeltelijk (12 uur per week) – passend". */
export function OfferText({ offer }: { offer: Pick<Offer, 'kind' | 'hoursPerWeek' | 'fitting'> | null }) {
  const { t, i18n } = useTranslation();
  if (!offer) return <>{t('common.none')}</>;
  const hours = offer.hoursPerWeek !== null ? ` ${t('thuiszitters.offer.hours', { hours: offer.hoursPerWeek.toLocaleString(i18n.language) })}` : '';
  const fitting = offer.kind === 'none' ? '' : ` – ${offer.fitting ? t('thuiszitters.offer.fitting') : t('thuiszitters.offer.notFitting')}`;
  return (
    <>
      {t(`thuiszitters.offer.kinds.${offer.kind}`)}
      {hours}
      {fitting}
    </>
  );
}

/**
 * Where the entry stands against the Thuiszitterspact norm, in words; the flag has a marker and a
 * border, so it does not rely on colour.
 */
export function NormBadge({ entry }: { entry: Pick<ThuiszitterEntry, 'open' | 'over3Months' | 'normApplies' | 'normDate' | 'offer' | 'end'> }) {
  const { t, i18n } = useTranslation();
  const months = useNormMonths();
  if (!entry.open) return <span className="samenspel-badge samenspel-badge--status">{t('thuiszitters.norm.ended', { date: formatDate(entry.end?.on, i18n.language) })}</span>;
  if (entry.over3Months)
    return (
      <span className="samenspel-badge samenspel-badge--very-late">
        <span aria-hidden="true">⚠ </span>
        {t('thuiszitters.norm.over', { months })}
      </span>
    );
  if (!entry.normApplies) return <span className="samenspel-badge samenspel-badge--status">{t('thuiszitters.norm.notApplicable')}</span>;
  if (entry.offer?.fitting) return <span className="samenspel-badge samenspel-badge--on-time">{t('thuiszitters.norm.fitting')}</span>;
  return <span className="samenspel-badge samenspel-badge--late">{t('thuiszitters.norm.until', { date: formatDate(entry.normDate, i18n.language), months })}</span>;
}

/** A count as it may be shown: the number, or "<5" / "≥5" with an explanation for screen readers. */
export function CountValue({ cell }: { cell: CountCell }) {
  const { t } = useTranslation();
  if (cell.suppressed === null) return <>{cell.display}</>;
  return (
    <abbr title={t(`thuiszitters.counts.${cell.suppressed}`)}>
      {cell.display}
      <span className="samenspel-visually-hidden"> ({t(`thuiszitters.counts.${cell.suppressed}`)})</span>
    </abbr>
  );
}
