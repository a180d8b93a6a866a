import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useLocation, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, isApiError } from '../api.ts';
import { useSession } from '../session.tsx';
import { formatDateTimeShort, fullName } from '../format.ts';
import {
  absenceReportChanged,
  absenceReportKey,
  todayNl,
  typeKey,
  type AbsenceReport,
  type AbsenceReportDetail,
  type FollowupState,
  type FollowupStatus,
  type ReportDecisionKind,
  type ReportHistoryItem,
} from '../absence.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { RadioGroupField, SelectField, TextAreaField, TextField } from '../components/Fields.tsx';
import { FormErrors, useApiForm } from '../components/ApiForm.tsx';
import { Alert, ConflictAlert, ErrorAlert, LiveStatus, Loading } from '../components/Alerts.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { DateText, Deadline, FollowupBadge, formatHours, Period, ReportStatusBadge } from './AbsenceReportsParts.tsx';
import type { ReportCreatedState } from './AbsenceReportsOverigForm.tsx';

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
    queryKey: absenceReportKey(id),
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
  const done = (message: string) => {
    setConflict(null);
    setStatus(message);
    setStatusSeq((n) => n + 1);
  };
  const onConflict = (err: unknown) => {
    setStatus('');
    setConflict(err);
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
      {query.isPending && <Loading label={t('absenceReports.detail.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {report && (
        <>
          <Facts report={report} />
          {report.allowed.length > 0 && <DecisionSection report={report} onDone={done} onConflict={onConflict} />}
          {report.followup && <FollowupSection report={report} followup={report.followup} organisation={activeMembership?.organisationName ?? ''} onDone={done} onConflict={onConflict} />}
          <History report={report} />
          <p className="utrecht-paragraph">{backLink}</p>
        </>
      )}
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Facts({ report }: { report: AbsenceReportDetail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <section className="samenspel-section" aria-labelledby="report-facts">
      <h2 id="report-facts" className="utrecht-heading-2">
        {t('absenceReports.detail.facts')}
      </h2>
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
    </section>
  );
}

interface ActionProps {
  report: AbsenceReportDetail;
  onDone: (message: string) => void;
  /** The server refused with 409 (someone else acted first): the page says so and reloads. */
  onConflict: (err: unknown) => void;
}

const DECISION_FIELDS = ['kind', 'occurredOn', 'reference', 'reason'] as const;

/** The school records what it did: only the decisions the workflow allows from this status. */
function DecisionSection({ report, onDone, onConflict }: ActionProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ReportDecisionKind | ''>('');
  const [occurredOn, setOccurredOn] = useState(todayNl());
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const [noChoice, setNoChoice] = useState(0);
  const chosen = report.allowed.includes(kind as ReportDecisionKind) ? (kind as ReportDecisionKind) : '';

  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { kind: ReportDecisionKind; occurredOn?: string; reference?: string; reason?: string }) => api.post<AbsenceReport>(`/absence-reports/${report.id}/decisions`, body),
    fields: DECISION_FIELDS,
    onSuccess: (next, body) => {
      queryClient.setQueryData<AbsenceReportDetail>(absenceReportKey(report.id), (old) => (old ? { ...old, ...next } : old));
      absenceReportChanged(queryClient, report.id);
      setKind('');
      setReference('');
      setReason('');
      onDone(t('absenceReports.decision.saved', { decision: t(`absenceReports.decision.kind.${body.kind}`), status: t(`absenceReports.status.${next.status}`) }));
    },
    onError: (err) => {
      if (!isApiError(err, 409)) return;
      onConflict(err);
      void queryClient.invalidateQueries({ queryKey: absenceReportKey(report.id) });
    },
  });
  useEffect(() => {
    if (noChoice) formRef.current?.querySelector<HTMLElement>('input[type="radio"]')?.focus();
  }, [noChoice, formRef]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    if (!chosen) {
      mutation.reset();
      setNoChoice((n) => n + 1);
      return;
    }
    setNoChoice(0);
    if (chosen === 'reported') mutation.mutate({ kind: chosen, occurredOn, reference });
    else mutation.mutate({ kind: chosen, reason });
  }

  const kindError = noChoice && !chosen ? t('absenceReports.decision.chooseKind') : byField.kind;
  return (
    <section className="samenspel-section samenspel-panel" aria-labelledby="report-decision">
      <h2 id="report-decision" className="utrecht-heading-2">
        {t('absenceReports.decision.heading')}
      </h2>
      <p className="utrecht-paragraph">{t('absenceReports.decision.intro')}</p>
      {noChoice > 0 && !chosen && <ErrorAlert message={t('absenceReports.form.fix')} fieldCount={1} />}
      {!isApiError(mutation.error, 409) && <FormErrors mutation={mutation} byField={byField} other={other} />}
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <RadioGroupField
          id="decision-kind"
          name="kind"
          legend={t('absenceReports.decision.kindLegend')}
          options={report.allowed.map((k) => ({ value: k, label: t(`absenceReports.decision.kind.${k}`), description: t(`absenceReports.decision.kindHint.${k}`) }))}
          value={chosen}
          error={kindError}
          onChange={setKind}
        />
        {chosen === 'reported' && (
          <>
            <TextField
              id="decision-date"
              type="date"
              label={t('absenceReports.decision.occurredOn')}
              description={t('absenceReports.decision.occurredOnHint')}
              required
              max={todayNl()}
              value={occurredOn}
              error={byField.occurredOn}
              onChange={(e) => setOccurredOn(e.target.value)}
            />
            <TextField
              id="decision-reference"
              label={t('absenceReports.decision.reference')}
              description={t('absenceReports.decision.referenceHint')}
              required
              autoComplete="off"
              maxLength={100}
              value={reference}
              error={byField.reference}
              onChange={(e) => setReference(e.target.value)}
            />
          </>
        )}
        {(chosen === 'dismissed' || chosen === 'reopened') && (
          <TextAreaField
            id="decision-reason"
            label={chosen === 'dismissed' ? t('absenceReports.decision.reason') : t('absenceReports.decision.reopenReason')}
            description={chosen === 'dismissed' ? t('absenceReports.decision.reasonHint') : undefined}
            required={chosen === 'dismissed'}
            optional={chosen === 'reopened'}
            rows={3}
            maxLength={2000}
            value={reason}
            error={byField.reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={mutation.isPending}>
            {t('absenceReports.decision.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

const FOLLOWUP_FIELDS = ['status', 'note'] as const;

/** The attendance officer's own follow-up: the next status the workflow allows, and/or a note. */
function FollowupSection({ report, followup, organisation, onDone, onConflict }: ActionProps & { followup: FollowupState; organisation: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [next, setNext] = useState<FollowupStatus | ''>('');
  const [note, setNote] = useState('');
  const chosen = followup.allowed.includes(next as FollowupStatus) ? (next as FollowupStatus) : '';

  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { status?: FollowupStatus; note?: string }) => api.post<FollowupState>(`/absence-reports/${report.id}/followups`, body),
    fields: FOLLOWUP_FIELDS,
    onSuccess: (state) => {
      queryClient.setQueryData<AbsenceReportDetail>(absenceReportKey(report.id), (old) => (old ? { ...old, followup: state } : old));
      absenceReportChanged(queryClient, report.id);
      setNext('');
      setNote('');
      onDone(t('absenceReports.followupForm.saved', { status: t(`absenceReports.followup.${state.status}`) }));
    },
    onError: (err) => {
      if (!isApiError(err, 409)) return;
      onConflict(err);
      void queryClient.invalidateQueries({ queryKey: absenceReportKey(report.id) });
    },
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    const body: { status?: FollowupStatus; note?: string } = {};
    if (chosen) body.status = chosen;
    if (note.trim()) body.note = note;
    mutation.mutate(body);
  }

  return (
    <section className="samenspel-section samenspel-panel" aria-labelledby="report-followup">
      <h2 id="report-followup" className="utrecht-heading-2">
        {t('absenceReports.followupForm.heading')}
      </h2>
      <Alert type="info">
        <p className="utrecht-paragraph">{t('absenceReports.followupForm.privacy', { organisation })}</p>
      </Alert>
      <dl className="samenspel-dl">
        <Fact label={t('absenceReports.followupForm.current')}>
          <FollowupBadge followup={followup.status} />
        </Fact>
      </dl>
      {!isApiError(mutation.error, 409) && <FormErrors mutation={mutation} byField={byField} other={other} />}
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <SelectField
          id="followup-status"
          label={t('absenceReports.followupForm.next')}
          description={t('absenceReports.followupForm.nextHint')}
          value={chosen}
          error={byField.status}
          onChange={(e) => setNext(e.target.value as FollowupStatus | '')}
        >
          <option value="">{t('absenceReports.followupForm.keep', { status: t(`absenceReports.followup.${followup.status}`) })}</option>
          {followup.allowed.map((s) => (
            <option key={s} value={s}>
              {t(`absenceReports.followup.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          id="followup-note"
          label={t('absenceReports.followupForm.note')}
          description={t('absenceReports.followupForm.noteHint')}
          optional={!!chosen}
          rows={4}
          maxLength={4000}
          value={note}
          error={byField.note}
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={mutation.isPending}>
            {t('absenceReports.followupForm.submit')}
          </Button>
        </div>
      </form>

      <h3 className="utrecht-heading-3">{t('absenceReports.followupForm.notesHeading')}</h3>
      {followup.items.length === 0 ? (
        <p className="utrecht-paragraph">{t('absenceReports.followupForm.noNotes')}</p>
      ) : (
        <ol className="samenspel-timeline">
          {[...followup.items].reverse().map((f) => (
            <li key={f.id} className="samenspel-timeline__item">
              <p className="utrecht-paragraph samenspel-timeline__when">
                <time dateTime={f.at}>{formatDateTimeShort(f.at, i18n.language)}</time>
                {f.by ? ` – ${f.by}` : ''}
              </p>
              {f.status && <p className="utrecht-paragraph samenspel-timeline__what">{t('absenceReports.followupForm.statusSet', { status: t(`absenceReports.followup.${f.status}`) })}</p>}
              {f.note && <p className="utrecht-paragraph samenspel-pre-line">{f.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
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
    <section className="samenspel-section" aria-labelledby="report-history">
      <h2 id="report-history" className="utrecht-heading-2">
        {t('absenceReports.history.heading')}
      </h2>
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
    </section>
  );
}
