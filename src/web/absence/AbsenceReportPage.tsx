import './absence.css';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import { formatDate, formatDateTimeShort, fullName } from '../shared/format.ts';
import { todayNl, typeKey } from '../shared/absence.ts';
import type { AbsenceReportDetail, ReportHistoryItem } from './data.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ConflictAlert, ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { DateText, Deadline, formatHours, Period, ReportStatusBadge } from './ReportFacts.tsx';
import type { ReportCreatedState } from './OverigReportForm.tsx';
import { qk } from '../shared/query-keys.ts';
import { DecisionSection, FollowupSection } from './ReportActions.tsx';
import { Fact } from './ReportFacts.tsx';
import { Section } from '../shared/Section.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../shared/Table.tsx';
import { StaleNotice, useStale } from '../shared/StaleNotice.tsx';

/**
 * One legal absence report. Everyone who may open it sees the facts and the history. The school's
 * care coordinator records what the school did (only what `allowed` offers: reported to DUO with
 * the DUO reference, not needed with a reason, reopened); the attendance officer of the pupil's
 * gemeente keeps their own follow-up status and notes, which only their own organisation sees.
 * After each action the keyboard goes to the status message that says what happened.
 */
export function AbsenceReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const { activeMembership } = useSession();
  const officerView = location.pathname.startsWith('/leerplicht/');
  const backLink = officerView ? <AppLink to="/leerplicht/meldingen">{t('absenceReports.detail.backToWorkspace')}</AppLink> : <AppLink to="/verzuim/meldingen">{t('absenceReports.detail.backToList')}</AppLink>;

  const query = useQuery({
    queryKey: qk.absenceReport(id),
    queryFn: () => api.get<AbsenceReportDetail>(`/absence-reports/${encodeURIComponent(id)}`),
  });

  // After an action the keyboard goes to the message that says what happened (the form may be gone).
  const [status, setStatus] = useState('');
  const statusRef = useRef<HTMLDivElement>(null);
  const [statusSeq, setStatusSeq] = useState(0);
  useEffect(() => {
    if (statusSeq) statusRef.current?.focus();
  }, [statusSeq]);
  // A 409: the workflow did not allow the action (someone acted first); shown at the top of the page.
  const [conflict, setConflict] = useState<unknown>(null);
  // Someone else changed the report first (stale version): the notice says what changed.
  const stale = useStale({
    record: query.data,
    queryKey: qk.absenceReport(id),
    refresh: [qk.absenceReports.all, qk.absenceWorkspace.all],
    describe: (r) => [
      [t('absenceReports.detail.status'), t(`absenceReports.status.${r.status}`)],
      [t('absenceReports.detail.reference'), r.reference ?? ''],
      [t('absenceReports.stale.followupStatus'), r.followup ? t(`absenceReports.followup.${r.followup.status}`) : ''],
      [t('absenceReports.stale.followupNotes'), String(r.followup?.items.length ?? '')],
    ],
    available: (r) => r.allowed.length > 0 || Boolean(r.followup),
  });
  const done = (message: string) => {
    setConflict(null);
    stale.clear();
    setStatus(message);
    setStatusSeq((n) => n + 1);
  };
  const onConflict = (err: unknown) => {
    setStatus('');
    const handled = stale.onError(err);
    if (!handled) stale.clear();
    setConflict(handled ? null : err);
  };

  const created = (location.state as ReportCreatedState | null)?.created === true;
  useEffect(() => {
    if (created) setStatus(t('absenceReports.detail.created'));
  }, [created, t]);

  if (isApiError(query.error) && [400, 403, 404].includes(query.error.status)) {
    return (
      <>
        <PageHeading title={t('absenceReports.detail.notFound')} />
        <p className="utrecht-paragraph">{t('absenceReports.detail.notFoundDetail')}</p>
        <p className="utrecht-paragraph">{backLink}</p>
      </>
    );
  }

  const report = query.data;
  return (
    <>
      <PageHeading title={report ? t('absenceReports.detail.titleNamed', { name: fullName(report.child), type: t(typeKey(report.type)) }) : t('absenceReports.detail.title')} />
      <div ref={statusRef} tabIndex={-1} className="samenspel-focus-target">
        <LiveStatus>{status}</LiveStatus>
      </div>
      {conflict != null && <ConflictAlert error={conflict} reloaded={t('absenceReports.detail.conflictReloaded')} />}
      <StaleNotice stale={stale} />
      {query.isPending && <Loading label={t('absenceReports.detail.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {report && (
        <>
          <Facts report={report} />
          <Days report={report} />
          {report.allowed.length > 0 && <DecisionSection report={report} onDone={done} onConflict={onConflict} />}
          {report.followup && <FollowupSection report={report} followup={report.followup} organisation={activeMembership?.organisationName ?? ''} onDone={done} onConflict={onConflict} />}
          <History report={report} />
          <p className="utrecht-paragraph">{backLink}</p>
        </>
      )}
    </>
  );
}

