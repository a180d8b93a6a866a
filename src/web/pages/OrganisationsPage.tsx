import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { FieldsetOnly, FieldsetLegend } from '@utrecht/fieldset-react';
import { api, fieldErrors } from '../api.ts';
import type { Gemeente, Organisation } from '../types.ts';
import { ORGANISATION_KINDS, SCHOOL_TYPES, type OrganisationKind } from '../roles.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ErrorAlert, LiveStatus, Loading, StatusText } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { focusFirstInvalid } from '../components/focus.ts';

export function useOrganisations(kind?: string) {
  return useQuery({
    queryKey: ['organisations', kind ?? ''],
    queryFn: () => api.get<{ items: Organisation[] }>('/organisations', { kind }),
  });
}

export function OrganisationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('soort') ?? '';
  const kind = (ORGANISATION_KINDS as readonly string[]).includes(kindParam) ? kindParam : '';
  const query = useOrganisations(kind || undefined);
  const items = query.data?.items;

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
          <option value="">{t('organisations.filterAll')}</option>
          {ORGANISATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`organisationKinds.${k}`)}
            </option>
          ))}
        </SelectField>
      </form>

      <StatusText>{items && !query.isFetching ? t('organisations.count', { count: items.length }) : ''}</StatusText>
      {query.isPending && <Loading label={t('organisations.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {items && items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('organisations.empty')}</p>}
      {items && items.length > 0 && (
        <Table caption={kind ? t('organisations.captionFiltered', { kind: t(`organisationKinds.${kind}`) }) : t('organisations.caption')}>
          <THead>
            <Th>{t('organisations.name')}</Th>
            <Th>{t('organisations.kind')}</Th>
            <Th>{t('organisations.brinVestiging')}</Th>
            <Th>{t('organisations.schoolType')}</Th>
            <Th>{t('organisations.gemeente')}</Th>
          </THead>
          <TBody>
            {items.map((o) => (
              <Tr key={o.id}>
                <Th row>{o.name}</Th>
                <Td>{t(`organisationKinds.${o.kind}`, { defaultValue: o.kind })}</Td>
                <Td>{o.brin ? `${o.brin}${o.vestiging ?? ''}` : t('common.none')}</Td>
                <Td>{o.schoolType ? t(`schoolTypes.${o.schoolType}`, { defaultValue: o.schoolType }) : t('common.none')}</Td>
                <Td>{o.gemeenteName ?? t('common.none')}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}

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
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(EMPTY);
  const [status, setStatus] = useState('');
  const gemeenten = useQuery({
    queryKey: ['gemeenten'],
    queryFn: () => api.get<{ items: Gemeente[] }>('/gemeenten'),
    staleTime: 5 * 60_000,
  });

  const create = useMutation({
    mutationFn: (body: Record<string, string | null>) => api.post<Organisation>('/organisations', body),
    onSuccess: (org) => {
      setValues(EMPTY);
      setStatus(t('organisations.create.created', { name: org.name }));
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
    },
  });
  const { byField, other } = fieldErrors(create.error, FIELDS);

  useEffect(() => {
    if (create.isError) focusFirstInvalid(formRef.current);
  }, [create.isError, create.error]);

  const isSchool = values.kind === 'school_location';
  const set = (f: Field) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
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
    <section className="samenspel-section samenspel-panel" aria-labelledby="create-organisation">
      <h2 id="create-organisation" className="utrecht-heading-2">
        {t('organisations.create.heading')}
      </h2>
      <LiveStatus>{status}</LiveStatus>
      {create.isError && <ErrorAlert error={create.error} fieldCount={Object.keys(byField).length} otherParams={other} />}
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
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
              <option value="">{t('organisations.create.chooseSchoolType')}</option>
              {SCHOOL_TYPES.map((s) => (
                <option key={s} value={s}>
                  {t(`schoolTypes.${s}`)}
                </option>
              ))}
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
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={create.isPending}>
            {t('organisations.create.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
