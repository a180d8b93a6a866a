import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, request } from '../../api.ts';
import type { Organisation } from '../../types.ts';
import { TextField } from '../../components/Fields.tsx';
import { LiveStatus } from '../../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../../components/Table.tsx';
import { useOrganisations } from '../OrganisationsPage.tsx';
import { ErrorSummary, useSetupForm, useSetupStatus } from './setup-shared.tsx';

/** Step 1: the region's name and its samenwerkingsverband(en). */
export function RegionStep() {
  return (
    <>
      <RegionNameForm />
      <SwvSection />
    </>
  );
}

function RegionNameForm() {
  const { t } = useTranslation();
  const status = useSetupStatus();
  const [name, setName] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (status.data && name === null) setName(status.data.region.name);
  }, [status.data, name]);
  const { mutation, byField, other } = useSetupForm({
    mutationFn: (body: { name: string }) => request<{ name: string }>('PATCH', '/region', { body }),
    fields: ['name'],
    onSuccess: (r) => setMessage(t('setup.region.saved', { name: r.name })),
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage('');
    mutation.mutate({ name: name ?? '' });
  }
  return (
    <section className="samenspel-section samenspel-panel" aria-labelledby="setup-region-name">
      <h2 id="setup-region-name" className="utrecht-heading-2">
        {t('setup.region.nameHeading')}
      </h2>
      <LiveStatus>{message}</LiveStatus>
      {mutation.isError && <ErrorSummary error={mutation.error} byField={byField} other={other} fieldIds={{ name: 'region-name' }} labels={{ name: t('setup.region.name') }} />}
      <form className="samenspel-form" noValidate onSubmit={onSubmit}>
        <TextField id="region-name" label={t('setup.region.name')} required maxLength={200} value={name ?? ''} error={byField.name} onChange={(e) => setName(e.target.value)} />
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={mutation.isPending}>
            {t('setup.region.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function SwvSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const swvs = useOrganisations('swv');
  const [name, setName] = useState('');
  const [message, setMessage] = useState('');
  const { mutation, byField, other } = useSetupForm({
    mutationFn: (body: { kind: 'swv'; name: string }) => api.post<Organisation>('/organisations', body),
    fields: ['name'],
    onSuccess: (o) => {
      setName('');
      setMessage(t('setup.orgs.created', { name: o.name }));
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
    },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage('');
    mutation.mutate({ kind: 'swv', name: name.trim() });
  }
  const items = swvs.data?.items ?? [];
  return (
    <section className="samenspel-section samenspel-panel" aria-labelledby="setup-swv">
      <h2 id="setup-swv" className="utrecht-heading-2">
        {t('setup.region.swvHeading')}
      </h2>
      <p className="utrecht-paragraph samenspel-note">{t('setup.region.swvHint')}</p>
      {items.length === 0 ? (
        <p className="utrecht-paragraph samenspel-empty">{t('setup.region.swvNone')}</p>
      ) : (
        <Table caption={t('setup.region.swvCaption')}>
          <THead>
            <Th>{t('setup.orgs.name')}</Th>
            <Th>{t('setup.orgs.gemeente')}</Th>
          </THead>
          <TBody>
            {items.map((o) => (
              <Tr key={o.id}>
                <Th row>{o.name}</Th>
                <Td>{o.gemeenteName ?? t('common.none')}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <LiveStatus>{message}</LiveStatus>
      {mutation.isError && <ErrorSummary error={mutation.error} byField={byField} other={other} fieldIds={{ name: 'swv-name' }} labels={{ name: t('setup.region.swvName') }} />}
      <form className="samenspel-form" noValidate onSubmit={onSubmit}>
        <TextField id="swv-name" label={t('setup.region.swvName')} required maxLength={200} value={name} error={byField.name} onChange={(e) => setName(e.target.value)} />
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={mutation.isPending}>
            {t('setup.region.swvAdd')}
          </Button>
        </div>
      </form>
    </section>
  );
}
