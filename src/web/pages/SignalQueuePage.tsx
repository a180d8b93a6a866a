import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import type { Lateness, SignalPage, SignalStatus } from '../types.ts';
import { formatDate, fullName } from '../format.ts';
import { useSignalMeta, useStaleSignalPages } from '../signals.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { SelectField } from '../components/Fields.tsx';
import { ErrorAlert, Loading, StatusText } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { Pager } from '../components/Pager.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { LatenessBadge, StatusBadge } from '../components/SignalBits.tsx';
import { pageFrom } from '../url.ts';

const PAGE_SIZE = 25;
const STATUSES: readonly SignalStatus[] = ['new', 'watching', 'in_school', 'case', 'referred', 'closed', 'withdrawn'];
const LATENESS: readonly Exclude<Lateness, 'on_time'>[] = ['late', 'very_late'];

/** The counters double as filters; each is a link, so the filter is in the URL (back button, bookmark). */
type Filter = 'all' | 'new' | 'late' | 'very_late';

function filterParams(filter: Filter): URLSearchParams {
  if (filter === 'new') return new URLSearchParams({ status: 'new' });
  // Late counts only signals nobody has picked up yet (status new), as the counters do.
  if (filter === 'late' || filter === 'very_late') return new URLSearchParams({ status: 'new', termijn: filter });
  return new URLSearchParams();
}

/**
 * The care coordinator's queue: every signal raised at the own school location, those not yet
 * picked up first, the earliest deadline first (the order the server gives). Counters for new,
 * late, three times late and picked up; lateness is shown in words with a badge.
 */
