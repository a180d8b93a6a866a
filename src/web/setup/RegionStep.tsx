import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, request } from '../shared/api.ts';
import type { Organisation } from '../shared/types.ts';
import { TextField } from '../shared/Fields.tsx';
import { LiveStatus } from '../shared/Alerts.tsx';
import { useOrganisations } from '../registry/data.ts';
import { ErrorSummary, useSetupForm, useSetupStatus } from './wizard.tsx';
import { qk } from '../shared/query-keys.ts';
import { isStale } from '../shared/stale.ts';
import { StaleNotice, useStale } from '../shared/StaleNotice.tsx';
import { Section, SubmitRow } from '../shared/Section.tsx';
import { ItemsTable } from '../shared/ListView.tsx';

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
  // The name is based on the region's version (GET /setup); renamed by someone else meanwhile: the
  // notice shows the name as it is now, the field keeps what this user typed.
  const stale = useStale({ record: status.data?.region, refresh: [qk.setup.all], describe: (r) => [[t('setup.region.name'), r.name]] });
  const { mutation, byField, other } = useSetupForm({
    mutationFn: (body: { name: string }) => request<{ name: string }>('PATCH', '/region', { body: { ...body, version: stale.version() } }),
    fields: ['name'],
    stale,
    onSuccess: (r) => setMessage(t('setup.region.saved', { name: r.name })),
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage('');
    mutation.mutate({ name: name ?? '' });
  }
  return (
    <Section id="setup-region-name" panel heading={t('setup.region.nameHeading')}>
      <LiveStatus>{message}</LiveStatus>
      <StaleNotice stale={stale} />
      {mutation.isError && !isStale(mutation.error) && <ErrorSummary error={mutation.error} byField={byField} other={other} fieldIds={{ name: 'region-name' }} labels={{ name: t('setup.region.name') }} />}
      <form className="samenspel-form" noValidate onSubmit={onSubmit}>
        <TextField id="region-name" label={t('setup.region.name')} required maxLength={200} value={name ?? ''} error={byField.name} onChange={(e) => setName(e.target.value)} />
        <SubmitRow busy={mutation.isPending}>{t('setup.region.save')}</SubmitRow>
      </form>
    </Section>
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
      void queryClient.invalidateQueries({ queryKey: qk.organisations.all });
    },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage('');
    mutation.mutate({ kind: 'swv', name: name.trim() });
  }
  const items = swvs.data?.items ?? [];
  return (
    <Section id="setup-swv" panel heading={t('setup.region.swvHeading')}>
      <p className="utrecht-paragraph samenspel-note">{t('setup.region.swvHint')}</p>
      {items.length === 0 ? (
        <p className="utrecht-paragraph samenspel-empty">{t('setup.region.swvNone')}</p>
      ) : (
        <ItemsTable
          caption={t('setup.region.swvCaption')}
          empty={null}
          items={items}
          rowKey={(o) => o.id}
          columns={[
            { header: t('setup.orgs.name'), rowHeader: true, cell: (o) => o.name },
            { header: t('setup.orgs.gemeente'), cell: (o) => o.gemeenteName ?? t('common.none') },
          ]}
        />
      )}
      <LiveStatus>{message}</LiveStatus>
      {mutation.isError && <ErrorSummary error={mutation.error} byField={byField} other={other} fieldIds={{ name: 'swv-name' }} labels={{ name: t('setup.region.swvName') }} />}
      <form className="samenspel-form" noValidate onSubmit={onSubmit}>
        <TextField id="swv-name" label={t('setup.region.swvName')} required maxLength={200} value={name} error={byField.name} onChange={(e) => setName(e.target.value)} />
        <SubmitRow busy={mutation.isPending}>{t('setup.region.swvAdd')}</SubmitRow>
      </form>
    </Section>
  );
}
