import { useEffect, useRef, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, ApiError, buildUrl, isApiError, type Problem } from '../shared/api.ts';
import { ErrorAlert } from '../shared/Alerts.tsx';
import { useSession } from '../shared/session.tsx';
import { formatDate } from '../shared/format.ts';
import { isIsoDate, typeKey } from '../shared/absence.ts';
import { REPORT_STATUSES, REPORT_TYPES, type ReportStatus, type ReportType } from '../../contracts/values/absence.ts';
import type { SchoolReportPage } from './data.ts';
import { qk } from '../shared/query-keys.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { SelectField, TextField, Options } from '../shared/Fields.tsx';
import { ListView } from '../shared/ListView.tsx';
import { FilterCounters } from '../shared/FilterCounters.tsx';
import { Actions, Section } from '../shared/Section.tsx';
import { useDraft, useListParams } from '../shared/list-params.ts';
import { Deadline, formatHours, Period, ReportPupilLink, ReportStatusBadge } from './ReportFacts.tsx';
import { OverigReportForm } from './OverigReportForm.tsx';

const PAGE_SIZE = 25;
const STATUS_VARIANT: Partial<Record<ReportStatus, string>> = { overdue: 'very-late', due: 'late' };

/**
 * The care coordinator's legal absence reports (verzuimmeldingen) of the school location they act
 * for: counters per status that double as filters, a filter by type and a "peildatum" to look
 * back, the table (what is late and due first, as the server orders it), the export for DUO's
 * verzuimloket, and "overig verzuim" reported by hand. Filters live in the URL.
 */
export function AbsenceReportsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { activeMembership } = useSession();
  const schoolId = activeMembership?.organisationId ?? '';
  const school = activeMembership?.organisationName ?? '';
  const list = useListParams();
  const status = list.oneOf('status', REPORT_STATUSES);
  const type = list.oneOf<ReportType>('soort', REPORT_TYPES);
  const asOf = isIsoDate(list.get('peildatum')) ? list.get('peildatum') : undefined;
  const page = list.page;
  const [draft, setDraft] = useDraft({ type: type ?? '', asOf: asOf ?? '' });

  const query = useQuery({
    queryKey: qk.absenceReports.list(schoolId, { status, type, asOf, page }),
    queryFn: () => api.get<SchoolReportPage>('/absence-reports', { schoolLocationId: schoolId, asOf, status, type, page, pageSize: PAGE_SIZE }),
    enabled: !!schoolId,
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const shownAsOf = data?.asOf ?? asOf ?? '';

  /** The URL for a filter; it starts at page 1. A status counter keeps type and peildatum. */
  const search = (f: { status?: ReportStatus; type?: string; asOf?: string }) =>
    list.search({ status: f.status, soort: f.type, peildatum: f.asOf && isIsoDate(f.asOf) ? f.asOf : undefined });

  function onFilter(event: FormEvent) {
    event.preventDefault();
    list.apply({ status, soort: draft.type, peildatum: isIsoDate(draft.asOf) ? draft.asOf : undefined });
  }

  const filters = [status ? t(`absenceReports.status.${status}`) : null, type ? t(typeKey(type)) : null].filter(Boolean).join(', ');
  const caption = t(filters ? 'absenceReports.list.captionFiltered' : 'absenceReports.list.caption', { school, date: formatDate(shownAsOf, lng), filter: filters });

  return (
    <>
      <PageHeading title={t('absenceReports.list.title')} />
      <p className="utrecht-paragraph">{t('absenceReports.list.intro', { school })}</p>

      <ExportAndOverig schoolId={schoolId} />

      <Section id="absence-list" heading={t('absenceReports.list.heading')}>
        <FilterCounters
          label={t('absenceReports.list.statusNav')}
          counters={[
            { key: 'all', search: search({ type, asOf }), label: t('absenceReports.list.all'), current: !status },
            ...REPORT_STATUSES.map((s) => ({
              key: s,
              search: search({ status: s, type, asOf }),
              label: t(`absenceReports.status.${s}`),
              count: data?.counts[s] ?? '…',
              current: status === s,
              variant: STATUS_VARIANT[s],
            })),
          ]}
        />

        <form className="samenspel-form samenspel-search samenspel-inline-form" onSubmit={onFilter}>
          <SelectField id="absence-type-filter" label={t('absenceReports.list.typeFilter')} value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value })}>
            <Options empty={t('absenceReports.list.typeAll')} values={REPORT_TYPES} label={(ty) => t(typeKey(ty))} />
          </SelectField>
          <TextField id="absence-as-of" type="date" label={t('absenceReports.list.asOf')} value={draft.asOf} onChange={(e) => setDraft({ ...draft, asOf: e.target.value })} />
          <Actions>
            <Button type="submit" appearance="secondary-action-button">
              {t('absenceReports.list.filterSubmit')}
            </Button>
            {asOf && (
              <Button appearance="subtle-button" onClick={() => list.apply({ status, soort: type })}>
                {t('absenceReports.list.backToToday')}
              </Button>
            )}
          </Actions>
        </form>

        <ListView
          query={query}
          caption={caption}
          count={(d) => t('absenceReports.list.count', { count: d.total, date: formatDate(d.asOf, lng) })}
          loadingLabel={t('absenceReports.list.loading')}
          empty={filters ? t('absenceReports.list.emptyFiltered') : t('absenceReports.list.empty')}
          onPage={list.goToPage}
          rowKey={(r) => r.id}
          columns={[
            { header: t('absenceReports.columns.pupil'), rowHeader: true, cell: (r) => <ReportPupilLink report={r} to={`/verzuim/meldingen/${r.id}`} /> },
            { header: t('absenceReports.columns.type'), cell: (r) => t(typeKey(r.type)) },
            { header: t('absenceReports.columns.period'), cell: (r) => <Period start={r.startDate} end={r.endDate} /> },
            { header: t('absenceReports.columns.hours'), cell: (r) => formatHours(r.hours, lng) },
            { header: t('absenceReports.columns.deadline'), cell: (r) => <Deadline report={r} asOf={data?.asOf ?? shownAsOf} /> },
            { header: t('absenceReports.columns.status'), className: 'samenspel-nowrap', cell: (r) => <ReportStatusBadge status={r.status} /> },
          ]}
        />
      </Section>
    </>
  );
}

