import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import type { Organisation } from '../shared/types.ts';
import { SCHOOL_TYPES } from '../../contracts/values/early-warning.ts';
import { PARTNER_KINDS } from '../../contracts/values/setup.ts';
import type { Contract } from '../../contracts/common.ts';
import type { GemeenteList, OrganisationList } from '../../contracts/registry.ts';
import { SelectField, TextField, Options } from '../shared/Fields.tsx';
import { ErrorAlert, LiveStatus } from '../shared/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../shared/Table.tsx';
import { ErrorSummary, useSetupForm } from './wizard.tsx';
import { qk } from '../shared/query-keys.ts';
import { Section, SubmitRow } from '../shared/Section.tsx';


const FIELDS = ['kind', 'name', 'brin', 'vestiging', 'schoolType', 'boardName', 'gemeenteId'] as const;
type Field = (typeof FIELDS)[number];
const EMPTY: Record<Field, string> = { kind: '', name: '', brin: '', vestiging: '', schoolType: '', boardName: '', gemeenteId: '' };

/** Steps 3 and 4: the school locations (BRIN + vestiging, type, board, gemeente), and the partner organisations. */
export function OrganisationsStep({ mode }: { mode: 'schools' | 'partners' }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isSchools = mode === 'schools';
  const orgs = useQuery({ queryKey: qk.organisations.ofKind(''), queryFn: () => api.get<Contract<typeof OrganisationList>>('/organisations') });
  const gemeenten = useQuery({ queryKey: qk.gemeenten, queryFn: () => api.get<Contract<typeof GemeenteList>>('/gemeenten') });
  const [values, setValues] = useState<Record<Field, string>>({ ...EMPTY, kind: isSchools ? 'school_location' : '' });
  const [message, setMessage] = useState('');
  const { mutation, byField, other } = useSetupForm({
    mutationFn: (body: Record<string, string | null>) => api.post<Organisation>('/organisations', body),
    fields: FIELDS,
    onSuccess: (o) => {
      setValues({ ...EMPTY, kind: isSchools ? 'school_location' : '' });
      setMessage(t('setup.orgs.created', { name: o.name }));
      void queryClient.invalidateQueries({ queryKey: qk.organisations.all });
    },
  });
  const set = (f: Field) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage('');
    const body: Record<string, string | null> = { kind: values.kind, name: values.name.trim() };
    if (values.gemeenteId) body.gemeenteId = values.gemeenteId;
    if (isSchools) {
      body.brin = values.brin.trim() || null;
      body.vestiging = values.vestiging.trim() || null;
      body.schoolType = values.schoolType || null;
      body.boardName = values.boardName.trim() || null;
    }
    mutation.mutate(body);
  }
  const kinds: readonly string[] = isSchools ? ['school_location'] : PARTNER_KINDS;
  const items = (orgs.data?.items ?? []).filter((o) => kinds.includes(o.kind));
  const ids: Record<Field, string> = { kind: 'org-kind', name: 'org-name', brin: 'org-brin', vestiging: 'org-vestiging', schoolType: 'org-school-type', boardName: 'org-board', gemeenteId: 'org-gemeente' };
  const labels: Record<Field, string> = {
    kind: t('setup.orgs.kind'),
    name: t('setup.orgs.name'),
    brin: t('setup.orgs.brin'),
    vestiging: t('setup.orgs.vestiging'),
    schoolType: t('setup.orgs.schoolType'),
    boardName: t('setup.orgs.board'),
    gemeenteId: t('setup.orgs.gemeente'),
  };
  const gemeenteRequired = isSchools || values.kind === 'gemeente';

  return (
    <>
      <Section id="setup-orgs-list" heading={t(`setup.orgs.${mode}.listHeading`)}>
        {orgs.isError && <ErrorAlert error={orgs.error} />}
        {orgs.data && items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t(`setup.orgs.${mode}.none`)}</p>}
        {items.length > 0 && (
          <Table caption={t(`setup.orgs.${mode}.caption`, { count: items.length })}>
            <THead>
              <Th>{t('setup.orgs.name')}</Th>
              {isSchools ? (
                <>
                  <Th>{t('setup.orgs.brinVestiging')}</Th>
                  <Th>{t('setup.orgs.schoolType')}</Th>
                  <Th>{t('setup.orgs.board')}</Th>
                </>
              ) : (
                <Th>{t('setup.orgs.kind')}</Th>
              )}
              <Th>{t('setup.orgs.gemeente')}</Th>
            </THead>
            <TBody>
              {items.map((o) => (
                <Tr key={o.id}>
                  <Th row>{o.name}</Th>
                  {isSchools ? (
                    <>
                      <Td>{`${o.brin ?? ''}${o.vestiging ?? ''}`}</Td>
                      <Td>{o.schoolType ? t(`schoolTypes.${o.schoolType}`, { defaultValue: o.schoolType }) : t('common.none')}</Td>
                      <Td>{o.boardName ?? t('common.none')}</Td>
                    </>
                  ) : (
                    <Td>{t(`organisationKinds.${o.kind}`, { defaultValue: o.kind })}</Td>
                  )}
                  <Td>{o.gemeenteName ?? t('common.none')}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Section>

      <Section id="setup-orgs-add" panel heading={t(`setup.orgs.${mode}.addHeading`)}>
        <LiveStatus>{message}</LiveStatus>
        {mutation.isError && <ErrorSummary error={mutation.error} byField={byField} other={other} fieldIds={ids} labels={labels} />}
        <form className="samenspel-form" noValidate onSubmit={onSubmit}>
          {!isSchools && (
            <SelectField id={ids.kind} label={labels.kind} required value={values.kind} error={byField.kind} onChange={set('kind')}>
              <Options empty={t('setup.orgs.chooseKind')} values={PARTNER_KINDS} label={(k) => t(`setup.orgs.partnerKinds.${k}`)} />
            </SelectField>
          )}
          <TextField id={ids.name} label={labels.name} required maxLength={200} value={values.name} error={byField.name} onChange={set('name')} />
          {isSchools && (
            <>
              <TextField id={ids.brin} label={labels.brin} description={t('setup.orgs.brinHint')} required maxLength={4} autoComplete="off" spellCheck={false} className="samenspel-short-input" value={values.brin} error={byField.brin} onChange={set('brin')} />
              <TextField id={ids.vestiging} label={labels.vestiging} description={t('setup.orgs.vestigingHint')} required inputMode="numeric" maxLength={2} autoComplete="off" className="samenspel-short-input" value={values.vestiging} error={byField.vestiging} onChange={set('vestiging')} />
              <SelectField id={ids.schoolType} label={labels.schoolType} required value={values.schoolType} error={byField.schoolType} onChange={set('schoolType')}>
                <Options empty={t('setup.orgs.chooseSchoolType')} values={SCHOOL_TYPES} label={(s) => t(`schoolTypes.${s}`)} />
              </SelectField>
              <TextField id={ids.boardName} label={labels.boardName} description={t('setup.orgs.boardHint')} optional maxLength={200} value={values.boardName} error={byField.boardName} onChange={set('boardName')} />
            </>
          )}
          <SelectField id={ids.gemeenteId} label={labels.gemeenteId} optional={!gemeenteRequired} required={gemeenteRequired} value={values.gemeenteId} error={byField.gemeenteId} onChange={set('gemeenteId')}>
            <option value="">{t('setup.orgs.chooseGemeente')}</option>
            {gemeenten.data?.items.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </SelectField>
          <SubmitRow busy={mutation.isPending}>{t(`setup.orgs.${mode}.submit`)}</SubmitRow>
        </form>
      </Section>
    </>
  );
}
