import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { FieldsetOnly, FieldsetLegend } from '@utrecht/fieldset-react';
import { api, fieldErrors } from '../api.ts';
import type { Organisation, Page, Person, PersonMembership } from '../types.ts';
import { fullName } from '../format.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ErrorAlert, LiveStatus, Loading, StatusText } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { Pager } from '../components/Pager.tsx';
import { MembershipFields, type MembershipValue } from '../components/MembershipFields.tsx';
import { focusFirstInvalid } from '../components/focus.ts';
import { cleanParams, pageFrom } from '../url.ts';
import { useOrganisations } from './OrganisationsPage.tsx';

const PAGE_SIZE = 25;

export function PeoplePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const organisationId = params.get('organisatie') ?? '';
  const page = pageFrom(params);
  const [draftQ, setDraftQ] = useState(q);
  const [draftOrg, setDraftOrg] = useState(organisationId);
  useEffect(() => setDraftQ(q), [q]);
  useEffect(() => setDraftOrg(organisationId), [organisationId]);

  const organisations = useOrganisations();
  const orgs = organisations.data?.items ?? [];
  const query = useQuery({
    queryKey: ['people', { q, organisationId, page }],
    queryFn: () => api.get<Page<Person>>('/people', { q, organisationId, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const [status, setStatus] = useState('');
  const [adding, setAdding] = useState<Person | null>(null);
  const openerRef = useRef<HTMLButtonElement | null>(null);

  function onSearch(event: FormEvent) {
    event.preventDefault();
    setParams(cleanParams({ q: draftQ, organisatie: draftOrg }));
  }

  function goToPage(n: number) {
    const next = new URLSearchParams(params);
    next.set('pagina', String(n));
    setParams(next);
  }

  function closeAdd(message?: string) {
    setAdding(null);
    if (message) setStatus(message);
    openerRef.current?.focus();
  }

  const data = query.data;
  return (
    <>
      <PageHeading title={t('people.title')} />
      <p className="utrecht-paragraph">{t('people.intro')}</p>

      <form role="search" className="samenspel-form" onSubmit={onSearch}>
        <FieldsetOnly className="samenspel-fieldset">
          <FieldsetLegend>{t('people.filters')}</FieldsetLegend>
          <div className="samenspel-filter-grid">
            <TextField id="people-search" type="search" label={t('people.searchLabel')} autoComplete="off" maxLength={100} value={draftQ} onChange={(e) => setDraftQ(e.target.value)} />
            <SelectField id="people-organisation" label={t('people.organisationFilter')} value={draftOrg} onChange={(e) => setDraftOrg(e.target.value)}>
              <option value="">{t('people.organisationAll')}</option>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
          </div>
        </FieldsetOnly>
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button">
            {t('people.submit')}
          </Button>
        </div>
      </form>

      <LiveStatus>{status}</LiveStatus>
      <StatusText>{data && !query.isFetching ? t('people.count', { count: data.total }) : ''}</StatusText>
      {query.isPending && <Loading label={t('people.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {data && data.items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('people.empty')}</p>}
      {data && data.items.length > 0 && (
        <>
          <Table caption={t('people.caption')}>
            <THead>
              <Th>{t('people.name')}</Th>
              <Th>{t('people.username')}</Th>
              <Th>{t('people.email')}</Th>
              <Th>{t('people.memberships')}</Th>
              <Th>{t('people.actions')}</Th>
            </THead>
            <TBody>
              {data.items.map((p) => (
                <Tr key={p.id}>
                  <Th row>{fullName(p)}</Th>
                  <Td>
                    {p.username ? <code>{p.username}</code> : t('common.none')}
                    {p.invitationState && <div className="samenspel-hint">{t(`people.accountState.${p.invitationState}`)}</div>}
                  </Td>
                  <Td>{p.email ?? t('common.none')}</Td>
                  <Td>
                    <PersonMemberships person={p} onEnded={setStatus} />
                  </Td>
                  <Td>
{p.can.addMembership ? (
                                          <Button
                      id={`add-membership-${p.id}`}
                      appearance="secondary-action-button"
                      aria-label={`${t('people.addMembership')}: ${fullName(p)}`}
                      aria-expanded={adding?.id === p.id}
                      onClick={(e) => {
                        openerRef.current = e.currentTarget;
                        setStatus('');
                        setAdding(p);
                      }}
                    >
                      {t('people.addMembership')}
                    </Button>
                    ) : (
                      <span className="samenspel-hint">{t('people.noSelfGrant')}</span>
                    )}
                    {p.email && (p.invitationState === 'invited' || p.invitationState === 'expired' || !p.invitationState) && <ResendInvitation person={p} onSent={setStatus} />}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={goToPage} />
        </>
      )}

      {adding && <AddMembership key={adding.id} person={adding} organisations={orgs} onDone={closeAdd} />}

      <CreatePerson organisations={orgs} onCreated={setStatus} />
    </>
  );
}

/** A new invitation link for someone who has not signed in yet (earlier links stop working). */
function ResendInvitation({ person, onSent }: { person: Person; onSent: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: () => api.post(`/people/${person.id}/invitation`),
    onSuccess: () => {
      onSent(t('people.invitationSent', { name: fullName(person), email: person.email }));
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
    onError: (error) => onSent(error instanceof Error ? error.message : String(error)),
  });
  return (
    <Button appearance="subtle-button" aria-label={`${t('people.resendInvitation')}: ${fullName(person)}`} busy={send.isPending} onClick={() => !send.isPending && send.mutate()}>
      {t('people.resendInvitation')}
    </Button>
  );
}

/** A person's current roles, each with a button to end it. */
function PersonMemberships({ person, onEnded }: { person: Person; onEnded: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const end = useMutation({
    mutationFn: (m: PersonMembership) => api.delete(`/people/${person.id}/memberships/${m.id}`),
    onSuccess: (_data, m) => {
      onEnded(t('people.ended', { role: t(`roles.${m.role}`), organisation: m.organisationName, name: fullName(person) }));
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      // The ended role's button goes away: keep the keyboard in this row.
      document.getElementById(`add-membership-${person.id}`)?.focus();
    },
  });

  if (person.memberships.length === 0) return <>{t('people.noMemberships')}</>;
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
      {end.isError && <ErrorAlert error={end.error} />}
    </>
  );
}

function membershipErrors(byField: Record<string, string>, prefix: string) {
  return { organisationId: byField[`${prefix}organisationId`], role: byField[`${prefix}role`] };
}

function AddMembership({ person, organisations, onDone }: { person: Person; organisations: Organisation[]; onDone: (message?: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [value, setValue] = useState<MembershipValue>({ organisationId: '', role: '' });
  const name = fullName(person);

  useEffect(() => headingRef.current?.focus(), []);

  const add = useMutation({
    mutationFn: (v: MembershipValue) => api.post<{ status: 'granted' | 'pending' }>(`/people/${person.id}/memberships`, v),
    onSuccess: (data, v) => {
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      void queryClient.invalidateQueries({ queryKey: ['role-grants'] });
      const org = organisations.find((o) => o.id === v.organisationId);
      const args = { role: t(`roles.${v.role}`), organisation: org?.name ?? '', name };
      onDone(data.status === 'pending' ? t('people.membershipForm.pending', args) : t('people.membershipForm.added', args));
    },
  });
  const { byField, other } = fieldErrors(add.error, ['organisationId', 'role']);
  useEffect(() => {
    if (add.isError) focusFirstInvalid(formRef.current);
  }, [add.isError, add.error]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!add.isPending) add.mutate(value);
  }

  return (
    <section className="samenspel-section samenspel-panel" aria-labelledby="add-membership-heading">
      <h2 id="add-membership-heading" ref={headingRef} tabIndex={-1} className="utrecht-heading-2">
        {t('people.addMembershipFor', { name })}
      </h2>
      {add.isError && <ErrorAlert error={add.error} fieldCount={Object.keys(byField).length} otherParams={other} />}
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        <MembershipFields idPrefix="add-membership" organisations={organisations} value={value} onChange={setValue} errors={membershipErrors(byField, '')} />
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={add.isPending}>
            {t('people.membershipForm.submit')}
          </Button>
          <Button appearance="subtle-button" onClick={() => onDone()}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}

const PERSON_FIELDS = ['givenName', 'familyName', 'email', 'username', 'password', 'memberships', 'memberships/0/organisationId', 'memberships/0/role'] as const;
const EMPTY_PERSON = { givenName: '', familyName: '', email: '', username: '', password: '' };

function CreatePerson({ organisations, onCreated }: { organisations: Organisation[]; onCreated: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(EMPTY_PERSON);
  const [membership, setMembership] = useState<MembershipValue>({ organisationId: '', role: '' });

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<Person>('/people', body),
    onSuccess: (_person, body) => {
      setValues(EMPTY_PERSON);
      setMembership({ organisationId: '', role: '' });
      onCreated(t('people.create.created', { name: `${String(body.givenName)} ${String(body.familyName)}` }));
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
  });
  const { byField, other } = fieldErrors(create.error, PERSON_FIELDS);
  const membershipError = membershipErrors(byField, 'memberships/0/');
  if (byField.memberships && !membershipError.organisationId) membershipError.organisationId = byField.memberships;

  useEffect(() => {
    if (create.isError) focusFirstInvalid(formRef.current);
  }, [create.isError, create.error]);

  const set = (f: keyof typeof EMPTY_PERSON) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    const body: Record<string, unknown> = {
      givenName: values.givenName.trim(),
      familyName: values.familyName.trim(),
      memberships: [{ organisationId: membership.organisationId, role: membership.role }],
    };
    if (values.email.trim()) body.email = values.email.trim();
    if (values.username.trim()) body.username = values.username.trim();
    if (values.password) body.password = values.password;
    create.mutate(body);
  }

  return (
    <section className="samenspel-section samenspel-panel" aria-labelledby="create-person">
      <h2 id="create-person" className="utrecht-heading-2">
        {t('people.create.heading')}
      </h2>
      {create.isError && <ErrorAlert error={create.error} fieldCount={Object.keys(byField).length} otherParams={other} />}
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
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
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={create.isPending}>
            {t('people.create.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
