import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../api.ts';
import { formatDateTimeShort } from '../format.ts';
import { SCHOOL_TYPES, earlyWarningSettingsKey, useEarlyWarningSettings, type EarlyWarningSettings, type SchoolType } from '../early-warning.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { TextField } from '../components/Fields.tsx';
import { ErrorAlert, Loading, LiveStatus } from '../components/Alerts.tsx';
import { FormErrors, useApiForm } from '../components/ApiForm.tsx';

const THRESHOLDS = ['attention', 'chronic', 'severe'] as const;
const FIELDS = [...THRESHOLDS.map((k) => `thresholds/${k}`), ...SCHOOL_TYPES.map((s) => `lessonHoursPerDay/${s}`), 'thresholds', 'lessonHoursPerDay'];

type Draft = Record<string, string>;

const show = (n: number) => String(n).replace('.', ',');
/** "5,5" and "5.5" are both five and a half; what is no number is sent as null, and the server says what to fill in. */
const parse = (s: string): number | null => {
  const v = s.trim().replace(',', '.');
  return v === '' || Number.isNaN(Number(v)) ? null : Number(v);
};

function draftOf(s: EarlyWarningSettings): Draft {
  const d: Draft = {};
  for (const k of THRESHOLDS) d[`thresholds/${k}`] = show(s.thresholds[k]);
  for (const type of SCHOOL_TYPES) d[`lessonHoursPerDay/${type}`] = show(s.lessonHoursPerDay[type]);
  return d;
}

/**
 * The functional administrator sets the early-warning thresholds of the region (in percent of
 * lesson time, increasing) and the lesson hours per school day per school type. The server checks
 * everything and names each field to fix.
 */
export function EarlyWarningSettingsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const query = useEarlyWarningSettings();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (query.data && draft === null) setDraft(draftOf(query.data));
  }, [query.data, draft]);

  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: unknown) => api.put<EarlyWarningSettings>('/early-warning/settings', body),
    fields: FIELDS,
    onSuccess: (saved) => {
      queryClient.setQueryData(earlyWarningSettingsKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['early-warning'] });
      setDraft(draftOf(saved));
      setStatus(t('earlyWarning.settings.saved'));
    },
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!draft || mutation.isPending) return;
    setStatus('');
    const thresholds = Object.fromEntries(THRESHOLDS.map((k) => [k, parse(draft[`thresholds/${k}`])]));
    const lessonHoursPerDay = Object.fromEntries(SCHOOL_TYPES.map((s) => [s, parse(draft[`lessonHoursPerDay/${s}`])]));
    mutation.mutate({ thresholds, lessonHoursPerDay });
  }

  const field = (name: string, label: string, description?: string) => (
    <TextField
      key={name}
      id={`ew-${name.replace('/', '-')}`}
      label={label}
      description={description}
      inputMode="decimal"
      autoComplete="off"
      value={draft?.[name] ?? ''}
      error={byField[name]}
      onChange={(e) => setDraft((d) => ({ ...(d ?? {}), [name]: e.target.value }))}
    />
  );
  const data = query.data;

  return (
    <>
      <PageHeading title={t('earlyWarning.settings.title')} />
      <p className="utrecht-paragraph samenspel-lead">{t('earlyWarning.settings.intro')}</p>
      {data && (
        <p className="utrecht-paragraph samenspel-note">
          {data.updatedAt ? t('earlyWarning.settings.updatedAt', { date: formatDateTimeShort(data.updatedAt, i18n.language) }) : t('earlyWarning.settings.defaults')}
        </p>
      )}
      <LiveStatus>{status}</LiveStatus>
      {query.isPending && <Loading label={t('common.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      <FormErrors mutation={mutation} byField={byField} other={other} />
      {draft && (
        <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
          <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset samenspel-fieldset">
            <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('earlyWarning.settings.thresholds')}</legend>
            <p className="utrecht-paragraph samenspel-note">{t('earlyWarning.settings.thresholdsHint')}</p>
            {THRESHOLDS.map((k) => field(`thresholds/${k}`, t(`earlyWarning.settings.${k}`)))}
          </fieldset>
          <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset samenspel-fieldset">
            <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('earlyWarning.settings.hours')}</legend>
            <p className="utrecht-paragraph samenspel-note">{t('earlyWarning.settings.hoursHint')}</p>
            {SCHOOL_TYPES.map((s: SchoolType) => field(`lessonHoursPerDay/${s}`, t(`schoolTypes.${s}`)))}
          </fieldset>
          <div className="utrecht-button-group samenspel-actions">
            <Button type="submit" appearance="primary-action-button" busy={mutation.isPending}>
              {t('earlyWarning.settings.save')}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
