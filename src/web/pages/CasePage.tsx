import { useEffect, useState, type FormEvent } from 'react';
import { useLocation, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, isApiError } from '../api.ts';
import type { CaseDetail, CaseEvent, CaseTeamMember } from '../types.ts';
import { formatDate, formatDateTimeShort, fullName } from '../format.ts';
import { caseChanged, caseKey, caseNotesKey, directoryMissing, useCase, useCaseNotes, useOrganisationMembers, useOrganisations } from '../cases.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { Alert, ErrorAlert, LiveStatus, Loading } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../components/Fields.tsx';
import { FormErrors, useApiForm } from '../components/ApiForm.tsx';
import { CaseStatusBadge, SafetyRouteBadge } from '../components/CaseBits.tsx';
import { ConsentsSection, RecordConsentSection } from './CaseConsents.tsx';
import { CaseManage } from './CaseManage.tsx';
import { ReasonForm } from '../components/ReasonForm.tsx';

export interface CaseOpenedState {
  opened?: boolean;
}

/**
 * One case. What is shown follows the server's answer: a team member without a consent covering
 * their organisation sees only that the case exists and who the case manager is (`limited`); the
 * case owner and the case manager (`canManage`) keep the team and the consents.
 */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const query = useCase(id);
  const [status, setStatus] = useState('');

  const opened = (location.state as CaseOpenedState | null)?.opened === true;
  useEffect(() => {
    if (opened) setStatus(t('cases.detail.opened'));
  }, [opened, t]);

  const hidden = isApiError(query.error) && [400, 403, 404].includes(query.error.status);
  if (hidden) {
    return (
      <>
        <PageHeading title={t('cases.detail.notFound')} />
        <p className="utrecht-paragraph">{t('cases.detail.notFoundDetail')}</p>
        <p className="utrecht-paragraph">
          <AppLink to="/casussen">{t('cases.detail.backToList')}</AppLink>
        </p>
      </>
    );
  }

  const k = query.data;
  const title = !k ? t('cases.detail.title') : k.limited ? t('cases.limitedTitle') : t('cases.detail.titleNamed', { title: k.title });
  return (
    <>
      <PageHeading title={title} />
      <LiveStatus>{status}</LiveStatus>
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
          {k.safetyRoute && !k.canManage && <EmergencyAccess k={k} onDone={setStatus} />}
          {!k.limited && (
            <>
              {k.planId && (
                <p className="utrecht-paragraph">
                  <AppLink to={`/plannen/${k.planId}`}>{t('cases.detail.planLink')}</AppLink>
                </p>
              )}
              {k.team && <Team k={k} team={k.team} onDone={setStatus} />}
              {k.consents && <ConsentsSection k={k} consents={k.consents} onDone={setStatus} />}
              {k.canManage && k.consentRule && k.status === 'open' && <RecordConsentSection k={k} onDone={setStatus} />}
              <Notes caseId={k.id} onDone={setStatus} />
              {k.history && <History history={k.history} />}
              {k.canManage && k.status === 'open' && <CaseManage k={k} onDone={setStatus} />}
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
    <section className="samenspel-section" aria-labelledby="case-summary">
      <h2 id="case-summary" className="utrecht-heading-2">
        {t('cases.detail.summary')}
      </h2>
      <dl className="samenspel-dl">
        {k.child && (
          <div>
            <dt>{t('cases.detail.child')}</dt>
            <dd>
              <AppLink to={`/kinderen/${k.child.id}`}>{fullName(k.child)}</AppLink> ({t('common.ageYears', { count: k.child.age })})
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
                    <AppLink to={`/casussen/${s.caseId}`}>{s.childName ?? t('cases.detail.siblingHidden')}</AppLink> ({t(`cases.status.${s.status}`)})
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
              <AppLink to={`/signalen/${k.openedFromSignalId}`}>{t('cases.detail.fromSignalLink')}</AppLink>
            </dd>
          </div>
        )}
      </dl>
    </section>
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
      send={(reason) => api.post<{ expiresAt: string }>(`/cases/${k.id}/emergency-access`, { reason })}
      onSuccess={(result) => {
        onDone(t('cases.emergency.granted', { until: formatDateTimeShort(result.expiresAt, i18n.language) }));
        caseChanged(queryClient, k.id, k.child?.id);
      }}
    />
  );
}

function Team({ k, team, onDone }: { k: CaseDetail; team: CaseTeamMember[]; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (m: CaseTeamMember) => api.delete(`/cases/${k.id}/members/${m.id}`),
    onSuccess: (_r, m) => {
      onDone(t('cases.team.removed', { name: m.name }));
      caseChanged(queryClient, k.id);
      document.getElementById('case-team')?.focus();
    },
  });
  const canEdit = k.canManage && k.status === 'open';
  return (
    <section className="samenspel-section" aria-labelledby="case-team">
      <h2 id="case-team" tabIndex={-1} className="utrecht-heading-2">
        {t('cases.team.heading')}
      </h2>
      {remove.isError && <ErrorAlert error={remove.error} />}
      <Table caption={t('cases.team.caption')} captionHidden>
        <THead>
          <Th>{t('cases.team.name')}</Th>
          <Th>{t('cases.team.organisation')}</Th>
          <Th>{t('cases.team.role')}</Th>
          {canEdit && <Th>{t('cases.team.actions')}</Th>}
        </THead>
        <TBody>
          {team.map((m) => (
            <Tr key={m.id}>
              <Th row>
                {m.name}
                {m.personId === k.caseManager.personId && m.organisationId === k.caseManager.organisationId && <> ({t('cases.team.isCaseManager')})</>}
                {!m.current && <div className="samenspel-hint">{t('cases.team.leftOrganisation')}</div>}
              </Th>
              <Td>{m.organisationName}</Td>
              <Td>{t(`roles.${m.role}`, { defaultValue: m.role })}</Td>
              {canEdit && (
                <Td>
                  {m.personId !== k.caseManager.personId && (
                    <Button appearance="subtle-button" busy={remove.isPending && remove.variables?.id === m.id} onClick={() => remove.mutate(m)}>
                      {t('cases.team.remove')}
                      <span className="samenspel-visually-hidden">: {m.name}</span>
                    </Button>
                  )}
                </Td>
              )}
            </Tr>
          ))}
        </TBody>
      </Table>
      {k.can.assignCaseManager && <AssignCaseManager k={k} team={team} onDone={onDone} />}
      {canEdit && <AddMember k={k} onDone={onDone} />}
    </section>
  );
}

