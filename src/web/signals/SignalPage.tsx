import { useEffect, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import type { SignalDetail, SignalEvent } from '../shared/types.ts';
import { formatDate, formatDateTimeShort, fullName } from '../shared/format.ts';
import { allowedActions, useSignal, useSignalMeta } from './data.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ConflictAlert, ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { LatenessBadge, MeldcodeContact, MeldcodeSteps, StatusBadge } from './SignalBadges.tsx';
import type { SignalCreatedState } from './data.ts';
import { TriageSection, WithdrawSection } from './SignalActions.tsx';
import { SignalRequests, wasReferred } from './SignalRequests.tsx';
import { Section } from '../shared/Section.tsx';
import { qk } from '../shared/query-keys.ts';
import { StaleNotice, useStale } from '../shared/StaleNotice.tsx';

/**
 * One zorgsignaal: what was seen, the term for picking it up, the Meldcode for safety concerns,
 * everything that happened to it — and what the user may do now: the school's care coordinator
 * decides (only the actions the workflow allows from the current status), the author may withdraw
 * it while nobody has picked it up.
 */
export function SignalPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const { can } = useSession();
  const query = useSignal(id);
  const meta = useSignalMeta();
  const [status, setStatus] = useState('');
  // A 409: the workflow did not allow the action (someone else acted first). Shown at the top of
  // the page, because the section that caused it may go away when the signal is reloaded.
  const [conflict, setConflict] = useState<unknown>(null);
  // Someone else changed the signal first (stale version): the notice says what changed.
  const stale = useStale({
    record: query.data,
    queryKey: qk.signal(id),
    refresh: query.data ? [qk.signals.all, qk.childSignals(query.data.child.id)] : [qk.signals.all],
    describe: (s) => [
      [t('signals.detail.status'), t(`signals.status.${s.status}`)],
      [t('signals.detail.decision'), s.triageDecision ? t(`signals.decision.${s.triageDecision}`) : ''],
      [t('signals.detail.pickedUpOn'), s.pickedUpOn ? formatDate(s.pickedUpOn, i18n.language) : ''],
    ],
    // The section the user acted in may be gone with the new status.
    available: (s) =>
      !meta.data ||
      (s.access === 'care' ? allowedActions(meta.data.transitions, s.status, 'care').length > 0 : allowedActions(meta.data.transitions, s.status, 'author').some((a) => a.action === 'withdraw')),
  });
  const done = (message: string) => {
    setConflict(null);
    stale.clear();
    setStatus(message);
  };
  const onConflict = (err: unknown) => {
    setStatus('');
    const handled = stale.onError(err);
    if (!handled) stale.clear();
    setConflict(handled ? null : err);
  };

  // Arriving from the form: say so in the live region once it is on the page, so it is announced.
  const created = (location.state as SignalCreatedState | null)?.created === true;
  useEffect(() => {
    if (created) setStatus(t('signals.detail.created'));
  }, [created, t]);

  const hidden = isApiError(query.error) && [400, 403, 404].includes(query.error.status);
  const backLink =
    can.triageSignals ? (
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
      <StaleNotice stale={stale} />
      {query.isPending && <Loading label={t('signals.detail.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {signal && (
        <>
          <Summary signal={signal} />
          <Observation signal={signal} />
          {signal.meldcode && (
            <Section id="signal-meldcode" className="samenspel-meldcode" heading={t('signals.meldcode.heading')}>
              <p className="utrecht-paragraph">{t('signals.meldcode.detailIntro')}</p>
              <MeldcodeSteps steps={signal.meldcode.steps} />
              <h3 className="utrecht-heading-3">{t('signals.meldcode.contactHeading')}</h3>
              <MeldcodeContact contact={signal.meldcode.contact} />
              <p className="utrecht-paragraph">
                <strong>{t('signals.meldcode.acute')}</strong>
              </p>
            </Section>
          )}
          {wasReferred(signal) && <SignalRequests signal={signal} />}
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
    <Section id="signal-summary" heading={t('signals.detail.summary')}>
      <dl className="samenspel-dl">
        <div>
          <dt>{t('signals.detail.child')}</dt>
          <dd>
            {signal.can.openChild ? <AppLink to={`/kinderen/${signal.child.id}`}>{name}</AppLink> : name} ({t('common.ageYears', { count: signal.child.age })})
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
              {signal.can.openCase ? <AppLink to={`/casussen/${signal.caseId}`}>{t('signals.detail.openCase')}</AppLink> : t('signals.detail.caseNoLink')}
            </dd>
          </div>
        )}
      </dl>
    </Section>
  );
}

function Observation({ signal }: { signal: SignalDetail }) {
  const { t } = useTranslation();
  return (
    <Section id="signal-observation" heading={t('signals.detail.observation')}>
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
    </Section>
  );
}

/** Everything that happened, oldest first: who, when, from which status to which, and why. */
function History({ history }: { history: SignalEvent[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Section id="signal-history" heading={t('signals.history.heading')}>
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
    </Section>
  );
}