export function SignalQueuePage() {
  const { t, i18n } = useTranslation();
  const { activeMembership } = useSession();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status') ?? '';
  const status = (STATUSES as readonly string[]).includes(statusParam) ? (statusParam as SignalStatus) : undefined;
  const latenessParam = params.get('termijn') ?? '';
  const lateness = (LATENESS as readonly string[]).includes(latenessParam) ? (latenessParam as Exclude<Lateness, 'on_time'>) : undefined;
  const page = pageFrom(params);
  const filter: Filter | null = !status && !lateness ? 'all' : status === 'new' ? (lateness ?? 'new') : null;

  const [draftStatus, setDraftStatus] = useState(status ?? '');
  useEffect(() => setDraftStatus(status ?? ''), [status]);

  const meta = useSignalMeta();
  const query = useQuery({
    queryKey: ['signals', 'queue', { status, lateness, page }],
    queryFn: () => api.get<SignalPage>('/signals', { view: 'queue', status, lateness, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  function goToPage(n: number) {
    const next = new URLSearchParams(params);
    next.set('pagina', String(n));
    setParams(next);
  }

  function onStatusFilter(event: FormEvent) {
    event.preventDefault();
    setParams(draftStatus ? { status: draftStatus } : {});
  }

  const data = query.data;
  useStaleSignalPages(data?.items);
  const school = activeMembership?.organisationName ?? '';
  const filterLabel = filter ? t(`signals.queue.filter.${filter}`) : status ? t(`signals.status.${status}`) : '';
  const caption = filter === 'all' ? t('signals.queue.caption', { school }) : t('signals.queue.captionFiltered', { school, filter: filterLabel });
  const counters: { filter: Filter; count: number | undefined }[] = [
    { filter: 'new', count: data?.counts.new },
    { filter: 'late', count: data?.counts.overdue },
    { filter: 'very_late', count: data?.counts.veryLate },
  ];

  return (
    <>
      <PageHeading title={t('signals.queue.title')} />
      <p className="utrecht-paragraph">{t('signals.queue.intro', { school })}</p>

      <nav aria-label={t('signals.queue.filterNav')} className="samenspel-counters-nav">
        <ul className="samenspel-counters">
          <li>
            <AppLink to={{ search: filterParams('all').toString() }} className="samenspel-counter" aria-current={filter === 'all' ? 'true' : undefined}>
              <span className="samenspel-counter__label">{t('signals.queue.filter.all')}</span>
            </AppLink>
          </li>
          {counters.map((c) => (
            <li key={c.filter}>
              <AppLink
                to={{ search: filterParams(c.filter).toString() }}
                className={`samenspel-counter samenspel-counter--${c.filter.replace('_', '-')}`}
                aria-current={filter === c.filter ? 'true' : undefined}
              >
                <span className="samenspel-counter__number">{c.count ?? '…'}</span>
                <span className="samenspel-counter__label">{t(`signals.queue.filter.${c.filter}`)}</span>
              </AppLink>
            </li>
          ))}
          <li>
            {/* No filter for "picked up" in the API: a count only. */}
            <span className="samenspel-counter samenspel-counter--static">
              <span className="samenspel-counter__number">{data?.counts.pickedUp ?? '…'}</span>
              <span className="samenspel-counter__label">{t('signals.queue.pickedUp')}</span>
            </span>
          </li>
        </ul>
      </nav>

      <form className="samenspel-form samenspel-search samenspel-inline-form" onSubmit={onStatusFilter}>
        <SelectField id="signal-status-filter" label={t('signals.queue.statusFilter')} value={draftStatus} onChange={(e) => setDraftStatus(e.target.value)}>
          <option value="">{t('signals.queue.statusAll')}</option>
          {(meta.data?.statuses ?? STATUSES).map((s) => (
            <option key={s} value={s}>
              {t(`signals.status.${s}`)}
            </option>
          ))}
        </SelectField>
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="secondary-action-button">
            {t('signals.queue.statusSubmit')}
          </Button>
        </div>
      </form>

      <StatusText>{data && !query.isFetching ? t('signals.queue.count', { count: data.total }) : ''}</StatusText>
      {query.isPending && <Loading label={t('signals.queue.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {data && data.items.length === 0 && (
        <p className="utrecht-paragraph samenspel-empty">{filter === 'all' ? t('signals.queue.empty') : t('signals.queue.emptyFiltered')}</p>
      )}
      {data && data.items.length > 0 && (
        <div className={query.isFetching ? 'samenspel-refreshing' : undefined} aria-busy={query.isFetching || undefined}>
          <Table caption={caption}>
            <THead>
              <Th>{t('signals.columns.child')}</Th>
              <Th>{t('signals.columns.category')}</Th>
              <Th>{t('signals.columns.urgency')}</Th>
              <Th>{t('signals.columns.raisedOn')}</Th>
              <Th>{t('signals.columns.deadline')}</Th>
              <Th>{t('signals.columns.lateness')}</Th>
              <Th>{t('signals.columns.status')}</Th>
            </THead>
            <TBody>
              {data.items.map((s) => (
                <Tr key={s.id}>
                  <Th row>
                    <AppLink to={`/signalen/${s.id}`}>
                      {fullName(s.child)}
                      <span className="samenspel-visually-hidden">
                        {', '}
                        {t('signals.columns.linkSuffix', { category: t(`signals.category.${s.category}`), date: formatDate(s.raisedOn, i18n.language) })}
                      </span>
                    </AppLink>
                  </Th>
                  <Td>{t(`signals.category.${s.category}`)}</Td>
                  <Td>{t(`signals.urgency.${s.urgency}`)}</Td>
                  <Td className="samenspel-nowrap">
                    <time dateTime={s.raisedOn}>{formatDate(s.raisedOn, i18n.language)}</time>
                  </Td>
                  <Td className="samenspel-nowrap">
                    <time dateTime={s.pickupDeadline}>{formatDate(s.pickupDeadline, i18n.language)}</time>
                  </Td>
                  <Td>
                    <LatenessBadge signal={s} />
                  </Td>
                  <Td>
                    <StatusBadge status={s.status} />
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={goToPage} />
        </div>
      )}
    </>
  );
}
