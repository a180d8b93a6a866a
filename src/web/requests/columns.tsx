import type { TFunction } from 'i18next';
import { formatDate } from '../shared/format.ts';
import { AppLink } from '../shared/AppLink.tsx';
import type { Column } from '../shared/ListView.tsx';
import { waitingForReader, type RequestListItem } from './data.ts';
import { OverdueBadge, RequestStatusBadge, UrgentBadge } from './RequestBadges.tsx';

/** The columns of the request lists (the inbox and outbox page, a case's requests). */
export function requestColumns(t: TFunction, lng: string) {
  const date = (iso: string) => (
    <time dateTime={iso} className="samenspel-nowrap">
      {formatDate(iso, lng)}
    </time>
  );
  const kind = (r: RequestListItem) => t(`requests.kinds.${r.kind}`);
  // Several requests can be about one child: the link says which one to a screen reader.
  const linkSuffix = (r: RequestListItem) => (
    <span className="samenspel-visually-hidden">
      {', '}
      {t('requests.list.linkSuffix', { kind: kind(r), date: formatDate(r.sentOn, lng) })}
    </span>
  );
  return {
    /** The child (as far as the reader may see the name), linking to the request. */
    child: {
      header: t('requests.columns.child'),
      rowHeader: true,
      cell: (r) => (
        <AppLink to={`/verzoeken/${r.id}`}>
          {r.childName ?? t('requests.childHidden')}
          {linkSuffix(r)}
        </AppLink>
      ),
    },
    /** The kind, linking to the request (a case's list: the child is the case's). */
    kindLink: {
      header: t('requests.columns.kind'),
      rowHeader: true,
      cell: (r) => (
        <>
          <AppLink to={`/verzoeken/${r.id}`}>{kind(r)}</AppLink>
          {r.urgency === 'urgent' && (
            <>
              {' '}
              <UrgentBadge />
            </>
          )}
        </>
      ),
    },
    kind: {
      header: t('requests.columns.kind'),
      cell: (r) => (
        <>
          {kind(r)}
          {r.urgency === 'urgent' && (
            <>
              {' '}
              <UrgentBadge />
            </>
          )}
        </>
      ),
    },
    fromTo: {
      header: t('requests.columns.fromTo'),
      cell: (r) => (
        <>
          {r.fromOrganisationName} <span aria-hidden="true">→</span>
          <span className="samenspel-visually-hidden"> {t('requests.columns.to')}</span> {r.toOrganisationName}
        </>
      ),
    },
    status: { header: t('requests.columns.status'), cell: (r) => <RequestStatusBadge status={r.status} /> },
    waitingFor: {
      header: t('requests.columns.waitingFor'),
      cell: (r) => {
        const who = waitingForReader(r);
        return (
          <>
            {who ? t(`requests.waiting.${who}`) : t('common.none')}
            {r.waitingFor === 'receiver' && r.holderName && <div className="samenspel-hint">{t('requests.list.holder', { name: r.holderName })}</div>}
          </>
        );
      },
    },
    due: {
      header: t('requests.columns.due'),
      cell: (r) =>
        r.stepDueOn ? (
          <>
            {date(r.stepDueOn)}
            {r.overdue && (
              <>
                {' '}
                <OverdueBadge />
              </>
            )}
          </>
        ) : (
          t('common.none')
        ),
    },
    sentOn: { header: t('requests.columns.sentOn'), className: 'samenspel-nowrap', cell: (r) => date(r.sentOn) },
  } satisfies Record<string, Column<RequestListItem>>;
}