function Facts({ report }: { report: AbsenceReportDetail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <Section id="report-facts" heading={t('absenceReports.detail.facts')}>
      <dl className="samenspel-dl">
        <Fact label={t('absenceReports.detail.pupil')}>
          <AppLink to={`/kinderen/${report.childId}`}>{fullName(report.child)}</AppLink> ({t('absenceReports.detail.born')} <DateText iso={report.child.birthDate} />)
        </Fact>
        <Fact label={t('absenceReports.detail.school')}>{report.schoolName}</Fact>
        <Fact label={t('absenceReports.detail.type')}>
          {t(typeKey(report.type))}
          {report.origin === 'manual' ? ` (${t('absenceReports.detail.manual')})` : ''}
        </Fact>
        <Fact label={t('absenceReports.detail.period')}>
          <Period start={report.startDate} end={report.endDate} />
        </Fact>
        <Fact label={t('absenceReports.detail.hours')}>{t('absenceReports.detail.hoursValue', { hours: formatHours(report.hours, lng) })}</Fact>
        <Fact label={t('absenceReports.detail.dueOn')}>
          <DateText iso={report.dueOn} />
        </Fact>
        <Fact label={t('absenceReports.detail.deadline')}>
          <Deadline report={report} asOf={todayNl()} />
        </Fact>
        <Fact label={t('absenceReports.detail.status')}>
          <ReportStatusBadge status={report.status} />
        </Fact>
        {report.status === 'reported' && (
          <>
            <Fact label={t('absenceReports.detail.reportedOn')}>
              <DateText iso={report.reportedOn} />
            </Fact>
            <Fact label={t('absenceReports.detail.reference')}>{report.reference ?? t('common.none')}</Fact>
          </>
        )}
        {report.status === 'dismissed' && <Fact label={t('absenceReports.detail.dismissedReason')}>{report.dismissedReason ?? t('common.none')}</Fact>}
        {report.explanation && (
          <Fact label={t('absenceReports.detail.explanation')}>
            <span className="samenspel-pre-line">{report.explanation}</span>
          </Fact>
        )}
      </dl>
    </Section>
  );
}

/** The days and hours that made the report: the absence records of its period that its type counts. */
function Days({ report }: { report: AbsenceReportDetail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const total = report.days.reduce((sum, d) => sum + d.hours, 0);
  return (
    <Section id="report-days" heading={t('absenceReports.detail.days')}>
      {report.days.length === 0 ? (
        <p className="utrecht-paragraph">{t('absenceReports.detail.daysEmpty')}</p>
      ) : (
        <Table caption={t('absenceReports.detail.daysCaption')} captionHidden>
          <THead>
            <Th>{t('absenceReports.detail.day')}</Th>
            <Th className="samenspel-num">{t('absenceReports.detail.dayHours')}</Th>
            <Th>{t('absenceReports.detail.dayReason')}</Th>
          </THead>
          <TBody>
            {report.days.map((d) => (
              <Tr key={`${d.day}-${d.reason}`}>
                <Td>{formatDate(d.day, lng)}</Td>
                <Td className="samenspel-num">{formatHours(d.hours, lng)}</Td>
                <Td>{t(`absenceReports.reason.${d.reason}`)}</Td>
              </Tr>
            ))}
            <Tr>
              <Th row>{t('absenceReports.detail.daysTotal')}</Th>
              <Td className="samenspel-num">{formatHours(total, lng)}</Td>
              <Td />
            </Tr>
          </TBody>
        </Table>
      )}
    </Section>
  );
}

/** What happened to the report, oldest first: how it arose, then each event. */
function History({ report }: { report: AbsenceReportDetail }) {
  const { t, i18n } = useTranslation();
  const line = (h: ReportHistoryItem) => {
    switch (h.kind) {
      case 'reported':
        return t('absenceReports.history.reported', { reference: h.reference ?? t('common.none') });
      case 'dismissed':
        return t('absenceReports.history.dismissed');
      case 'reopened':
        return t('absenceReports.history.reopened');
      default:
        return t('absenceReports.history.withdrawn');
    }
  };
  return (
    <Section id="report-history" heading={t('absenceReports.history.heading')}>
      <ol className="samenspel-timeline">
        <li className="samenspel-timeline__item">
          <p className="utrecht-paragraph samenspel-timeline__when">
            <DateText iso={report.dueOn} />
          </p>
          <p className="utrecht-paragraph samenspel-timeline__what">{report.origin === 'manual' ? t('absenceReports.history.createdManual') : t('absenceReports.history.createdRule')}</p>
        </li>
        {report.history.map((h) => (
          <li key={h.id} className="samenspel-timeline__item">
            <p className="utrecht-paragraph samenspel-timeline__when">
              <DateText iso={h.occurredOn} />
              {/* A withdrawal is the system's (the absence was corrected); other events name who recorded them, when known. */}
              {h.by ? ` – ${h.by}` : h.kind === 'withdrawn' ? ` – ${t('absenceReports.history.bySystem')}` : ''}
              {` (${t('absenceReports.history.recordedAt', { at: formatDateTimeShort(h.at, i18n.language) })})`}
            </p>
            <p className="utrecht-paragraph samenspel-timeline__what">{line(h)}</p>
            {h.reason && (
              <p className="utrecht-paragraph samenspel-pre-line">
                <strong>{t('absenceReports.history.reason')}</strong> {h.reason}
              </p>
            )}
          </li>
        ))}
      </ol>
    </Section>
  );
}
