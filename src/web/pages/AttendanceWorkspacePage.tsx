import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { pageFrom } from '../url.ts';
import { FOLLOWUPS, typeKey, WORKSPACE_KEY, type Followup, type WorkspacePage } from '../absence.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { TextField } from '../components/Fields.tsx';
import { ErrorAlert, Loading, StatusText } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { Pager } from '../components/Pager.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { DateText, FollowupBadge, Period, ReportPupilCell } from './AbsenceReportsParts.tsx';

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
  const [params, setParams] = useSearchParams();
  const followupParam = params.get('opvolging') ?? '';
  const followup = (FOLLOWUPS as readonly string[]).includes(followupParam) ? (followupParam as Followup) : undefined;
  const q = params.get('q') ?? '';
  const page = pageFrom(params);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const query = useQuery({
    queryKey: [...WORKSPACE_KEY, activeMembership?.id, { followup, q, page }],
    queryFn: () => api.get<WorkspacePage>('/leerplicht/absence-reports', { followup, q, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const data = query.data;

  function search(f: { followup?: Followup; q?: string }): string {
    const next = new URLSearchParams();
    if (f.followup) next.set('opvolging', f.followup);
    if (f.q?.trim()) next.set('q', f.q.trim());
    return next.toString();
  }

  function onSearch(event: FormEvent) {
    event.preventDefault();
    setParams(search({ followup, q: draft }));
  }

  function goToPage(n: number) {
    const next = new URLSearchParams(params);
    next.set('pagina', String(n));
    setParams(next);
  }

  const gemeente = activeMembership?.organisationName ?? '';
  const filters = [followup ? t(`absenceReports.followup.${followup}`) : null, q ? t('absenceReports.workspace.searchFor', { q }) : null].filter(Boolean).join(', ');
  const caption = filters ? t('absenceReports.workspace.captionFiltered', { gemeente, filter: filters }) : t('absenceReports.workspace.caption', { gemeente });

  return (
    <>
      <PageHeading title={t('absenceReports.workspace.title')} />
      <p className="utrecht-paragraph">{t('absenceReports.workspace.intro', { gemeente })}</p>

      <nav aria-label={t('absenceReports.workspace.filterNav')} className="samenspel-counters-nav">
        <ul className="samenspel-counters">
          <li>
            <AppLink to={{ search: search({ q }) }} className="samenspel-counter" aria-current={!followup ? 'true' : undefined}>
              <span className="samenspel-counter__label">{t('absenceReports.workspace.all')}</span>
            </AppLink>
          </li>
          {FOLLOWUPS.map((f) => (
            <li key={f}>
              <AppLink to={{ search: search({ followup: f, q }) }} className={`samenspel-counter${f === 'new' ? ' samenspel-counter--late' : ''}`} aria-current={followup === f ? 'true' : undefined}>
                <span className="samenspel-counter__number">{data?.counts[f] ?? '…'}</span>
                <span className="samenspel-counter__label">{t(`absenceReports.followup.${f}`)}</span>
              </AppLink>
            </li>
          ))}
        </ul>
      </nav>

      <form role="search" className="samenspel-form samenspel-search samenspel-inline-form" onSubmit={onSearch}>
        <TextField
          id="workspace-search"
          type="search"
          name="q"
          label={t('absenceReports.workspace.searchLabel')}
          description={t('absenceReports.workspace.searchHint')}
          autoComplete="off"
          maxLength={100}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button">
            {t('common.search')}
          </Button>
          {q && (
            <Button appearance="subtle-button" onClick={() => setParams(search({ followup }))}>
              {t('absenceReports.workspace.clearSearch')}
            </Button>
          )}
        </div>
      </form>

      <StatusText>{data && !query.isFetching ? t('absenceReports.workspace.count', { count: data.total }) : ''}</StatusText>
      {query.isPending && <Loading label={t('absenceReports.workspace.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {data && data.items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{filters ? t('absenceReports.workspace.emptyFiltered') : t('absenceReports.workspace.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className={query.isFetching ? 'samenspel-refreshing' : undefined} aria-busy={query.isFetching || undefined}>
          <Table caption={caption}>
            <THead>
              <Th>{t('absenceReports.columns.pupil')}</Th>
              <Th>{t('absenceReports.columns.school')}</Th>
              <Th>{t('absenceReports.columns.type')}</Th>
              <Th>{t('absenceReports.columns.period')}</Th>
              <Th>{t('absenceReports.columns.reportedOn')}</Th>
              <Th>{t('absenceReports.columns.reference')}</Th>
              <Th>{t('absenceReports.columns.followup')}</Th>
            </THead>
            <TBody>
              {data.items.map((r) => (
                <Tr key={r.id}>
                  <ReportPupilCell report={r} to={`/leerplicht/meldingen/${r.id}`} />
                  <Td>{r.schoolName}</Td>
                  <Td>{t(typeKey(r.type))}</Td>
                  <Td>
                    <Period start={r.startDate} end={r.endDate} />
                  </Td>
                  <Td className="samenspel-nowrap">
                    <DateText iso={r.reportedOn} />
                  </Td>
                  <Td className="samenspel-nowrap">{r.reference ?? t('common.none')}</Td>
                  <Td className="samenspel-nowrap">
                    <FollowupBadge followup={r.followup} />
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
