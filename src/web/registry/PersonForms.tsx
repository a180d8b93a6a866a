import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { FieldsetOnly, FieldsetLegend } from '@utrecht/fieldset-react';
import { api } from '../shared/api.ts';
import type { Organisation, Person, PersonMembership } from '../shared/types.ts';
import { fullName } from '../shared/format.ts';
import { qk } from '../shared/query-keys.ts';
import { TextField } from '../shared/Fields.tsx';
import { ErrorAlert } from '../shared/Alerts.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { Section } from '../shared/Section.tsx';
import { MembershipFields, type MembershipValue } from './MembershipFields.tsx';
import type { Contract } from '../../contracts/common.ts';
import type { MembershipGranted, MembershipPending, PersonCreated } from '../../contracts/registry.ts';
import { isStale } from '../shared/stale.ts';
import { StaleNotice, useStale } from '../shared/StaleNotice.tsx';

/* The people page's forms: a person's roles (end one, add one), a new invitation, a new person. */

/** A new invitation link for someone who has not signed in yet (earlier links stop working). */
export function ResendInvitation({ person, onSent }: { person: Person; onSent: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: () => api.post(`/people/${person.id}/invitation`),
    onSuccess: () => {
      onSent(t('people.invitationSent', { name: fullName(person), email: person.email }));
      void queryClient.invalidateQueries({ queryKey: qk.people.all });
    },
    onError: (error) => onSent(error instanceof Error ? error.message : String(error)),
  });
  return (
    <Button appearance="subtle-button" aria-label={`${t('people.resendInvitation')}: ${fullName(person)}`} busy={send.isPending} onClick={() => !send.isPending && send.mutate()}>
      {t('people.resendInvitation')}
    </Button>
  );
}

/**
 * A role given or ended is based on the person's version: someone else changed their roles first
 * (stale version): the notice says how the roles are now, and the list is loaded again.
 */
function usePersonStale(person: Person) {
  const { t } = useTranslation();
  return useStale({
    record: person,
    refresh: [qk.people.all, qk.roleGrants.all],
    describe: (p) => [[t('people.memberships'), p.memberships.map((m) => t('people.membership', { role: t(`roles.${m.role}`, { defaultValue: m.role }), organisation: m.organisationName })).join('; ')]],
  });
}

