import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, isApiError, versionOf } from '../shared/api.ts';
import type { CaseDetail, SignalAction, SignalDetail, SignalTransition } from '../shared/types.ts';
import { signalChanged } from './data.ts';
import type { CaseOpenedState } from '../cases/data.ts';
import { TextAreaField, TextField } from '../shared/Fields.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { ErrorAlert } from '../shared/Alerts.tsx';
import { focusFirstInvalid } from '../shared/focus.ts';
import { ReasonForm } from '../shared/ReasonForm.tsx';
import { qk } from '../shared/query-keys.ts';
import { Actions, Section, SubmitRow } from '../shared/Section.tsx';

/* What can be done with a signal: the care coordinator's decision (triage) and the author's withdrawal. */

/** The care coordinator's decision: only the actions the workflow allows from this status. */
export interface ActionProps {
  signal: SignalDetail;
  onDone: (message: string) => void;
  /** The server refused with 409; the page shows why and reloads the signal. */
  onConflict: (err: unknown) => void;
}

export function TriageSection({ signal, actions, onDone, onConflict }: ActionProps & { actions: SignalTransition[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [decision, setDecision] = useState<SignalAction | ''>('');
  const [reason, setReason] = useState('');

  const navigate = useNavigate();
  const [title, setTitle] = useState('');

  // "Casus openen" opens the case (POST /cases with the signal): the server moves the signal to
  // "case" in the same transaction, so triage is not called as well.
  const triage = useMutation({
    mutationFn: async (body: { decision?: SignalAction; reason: string; title?: string }): Promise<{ opened: CaseDetail } | { signal: SignalDetail }> =>
      body.decision === 'open_case'
        ? { opened: await api.post<CaseDetail>('/cases', { childId: signal.child.id, title: body.title ?? '', fromSignalId: signal.id, reason: body.reason }) }
        : { signal: await api.post<SignalDetail>(`/signals/${signal.id}/triage`, { ...body, version: versionOf(signal) }) },
    onSuccess: (result, body) => {
      if ('opened' in result) {
        queryClient.setQueryData(qk.case(result.opened.id), result.opened);
        void queryClient.invalidateQueries({ queryKey: qk.cases.all });
        void queryClient.invalidateQueries({ queryKey: qk.signal(signal.id) });
        void queryClient.invalidateQueries({ queryKey: qk.signals.all });
        void queryClient.invalidateQueries({ queryKey: qk.childSignals(signal.child.id) });
        const state: CaseOpenedState = { opened: true };
        void navigate(`/casussen/${result.opened.id}`, { state });
        return;
      }
      const next = result.signal;
      signalChanged(queryClient, next);
      setDecision('');
      setReason('');
      onDone(t('signals.triage.saved', { decision: t(`signals.decision.${body.decision}`), status: t(`signals.status.${next.status}`) }));
      // The choices change with the new status (or the form goes): keep the keyboard at this section.
      headingRef.current?.focus();
    },
    onError: (err) => {
      // Someone else changed it: show the detail and load the current status.
      if (!isApiError(err, 409)) return;
      onConflict(err);
      void queryClient.invalidateQueries({ queryKey: qk.signal(signal.id) });
    },
  });
  const { byField, other } = fieldErrors(triage.error, ['decision', 'reason', 'title']);
  useEffect(() => {
    if (triage.isError) focusFirstInvalid(formRef.current);
  }, [triage.isError, triage.error]);

  // After a refresh (409) the chosen action may no longer be on offer.
  const chosen = actions.some((a) => a.action === decision) ? decision : '';
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    // "Doorverwijzen" is not a decision on its own here: the link leads to its form.
    if (triage.isPending || chosen === 'refer_outward') return;
    triage.mutate(chosen === 'open_case' ? { decision: chosen, reason, title } : chosen ? { decision: chosen, reason } : { reason });
  }

  const authorName = signal.author.name;
  const isNew = signal.status === 'new';
  return (
    <Section id="signal-triage" panel headingRef={headingRef} heading={isNew ? t('signals.triage.headingNew') : t('signals.triage.heading')}>
      {actions.length === 0 ? (
        <p className="utrecht-paragraph">{t('signals.triage.none', { status: t(`signals.status.${signal.status}`) })}</p>
      ) : (
        <>
          {triage.isError && !isApiError(triage.error, 409) && <ErrorAlert error={triage.error} fieldCount={Object.keys(byField).length} otherParams={other} />}
          <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
            <RadioGroupField
              id="triage-decision"
              name="decision"
              legend={t('signals.triage.decision')}
              options={actions.map((a) => ({
                value: a.action,
                label: t(`signals.decision.${a.action}`),
                description: t('signals.triage.leadsTo', { status: t(`signals.status.${a.to}`) }),
              }))}
              value={chosen}
              error={byField.decision}
              onChange={setDecision}
            />
            {chosen === 'open_case' && (
              <TextField
                id="triage-case-title"
                label={t('signals.triage.caseTitle')}
                description={t('signals.triage.caseTitleHint')}
                maxLength={200}
                value={title}
                error={byField.title}
                onChange={(e) => setTitle(e.target.value)}
              />
            )}
            {chosen === 'refer_outward' ? (
              // "Doorverwijzen" sends a request with it: that has its own form (POST /signals/:id/referral).
              <>
                <p className="utrecht-paragraph">{t('referrals.triage.explanation')}</p>
                <p className="utrecht-paragraph">{t('referrals.triage.explanationMore')}</p>
                <Actions>
                  <Link to={`/signalen/${signal.id}/doorverwijzen`} className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action samenspel-button-link">
                    {t('referrals.triage.link')}
                  </Link>
                </Actions>
              </>
            ) : (
              <>
                <TextAreaField
                  id="triage-reason"
                  label={t('signals.triage.reason')}
                  description={t('signals.triage.reasonHint', { name: authorName })}
                  required
                  rows={4}
                  maxLength={2000}
                  value={reason}
                  error={byField.reason}
                  onChange={(e) => setReason(e.target.value)}
                />
                <SubmitRow busy={triage.isPending}>{chosen === 'open_case' ? t('signals.triage.submitOpenCase') : t('signals.triage.submit')}</SubmitRow>
              </>
            )}
          </form>
        </>
      )}
    </Section>
  );
}

/** The author withdraws a signal nobody has picked up yet, with a reason. */
export function WithdrawSection({ signal, onDone, onConflict }: ActionProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <ReasonForm
      id="signal-withdraw"
      panel
      danger
      heading={t('signals.withdraw.heading')}
      intro={t('signals.withdraw.intro')}
      label={t('signals.withdraw.reason')}
      hint={t('signals.withdraw.reasonHint')}
      submitLabel={t('signals.withdraw.submit')}
      send={(reason) => api.post<SignalDetail>(`/signals/${signal.id}/withdraw`, { reason, version: versionOf(signal) })}
      onSuccess={(next) => {
        signalChanged(queryClient, next);
        onDone(t('signals.withdraw.done'));
        // This section goes away with the new status: keep the keyboard at the top of the page.
        document.querySelector<HTMLElement>('h1')?.focus();
      }}
      hidesError={(err) => isApiError(err, 409)}
      onError={(err) => {
        if (!isApiError(err, 409)) return;
        onConflict(err);
        void queryClient.invalidateQueries({ queryKey: qk.signal(signal.id) });
      }}
    />
  );
}
