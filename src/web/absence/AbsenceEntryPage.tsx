import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import { formatDate } from '../shared/format.ts';
import { parseHours, todayNl } from '../shared/absence.ts';
import { ABSENCE_REASONS, type AbsenceReason } from '../../contracts/values/absence.ts';
import type { AbsenceRecorded } from './data.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { TextField } from '../shared/Fields.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { ErrorAlert, LiveStatus } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { focusFirstInvalid } from '../shared/focus.ts';
import { formatHours, PupilPicker, type PickedPupil } from './ReportFacts.tsx';
import { qk } from '../shared/query-keys.ts';

const FIELDS = ['childId', 'day', 'hours', 'reason'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The care coordinator enters one pupil's absence on one day by hand: hours (decimal comma
 * accepted) and the reason in the law's categories. The legal reports follow at once; after saving
 * the page says whether a new report followed, with a link to the reports. The pupil and the reason
 * stay, so that the next day of the same pupil is quick to enter.
 */
export function AbsenceEntryPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const queryClient = useQueryClient();
  const { activeMembership } = useSession();
  const schoolId = activeMembership?.organisationId ?? '';

  const [pupil, setPupil] = useState<PickedPupil | null>(null);
  const [day, setDay] = useState(todayNl());
  const [hours, setHours] = useState('');
  const [reason, setReason] = useState<AbsenceReason | ''>('');
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const [localSeq, setLocalSeq] = useState(0);
  const [saved, setSaved] = useState<{ result: AbsenceRecorded; name: string } | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { childId: string; schoolLocationId: string; day: string; hours: number; reason: AbsenceReason }) => api.post<AbsenceRecorded>('/absence-records', body),
    fields: FIELDS,
    onSuccess: (result) => {
      if (result.newReports > 0) void queryClient.invalidateQueries({ queryKey: qk.absenceReports.all });
      setSaved({ result, name: pupil?.name ?? '' });
      setHours('');
    },
  });
  useEffect(() => {
    if (saved) statusRef.current?.focus();
  }, [saved]);
  useEffect(() => {
    if (localSeq) focusFirstInvalid(formRef.current);
  }, [localSeq, formRef]);

  const errors: Partial<Record<Field, string>> = { ...byField, ...local };

  function onSubmit() {
    if (mutation.isPending) return;
    const n = parseHours(hours);
    const found: Partial<Record<Field, string>> = {};
    if (!pupil) found.childId = t('absenceReports.form.pickPupil');
    if (!day) found.day = t('absenceReports.entry.dayRequired');
    if (!hours.trim()) found.hours = t('absenceReports.entry.hoursRequired');
    else if (!(n > 0 && n <= 12)) found.hours = t('absenceReports.entry.hoursInvalid');
    if (!reason) found.reason = t('absenceReports.entry.reasonRequired');
    setLocal(found);
    setSaved(null);
    if (Object.keys(found).length || !pupil || !reason) {
      mutation.reset();
      setLocalSeq((s) => s + 1);
      return;
    }
    mutation.mutate({ childId: pupil.id, schoolLocationId: schoolId, day, hours: n, reason });
  }

  const localCount = Object.keys(local).length;
  return (
    <>
      <PageHeading title={t('absenceReports.entry.title')} />
      <p className="utrecht-paragraph">{t('absenceReports.entry.intro', { school: activeMembership?.organisationName ?? '' })}</p>
      <div ref={statusRef} tabIndex={-1} className="samenspel-focus-target">
        <LiveStatus>
          {saved && (
            <>
              <p className="utrecht-paragraph">
                {t('absenceReports.entry.saved', {
                  name: saved.name,
                  hours: formatHours(saved.result.hours, lng),
                  reason: t(`absenceReports.reason.${saved.result.reason}`),
                  date: formatDate(saved.result.day, lng),
                })}
              </p>
              <p className="utrecht-paragraph">
                {saved.result.newReports > 0 ? t('absenceReports.entry.newReports', { count: saved.result.newReports }) : t('absenceReports.entry.noNewReports')}{' '}
                <AppLink to="/verzuim/meldingen">{t('absenceReports.entry.toReports')}</AppLink>
              </p>
            </>
          )}
        </LiveStatus>
      </div>
      {localCount > 0 && <ErrorAlert message={t('absenceReports.form.fix')} fieldCount={localCount} />}
      <ApiFormView form={{ mutation, byField, other, formRef }} onSubmit={onSubmit} submit={t('absenceReports.entry.submit')}>
        <PupilPicker
          id="entry-pupil"
          schoolId={schoolId}
          value={pupil}
          onChange={(p) => {
            setPupil(p);
            setLocal((l) => {
              const next = { ...l };
              delete next.childId;
              return next;
            });
          }}
          error={errors.childId}
        />
        <div className="samenspel-filter-grid">
          <TextField id="entry-day" type="date" label={t('absenceReports.entry.day')} required max={todayNl()} value={day} error={errors.day} onChange={(e) => setDay(e.target.value)} />
          <TextField
            id="entry-hours"
            label={t('absenceReports.entry.hours')}
            description={t('absenceReports.entry.hoursHint')}
            required
            inputMode="decimal"
            autoComplete="off"
            maxLength={5}
            value={hours}
            error={errors.hours}
            onChange={(e) => setHours(e.target.value)}
          />
        </div>
        <RadioGroupField
          id="entry-reason"
          name="reason"
          legend={t('absenceReports.entry.reason')}
          options={ABSENCE_REASONS.map((r) => ({ value: r, label: t(`absenceReports.reason.${r}`) }))}
          value={reason}
          error={errors.reason}
          onChange={setReason}
        />
      </ApiFormView>
    </>
  );
}
