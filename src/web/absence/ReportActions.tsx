import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError, versionOf } from '../shared/api.ts';
import { formatDateTimeShort } from '../shared/format.ts';
import { todayNl } from '../shared/absence.ts';
import type { FollowupStatus, ReportDecisionKind } from '../../contracts/values/absence.ts';
import { SelectField, TextAreaField, TextField, Options } from '../shared/Fields.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { Alert, ErrorAlert } from '../shared/Alerts.tsx';
import { FollowupBadge } from './ReportFacts.tsx';
import { qk } from '../shared/query-keys.ts';
import { absenceReportChanged, type AbsenceReport, type AbsenceReportDetail, type FollowupState } from './data.ts';
import { Fact } from './ReportFacts.tsx';
import { Section } from '../shared/Section.tsx';

/* What can be done with a report: the school's decision and the attendance officer's follow-up. */

export interface ActionProps {
  report: AbsenceReportDetail;
  onDone: (message: string) => void;
  /** The server refused with 409 (someone else acted first): the page says so and reloads. */
  onConflict: (err: unknown) => void;
}

export const DECISION_FIELDS = ['kind', 'occurredOn', 'reference', 'reason'] as const;

/** The school records what it did: only the decisions the workflow allows from this status. */
export function DecisionSection({ report, onDone, onConflict }: ActionProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ReportDecisionKind | ''>('');
  const [occurredOn, setOccurredOn] = useState(todayNl());
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const [noChoice, setNoChoice] = useState(0);
  const chosen = report.allowed.includes(kind as ReportDecisionKind) ? (kind as ReportDecisionKind) : '';

  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { kind: ReportDecisionKind; occurredOn?: string; reference?: string; reason?: string }) => api.post<AbsenceReport>(`/absence-reports/${report.id}/decisions`, { ...body, version: versionOf(report) }),
    fields: DECISION_FIELDS,
    onSuccess: (next, body) => {
      queryClient.setQueryData<AbsenceReportDetail>(qk.absenceReport(report.id), (old) => (old ? { ...old, ...next } : old));
      absenceReportChanged(queryClient, report.id);
      setKind('');
      setReference('');
      setReason('');
      onDone(t('absenceReports.decision.saved', { decision: t(`absenceReports.decision.kind.${body.kind}`), status: t(`absenceReports.status.${next.status}`) }));
    },
    onError: (err) => {
      if (!isApiError(err, 409)) return;
      onConflict(err);
      void queryClient.invalidateQueries({ queryKey: qk.absenceReport(report.id) });
    },
  });
  useEffect(() => {
    if (noChoice) formRef.current?.querySelector<HTMLElement>('input[type="radio"]')?.focus();
  }, [noChoice, formRef]);

  function onSubmit() {
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
    <Section id="report-decision" panel heading={t('absenceReports.decision.heading')}>
      <p className="utrecht-paragraph">{t('absenceReports.decision.intro')}</p>
      {noChoice > 0 && !chosen && <ErrorAlert message={t('absenceReports.form.fix')} fieldCount={1} />}
      <ApiFormView form={{ mutation, byField, other, formRef }} onSubmit={onSubmit} submit={t('absenceReports.decision.submit')} hideErrors={isApiError(mutation.error, 409)}>
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
      </ApiFormView>
    </Section>
  );
}

export const FOLLOWUP_FIELDS = ['status', 'note'] as const;

/** The attendance officer's own follow-up: the next status the workflow allows, and/or a note. */
export function FollowupSection({ report, followup, organisation, onDone, onConflict }: ActionProps & { followup: FollowupState; organisation: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [next, setNext] = useState<FollowupStatus | ''>('');
  const [note, setNote] = useState('');
  const chosen = followup.allowed.includes(next as FollowupStatus) ? (next as FollowupStatus) : '';

  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { status?: FollowupStatus; note?: string }) => api.post<FollowupState>(`/absence-reports/${report.id}/followups`, { ...body, version: versionOf(report) }),
    fields: FOLLOWUP_FIELDS,
    onSuccess: (state) => {
      queryClient.setQueryData<AbsenceReportDetail>(qk.absenceReport(report.id), (old) => (old ? { ...old, followup: state, version: versionOf(state) ?? old.version } : old));
      absenceReportChanged(queryClient, report.id);
      setNext('');
      setNote('');
      onDone(t('absenceReports.followupForm.saved', { status: t(`absenceReports.followup.${state.status}`) }));
    },
    onError: (err) => {
      if (!isApiError(err, 409)) return;
      onConflict(err);
      void queryClient.invalidateQueries({ queryKey: qk.absenceReport(report.id) });
    },
  });

  function onSubmit() {
    if (mutation.isPending) return;
    const body: { status?: FollowupStatus; note?: string } = {};
    if (chosen) body.status = chosen;
    if (note.trim()) body.note = note;
    mutation.mutate(body);
  }

  return (
    <Section id="report-followup" panel heading={t('absenceReports.followupForm.heading')}>
      <Alert type="info">
        <p className="utrecht-paragraph">{t('absenceReports.followupForm.privacy', { organisation })}</p>
      </Alert>
      <dl className="samenspel-dl">
        <Fact label={t('absenceReports.followupForm.current')}>
          <FollowupBadge followup={followup.status} />
        </Fact>
      </dl>
      <ApiFormView form={{ mutation, byField, other, formRef }} onSubmit={onSubmit} submit={t('absenceReports.followupForm.submit')} hideErrors={isApiError(mutation.error, 409)}>
        <SelectField
          id="followup-status"
          label={t('absenceReports.followupForm.next')}
          description={t('absenceReports.followupForm.nextHint')}
          value={chosen}
          error={byField.status}
          onChange={(e) => setNext(e.target.value as FollowupStatus | '')}
        >
          <Options empty={t('absenceReports.followupForm.keep', { status: t(`absenceReports.followup.${followup.status}`) })} values={followup.allowed} label={(s) => t(`absenceReports.followup.${s}`)} />
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
      </ApiFormView>

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
    </Section>
  );
}
