import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import type { CaseDetail, CaseTeamMember } from '../shared/types.ts';
import { qk } from '../shared/query-keys.ts';
import { ErrorAlert } from '../shared/Alerts.tsx';
import { ItemsTable } from '../shared/ListView.tsx';
import { SelectField, TextAreaField, TextField } from '../shared/Fields.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { caseChanged, directoryMissing, useOrganisationMembers, useOrganisations } from './data.ts';
import { isStale } from '../shared/stale.ts';
import type { Stale } from '../shared/StaleNotice.tsx';

/*
 * The case's team: who is on it, the case manager appointed from it, a professional added to it.
 * Each change sends the case's version (`stale`, the page's: a stale one is shown at the top).
 */

export function Team({ k, team, onDone, stale }: { k: CaseDetail; team: CaseTeamMember[]; onDone: (message: string) => void; stale: Stale }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (m: CaseTeamMember) => api.delete(`/cases/${k.id}/members/${m.id}`, { query: { version: stale.version() } }),
    onMutate: () => stale.clear(),
    onError: (err) => void stale.onError(err, { typed: false }),
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
      {remove.isError && !isStale(remove.error) && <ErrorAlert error={remove.error} />}
      <ItemsTable
        caption={t('cases.team.caption')}
        captionHidden
        empty={null}
        items={team}
        rowKey={(m) => m.id}
        columns={[
          {
            header: t('cases.team.name'),
            rowHeader: true,
            cell: (m) => (
              <>
                {m.name}
                {m.personId === k.caseManager.personId && m.organisationId === k.caseManager.organisationId && <> ({t('cases.team.isCaseManager')})</>}
                {!m.current && <div className="samenspel-hint">{t('cases.team.leftOrganisation')}</div>}
              </>
            ),
          },
          { header: t('cases.team.organisation'), cell: (m) => m.organisationName },
          { header: t('cases.team.role'), cell: (m) => t(`roles.${m.role}`, { defaultValue: m.role }) },
          canEdit && {
            header: t('cases.team.actions'),
            cell: (m) =>
              m.personId !== k.caseManager.personId && (
                <Button appearance="subtle-button" busy={remove.isPending && remove.variables?.id === m.id} onClick={() => remove.mutate(m)}>
                  {t('cases.team.remove')}
                  <span className="samenspel-visually-hidden">: {m.name}</span>
                </Button>
              ),
          },
        ]}
      />
      {k.can.assignCaseManager && <AssignCaseManager k={k} team={team} onDone={onDone} stale={stale} />}
      {canEdit && <AddMember k={k} onDone={onDone} stale={stale} />}
    </section>
  );
}

/**
 * (Re)appoint the case manager from the team — hand the case over — with the reason (it goes into
 * the history): someone who works for their organisation today. Add a person to the team first to
 * make them case manager.
 */
function AssignCaseManager({ k, team, onDone, stale }: { k: CaseDetail; team: CaseTeamMember[]; onDone: (message: string) => void; stale: Stale }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const candidates = team.filter((m) => m.current && !(m.personId === k.caseManager.personId && m.organisationId === k.caseManager.organisationId));
  const [chosen, setChosen] = useState('');
  const [reason, setReason] = useState('');
  const form = useApiForm({
    // `replaces`: the case manager this page shows; one appointed meanwhile answers 409.
    mutationFn: (vars: { member: CaseTeamMember; reason: string }) =>
      api.put(`/cases/${k.id}/case-manager`, {
        personId: vars.member.personId,
        organisationId: vars.member.organisationId,
        replaces: { personId: k.caseManager.personId, organisationId: k.caseManager.organisationId },
        reason: vars.reason,
        version: stale.version(),
      }),
    fields: ['personId', 'organisationId', 'reason'],
    stale,
    onSuccess: (_data, vars) => {
      caseChanged(queryClient, k.id);
      setChosen('');
      setReason('');
      onDone(t('cases.caseManager.assigned', { name: vars.member.name }));
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: qk.case(k.id) }),
  });
  const { byField } = form;
  function onSubmit() {
    const member = candidates.find((c) => c.id === chosen);
    if (member) form.mutation.mutate({ member, reason });
  }
  return (
    <>
      <h3 className="utrecht-heading-3">{t('cases.caseManager.heading')}</h3>
      <p className="utrecht-paragraph">{t('cases.caseManager.intro')}</p>
      <ApiFormView form={form} onSubmit={onSubmit} submit={t('cases.caseManager.submit')} appearance="secondary-action-button" disabled={!chosen}>
        <SelectField id="case-manager-person" label={t('cases.caseManager.who')} value={chosen} error={byField.personId ?? byField.organisationId} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t('cases.caseManager.choose')}</option>
          {candidates.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({m.organisationName})
            </option>
          ))}
        </SelectField>
        <TextAreaField
          id="case-manager-reason"
          label={t('cases.caseManager.reason')}
          description={t('cases.caseManager.reasonHint')}
          required
          rows={3}
          maxLength={2000}
          value={reason}
          error={byField.reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </ApiFormView>
    </>
  );
}

/** A professional joins the team for one of their organisations, chosen from the regional directory. */
function AddMember({ k, onDone, stale }: { k: CaseDetail; onDone: (message: string) => void; stale: Stale }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const organisations = useOrganisations();
  const [organisationId, setOrganisationId] = useState('');
  const [personId, setPersonId] = useState('');
  const members = useOrganisationMembers(organisationId);
  const typed = directoryMissing(members.error);
  const form = useApiForm({
    mutationFn: (body: { personId: string; organisationId: string }) => api.post<CaseDetail>(`/cases/${k.id}/members`, { ...body, version: stale.version() }),
    fields: ['personId', 'organisationId'],
    stale,
    onSuccess: (next) => {
      queryClient.setQueryData(qk.case(k.id), next);
      caseChanged(queryClient, k.id);
      const added = next.team?.find((m) => m.personId === personId);
      onDone(t('cases.team.added', { name: added?.name ?? '' }));
      setPersonId('');
    },
  });
  const { byField } = form;
  const onSubmit = () => form.mutation.mutate({ personId: personId.trim(), organisationId });
  const onTeam = new Set((k.team ?? []).map((m) => m.personId));
  return (
    <>
      <h3 className="utrecht-heading-3">{t('cases.team.addHeading')}</h3>
      <ApiFormView form={form} onSubmit={onSubmit} submit={t('cases.team.add')} appearance="secondary-action-button">
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
      </ApiFormView>
    </>
  );
}

