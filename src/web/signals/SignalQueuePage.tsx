import type { FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import type { SignalPage } from '../shared/types.ts';
import { SIGNAL_STATUSES, type Lateness } from '../../contracts/values/signals.ts';
import { qk } from '../shared/query-keys.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { SelectField } from '../shared/Fields.tsx';
import { ListView } from '../shared/ListView.tsx';
import { FilterCounters, StaticCounter } from '../shared/FilterCounters.tsx';
import { useDraft, useListParams } from '../shared/list-params.ts';
import { useSignalMeta, useStaleSignalPages } from './data.ts';
import { LatenessBadge } from './SignalBadges.tsx';
import { signalColumns } from './columns.tsx';
import { Notifications } from './Notifications.tsx';
import { SubmitRow } from '../shared/Section.tsx';

const PAGE_SIZE = 25;
const STATUSES = SIGNAL_STATUSES;
const LATENESS: readonly Exclude<Lateness, 'on_time'>[] = ['late', 'very_late'];

/** The counters double as filters; each is a link, so the filter is in the URL (back button, bookmark). */
type Filter = 'all' | 'new' | 'late' | 'very_late';

/** Late counts only signals nobody has picked up yet (status new), as the counters do. */
const FILTER_PARAMS: Record<Filter, { status?: string; termijn?: string }> = {
  all: {},
  new: { status: 'new' },
  late: { status: 'new', termijn: 'late' },
  very_late: { status: 'new', termijn: 'very_late' },
};

/**
 * The care coordinator's queue: every signal raised at the own school location, those not yet
 * picked up first — urgent ones ("Dringend", safety) above the rest — the earliest deadline first
 * (the order the server gives), with her unread notifications above it. Counters for new,
 * late, three times late and picked up; lateness is shown in words with a badge.
 */
export function SignalQueuePage() {
  const { t, i18n } = useTranslation();
  const { activeMembership } = useSession();
  const list = useListParams();
  const status = list.oneOf('status', STATUSES);
  const lateness = list.oneOf('termijn', LATENESS);
  const page = list.page;
  const filter: Filter | null = !status && !lateness ? 'all' : status === 'new' ? (lateness ?? 'new') : null;
  const [draftStatus, setDraftStatus] = useDraft<string>(status ?? '');

  const meta = useSignalMeta();
  const query = useQuery({
    queryKey: qk.signals.queue({ status, lateness, page }),
    queryFn: () => api.get<SignalPage>('/signals', { view: 'queue', status, lateness, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  useStaleSignalPages(data?.items);

  function onStatusFilter(event: FormEvent) {
    event.preventDefault();
    list.apply({ status: draftStatus });
  }

  const school = activeMembership?.organisationName ?? '';
  const filterLabel = filter ? t(`signals.queue.filter.${filter}`) : status ? t(`signals.status.${status}`) : '';
  const caption = filter === 'all' ? t('signals.queue.caption', { school }) : t('signals.queue.captionFiltered', { school, filter: filterLabel });
  const counts: Record<Filter, number | undefined> = { all: undefined, new: data?.counts.new, late: data?.counts.overdue, very_late: data?.counts.veryLate };
  const columns = signalColumns(t, i18n.language);

  return (
    <>
      <PageHeading title={t('signals.queue.title')} />
      <p className="utrecht-paragraph">{t('signals.queue.intro', { school })}</p>
      <Notifications only={['urgent_signal']} />

      <FilterCounters
        label={t('signals.queue.filterNav')}
        counters={(Object.keys(FILTER_PARAMS) as Filter[]).map((f) => ({
          key: f,
          search: list.search(FILTER_PARAMS[f]),
          label: t(`signals.queue.filter.${f}`),
          count: f === 'all' ? undefined : (counts[f] ?? '…'),
          current: filter === f,
          variant: f === 'all' ? undefined : f.replace('_', '-'),
        }))}
      >
        {/* No filter for "picked up" in the API: a count only. */}
        <StaticCounter count={data?.counts.pickedUp ?? '…'} label={t('signals.queue.pickedUp')} />
      </FilterCounters>

      <form className="samenspel-form samenspel-search samenspel-inline-form" onSubmit={onStatusFilter}>
        <SelectField id="signal-status-filter" label={t('signals.queue.statusFilter')} value={draftStatus} onChange={(e) => setDraftStatus(e.target.value)}>
          <option value="">{t('signals.queue.statusAll')}</option>
          {(meta.data?.statuses ?? STATUSES).map((s) => (
            <option key={s} value={s}>
              {t(`signals.status.${s}`)}
            </option>
          ))}
        </SelectField>
        <SubmitRow appearance="secondary-action-button">{t('signals.queue.statusSubmit')}</SubmitRow>
      </form>

      <ListView
        query={query}
        caption={caption}
        count={(d) => t('signals.queue.count', { count: d.total })}
        loadingLabel={t('signals.queue.loading')}
        empty={filter === 'all' ? t('signals.queue.empty') : t('signals.queue.emptyFiltered')}
        onPage={list.goToPage}
        rowKey={(s) => s.id}
        columns={[
          columns.child,
          columns.category,
          columns.urgency,
          columns.raisedOn,
          { header: t('signals.columns.deadline'), className: 'samenspel-nowrap', cell: (s) => columns.date(s.pickupDeadline) },
          { header: t('signals.columns.lateness'), cell: (s) => <LatenessBadge signal={s} /> },
          columns.status,
        ]}
      />
    </>
  );
}