/**
 * (Re)appoint the case manager from the team: someone who works for their organisation today. Add a
 * person to the team first to make them case manager.
 */
function AssignCaseManager({ k, team, onDone }: { k: CaseDetail; team: CaseTeamMember[]; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const candidates = team.filter((m) => m.current && !(m.personId === k.caseManager.personId && m.organisationId === k.caseManager.organisationId));
  const [chosen, setChosen] = useState('');
  const { mutation, byField, other, formRef } = useApiForm({
    // `replaces`: the case manager this page shows; one appointed meanwhile answers 409.
    mutationFn: (vars: { member: CaseTeamMember }) =>
      api.put(`/cases/${k.id}/case-manager`, {
        personId: vars.member.personId,
        organisationId: vars.member.organisationId,
        replaces: { personId: k.caseManager.personId, organisationId: k.caseManager.organisationId },
      }),
    fields: ['personId', 'organisationId'],
    onSuccess: (_data, vars) => {
      caseChanged(queryClient, k.id);
      setChosen('');
      onDone(t('cases.caseManager.assigned', { name: vars.member.name }));
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: caseKey(k.id) }),
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const member = candidates.find((c) => c.id === chosen);
    if (member && !mutation.isPending) mutation.mutate({ member });
  }
  return (
    <>
      <h3 className="utrecht-heading-3">{t('cases.caseManager.heading')}</h3>
      <p className="utrecht-paragraph">{t('cases.caseManager.intro')}</p>
      <FormErrors mutation={mutation} byField={byField} other={other} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <SelectField id="case-manager-person" label={t('cases.caseManager.who')} value={chosen} error={byField.personId ?? byField.organisationId} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t('cases.caseManager.choose')}</option>
          {candidates.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({m.organisationName})
            </option>
          ))}
        </SelectField>
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="secondary-action-button" busy={mutation.isPending} disabled={!chosen}>
            {t('cases.caseManager.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}

/** A professional joins the team for one of their organisations, chosen from the regional directory. */
function AddMember({ k, onDone }: { k: CaseDetail; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const organisations = useOrganisations();
  const [organisationId, setOrganisationId] = useState('');
  const [personId, setPersonId] = useState('');
  const members = useOrganisationMembers(organisationId);
  const typed = directoryMissing(members.error);
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { personId: string; organisationId: string }) => api.post<CaseDetail>(`/cases/${k.id}/members`, body),
    fields: ['personId', 'organisationId'],
    onSuccess: (next) => {
      queryClient.setQueryData(caseKey(k.id), next);
      caseChanged(queryClient, k.id);
      const added = next.team?.find((m) => m.personId === personId);
      onDone(t('cases.team.added', { name: added?.name ?? '' }));
      setPersonId('');
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ personId: personId.trim(), organisationId });
  }
  const onTeam = new Set((k.team ?? []).map((m) => m.personId));
  return (
    <>
      <h3 className="utrecht-heading-3">{t('cases.team.addHeading')}</h3>
      <FormErrors mutation={mutation} byField={byField} other={other} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <SelectField
          id="member-organisation"
          label={t('cases.team.organisation')}
          value={organisationId}
          error={byField.organisationId}
          onChange={(e) => {
            setOrganisationId(e.target.value);
            setPersonId('');
          }}
        >
          <option value="">{t('cases.team.chooseOrganisation')}</option>
          {(organisations.data?.items ?? []).map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({t(`organisationKinds.${o.kind}`, { defaultValue: o.kind })})
            </option>
          ))}
        </SelectField>
        {organisations.isError && <ErrorAlert error={organisations.error} />}
        {typed ? (
          <TextField
            id="member-person"
            label={t('cases.team.personId')}
            description={t('cases.team.personIdHint')}
            value={personId}
            error={byField.personId}
            onChange={(e) => setPersonId(e.target.value)}
          />
        ) : (
          <SelectField
            id="member-person"
            label={t('cases.team.person')}
            value={personId}
            error={byField.personId}
            disabled={!organisationId || members.isPending}
            onChange={(e) => setPersonId(e.target.value)}
          >
            <option value="">{organisationId ? t('cases.team.choosePerson') : t('cases.team.chooseOrganisationFirst')}</option>
            {(members.data?.items ?? [])
              .filter((p) => !onTeam.has(p.personId))
              .map((p) => (
                <option key={`${p.personId}-${p.role}`} value={p.personId}>
                  {p.name} – {t(`roles.${p.role}`, { defaultValue: p.role })}
                </option>
              ))}
          </SelectField>
        )}
        {members.isError && !typed && <ErrorAlert error={members.error} />}
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="secondary-action-button" busy={mutation.isPending}>
            {t('cases.team.add')}
          </Button>
        </div>
      </form>
    </>
  );
}

