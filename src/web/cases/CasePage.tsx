import { useEffect, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../shared/api.ts';
import type { CaseDetail } from '../shared/types.ts';
import type { Contract } from '../../contracts/common.ts';
import type { EmergencyAccessGranted } from '../../contracts/cases.ts';
import { formatDate, formatDateTimeShort, fullName } from '../shared/format.ts';
import { caseChanged, useCase } from './data.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { Alert, ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { CaseStatusBadge, SafetyRouteBadge } from './CaseBadges.tsx';
import { ConsentsSection, RecordConsentSection } from './CaseConsents.tsx';
import { CaseManage } from './CaseManage.tsx';
import { Team } from './CaseTeam.tsx';
import { History, Notes } from './CaseNotes.tsx';
import { MessagePage } from '../shared/MessagePage.tsx';
import { ReasonForm } from '../shared/ReasonForm.tsx';
import { Section } from '../shared/Section.tsx';
import type { CaseOpenedState } from './data.ts';
import { qk } from '../shared/query-keys.ts';
import { StaleNotice, useStale } from '../shared/StaleNotice.tsx';
import { CaseRequests } from '../requests/CaseRequests.tsx';
import { InvolvedSection, VerwijsindexReminder, VerwijsindexSection } from './CaseInvolved.tsx';
import { TransferCase, type Transferred } from './CaseTransfer.tsx';

/**
 * One case. What is shown follows the server's answer: a team member without a consent covering
 * their organisation sees only that the case exists and who the case manager is (`limited`); the
 * case owner and the case manager (`canManage`) keep the team and the consents.
 */
export function CasePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const query = useCase(id);
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  // The case went to the child's new school (this page's transfer form): when it no longer opens for
  // this user, the page says so instead of "not found".
  const [transferred, setTransferred] = useState<Transferred | null>(null);
  // The team, the case manager, a sibling, closing: all based on the case's version. Someone else
  // changed the case first (stale version): the notice at the top says what changed.
  const stale = useStale({
    record: query.data,
    queryKey: qk.case(id),
    refresh: [qk.cases.all],
    describe: (c) => [
      [t('cases.detail.status'), t(`cases.status.${c.status}`)],
      [t('cases.detail.caseManager'), `${c.caseManager.name}, ${c.caseManager.organisationName}`],
      [t('cases.team.heading'), (c.team ?? []).map((m) => m.name).join(', ')],
      [t('cases.detail.siblings'), (c.siblings ?? []).map((s) => s.childName ?? t('cases.detail.siblingHidden')).join(', ')],
      [t('cases.detail.nextEvaluation'), c.nextEvaluationOn ? formatDate(c.nextEvaluationOn, i18n.language) : ''],
    ],
    available: (c) => c.status === 'open' && !c.limited,
  });
  const done = (message: string) => {
    stale.clear();
    setStatus(message);
  };

  const opened = (location.state as CaseOpenedState | null)?.opened === true;
  useEffect(() => {
    if (opened) setStatus(t('cases.detail.opened'));
  }, [opened, t]);

  const hidden = isApiError(query.error) && [400, 403, 404].includes(query.error.status);
  if (hidden && transferred) {
    return <MessagePage title={t('cases.transfer.goneTitle')} detail={t('cases.transfer.gone', { school: transferred.organisationName })} link={<AppLink to="/casussen">{t('cases.detail.backToList')}</AppLink>} />;
  }
  if (hidden) return <MessagePage title={t('cases.detail.notFound')} detail={t('cases.detail.notFoundDetail')} link={<AppLink to="/casussen">{t('cases.detail.backToList')}</AppLink>} />;

  const k = query.data;
  const title = !k ? t('cases.detail.title') : k.limited ? t('cases.limitedTitle') : t('cases.detail.titleNamed', { title: k.title });
  return (
    <>
      <PageHeading title={title} />
      <LiveStatus>{status}</LiveStatus>
      <StaleNotice stale={stale} />
      {query.isPending && <Loading label={t('cases.detail.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {k && (
        <>
          <Summary k={k} />
          {k.needsCaseManager && (
            <Alert type="warning">
              <p className="utrecht-paragraph">{t('cases.detail.needsCaseManager', { name: k.caseManager.name, organisation: k.caseManager.organisationName })}</p>
            </Alert>
          )}
          {k.limited && (
            <Alert type="info">
              <p className="utrecht-paragraph">{t('cases.detail.limitedExplanation')}</p>
            </Alert>
          )}
          {k.verwijsindex && <VerwijsindexReminder k={k} v={k.verwijsindex} />}
          {k.safetyRoute && !k.canManage && <EmergencyAccess k={k} onDone={setStatus} />}
          {/* A team member without consent may still ask the school a question. */}
          {k.limited && <CaseRequests k={k} onDone={setStatus} />}
          {!k.limited && (
            <>
              {k.planId && (
                <p className="utrecht-paragraph">
                  <AppLink to={`/plannen/${k.planId}`}>{t('cases.detail.planLink')}</AppLink>
                </p>
              )}
              {k.team && <Team k={k} team={k.team} onDone={done} stale={stale} />}
              {k.involved && <InvolvedSection involved={k.involved} />}
              {k.verwijsindex && <VerwijsindexSection k={k} v={k.verwijsindex} onDone={done} stale={stale} />}
              {k.consents && <ConsentsSection k={k} consents={k.consents} onDone={setStatus} />}
              {k.canManage && k.consentRule && k.status === 'open' && <RecordConsentSection k={k} onDone={setStatus} />}
              <CaseRequests k={k} onDone={setStatus} />
              <Notes caseId={k.id} onDone={setStatus} />
              {k.history && <History history={k.history} />}
              {k.can.transfer && (
                <TransferCase
                  k={k}
                  stale={stale}
                  onTransferred={(result) => {
                    setTransferred(result);
                    done(t('cases.transfer.done', { school: result.organisationName }));
                    caseChanged(queryClient, k.id, k.child?.id);
                  }}
                />
              )}
              {k.canManage && k.status === 'open' && <CaseManage k={k} onDone={done} stale={stale} />}
            </>
          )}
          <p className="utrecht-paragraph">
            <AppLink to="/casussen">{t('cases.detail.backToList')}</AppLink>
          </p>
        </>
      )}
    </>
  );
}

function Summary({ k }: { k: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <Section id="case-summary" heading={t('cases.detail.summary')}>
      <dl className="samenspel-dl">
        {k.child && (
          <div>
            <dt>{t('cases.detail.child')}</dt>
            <dd>
              {k.can.openChild ? <AppLink to={`/kinderen/${k.child.id}`}>{fullName(k.child)}</AppLink> : fullName(k.child)} ({t('common.ageYears', { count: k.child.age })})
            </dd>
          </div>
        )}
        <div>
          <dt>{t('cases.detail.status')}</dt>
          <dd>
            <CaseStatusBadge status={k.status} />
            {k.safetyRoute && (
              <>
                {' '}
                <SafetyRouteBadge />
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('cases.detail.school')}</dt>
          <dd>{k.organisationName}</dd>
        </div>
        <div>
          <dt>{t('cases.detail.openedOn')}</dt>
          <dd>
            <time dateTime={k.openedOn}>{formatDate(k.openedOn, lng)}</time>
          </dd>
        </div>
        {k.nextEvaluationOn && (
          <div>
            <dt>{t('cases.detail.nextEvaluation')}</dt>
            <dd>
              <time dateTime={k.nextEvaluationOn}>{formatDate(k.nextEvaluationOn, lng)}</time>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('cases.detail.caseManager')}</dt>
          <dd>
            {k.caseManager.name}, {k.caseManager.organisationName}
            {k.caseManager.email && (
              <>
                {' – '}
                <a className="utrecht-link utrecht-link--html-a" href={`mailto:${k.caseManager.email}`}>
                  {k.caseManager.email}
                </a>
              </>
            )}
          </dd>
        </div>
        {k.family && (
          <div>
            <dt>{t('cases.detail.family')}</dt>
            <dd>
              {[
                ...(k.family.guardians ?? [t('cases.detail.guardiansNotShared')]),
                ...(k.family.childParticipates && k.child ? [t('cases.detail.childParticipates', { name: k.child.givenName })] : []),
              ].join(', ') || t('common.none')}
            </dd>
          </div>
        )}
        {k.siblings && k.siblings.length > 0 && (
          <div>
            <dt>{t('cases.detail.siblings')}</dt>
            <dd>
              <ul className="utrecht-unordered-list">
                {k.siblings.map((s) => (
                  <li key={s.caseId} className="utrecht-unordered-list__item">
                    {s.canOpen ? <AppLink to={`/casussen/${s.caseId}`}>{s.childName ?? t('cases.detail.siblingHidden')}</AppLink> : (s.childName ?? t('cases.detail.siblingHidden'))} ({t(`cases.status.${s.status}`)})
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {k.openedFromSignalId && (
          <div>
            <dt>{t('cases.detail.fromSignal')}</dt>
            <dd>
              {k.can.openSignal ? <AppLink to={`/signalen/${k.openedFromSignalId}`}>{t('cases.detail.fromSignalLink')}</AppLink> : t('cases.detail.fromSignalNoLink')}
            </dd>
          </div>
        )}
      </dl>
    </Section>
  );
}

/**
 * Emergency access on the safety route (Meldcode), for a team member who is not the case owner.
 * In the limited view the server does not say whether the case is on the safety route: the form
 * is offered with that condition in words, and the server refuses (409) when it is not.
 */
function EmergencyAccess({ k, onDone }: { k: CaseDetail; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <ReasonForm
      id="case-emergency"
      panel
      danger
      rows={4}
      heading={t('cases.emergency.heading')}
      intro={k.limited ? t('cases.emergency.introLimited') : t('cases.emergency.intro')}
      label={t('cases.emergency.reason')}
      hint={t('cases.emergency.reasonHint')}
      submitLabel={t('cases.emergency.submit')}
      send={(reason) => api.post<Contract<typeof EmergencyAccessGranted>>(`/cases/${k.id}/emergency-access`, { reason })}
      onSuccess={(result) => {
        onDone(t('cases.emergency.granted', { until: formatDateTimeShort(result.expiresAt, i18n.language) }));
        caseChanged(queryClient, k.id, k.child?.id);
      }}
    />
  );
}
