import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, fieldErrors, isApiError } from '../api.ts';
import { useSession } from '../session.tsx';
import { CARE_ROLES } from '../roles.ts';
import type { CaseDetail, SignalAction, SignalDetail, SignalEvent, SignalTransition } from '../types.ts';
import { formatDate, formatDateTimeShort, fullName } from '../format.ts';
import { allowedActions, childSignalsKey, signalChanged, signalKey, useSignal, useSignalMeta } from '../signals.ts';
import { caseKey, casesKey } from '../cases.ts';
import type { CaseOpenedState } from './CasePage.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { RadioGroupField, TextAreaField, TextField } from '../components/Fields.tsx';
import { ConflictAlert, ErrorAlert, LiveStatus, Loading } from '../components/Alerts.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { LatenessBadge, MeldcodeContact, MeldcodeSteps, StatusBadge } from '../components/SignalBits.tsx';
import { focusFirstInvalid } from '../components/focus.ts';
import { ReasonForm } from '../components/ReasonForm.tsx';
import type { SignalCreatedState } from './RaiseSignalPage.tsx';

/**
 * One zorgsignaal: what was seen, the term for picking it up, the Meldcode for safety concerns,
 * everything that happened to it — and what the user may do now: the school's care coordinator
 * decides (only the actions the workflow allows from the current status), the author may withdraw
 * it while nobody has picked it up.
 */
export function SignalPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const { actorRole } = useSession();
  const query = useSignal(id);
  const meta = useSignalMeta();
  const [status, setStatus] = useState('');
  // A 409: the workflow did not allow the action (someone else acted first). Shown at the top of
  // the page, because the section that caused it may go away when the signal is reloaded.
  const [conflict, setConflict] = useState<unknown>(null);
  const done = (message: string) => {
    setConflict(null);
    setStatus(message);
  };
  const onConflict = (err: unknown) => {
    setStatus('');
    setConflict(err);
  };

  // Arriving from the form: say so in the live region once it is on the page, so it is announced.
  const created = (location.state as SignalCreatedState | null)?.created === true;
  useEffect(() => {
    if (created) setStatus(t('signals.detail.created'));
  }, [created, t]);

  const hidden = isApiError(query.error) && [400, 403, 404].includes(query.error.status);
  const backLink =
    actorRole && CARE_ROLES.includes(actorRole) ? (
      <AppLink to="/signalen">{t('signals.detail.backToQueue')}</AppLink>
    ) : (
      <AppLink to="/signalen/mijn">{t('signals.detail.backToMine')}</AppLink>
    );
  if (hidden) {
    return (
      <>
        <PageHeading title={t('signals.detail.notFound')} />
        <p className="utrecht-paragraph">{t('signals.detail.notFoundDetail')}</p>
        <p className="utrecht-paragraph">{backLink}</p>
      </>
    );
  }

  const signal = query.data;
  const name = signal ? fullName(signal.child) : '';
  return (
    <>
      <PageHeading title={signal ? t('signals.detail.titleNamed', { name }) : t('signals.detail.title')} />
      <LiveStatus>{status}</LiveStatus>
      {conflict != null && <ConflictAlert error={conflict} reloaded={t('signals.detail.conflictReloaded')} />}
      {query.isPending && <Loading label={t('signals.detail.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {signal && (
        <>
          <Summary signal={signal} />
          <Observation signal={signal} />
          {signal.meldcode && (
            <section className="samenspel-section samenspel-meldcode" aria-labelledby="signal-meldcode">
              <h2 id="signal-meldcode" className="utrecht-heading-2">
                {t('signals.meldcode.heading')}
              </h2>
              <p className="utrecht-paragraph">{t('signals.meldcode.detailIntro')}</p>
              <MeldcodeSteps steps={signal.meldcode.steps} />
              <h3 className="utrecht-heading-3">{t('signals.meldcode.contactHeading')}</h3>
              <MeldcodeContact contact={signal.meldcode.contact} />
              <p className="utrecht-paragraph">
                <strong>{t('signals.meldcode.acute')}</strong>
              </p>
            </section>
          )}
          {meta.isError && <ErrorAlert error={meta.error} />}
          {signal.access === 'care' && meta.data && (
            <TriageSection signal={signal} actions={allowedActions(meta.data.transitions, signal.status, 'care')} onDone={done} onConflict={onConflict} />
          )}
          {signal.access === 'author' && meta.data && allowedActions(meta.data.transitions, signal.status, 'author').some((a) => a.action === 'withdraw') && (
            <WithdrawSection signal={signal} onDone={done} onConflict={onConflict} />
          )}
          <History history={signal.history} />
          <p className="utrecht-paragraph">{backLink}</p>
        </>
      )}
    </>
  );
}

