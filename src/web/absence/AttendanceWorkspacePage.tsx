import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import { typeKey } from '../shared/absence.ts';
import { FOLLOWUPS } from '../../contracts/values/absence.ts';
import type { WorkspacePage } from './data.ts';
import { qk } from '../shared/query-keys.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ListView } from '../shared/ListView.tsx';
import { FilterCounters } from '../shared/FilterCounters.tsx';
import { SearchForm } from '../shared/SearchForm.tsx';
import { useListParams } from '../shared/list-params.ts';
import { DateText, FollowupBadge, Period, ReportPupilLink } from './ReportFacts.tsx';

const PAGE_SIZE = 25;

/**
 * The attendance officer's workspace (werkvoorraad): the reports schools have made to DUO for
 * pupils living in the officer's gemeente, with the officer's own follow-up status. Reports not
 * yet picked up ("Nieuw") come first, then the most recently reported. Counters per own status
 * double as filters; search by pupil or school; paged, all in the URL.
 */
export function AttendanceWorkspacePage() {
  const { t } = useTranslation();
  const { activeMembership } = useSession();
  const list = useListParams();
  const followup = list.oneOf('opvolging', FOLLOWUPS);
  const q = list.get('q');
  const page = list.page;

  const query = useQuery({
    queryKey: qk.absenceWorkspace.list(activeMembership?.id, { followup, q, page }),
    queryFn: () => api.get<WorkspacePage>('/leerplicht/absence-reports', { followup, q, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const data = query.data;

  const gemeente = activeMembership?.organisationName ?? '';
  const filters = [followup ? t(`absenceReports.followup.${followup}`) : null, q ? t('absenceReports.workspace.searchFor', { q }) : null].filter(Boolean).join(', ');
  const caption = filters ? t('absenceReports.workspace.captionFiltered', { gemeente, filter: filters }) : t('absenceReports.workspace.caption', { gemeente });

  return (
    <>
      <PageHeading title={t('absenceReports.workspace.title')} />
      <p className="utrecht-paragraph">{t('absenceReports.workspace.intro', { gemeente })}</p>

      <FilterCounters
        label={t('absenceReports.workspace.filterNav')}
        counters={[
          { key: 'all', search: list.search({ q }), label: t('absenceReports.workspace.all'), current: !followup },
          ...FOLLOWUPS.map((f) => ({
            key: f,
            search: list.search({ opvolging: f, q }),
            label: t(`absenceReports.followup.${f}`),
            count: data?.counts[f] ?? '…',
            current: followup === f,
            variant: f === 'new' ? 'late' : undefined,
          })),
        ]}
      />

      <SearchForm
        id="workspace-search"
        inline
        label={t('absenceReports.workspace.searchLabel')}
        hint={t('absenceReports.workspace.searchHint')}
        value={q}
        onSearch={(next) => list.apply({ opvolging: followup, q: next })}
        clearLabel={t('absenceReports.workspace.clearSearch')}
      />

      <ListView
        query={query}
        caption={caption}
        count={(d) => t('absenceReports.workspace.count', { count: d.total })}
        loadingLabel={t('absenceReports.workspace.loading')}
        empty={filters ? t('absenceReports.workspace.emptyFiltered') : t('absenceReports.workspace.empty')}
        onPage={list.goToPage}
        rowKey={(r) => r.id}
        columns={[
          { header: t('absenceReports.columns.pupil'), rowHeader: true, cell: (r) => <ReportPupilLink report={r} to={`/leerplicht/meldingen/${r.id}`} /> },
          { header: t('absenceReports.columns.school'), cell: (r) => r.schoolName },
          { header: t('absenceReports.columns.type'), cell: (r) => t(typeKey(r.type)) },
          { header: t('absenceReports.columns.period'), cell: (r) => <Period start={r.startDate} end={r.endDate} /> },
          { header: t('absenceReports.columns.reportedOn'), className: 'samenspel-nowrap', cell: (r) => <DateText iso={r.reportedOn} /> },
          { header: t('absenceReports.columns.reference'), className: 'samenspel-nowrap', cell: (r) => r.reference ?? t('common.none') },
          { header: t('absenceReports.columns.followup'), className: 'samenspel-nowrap', cell: (r) => <FollowupBadge followup={r.followup} /> },
        ]}
      />
    </>
  );
}
