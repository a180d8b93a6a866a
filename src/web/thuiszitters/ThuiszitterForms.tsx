import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import { SelectField, TextAreaField, TextField } from '../shared/Fields.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { ErrorAlert } from '../shared/Alerts.tsx';
import { FormErrors, useApiForm } from '../shared/ApiForm.tsx';
import { OFFERS_WITH_HOURS, thuiszitterChanged, type EndReason, type OfferKind, type ThuiszitterCategory, type ThuiszitterDetail } from './data.ts';
import { CATEGORIES, END_REASONS } from '../../contracts/values/thuiszitters.ts';
import type { Contract } from '../../contracts/common.ts';
import type { ResponsibleOptions } from '../../contracts/thuiszitters.ts';
import { qk } from '../shared/query-keys.ts';
import { OfferFields, parseHours } from './OfferFields.tsx';
import type { Stale } from '../shared/StaleNotice.tsx';

/* The forms of a thuiszitter entry: each records one event (offer, responsible person, category, end). */

export const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/**
 * A section with a form that appends one event. After saving, the page's live region says what was
 * recorded and the keyboard goes to the section's heading (the form stays, emptied). It sends the
 * entry's version (`stale`, the page's: a stale one is shown at the top, the form keeps its input).
 */
export function EventSection({
  id,
  heading,
  intro,
  fields,
  body,
  submitLabel,
  danger,
  onSaved,
  children,
  reset,
  entry,
  stale,
}: {
  id: string;
  heading: string;
  intro: string;
  fields: readonly string[];
  body: () => Record<string, unknown> | null;
  submitLabel: string;
  danger?: boolean;
  onSaved: (entry: ThuiszitterDetail) => void;
  children: (errors: Record<string, string>) => ReactNode;
  reset: () => void;
  entry: ThuiszitterDetail;
  stale: Stale;
}) {
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (payload: Record<string, unknown>) => api.post<ThuiszitterDetail>(`/thuiszitters/${entry.id}/events`, { ...payload, version: stale.version() }),
    fields,
    stale,
    onSuccess: (next) => {
      thuiszitterChanged(queryClient, next);
      reset();
      onSaved(next);
      // An ended entry loses its forms: then the top of the page takes the keyboard.
      if (next.can.change) headingRef.current?.focus();
      else document.querySelector<HTMLElement>('h1')?.focus();
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const payload = body();
    if (payload && !mutation.isPending) mutation.mutate(payload);
  }
  return (
    <section className="samenspel-section samenspel-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1} className="utrecht-heading-2">
        {heading}
      </h2>
      <p className="utrecht-paragraph">{intro}</p>
      <FormErrors mutation={mutation} byField={byField} other={other} stale={stale} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
        {children(byField)}
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance={danger ? 'secondary-action-button' : 'primary-action-button'} hint={danger ? 'danger' : undefined} busy={mutation.isPending}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </section>
  );
}