function Notes({ caseId, onDone }: { caseId: string; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const notes = useCaseNotes(caseId);
  const [text, setText] = useState('');
  const [shared, setShared] = useState(false);
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { text: string; shared: boolean }) => api.post<{ id: string }>(`/cases/${caseId}/notes`, body),
    fields: ['text'],
    onSuccess: () => {
      setText('');
      setShared(false);
      onDone(t('cases.notes.saved'));
      void queryClient.invalidateQueries({ queryKey: caseNotesKey(caseId) });
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ text, shared });
  }
  const items = notes.data?.items;
  return (
    <section className="samenspel-section" aria-labelledby="case-notes">
      <h2 id="case-notes" className="utrecht-heading-2">
        {t('cases.notes.heading')}
      </h2>
      <p className="utrecht-paragraph">{t('cases.notes.intro')}</p>
      {notes.isPending && <Loading label={t('cases.notes.loading')} />}
      {notes.isError && <ErrorAlert error={notes.error} />}
      {items && items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('cases.notes.empty')}</p>}
      {items && items.length > 0 && (
        <ul className="samenspel-timeline">
          {items.map((n) => (
            <li key={n.id} className="samenspel-timeline__item">
              <p className="utrecht-paragraph samenspel-timeline__when">
                <time dateTime={n.at}>{formatDateTimeShort(n.at, i18n.language)}</time> – {n.authorName}, {n.organisationName}
                {n.shared ? ` – ${t('cases.notes.sharedLabel')}` : ` – ${t('cases.notes.ownLabel')}`}
              </p>
              <p className="utrecht-paragraph samenspel-pre-line">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      <h3 className="utrecht-heading-3">{t('cases.notes.addHeading')}</h3>
      <FormErrors mutation={mutation} byField={byField} other={other} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <TextAreaField id="note-text" label={t('cases.notes.text')} required rows={4} maxLength={10000} value={text} error={byField.text} onChange={(e) => setText(e.target.value)} />
        <CheckboxField id="note-shared" label={t('cases.notes.shared')} checked={shared} onChange={setShared} />
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="secondary-action-button" busy={mutation.isPending}>
            {t('cases.notes.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function History({ history }: { history: CaseEvent[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="samenspel-section" aria-labelledby="case-history">
      <h2 id="case-history" className="utrecht-heading-2">
        {t('cases.history.heading')}
      </h2>
      <ol className="samenspel-timeline">
        {history.map((e, i) => {
          const reason = typeof e.detail?.reason === 'string' ? e.detail.reason : null;
          const next = typeof e.detail?.nextEvaluationOn === 'string' ? e.detail.nextEvaluationOn : null;
          return (
            <li key={`${e.at}-${i}`} className="samenspel-timeline__item">
              <p className="utrecht-paragraph samenspel-timeline__when">
                <time dateTime={e.at}>{formatDateTimeShort(e.at, i18n.language)}</time>
                {e.personName ? ` – ${e.personName}` : ''}
              </p>
              <p className="utrecht-paragraph samenspel-timeline__what">
                {t(`cases.events.${e.event}`, { defaultValue: e.event })}
                {next ? ` ${t('cases.history.nextEvaluation', { date: formatDate(next, i18n.language) })}` : ''}
              </p>
              {reason && (
                <p className="utrecht-paragraph samenspel-pre-line">
                  <strong>{t('cases.history.reason')}</strong> {reason}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
