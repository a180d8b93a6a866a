import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { formatDateTimeShort } from '../shared/format.ts';
import { SCHOOL_TYPES, type SchoolType } from '../../contracts/values/early-warning.ts';
import { useEarlyWarningSettings, type EarlyWarningSettings } from './data.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { TextField } from '../shared/Fields.tsx';
import { ErrorAlert, Loading, LiveStatus } from '../shared/Alerts.tsx';
import { FormErrors, useApiForm } from '../shared/ApiForm.tsx';
import { qk } from '../shared/query-keys.ts';
import { SubmitRow } from '../shared/Section.tsx';
import { rebase } from '../shared/stale.ts';
import { StaleNotice, useStale } from '../shared/StaleNotice.tsx';

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

  // Saved by someone else meanwhile (stale version): the notice says which values changed; fields
  // this user did not touch take the new values, what they typed stays.
  const stale = useStale({
    record: query.data,
    queryKey: qk.earlyWarning.settings,
    describe: (s) => [
      ...THRESHOLDS.map((k) => [t(`earlyWarning.settings.${k}`), show(s.thresholds[k])] as const),
      ...SCHOOL_TYPES.map((type) => [`${t('earlyWarning.settings.hours')}, ${t(`schoolTypes.${type}`)}`, show(s.lessonHoursPerDay[type])] as const),
    ],
    onStale: (current, before) => {
      if (current && before) setDraft((d) => d && rebase(d, draftOf(before), draftOf(current)));
    },
  });
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: unknown) => api.put<EarlyWarningSettings>('/early-warning/settings', body),
    fields: FIELDS,
    stale,
    onSuccess: (saved) => {
      queryClient.setQueryData(qk.earlyWarning.settings, saved);
      void queryClient.invalidateQueries({ queryKey: qk.earlyWarning.all });
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
    mutation.mutate({ thresholds, lessonHoursPerDay, version: stale.version() });
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
      <StaleNotice stale={stale} />
      <FormErrors mutation={mutation} byField={byField} other={other} stale={stale} />
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
          <SubmitRow busy={mutation.isPending}>{t('earlyWarning.settings.save')}</SubmitRow>
        </form>
      )}
    </>
  );
}
