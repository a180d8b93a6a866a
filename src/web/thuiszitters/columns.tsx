import type { TFunction } from 'i18next';
import { formatDate } from '../shared/format.ts';
import { AppLink } from '../shared/AppLink.tsx';
import type { Column } from '../shared/ListView.tsx';
import { childName, durationText, type ThuiszitterEntry } from './data.ts';
import { NormBadge, OfferText } from './EntryText.tsx';

/** The columns of the register's lists (the register, the escalation table's children). */
export function entryColumns(t: TFunction, lng: string, opts: { school?: boolean } = {}) {
  return {
    child: {
      header: t('thuiszitters.columns.child'),
      rowHeader: true,
      cell: (e) => (
        <>
          <AppLink to={`/thuiszitters/${e.id}`}>{childName(e.child, t)}</AppLink>
          {opts.school && e.schoolLocation && <div>{e.schoolLocation.name}</div>}
        </>
      ),
    },
    category: { header: t('thuiszitters.columns.category'), cell: (e) => (e.category ? t(`thuiszitters.category.${e.category}`) : t('common.none')) },
    since: {
      header: t('thuiszitters.columns.since'),
      cell: (e) => (
        <>
          <time dateTime={e.startDate}>{formatDate(e.startDate, lng)}</time>
          <div>{durationText(e.duration, t)}</div>
        </>
      ),
    },
    offer: { header: t('thuiszitters.columns.offer'), cell: (e) => <OfferText offer={e.offer} /> },
    responsible: { header: t('thuiszitters.columns.responsible'), cell: (e) => e.responsible?.name ?? t('common.none') },
    norm: { header: t('thuiszitters.columns.norm'), cell: (e) => <NormBadge entry={e} /> },
  } satisfies Record<string, Column<ThuiszitterEntry>>;
}
