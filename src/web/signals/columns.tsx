import type { TFunction } from 'i18next';
import type { Signal } from '../shared/types.ts';
import { formatDate, fullName } from '../shared/format.ts';
import { AppLink } from '../shared/AppLink.tsx';
import type { Column } from '../shared/ListView.tsx';
import { StatusBadge } from './SignalBadges.tsx';

/** The columns both signal lists (the queue, "my signals") show. */
export function signalColumns(t: TFunction, lng: string) {
  const date = (iso: string) => <time dateTime={iso}>{formatDate(iso, lng)}</time>;
  return {
    /** The child, linking to the signal; category and date for screen readers (one child can have several). */
    child: {
      header: t('signals.columns.child'),
      rowHeader: true,
      cell: (s) => (
        <AppLink to={`/signalen/${s.id}`}>
          {fullName(s.child)}
          <span className="samenspel-visually-hidden">
            {', '}
            {t('signals.columns.linkSuffix', { category: t(`signals.category.${s.category}`), date: formatDate(s.raisedOn, lng) })}
          </span>
        </AppLink>
      ),
    },
    category: { header: t('signals.columns.category'), cell: (s) => t(`signals.category.${s.category}`) },
    /** The urgency in words; an urgent signal ("Dringend", or about safety) with a badge that says so. */
    urgency: {
      header: t('signals.columns.urgency'),
      cell: (s) =>
        s.urgent ? (
          <span className="samenspel-badge samenspel-badge--very-late">{s.urgency === 'urgent' ? t('signals.urgency.urgent') : t('signals.urgentSafety')}</span>
        ) : (
          t(`signals.urgency.${s.urgency}`)
        ),
    },
    raisedOn: { header: t('signals.columns.raisedOn'), className: 'samenspel-nowrap', cell: (s) => date(s.raisedOn) },
    status: { header: t('signals.columns.status'), cell: (s) => <StatusBadge status={s.status} /> },
    date,
  } satisfies Record<string, Column<Signal> | ((iso: string) => unknown)>;
}
