import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FieldsetOnly, FieldsetLegend } from '@utrecht/fieldset-react';
import { api } from '../shared/api.ts';
import type { Organisation } from '../shared/types.ts';
import type { Contract } from '../../contracts/common.ts';
import type { GemeenteList } from '../../contracts/registry.ts';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../contracts/values/registry.ts';
import { SCHOOL_TYPES } from '../../contracts/values/early-warning.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { SelectField, TextField, Options } from '../shared/Fields.tsx';
import { ErrorAlert, LiveStatus } from '../shared/Alerts.tsx';
import { ListView } from '../shared/ListView.tsx';
import { useOrganisations } from './data.ts';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { Section } from '../shared/Section.tsx';
import { qk } from '../shared/query-keys.ts';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('soort') ?? '';
  const kind = (ORGANISATION_KINDS as readonly string[]).includes(kindParam) ? kindParam : '';
  const query = useOrganisations(kind || undefined);

  return (
    <>
      <PageHeading title={t('organisations.title')} />
      <p className="utrecht-paragraph">{t('organisations.intro')}</p>

      <form className="samenspel-form samenspel-search" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="organisation-kind-filter"
          label={t('organisations.filterLabel')}
          value={kind}
          onChange={(e) => setParams(e.target.value ? { soort: e.target.value } : {})}
        >
          <Options empty={t('organisations.filterAll')} values={ORGANISATION_KINDS} label={(k) => t(`organisationKinds.${k}`)} />
        </SelectField>
      </form>

      <ListView
        query={query}
        caption={kind ? t('organisations.captionFiltered', { kind: t(`organisationKinds.${kind}`) }) : t('organisations.caption')}
        count={(data) => t('organisations.count', { count: data.items.length })}
        loadingLabel={t('organisations.loading')}
        empty={t('organisations.empty')}
        rowKey={(o) => o.id}
        columns={[
          { header: t('organisations.name'), rowHeader: true, cell: (o) => o.name },
          { header: t('organisations.kind'), cell: (o) => t(`organisationKinds.${o.kind}`, { defaultValue: o.kind }) },
          { header: t('organisations.brinVestiging'), cell: (o) => (o.brin ? `${o.brin}${o.vestiging ?? ''}` : t('common.none')) },
          { header: t('organisations.schoolType'), cell: (o) => (o.schoolType ? t(`schoolTypes.${o.schoolType}`, { defaultValue: o.schoolType }) : t('common.none')) },
          { header: t('organisations.gemeente'), cell: (o) => o.gemeenteName ?? t('common.none') },
        ]}
      />

      <CreateOrganisation />
    </>
  );
}

const FIELDS = ['kind', 'name', 'brin', 'vestiging', 'schoolType', 'gemeenteId'] as const;
type Field = (typeof FIELDS)[number];
const EMPTY: Record<Field, string> = { kind: '', name: '', brin: '', vestiging: '', schoolType: '', gemeenteId: '' };

function CreateOrganisation() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(EMPTY);
  const [status, setStatus] = useState('');
  const gemeenten = useQuery({
    queryKey: qk.gemeenten,
    queryFn: () => api.get<Contract<typeof GemeenteList>>('/gemeenten'),
    staleTime: 5 * 60_000,
  });

  const { mutation: create, byField, other, formRef } = useApiForm({
    mutationFn: (body: Record<string, string | null>) => api.post<Organisation>('/organisations', body),
    fields: FIELDS,
    onSuccess: (org) => {
      setValues(EMPTY);
      setStatus(t('organisations.create.created', { name: org.name }));
      void queryClient.invalidateQueries({ queryKey: qk.organisations.all });
    },
  });

  const isSchool = values.kind === 'school_location';
  const set = (f: Field) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));

  function onSubmit() {
    if (create.isPending) return;
    setStatus('');
    const body: Record<string, string | null> = { kind: values.kind, name: values.name.trim() };
    if (values.gemeenteId) body.gemeenteId = values.gemeenteId;
    if (isSchool) {
      if (values.brin.trim()) body.brin = values.brin.trim().toUpperCase();
      if (values.vestiging.trim()) body.vestiging = values.vestiging.trim();
      if (values.schoolType) body.schoolType = values.schoolType;
    }
    create.mutate(body);
  }

  return (
    <Section id="create-organisation" panel heading={t('organisations.create.heading')}>
      <LiveStatus>{status}</LiveStatus>
      <ApiFormView form={{ mutation: create, byField, other, formRef }} onSubmit={onSubmit} submit={t('organisations.create.submit')}>
        <SelectField id="org-kind" label={t('organisations.create.kind')} required value={values.kind} error={byField.kind} onChange={set('kind')}>
          <option value="">{t('organisations.create.chooseKind')}</option>
          {ORGANISATION_KINDS.map((k: OrganisationKind) => (
            <option key={k} value={k}>
              {t(`organisationKinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="org-name" label={t('organisations.create.name')} required maxLength={200} value={values.name} error={byField.name} onChange={set('name')} />
        {isSchool && (
          <FieldsetOnly className="samenspel-fieldset">
            <FieldsetLegend>{t('organisations.create.schoolLegend')}</FieldsetLegend>
            <TextField
              id="org-brin"
              label={t('organisations.create.brin')}
              description={t('organisations.create.brinHint')}
              required
              maxLength={4}
              autoComplete="off"
              spellCheck={false}
              className="samenspel-short-input"
              value={values.brin}
              error={byField.brin}
              onChange={set('brin')}
            />
            <TextField
              id="org-vestiging"
              label={t('organisations.create.vestiging')}
              description={t('organisations.create.vestigingHint')}
              required
              inputMode="numeric"
              maxLength={2}
              autoComplete="off"
              className="samenspel-short-input"
              value={values.vestiging}
              error={byField.vestiging}
              onChange={set('vestiging')}
            />
            <SelectField id="org-school-type" label={t('organisations.create.schoolType')} required value={values.schoolType} error={byField.schoolType} onChange={set('schoolType')}>
              <Options empty={t('organisations.create.chooseSchoolType')} values={SCHOOL_TYPES} label={(s) => t(`schoolTypes.${s}`)} />
            </SelectField>
          </FieldsetOnly>
        )}
        <SelectField
          id="org-gemeente"
          label={t('organisations.create.gemeente')}
          description={isSchool ? t('organisations.create.gemeenteHint') : undefined}
          optional={!isSchool}
          required={isSchool}
          value={values.gemeenteId}
          error={byField.gemeenteId}
          onChange={set('gemeenteId')}
        >
          <option value="">{t('organisations.create.gemeenteNone')}</option>
          {gemeenten.data?.items.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </SelectField>
        {gemeenten.isError && <ErrorAlert error={gemeenten.error} />}
      </ApiFormView>
    </Section>
  );
}
