import { useEffect, useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../shared/api.ts';
import { formatDate, fullName } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ConflictAlert, ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { MessagePage } from '../shared/MessagePage.tsx';
import { Facts, Section } from '../shared/Section.tsx';
import { qk } from '../shared/query-keys.ts';
import { StaleNotice, useStale } from '../shared/StaleNotice.tsx';
import { useRequest, waitingForReader, type RequestDetail } from './data.ts';
import { OverdueBadge, RequestStatusBadge, UrgentBadge } from './RequestBadges.tsx';
import { RequestHistory } from './RequestHistory.tsx';
import { RequestObservations } from './RequestObservations.tsx';
import { RequestSteps } from './RequestSteps.tsx';
import { referralSentMessage, type ReferralSentState } from '../signals/referral.ts';

/**
 * One request between organisations, for its sender and its receiver: the facts, the question as
 * it was asked, the data it shares, what the reader may do now (one form per step the server
 * offers this reader, `can.steps`) and the thread of everything that happened. Every step sends the
 * version the page showed: someone else's step first gives the notice at the top (StaleNotice).
 */
export function RequestPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const query = useRequest(id);
  const [status, setStatus] = useState('');
  // Arriving from a signal's referral: say so in the live region once it is on the page, so it is announced.
  const location = useLocation();
  const referral = (location.state as ReferralSentState | null)?.referral;
  const sent = referral ? referralSentMessage(referral, t) : '';
  useEffect(() => {
    if (sent) setStatus(sent);
  }, [sent]);
  // Another 409 (the step is no longer allowed, not this side's): said at the top, since the form
  // that caused it may go away when the request is loaded again.
  const [conflict, setConflict] = useState<unknown>(null);
  const stepsHeading = useRef<HTMLHeadingElement>(null);
  const stale = useStale({
    record: query.data,
    queryKey: qk.request(id),
    refresh: [qk.requests.all],
    describe: (r) => [
      [t('requests.detail.status'), t(`requests.status.${r.status}`)],
      [t('requests.detail.holder'), r.holder?.name ?? ''],
      [t('requests.detail.due'), r.stepDueOn ? formatDate(r.stepDueOn, i18n.language) : ''],
      [t('requests.detail.decision'), r.decision ? t(`requests.decisions.${r.decision}`) : ''],
      [t('requests.detail.helpStartedOn'), r.helpStartedOn ? formatDate(r.helpStartedOn, i18n.language) : ''],
    ],
    available: (r) => r.can.steps.length > 0,
  });
  const done = (message: string) => {
    setConflict(null);
    stale.clear();
    setStatus(message);
    // The forms change with the new status: keep the keyboard at the steps' heading.
    stepsHeading.current?.focus();
  };
  const onConflict = (err: unknown) => {
    setStatus('');
    setConflict(err);
  };

  const backLink = <AppLink to="/verzoeken">{t('requests.detail.backToList')}</AppLink>;
  if (isApiError(query.error) && [400, 403, 404].includes(query.error.status)) {
    return <MessagePage title={t('requests.detail.notFound')} detail={t('requests.detail.notFoundDetail')} link={backLink} />;
  }
  const r = query.data;
  const title = !r ? t('requests.detail.title') : r.child ? t('requests.detail.titleNamed', { name: fullName(r.child) }) : t('requests.detail.titleHidden');
  return (
    <>
      <PageHeading title={title} />
      <LiveStatus>{status}</LiveStatus>
      {conflict != null && <ConflictAlert error={conflict} reloaded={t('requests.detail.conflictReloaded')} />}
      <StaleNotice stale={stale} />
      {query.isPending && <Loading label={t('requests.detail.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {r && (
        <>
          <Summary r={r} />
          <Question r={r} />
          <RequestSteps r={r} headingRef={stepsHeading} stale={stale} onDone={done} onConflict={onConflict} />
          <RequestObservations r={r} />
          <RequestHistory r={r} />
          <p className="utrecht-paragraph">{backLink}</p>
        </>
      )}
    </>
  );
}

function Summary({ r }: { r: RequestDetail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const date = (iso: string) => <time dateTime={iso}>{formatDate(iso, lng)}</time>;
  const who = waitingForReader(r);
  return (
    <Section id="request-summary" heading={t('requests.detail.summary')}>
      <Facts
        items={[
          [t('requests.detail.child'), r.child ? `${fullName(r.child)} (${t('common.ageYears', { count: r.child.age })})` : t('requests.detail.childHidden')],
          [
            t('requests.detail.kind'),
            <>
              {t(`requests.kinds.${r.kind}`)}
              {r.urgency === 'urgent' && (
                <>
                  {' '}
                  <UrgentBadge />
                </>
              )}
            </>,
          ],
          [t('requests.detail.status'), <RequestStatusBadge status={r.status} />],
          [t('requests.detail.from'), t('requests.detail.fromValue', { person: r.from.personName, organisation: r.from.name })],
          [t('requests.detail.to'), r.to.name],
          r.holder && [t('requests.detail.holder'), r.holder.name],
          [t('requests.detail.sentOn'), date(r.sentOn)],
          [t('requests.detail.waitingFor'), who ? t(`requests.detail.waiting.${who}`, { organisation: r.waitingFor === 'sender' ? r.from.name : r.to.name }) : t('requests.detail.waiting.nobody')],
          !!r.stepDueOn && [
            t('requests.detail.due'),
            <>
              {date(r.stepDueOn)}
              {r.overdue && (
                <>
                  {' '}
                  <OverdueBadge />
                </>
              )}
            </>,
          ],
          !!r.acceptedOn && [t('requests.detail.acceptedOn'), date(r.acceptedOn)],
          r.decision && [t('requests.detail.decision'), <>{t(`requests.decisions.${r.decision}`)}{r.decidedOn && <> ({date(r.decidedOn)})</>}</>],
          !!r.helpStartedOn && [t('requests.detail.helpStartedOn'), date(r.helpStartedOn)],
          !!r.endedOn && [t('requests.detail.endedOn'), date(r.endedOn)],
          // The sender keeps the case; a receiver may not be on its team.
          r.side === 'sender' && [t('requests.detail.case'), <AppLink to={`/casussen/${r.caseId}`}>{t('requests.detail.openCase')}</AppLink>],
        ]}
      />
    </Section>
  );
}

/** The question as the sender asked it, and what the receiver may see of the child. */
function Question({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const text = (value: string) => <span className="samenspel-pre-line">{value}</span>;
  return (
    <Section id="request-question" heading={t('requests.detail.questionHeading')}>
      <Facts
        items={[
          [t('requests.detail.question'), text(r.question)],
          [t('requests.detail.tried'), r.tried ? text(r.tried) : t('requests.detail.triedNone')],
          [t('requests.detail.goal'), text(r.goal)],
          r.backToSchool && [t('requests.detail.backToSchoolLabel'), t('common.yes')],
          [
            t(r.side === 'sender' ? 'requests.detail.dataKindsSender' : 'requests.detail.dataKindsReceiver'),
            r.dataKinds.map((d) => t(`consents.kinds.${d}`)).join(', '),
          ],
        ]}
      />
    </Section>
  );
}