/** The export for DUO's verzuimloket, and "overig verzuim" reported by hand (a form that opens in place). */
function ExportAndOverig({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation();
  const [overigOpen, setOverigOpen] = useState(false);
  const overigHeading = useRef<HTMLHeadingElement>(null);
  const overigButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (overigOpen) overigHeading.current?.focus();
  }, [overigOpen]);
  const closeOverig = () => {
    setOverigOpen(false);
    overigButton.current?.focus();
  };
  const exportUrl = buildUrl('/absence-reports/export', { schoolLocationId: schoolId });
  // The file is fetched first, so that a refusal (a pupil without BSN or onderwijsnummer) is shown
  // on the page, naming the pupils, instead of being downloaded as a file.
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  async function downloadExport() {
    if (exporting) return;
    setExporting(true);
    setExportError(null);
    try {
      const res = await fetch(exportUrl, { credentials: 'same-origin', headers: { accept: 'text/csv, application/problem+json' } });
      if (!res.ok) {
        let body: Partial<Problem> = {};
        try {
          body = await res.json();
        } catch {
          // not a problem document: the status says enough
        }
        throw new ApiError({ title: res.statusText, ...body, status: res.status });
      }
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'verzuimmeldingen.csv';
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setExportError(error instanceof ApiError ? error : new ApiError({ status: 0, title: 'Network error' }));
    } finally {
      setExporting(false);
    }
  }
  const missing = isApiError(exportError, 422) && exportError.problem.code === 'missing_identifier' ? exportError.problem.invalidParams ?? [] : null;
  return (
    <>
      <Section id="absence-export" heading={t('absenceReports.export.heading')}>
        <p className="utrecht-paragraph">{t('absenceReports.export.explain')}</p>
        <Actions>
          <Button appearance="secondary-action-button" busy={exporting} onClick={() => void downloadExport()}>
            {t('absenceReports.export.link')}
          </Button>
          <Button
            ref={overigButton}
            appearance="secondary-action-button"
            aria-expanded={overigOpen}
            aria-controls="overig-form"
            onClick={() => (overigOpen ? closeOverig() : setOverigOpen(true))}
          >
            {t('absenceReports.overig.open')}
          </Button>
        </Actions>
        {exportError != null && (missing ? <ErrorAlert message={t('absenceReports.export.missing')} otherParams={missing} /> : <ErrorAlert error={exportError} />)}
      </Section>
      <div id="overig-form">{overigOpen && <OverigReportForm schoolId={schoolId} headingRef={overigHeading} onCancel={closeOverig} />}</div>
    </>
  );
}
