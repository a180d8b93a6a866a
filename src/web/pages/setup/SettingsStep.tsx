import { useEffect, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../../api.ts';
import { CheckboxField, TextField } from '../../components/Fields.tsx';
import { AppLink } from '../../components/AppLink.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../../components/Table.tsx';
import { ErrorSummary, useSetupForm } from './setup-shared.tsx';
import { SignalTermsSection } from './SignalTermsSection.tsx';

interface Setting {
  key: string;
  value: number;
  default: number;
  min: number;
  max: number;
  unit: string;
  fixed: boolean;
  usedBy: string;
  enforced: boolean;
  updatedAt: string | null;
}

const SETTINGS_KEY = ['settings'] as const;

/** Step 5: the settings other capabilities use, each with its default explained; links to the early-warning settings and the school holidays. */
export function SettingsStep() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.get<{ items: Setting[] }>('/settings') });
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [message, setMessage] = useState('');
  const items = settings.data?.items;
  const editable = (items ?? []).filter((s) => !s.fixed);
  const fixed = (items ?? []).filter((s) => s.fixed);
  useEffect(() => {
    if (items && draft === null) setDraft(Object.fromEntries(items.filter((s) => !s.fixed).map((s) => [s.key, String(s.value)])));
  }, [items, draft]);
  const fields = editable.map((s) => `values/${s.key}`);
  const { mutation, byField, other } = useSetupForm({
    mutationFn: (body: { values: Record<string, number | null> }) => api.put<{ items: Setting[] }>('/settings', body),
    fields,
    onSuccess: (saved) => {
      queryClient.setQueryData(SETTINGS_KEY, saved);
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
      <section className="samenspel-section samenspel-panel" aria-labelledby="setup-settings">
        <h2 id="setup-settings" className="utrecht-heading-2">
          {t('setup.settings.heading')}
        </h2>
        <LiveStatus>{message}</LiveStatus>
        {settings.isPending && <Loading label={t('common.loading')} />}
        {settings.isError && <ErrorAlert error={settings.error} />}
        {mutation.isError && <ErrorSummary error={mutation.error} byField={byField} other={other} fieldIds={ids} labels={labels} />}
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
            <div className="utrecht-button-group samenspel-actions">
              <Button type="submit" appearance="primary-action-button" busy={mutation.isPending}>
                {t('setup.settings.save')}
              </Button>
            </div>
          </form>
        )}
      </section>
      <SignalTermsSection />
      {fixed.length > 0 && (
        <section className="samenspel-section" aria-labelledby="setup-settings-fixed">
          <h2 id="setup-settings-fixed" className="utrecht-heading-2">
            {t('setup.settings.fixedHeading')}
          </h2>
          <Table caption={t('setup.settings.fixedCaption')} captionHidden>
            <THead>
              <Th>{t('setup.settings.setting')}</Th>
              <Th>{t('setup.settings.value')}</Th>
              <Th>{t('setup.settings.why')}</Th>
            </THead>
            <TBody>
              {fixed.map((s) => (
                <Tr key={s.key}>
                  <Th row>{t(`setup.settings.keys.${s.key}.label`)}</Th>
                  <Td>
                    {s.value} {unit(s, s.value)}
                  </Td>
                  <Td>{t(`setup.settings.keys.${s.key}.explain`)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </section>
      )}
      <section className="samenspel-section" aria-labelledby="setup-settings-elsewhere">
        <h2 id="setup-settings-elsewhere" className="utrecht-heading-2">
          {t('setup.settings.elsewhereHeading')}
        </h2>
        <ul className="utrecht-unordered-list">
          <li className="utrecht-unordered-list__item">
            <AppLink to="/beheer/verzuimsignalering">{t('setup.settings.earlyWarningLink')}</AppLink> — {t('setup.settings.earlyWarningHint')}
          </li>
          <li className="utrecht-unordered-list__item">
            <AppLink to="/beheer/schoolvakanties">{t('setup.settings.holidaysLink')}</AppLink> — {t('setup.settings.holidaysHint')}
          </li>
        </ul>
      </section>
    </>
  );
}