function Summary({ signal }: { signal: SignalDetail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const name = fullName(signal.child);
  return (
    <section className="samenspel-section" aria-labelledby="signal-summary">
      <h2 id="signal-summary" className="utrecht-heading-2">
        {t('signals.detail.summary')}
      </h2>
      <dl className="samenspel-dl">
        <div>
          <dt>{t('signals.detail.child')}</dt>
          <dd>
            <AppLink to={`/kinderen/${signal.child.id}`}>{name}</AppLink> ({t('common.ageYears', { count: signal.child.age })})
          </dd>
        </div>
        <div>
          <dt>{t('signals.detail.school')}</dt>
          <dd>{signal.organisationName}</dd>
        </div>
        <div>
          <dt>{t('signals.detail.status')}</dt>
          <dd>
            <StatusBadge status={signal.status} />
          </dd>
        </div>
        <div>
          <dt>{t('signals.detail.category')}</dt>
          <dd>{t(`signals.category.${signal.category}`)}</dd>
        </div>
        <div>
          <dt>{t('signals.detail.urgency')}</dt>
          <dd>{t(`signals.urgency.${signal.urgency}`)}</dd>
        </div>
        <div>
          <dt>{t('signals.detail.author')}</dt>
          <dd>
            {signal.author.isMe
              ? t('signals.detail.authorMe')
              : t('signals.detail.authorRole', { name: signal.author.name, role: t(`roles.${signal.author.role}`, { defaultValue: signal.author.role }) })}
          </dd>
        </div>
        <div>
          <dt>{t('signals.detail.raisedAt')}</dt>
          <dd>
            <time dateTime={signal.raisedAt}>{formatDateTimeShort(signal.raisedAt, lng)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('signals.detail.deadline')}</dt>
          <dd>
            <time dateTime={signal.pickupDeadline}>{formatDate(signal.pickupDeadline, lng)}</time>{' '}
            {t('signals.detail.schoolDays', { count: signal.pickupSchoolDays })}
          </dd>
        </div>
        <div>
          <dt>{t('signals.detail.lateness')}</dt>
          <dd>
            <LatenessBadge signal={signal} />
          </dd>
        </div>
        <div>
          <dt>{t('signals.detail.pickedUpOn')}</dt>
          <dd>{signal.pickedUpOn ? <time dateTime={signal.pickedUpOn}>{formatDate(signal.pickedUpOn, lng)}</time> : t('signals.detail.notPickedUp')}</dd>
        </div>
        {signal.triageDecision && (
          <div>
            <dt>{t('signals.detail.decision')}</dt>
            <dd>{t(`signals.decision.${signal.triageDecision}`)}</dd>
          </div>
        )}
        {signal.caseId && (
          <div>
            <dt>{t('signals.detail.case')}</dt>
            <dd>
              <AppLink to={`/casussen/${signal.caseId}`}>{t('signals.detail.openCase')}</AppLink>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function Observation({ signal }: { signal: SignalDetail }) {
  const { t } = useTranslation();
  return (
    <section className="samenspel-section" aria-labelledby="signal-observation">
      <h2 id="signal-observation" className="utrecht-heading-2">
        {t('signals.detail.observation')}
      </h2>
      <blockquote className="samenspel-observation">
        <p className="utrecht-paragraph samenspel-pre-line">{signal.observation}</p>
      </blockquote>
      <dl className="samenspel-dl">
        <div>
          <dt>{t('signals.detail.parentsInformed')}</dt>
          <dd>{signal.parentsInformed ? t('common.yes') : t('common.no')}</dd>
        </div>
        {!signal.parentsInformed && (
          <div>
            <dt>{t('signals.detail.parentsNotInformedReason')}</dt>
            <dd className="samenspel-pre-line">{signal.parentsNotInformedReason ?? t('common.unknown')}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/** The care coordinator's decision: only the actions the workflow allows from this status. */
interface ActionProps {
  signal: SignalDetail;
  onDone: (message: string) => void;
  /** The server refused with 409; the page shows why and reloads the signal. */
  onConflict: (err: unknown) => void;
}

function TriageSection({ signal, actions, onDone, onConflict }: ActionProps & { actions: SignalTransition[] }) {
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
        : { signal: await api.post<SignalDetail>(`/signals/${signal.id}/triage`, body) },
    onSuccess: (result, body) => {
      if ('opened' in result) {
        queryClient.setQueryData(caseKey(result.opened.id), result.opened);
        void queryClient.invalidateQueries({ queryKey: casesKey });
        void queryClient.invalidateQueries({ queryKey: signalKey(signal.id) });
        void queryClient.invalidateQueries({ queryKey: ['signals'] });
        void queryClient.invalidateQueries({ queryKey: childSignalsKey(signal.child.id) });
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
      void queryClient.invalidateQueries({ queryKey: signalKey(signal.id) });
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
    if (triage.isPending) return;
    triage.mutate(chosen === 'open_case' ? { decision: chosen, reason, title } : chosen ? { decision: chosen, reason } : { reason });
  }

  const authorName = signal.author.name;
  const isNew = signal.status === 'new';
  return (
    <section className="samenspel-section samenspel-panel" aria-labelledby="signal-triage">
      <h2 id="signal-triage" ref={headingRef} tabIndex={-1} className="utrecht-heading-2">
        {isNew ? t('signals.triage.headingNew') : t('signals.triage.heading')}
      </h2>
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
            <div className="utrecht-button-group samenspel-actions">
              <Button type="submit" appearance="primary-action-button" busy={triage.isPending}>
                {chosen === 'open_case' ? t('signals.triage.submitOpenCase') : t('signals.triage.submit')}
              </Button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

/** The author withdraws a signal nobody has picked up yet, with a reason. */
function WithdrawSection({ signal, onDone, onConflict }: ActionProps) {
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
      send={(reason) => api.post<SignalDetail>(`/signals/${signal.id}/withdraw`, { reason })}
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
        void queryClient.invalidateQueries({ queryKey: signalKey(signal.id) });
      }}
    />
  );
}

/** Everything that happened, oldest first: who, when, from which status to which, and why. */
function History({ history }: { history: SignalEvent[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="samenspel-section" aria-labelledby="signal-history">
      <h2 id="signal-history" className="utrecht-heading-2">
        {t('signals.history.heading')}
      </h2>
      <ol className="samenspel-timeline">
        {history.map((e, i) => (
          <li key={`${e.at}-${i}`} className="samenspel-timeline__item">
            <p className="utrecht-paragraph samenspel-timeline__when">
              <time dateTime={e.at}>{formatDateTimeShort(e.at, i18n.language)}</time>
              {' – '}
              {e.personName
                ? e.role
                  ? t('signals.history.byRole', { name: e.personName, role: t(`roles.${e.role}`, { defaultValue: e.role }) })
                  : e.personName
                : t('signals.history.bySystem')}
            </p>
            <p className="utrecht-paragraph samenspel-timeline__what">
              {e.fromStatus === null
                ? t('signals.history.raised')
                : t('signals.history.changed', { from: t(`signals.status.${e.fromStatus}`), to: t(`signals.status.${e.toStatus}`) })}
            </p>
            {e.decision && (
              <p className="utrecht-paragraph">
                <strong>{t('signals.history.decision')}</strong> {t(`signals.decision.${e.decision}`)}
              </p>
            )}
            {e.reason && (
              <p className="utrecht-paragraph samenspel-pre-line">
                <strong>{t('signals.history.reason')}</strong> {e.reason}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