/** A person's current roles, each with a button to end it. */
export function PersonMemberships({ person, onEnded }: { person: Person; onEnded: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const stale = usePersonStale(person);
  const end = useMutation({
    mutationFn: (m: PersonMembership) => api.delete(`/people/${person.id}/memberships/${m.id}`, { query: { version: stale.version() } }),
    onMutate: () => stale.clear(),
    onError: (err) => void stale.onError(err, { typed: false }),
    onSuccess: (_data, m) => {
      onEnded(t('people.ended', { role: t(`roles.${m.role}`), organisation: m.organisationName, name: fullName(person) }));
      void queryClient.invalidateQueries({ queryKey: qk.people.all });
      // The ended role's button goes away: keep the keyboard in this row.
      document.getElementById(`add-membership-${person.id}`)?.focus();
    },
  });

  if (person.memberships.length === 0)
    return (
      <>
        {t('people.noMemberships')}
        <StaleNotice stale={stale} />
      </>
    );
  return (
    <>
      <ul className="samenspel-membership-list">
        {person.memberships.map((m) => {
          const vars = { role: t(`roles.${m.role}`, { defaultValue: m.role }), organisation: m.organisationName, name: fullName(person) };
          return (
            <li key={m.id}>
              <span>{t('people.membership', vars)}</span>{' '}
              <Button
                appearance="subtle-button"
                hint="danger"
                className="samenspel-small-button"
                aria-label={`${t('people.endMembership')}: ${t('people.membership', vars)} (${vars.name})`}
                busy={end.isPending && end.variables?.id === m.id}
                onClick={() => {
                  if (window.confirm(t('people.confirmEnd', vars))) end.mutate(m);
                }}
              >
                {t('people.endMembership')}
              </Button>
            </li>
          );
        })}
      </ul>
      {end.isError && !isStale(end.error) && <ErrorAlert error={end.error} />}
      <StaleNotice stale={stale} />
    </>
  );
}

function membershipErrors(byField: Record<string, string>, prefix: string) {
  return { organisationId: byField[`${prefix}organisationId`], role: byField[`${prefix}role`] };
}

export function AddMembership({ person, organisations, onDone }: { person: Person; organisations: Organisation[]; onDone: (message?: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [value, setValue] = useState<MembershipValue>({ organisationId: '', role: '' });
  const name = fullName(person);

  useEffect(() => headingRef.current?.focus(), []);

  const stale = usePersonStale(person);
  const form = useApiForm({
    mutationFn: (v: MembershipValue) => api.post<Contract<typeof MembershipGranted> | Contract<typeof MembershipPending>>(`/people/${person.id}/memberships`, { ...v, version: stale.version() }),
    fields: ['organisationId', 'role'],
    stale,
    onSuccess: (data, v) => {
      void queryClient.invalidateQueries({ queryKey: qk.people.all });
      void queryClient.invalidateQueries({ queryKey: qk.roleGrants.all });
      const org = organisations.find((o) => o.id === v.organisationId);
      const args = { role: t(`roles.${v.role}`), organisation: org?.name ?? '', name };
      onDone(data.status === 'pending' ? t('people.membershipForm.pending', args) : t('people.membershipForm.added', args));
    },
  });

  return (
    <Section id="add-membership-heading" panel headingRef={headingRef} heading={t('people.addMembershipFor', { name })}>
      <StaleNotice stale={stale} />
      <ApiFormView
        form={form}
        onSubmit={() => form.mutation.mutate(value)}
        submit={t('people.membershipForm.submit')}
        actions={
          <Button appearance="subtle-button" onClick={() => onDone()}>
            {t('common.cancel')}
          </Button>
        }
      >
        <MembershipFields idPrefix="add-membership" organisations={organisations} value={value} onChange={setValue} errors={membershipErrors(form.byField, '')} />
      </ApiFormView>
    </Section>
  );
}

const PERSON_FIELDS = ['givenName', 'familyName', 'email', 'username', 'password', 'memberships', 'memberships/0/organisationId', 'memberships/0/role'] as const;
const EMPTY_PERSON = { givenName: '', familyName: '', email: '', username: '', password: '' };

export function CreatePerson({ organisations, onCreated }: { organisations: Organisation[]; onCreated: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(EMPTY_PERSON);
  const [membership, setMembership] = useState<MembershipValue>({ organisationId: '', role: '' });

  const form = useApiForm({
    mutationFn: (body: Record<string, unknown>) => api.post<Contract<typeof PersonCreated>>('/people', body),
    fields: PERSON_FIELDS,
    onSuccess: (_person, body) => {
      setValues(EMPTY_PERSON);
      setMembership({ organisationId: '', role: '' });
      onCreated(t('people.create.created', { name: `${String(body.givenName)} ${String(body.familyName)}` }));
      void queryClient.invalidateQueries({ queryKey: qk.people.all });
    },
  });
  const { byField } = form;
  const membershipError = membershipErrors(byField, 'memberships/0/');
  if (byField.memberships && !membershipError.organisationId) membershipError.organisationId = byField.memberships;

  const set = (f: keyof typeof EMPTY_PERSON) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));

  function onSubmit() {
    const body: Record<string, unknown> = {
      givenName: values.givenName.trim(),
      familyName: values.familyName.trim(),
      memberships: [{ organisationId: membership.organisationId, role: membership.role }],
    };
    if (values.email.trim()) body.email = values.email.trim();
    if (values.username.trim()) body.username = values.username.trim();
    if (values.password) body.password = values.password;
    form.mutation.mutate(body);
  }

  return (
    <Section id="create-person" panel heading={t('people.create.heading')}>
      <ApiFormView form={form} onSubmit={onSubmit} submit={t('people.create.submit')}>
        <FieldsetOnly className="samenspel-fieldset">
          <FieldsetLegend>{t('people.create.personLegend')}</FieldsetLegend>
          <TextField id="person-given-name" label={t('people.create.givenName')} required autoComplete="off" maxLength={100} value={values.givenName} error={byField.givenName} onChange={set('givenName')} />
          <TextField id="person-family-name" label={t('people.create.familyName')} required autoComplete="off" maxLength={100} value={values.familyName} error={byField.familyName} onChange={set('familyName')} />
          <TextField id="person-email" type="email" label={t('people.create.email')} optional autoComplete="off" maxLength={200} value={values.email} error={byField.email} onChange={set('email')} />
        </FieldsetOnly>
        <FieldsetOnly className="samenspel-fieldset" aria-describedby="person-account-hint">
          <FieldsetLegend>{t('people.create.accountLegend')}</FieldsetLegend>
          <p id="person-account-hint" className="utrecht-paragraph samenspel-hint">
            {t('people.create.accountHint')}
          </p>
          <TextField id="person-username" label={t('people.create.username')} optional autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={63} value={values.username} error={byField.username} onChange={set('username')} />
          <TextField
            id="person-password"
            type="password"
            label={t('people.create.password')}
            description={t('people.create.passwordHint')}
            optional
            autoComplete="new-password"
            maxLength={500}
            value={values.password}
            error={byField.password}
            onChange={set('password')}
          />
        </FieldsetOnly>
        <FieldsetOnly className="samenspel-fieldset">
          <FieldsetLegend>{t('people.create.membershipLegend')}</FieldsetLegend>
          <MembershipFields idPrefix="person-membership" organisations={organisations} value={membership} onChange={setMembership} errors={membershipError} />
        </FieldsetOnly>
      </ApiFormView>
    </Section>
  );
}
