import { useRef, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { FieldsetOnly, FieldsetLegend } from '@utrecht/fieldset-react';
import { api } from '../shared/api.ts';
import type { PeoplePage as PeopleList, Person } from '../shared/types.ts';
import { fullName } from '../shared/format.ts';
import { qk } from '../shared/query-keys.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { SelectField, TextField } from '../shared/Fields.tsx';
import { LiveStatus } from '../shared/Alerts.tsx';
import { ListView } from '../shared/ListView.tsx';
import { Actions } from '../shared/Section.tsx';
import { useDraft, useListParams } from '../shared/list-params.ts';
import { useOrganisations } from './data.ts';
import { AddMembership, CreatePerson, PersonMemberships, ResendInvitation } from './PersonForms.tsx';

const PAGE_SIZE = 25;

/** The region's people: search by name or organisation, their roles, a role added or ended, a new person. */
export function PeoplePage() {
  const { t } = useTranslation();
  const list = useListParams();
  const q = list.get('q');
  const organisationId = list.get('organisatie');
  const page = list.page;
  const [draft, setDraft] = useDraft({ q, organisationId });

  const organisations = useOrganisations();
  const orgs = organisations.data?.items ?? [];
  const query = useQuery({
    queryKey: qk.people.list({ q, organisationId, page }),
    queryFn: () => api.get<PeopleList>('/people', { q, organisationId, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const [status, setStatus] = useState('');
  const [adding, setAdding] = useState<Person | null>(null);
  const openerRef = useRef<HTMLButtonElement | null>(null);

  function onSearch(event: FormEvent) {
    event.preventDefault();
    list.apply({ q: draft.q, organisatie: draft.organisationId });
  }

  function closeAdd(message?: string) {
    setAdding(null);
    if (message) setStatus(message);
    openerRef.current?.focus();
  }

  return (
    <>
      <PageHeading title={t('people.title')} />
      <p className="utrecht-paragraph">{t('people.intro')}</p>

      <form role="search" className="samenspel-form" onSubmit={onSearch}>
        <FieldsetOnly className="samenspel-fieldset">
          <FieldsetLegend>{t('people.filters')}</FieldsetLegend>
          <div className="samenspel-filter-grid">
            <TextField id="people-search" type="search" label={t('people.searchLabel')} autoComplete="off" maxLength={100} value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
            <SelectField id="people-organisation" label={t('people.organisationFilter')} value={draft.organisationId} onChange={(e) => setDraft({ ...draft, organisationId: e.target.value })}>
              <option value="">{t('people.organisationAll')}</option>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
          </div>
        </FieldsetOnly>
        <Actions>
          <Button type="submit" appearance="primary-action-button">
            {t('people.submit')}
          </Button>
        </Actions>
      </form>

      <LiveStatus>{status}</LiveStatus>
      <ListView
        query={query}
        caption={t('people.caption')}
        count={(data) => t('people.count', { count: data.total })}
        loadingLabel={t('people.loading')}
        empty={t('people.empty')}
        onPage={list.goToPage}
        rowKey={(p) => p.id}
        columns={[
          { header: t('people.name'), rowHeader: true, cell: (p) => fullName(p) },
          {
            header: t('people.username'),
            cell: (p) => (
              <>
                {p.username ? <code>{p.username}</code> : t('common.none')}
                {p.invitationState && <div className="samenspel-hint">{t(`people.accountState.${p.invitationState}`)}</div>}
              </>
            ),
          },
          { header: t('people.email'), cell: (p) => p.email ?? t('common.none') },
          { header: t('people.memberships'), cell: (p) => <PersonMemberships person={p} onEnded={setStatus} /> },
          {
            header: t('people.actions'),
            cell: (p) => (
              <>
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
              </>
            ),
          },
        ]}
      />

      {adding && <AddMembership key={adding.id} person={adding} organisations={orgs} onDone={closeAdd} />}

      <CreatePerson organisations={orgs} onCreated={setStatus} />
    </>
  );
}

