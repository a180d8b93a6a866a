import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, buildUrl } from '../api.ts';
import { useSession } from '../session.tsx';
import { formatDate } from '../format.ts';
import { pageFrom } from '../url.ts';
import { isIsoDate, REPORT_STATUSES, REPORT_TYPES, SCHOOL_REPORTS_KEY, typeKey, type ReportStatus, type ReportType, type SchoolReportPage } from '../absence.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ErrorAlert, Loading, StatusText } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { Pager } from '../components/Pager.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { Deadline, formatHours, Period, ReportPupilCell, ReportStatusBadge } from './AbsenceReportsParts.tsx';
import { OverigReportForm } from './AbsenceReportsOverigForm.tsx';

const PAGE_SIZE = 25;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

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
  const [params, setParams] = useSearchParams();
  const status = oneOf<ReportStatus>(params.get('status'), REPORT_STATUSES);
  const type = oneOf<ReportType>(params.get('soort'), REPORT_TYPES);
  const asOfParam = params.get('peildatum') ?? '';
  const asOf = isIsoDate(asOfParam) ? asOfParam : undefined;
  const page = pageFrom(params);

  const [draftType, setDraftType] = useState<string>(type ?? '');
  const [draftAsOf, setDraftAsOf] = useState(asOf ?? '');
  useEffect(() => setDraftType(type ?? ''), [type]);
  useEffect(() => setDraftAsOf(asOf ?? ''), [asOf]);

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

  const query = useQuery({
    queryKey: [...SCHOOL_REPORTS_KEY, schoolId, { status, type, asOf, page }],
    queryFn: () => api.get<SchoolReportPage>('/absence-reports', { schoolLocationId: schoolId, asOf, status, type, page, pageSize: PAGE_SIZE }),
    enabled: !!schoolId,
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const shownAsOf = data?.asOf ?? asOf ?? '';

  /** The URL for a filter; it starts at page 1. */
  function search(f: { status?: ReportStatus; type?: string; asOf?: string }): string {
    const next = new URLSearchParams();
    if (f.status) next.set('status', f.status);
    if (f.type) next.set('soort', f.type);
    if (f.asOf && isIsoDate(f.asOf)) next.set('peildatum', f.asOf);
    return next.toString();
  }
  /** A status counter keeps type and peildatum. */
  const withStatus = (s: ReportStatus | undefined) => search({ status: s, type, asOf });

  function onFilter(event: FormEvent) {
    event.preventDefault();
    setParams(search({ status, type: draftType, asOf: draftAsOf }));
  }

  function goToPage(n: number) {
    const next = new URLSearchParams(params);
    next.set('pagina', String(n));
    setParams(next);
  }

  const filters = [status ? t(`absenceReports.status.${status}`) : null, type ? t(typeKey(type)) : null].filter(Boolean).join(', ');
  const caption = t(filters ? 'absenceReports.list.captionFiltered' : 'absenceReports.list.caption', { school, date: formatDate(shownAsOf, lng), filter: filters });
  const exportUrl = buildUrl('/absence-reports/export', { schoolLocationId: schoolId });

  return (
    <>
      <PageHeading title={t('absenceReports.list.title')} />
      <p className="utrecht-paragraph">{t('absenceReports.list.intro', { school })}</p>

      <section className="samenspel-section" aria-labelledby="absence-export">
        <h2 id="absence-export" className="utrecht-heading-2">
          {t('absenceReports.export.heading')}
        </h2>
        <p className="utrecht-paragraph">{t('absenceReports.export.explain')}</p>
        <div className="utrecht-button-group samenspel-actions">
          <a href={exportUrl} download className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action samenspel-button-link">
            {t('absenceReports.export.link')}
          </a>
          <Button
            ref={overigButton}
            appearance="secondary-action-button"
            aria-expanded={overigOpen}
            aria-controls="overig-form"
            onClick={() => (overigOpen ? closeOverig() : setOverigOpen(true))}
          >
            {t('absenceReports.overig.open')}
          </Button>
        </div>
      </section>

      <div id="overig-form">{overigOpen && <OverigReportForm schoolId={schoolId} headingRef={overigHeading} onCancel={closeOverig} />}</div>

      <section className="samenspel-section" aria-labelledby="absence-list">
        <h2 id="absence-list" className="utrecht-heading-2">
          {t('absenceReports.list.heading')}
        </h2>
        <nav aria-label={t('absenceReports.list.statusNav')} className="samenspel-counters-nav">
          <ul className="samenspel-counters">
            <li>
              <AppLink to={{ search: withStatus(undefined) }} className="samenspel-counter" aria-current={!status ? 'true' : undefined}>
                <span className="samenspel-counter__label">{t('absenceReports.list.all')}</span>
              </AppLink>
            </li>
            {REPORT_STATUSES.map((s) => (
              <li key={s}>
                <AppLink
                  to={{ search: withStatus(s) }}
                  className={`samenspel-counter${s === 'overdue' ? ' samenspel-counter--very-late' : s === 'due' ? ' samenspel-counter--late' : ''}`}
                  aria-current={status === s ? 'true' : undefined}
                >
                  <span className="samenspel-counter__number">{data?.counts[s] ?? '…'}</span>
                  <span className="samenspel-counter__label">{t(`absenceReports.status.${s}`)}</span>
                </AppLink>
              </li>
            ))}
          </ul>
        </nav>

        <form className="samenspel-form samenspel-search samenspel-inline-form" onSubmit={onFilter}>
          <SelectField id="absence-type-filter" label={t('absenceReports.list.typeFilter')} value={draftType} onChange={(e) => setDraftType(e.target.value)}>
            <option value="">{t('absenceReports.list.typeAll')}</option>
            {REPORT_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(typeKey(ty))}
              </option>
            ))}
          </SelectField>
          <TextField
            id="absence-as-of"
            type="date"
            label={t('absenceReports.list.asOf')}
            value={draftAsOf}
            onChange={(e) => setDraftAsOf(e.target.value)}
          />
          <div className="utrecht-button-group samenspel-actions">
            <Button type="submit" appearance="secondary-action-button">
              {t('absenceReports.list.filterSubmit')}
            </Button>
            {asOf && (
              <Button appearance="subtle-button" onClick={() => setParams(search({ status, type }))}>
                {t('absenceReports.list.backToToday')}
              </Button>
            )}
          </div>
        </form>

        <StatusText>{data && !query.isFetching ? t('absenceReports.list.count', { count: data.total, date: formatDate(data.asOf, lng) }) : ''}</StatusText>
        {query.isPending && schoolId && <Loading label={t('absenceReports.list.loading')} />}
        {query.isError && <ErrorAlert error={query.error} />}
        {data && data.items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{filters ? t('absenceReports.list.emptyFiltered') : t('absenceReports.list.empty')}</p>}
        {data && data.items.length > 0 && (
          <div className={query.isFetching ? 'samenspel-refreshing' : undefined} aria-busy={query.isFetching || undefined}>
            <Table caption={caption}>
              <THead>
                <Th>{t('absenceReports.columns.pupil')}</Th>
                <Th>{t('absenceReports.columns.type')}</Th>
                <Th>{t('absenceReports.columns.period')}</Th>
                <Th>{t('absenceReports.columns.hours')}</Th>
                <Th>{t('absenceReports.columns.deadline')}</Th>
                <Th>{t('absenceReports.columns.status')}</Th>
              </THead>
              <TBody>
                {data.items.map((r) => (
                  <Tr key={r.id}>
                    <ReportPupilCell report={r} to={`/verzuim/meldingen/${r.id}`} />
                    <Td>{t(typeKey(r.type))}</Td>
                    <Td>
                      <Period start={r.startDate} end={r.endDate} />
                    </Td>
                    <Td>{formatHours(r.hours, lng)}</Td>
                    <Td>
                      <Deadline report={r} asOf={data.asOf} />
                    </Td>
                    <Td className="samenspel-nowrap">
                      <ReportStatusBadge status={r.status} />
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={goToPage} />
          </div>
        )}
      </section>
    </>
  );
}