export function DateField({ id, value, onChange, error, label }: { id: string; value: string; onChange: (v: string) => void; error?: string; label: string }) {
  const { t } = useTranslation();
  return (
    <TextField
      id={id}
      type="date"
      label={label}
      description={t('thuiszitters.form.dateHint')}
      required
      max={todayIso()}
      value={value}
      error={error}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function OfferSection({ entry, onDone, stale }: { entry: ThuiszitterDetail; onDone: (s: string) => void; stale: Stale }) {
  const { t } = useTranslation();
  const [date, setDateValue] = useState(todayIso());
  const [kind, setKind] = useState<OfferKind | ''>('');
  const [hours, setHours] = useState('');
  const [fitting, setFitting] = useState<'yes' | 'no' | ''>('');
  const [note, setNote] = useState('');
  const [hoursError, setHoursError] = useState<string | undefined>();
  return (
    <EventSection
      id="thuiszitter-offer"
      entry={entry}
      stale={stale}
      heading={t('thuiszitters.form.offerHeading')}
      intro={t('thuiszitters.form.offerIntro')}
      fields={['effectiveOn', 'offer', 'offer/hoursPerWeek', 'offer/fitting', 'note']}
      submitLabel={t('thuiszitters.form.offerSubmit')}
      reset={() => {
        setKind('');
        setHours('');
        setFitting('');
        setNote('');
      }}
      onSaved={(next) => {
        onDone(t('thuiszitters.form.offerSaved', { offer: t(`thuiszitters.offer.kinds.${next.offer?.kind ?? 'none'}`) }));
      }}
      body={() => {
        const h = parseHours(hours);
        if (Number.isNaN(h)) {
          setHoursError(t('thuiszitters.form.hoursNumber'));
          setTimeout(() => document.getElementById('thuiszitter-offer-hours')?.focus(), 0);
          return null;
        }
        setHoursError(undefined);
        return {
          kind: 'offer',
          effectiveOn: date,
          offer: kind ? { kind, hoursPerWeek: kind && OFFERS_WITH_HOURS.includes(kind) ? h : null, fitting: kind !== 'none' && fitting === 'yes' } : undefined,
          note: note.trim() || null,
        };
      }}
    >
      {(errors) => (
        <>
          <OfferFields idPrefix="thuiszitter-offer" kind={kind} hours={hours} fitting={fitting} onKind={setKind} onHours={setHours} onFitting={setFitting} errors={errors} hoursError={hoursError} />
          <DateField id="thuiszitter-offer-date" label={t('thuiszitters.form.offerDate')} value={date} onChange={setDateValue} error={errors.effectiveOn} />
          <TextAreaField id="thuiszitter-offer-note" label={t('thuiszitters.form.note')} optional rows={2} maxLength={2000} value={note} error={errors.note} onChange={(e) => setNote(e.target.value)} />
        </>
      )}
    </EventSection>
  );
}

export function ResponsibleSection({ entry, onDone, stale }: { entry: ThuiszitterDetail; onDone: (s: string) => void; stale: Stale }) {
  const { t } = useTranslation();
  const [date, setDateValue] = useState(todayIso());
  const [person, setPerson] = useState('');
  const options = useQuery({
    queryKey: qk.thuiszitterResponsibleOptions(entry.child.id),
    queryFn: () => api.get<Contract<typeof ResponsibleOptions>>('/thuiszitters/responsible-options', { childId: entry.child.id }),
  });
  return (
    <EventSection
      id="thuiszitter-responsible"
      entry={entry}
      stale={stale}
      heading={t('thuiszitters.form.responsibleHeading')}
      intro={t('thuiszitters.form.responsibleIntro')}
      fields={['effectiveOn', 'responsiblePersonId', 'note']}
      submitLabel={t('thuiszitters.form.responsibleSubmit')}
      reset={() => setPerson('')}
      onSaved={(next) => {
        onDone(t('thuiszitters.form.responsibleSaved', { name: next.responsible?.name ?? '' }));
      }}
      body={() => ({ kind: 'responsible', effectiveOn: date, responsiblePersonId: person || undefined })}
    >
      {(errors) => (
        <>
          {options.isError && <ErrorAlert error={options.error} />}
          <SelectField id="thuiszitter-responsible-person" label={t('thuiszitters.form.responsiblePerson')} value={person} error={errors.responsiblePersonId} onChange={(e) => setPerson(e.target.value)}>
            <option value="">{t('thuiszitters.form.choose')}</option>
            {(options.data?.items ?? [])
              .filter((o) => o.personId !== entry.responsible?.personId)
              .map((o) => (
                <option key={o.personId} value={o.personId}>
                  {t('thuiszitters.form.personOption', { name: o.name, role: t(`roles.${o.role}`), organisation: o.organisationName })}
                </option>
              ))}
          </SelectField>
          <DateField id="thuiszitter-responsible-date" label={t('thuiszitters.form.changeDate')} value={date} onChange={setDateValue} error={errors.effectiveOn} />
        </>
      )}
    </EventSection>
  );
}

export function CategorySection({ entry, onDone, stale }: { entry: ThuiszitterDetail; onDone: (s: string) => void; stale: Stale }) {
  const { t } = useTranslation();
  const [date, setDateValue] = useState(todayIso());
  const [category, setCategory] = useState<ThuiszitterCategory | ''>('');
  const [note, setNote] = useState('');
  return (
    <EventSection
      id="thuiszitter-category"
      entry={entry}
      stale={stale}
      heading={t('thuiszitters.form.categoryHeading')}
      intro={t('thuiszitters.form.categoryIntro')}
      fields={['effectiveOn', 'category', 'note']}
      submitLabel={t('thuiszitters.form.categorySubmit')}
      reset={() => {
        setCategory('');
        setNote('');
      }}
      onSaved={(next) => {
        onDone(t('thuiszitters.form.categorySaved', { category: t(`thuiszitters.category.${next.category}`) }));
      }}
      body={() => ({ kind: 'category', effectiveOn: date, category: category || undefined, note: note.trim() || null })}
    >
      {(errors) => (
        <>
          <SelectField id="thuiszitter-category-value" label={t('thuiszitters.form.newCategory')} value={category} error={errors.category} onChange={(e) => setCategory(e.target.value as ThuiszitterCategory)}>
            <option value="">{t('thuiszitters.form.choose')}</option>
            {CATEGORIES.filter((c) => c !== entry.category).map((c) => (
              <option key={c} value={c}>
                {t(`thuiszitters.category.${c}`)}
              </option>
            ))}
          </SelectField>
          <DateField id="thuiszitter-category-date" label={t('thuiszitters.form.changeDate')} value={date} onChange={setDateValue} error={errors.effectiveOn} />
          <TextAreaField id="thuiszitter-category-note" label={t('thuiszitters.form.note')} optional rows={2} maxLength={2000} value={note} error={errors.note} onChange={(e) => setNote(e.target.value)} />
        </>
      )}
    </EventSection>
  );
}

export function EndSection({ entry, onDone, stale }: { entry: ThuiszitterDetail; onDone: (s: string) => void; stale: Stale }) {
  const { t } = useTranslation();
  const [date, setDateValue] = useState(todayIso());
  const [reason, setReason] = useState<EndReason | ''>('');
  const [note, setNote] = useState('');
  return (
    <EventSection
      id="thuiszitter-end"
      entry={entry}
      stale={stale}
      danger
      heading={t('thuiszitters.form.endHeading')}
      intro={t('thuiszitters.form.endIntro')}
      fields={['effectiveOn', 'endReason', 'note']}
      submitLabel={t('thuiszitters.form.endSubmit')}
      reset={() => {
        setReason('');
        setNote('');
      }}
      onSaved={() => {
        onDone(t('thuiszitters.form.endSaved'));
      }}
      body={() => ({ kind: 'end', effectiveOn: date, endReason: reason || undefined, note: note.trim() || null })}
    >
      {(errors) => (
        <>
          <RadioGroupField
            id="thuiszitter-end-reason"
            name="endReason"
            legend={t('thuiszitters.form.endReason')}
            options={END_REASONS.map((r) => ({ value: r, label: t(`thuiszitters.endReason.${r}`) }))}
            value={reason}
            error={errors.endReason}
            onChange={setReason}
          />
          <DateField id="thuiszitter-end-date" label={t('thuiszitters.form.endDate')} value={date} onChange={setDateValue} error={errors.effectiveOn} />
          <TextAreaField
            id="thuiszitter-end-note"
            label={t('thuiszitters.form.note')}
            description={t('thuiszitters.form.endNoteHint')}
            optional={reason !== 'other'}
            required={reason === 'other'}
            rows={2}
            maxLength={2000}
            value={note}
            error={errors.note}
            onChange={(e) => setNote(e.target.value)}
          />
        </>
      )}
    </EventSection>
  );
}
