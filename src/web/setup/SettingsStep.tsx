import { useEffect, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { TextField } from '../shared/Fields.tsx';
import { CheckboxField } from '../shared/ChoiceFields.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { ErrorSummary, useSetupForm } from './wizard.tsx';
import { SignalTermsSection } from './SignalTermsSection.tsx';
import { RequestTermsSection } from '../requests/RequestTermsSection.tsx';
import { qk } from '../shared/query-keys.ts';
import { Section, SubmitRow } from '../shared/Section.tsx';
import { ItemsTable } from '../shared/ListView.tsx';
import type { Contract } from '../../contracts/common.ts';
import type { RegionSetting, RegionSettings } from '../../contracts/setup.ts';
import { isStale, rebase } from '../shared/stale.ts';
import { StaleNotice, useStale } from '../shared/StaleNotice.tsx';

type Setting = Contract<typeof RegionSetting>;


/** Step 5: the settings other capabilities use, each with its default explained; links to the early-warning settings and the school holidays. */
export function SettingsStep() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: qk.settings.all, queryFn: () => api.get<Contract<typeof RegionSettings>>('/settings') });
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [message, setMessage] = useState('');
  const items = settings.data?.items;
  const editable = (items ?? []).filter((s) => !s.fixed);
  const fixed = (items ?? []).filter((s) => s.fixed);
  useEffect(() => {
    if (items && draft === null) setDraft(Object.fromEntries(items.filter((s) => !s.fixed).map((s) => [s.key, String(s.value)])));
  }, [items, draft]);
  const fields = editable.map((s) => `values/${s.key}`);
  // Saved by someone else meanwhile (stale version): what they changed is shown and taken over in
  // the fields this user did not touch; what this user typed stays.
  const draftOf = (list: Setting[]) => Object.fromEntries(list.filter((s) => !s.fixed).map((s) => [s.key, String(s.value)]));
  const stale = useStale({
    record: settings.data,
    queryKey: qk.settings.all,
    describe: (d) => d.items.filter((s) => !s.fixed).map((s) => [t(`setup.settings.keys.${s.key}.label`), s.unit === 'switch' ? t(s.value ? 'common.yes' : 'common.no') : `${s.value} ${t(`setup.settings.units.${s.unit}`, { count: s.value })}`] as const),
    onStale: (current, before) => {
      if (current && before) setDraft((d) => d && rebase(d, draftOf(before.items), draftOf(current.items)));
    },
  });
  const { mutation, byField, other } = useSetupForm({
    mutationFn: (body: { values: Record<string, number | null> }) => api.put<Contract<typeof RegionSettings>>('/settings', { ...body, version: stale.version() }),
    fields,
    stale,
    onSuccess: (saved) => {
      queryClient.setQueryData(qk.settings.all, saved);
      setDraft(Object.fromEntries(saved.items.filter((s) => !s.fixed).map((s) => [s.key, String(s.value)])));
      setMessage(t('setup.settings.saved'));
    },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setMessage('');
    const values: Record<string, number | null> = {};
    for (const s of editable) {
      const raw = (draft[s.key] ?? '').trim();
      const v = raw === '' ? null : Number(raw.replace(',', '.'));
      if (v !== s.value) values[s.key] = v === null || Number.isNaN(v) ? null : v;
    }
    mutation.mutate({ values });
  }
  const ids = Object.fromEntries(editable.map((s) => [`values/${s.key}`, `setting-${s.key}`]));
  const labels = Object.fromEntries(editable.map((s) => [`values/${s.key}`, t(`setup.settings.keys.${s.key}.label`)]));
  const unit = (s: Setting, n: number) => t(`setup.settings.units.${s.unit}`, { count: n });

  return (
    <>
      <Section id="setup-settings" panel heading={t('setup.settings.heading')}>
        <LiveStatus>{message}</LiveStatus>
        {settings.isPending && <Loading label={t('common.loading')} />}
        {settings.isError && <ErrorAlert error={settings.error} />}
        <StaleNotice stale={stale} />
        {mutation.isError && !isStale(mutation.error) && <ErrorSummary error={mutation.error} byField={byField} other={other} fieldIds={ids} labels={labels} />}
        {draft && (
          <form className="samenspel-form" noValidate onSubmit={onSubmit}>
            {editable.map((s) =>
              s.unit === 'switch' ? (
                <CheckboxField
                  key={s.key}
                  id={`setting-${s.key}`}
                  label={t(`setup.settings.keys.${s.key}.label`)}
                  description={
                    <>
                      {t(`setup.settings.keys.${s.key}.explain`)} {t(s.default ? 'setup.settings.defaultOn' : 'setup.settings.defaultOff')}
                    </>
                  }
                  checked={draft[s.key] === '1'}
                  error={byField[`values/${s.key}`]}
                  onChange={(on) => setDraft((d) => ({ ...(d ?? {}), [s.key]: on ? '1' : '0' }))}
                />
              ) : (
                <TextField
                  key={s.key}
                  id={`setting-${s.key}`}
                  label={`${t(`setup.settings.keys.${s.key}.label`)} (${t(`setup.settings.units.${s.unit}`, { count: 2 })})`}
                  description={
                    <>
                      {t(`setup.settings.keys.${s.key}.explain`)} {t('setup.settings.defaultRange', { default: s.default, min: s.min, max: s.max, unit: unit(s, s.default) })}
                      {!s.enforced && <> {t('setup.settings.notEnforced')}</>}
                    </>
                  }
                  inputMode="numeric"
                  autoComplete="off"
                  className="samenspel-short-input"
                  value={draft[s.key] ?? ''}
                  error={byField[`values/${s.key}`]}
                  onChange={(e) => setDraft((d) => ({ ...(d ?? {}), [s.key]: e.target.value }))}
                />
              ),
            )}
            <SubmitRow busy={mutation.isPending}>{t('setup.settings.save')}</SubmitRow>
          </form>
        )}
      </Section>
      <SignalTermsSection />
      <RequestTermsSection panel heading={t('requestRegion.terms.heading')} />
      {fixed.length > 0 && (
        <Section id="setup-settings-fixed" heading={t('setup.settings.fixedHeading')}>
          <ItemsTable
            caption={t('setup.settings.fixedCaption')}
            captionHidden
            empty={null}
            items={fixed}
            rowKey={(s) => s.key}
            columns={[
              { header: t('setup.settings.setting'), rowHeader: true, cell: (s) => t(`setup.settings.keys.${s.key}.label`) },
              {
                header: t('setup.settings.value'),
                cell: (s) => (
                  <>
                    {s.value} {unit(s, s.value)}
                  </>
                ),
              },
              { header: t('setup.settings.why'), cell: (s) => t(`setup.settings.keys.${s.key}.explain`) },
            ]}
          />
        </Section>
      )}
      <Section id="setup-settings-elsewhere" heading={t('setup.settings.elsewhereHeading')}>
        <ul className="utrecht-unordered-list">
          <li className="utrecht-unordered-list__item">
            <AppLink to="/beheer/verzuimsignalering">{t('setup.settings.earlyWarningLink')}</AppLink> — {t('setup.settings.earlyWarningHint')}
          </li>
          <li className="utrecht-unordered-list__item">
            <AppLink to="/beheer/schoolvakanties">{t('setup.settings.holidaysLink')}</AppLink> — {t('setup.settings.holidaysHint')}
          </li>
        </ul>
      </Section>
    </>
  );
}
