import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useLocation, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api, isApiError } from '../api.ts';
import { formatDate, formatDateTimeShort } from '../format.ts';
import { CHILD_LIST_ROLES } from '../roles.ts';
import { useSession } from '../session.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { RadioGroupField, SelectField, TextAreaField, TextField } from '../components/Fields.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../components/Alerts.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { FormErrors, useApiForm } from '../components/ApiForm.tsx';
import {
  CATEGORIES,
  childName,
  durationText,
  END_REASONS,
  NormBadge,
  OFFER_KINDS,
  OFFERS_WITH_HOURS,
  OfferText,
  thuiszitterChanged,
  ThuiszitterNav,
  useThuiszitter,
  type EndReason,
  type OfferKind,
  type RegisteredState,
  type ThuiszitterCategory,
  type ThuiszitterDetail,
  type ThuiszitterHistoryItem,
} from './ThuiszitterShared.tsx';

const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/**
 * One entry of the thuiszitter register: where the child stands (category, time at home, the
 * norm, offer, responsible person), the forms to record a change — each appended, never edited —
 * and the whole history.
 */
export function ThuiszitterPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const query = useThuiszitter(id);
  const [status, setStatus] = useState('');
  const registered = (location.state as RegisteredState | null)?.registered === true;
  useEffect(() => {
    if (registered) setStatus(t('thuiszitters.detail.registered'));
  }, [registered, t]);

  if (isApiError(query.error) && [400, 404].includes(query.error.status)) {
    return (
      <>
        <PageHeading title={t('thuiszitters.detail.notFound')} />
        <p className="utrecht-paragraph">{t('thuiszitters.detail.notFoundDetail')}</p>
        <p className="utrecht-paragraph">
          <AppLink to="/thuiszitters">{t('thuiszitters.detail.back')}</AppLink>
        </p>
      </>
    );
  }
  const entry = query.data;
  return (
    <>
      <PageHeading title={entry ? t('thuiszitters.detail.titleNamed', { name: childName(entry.child, t) }) : t('thuiszitters.detail.title')} />
      <ThuiszitterNav />
      <LiveStatus>{status}</LiveStatus>
      {query.isPending && <Loading label={t('common.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {entry && (
        <>
          <Summary entry={entry} />
          {entry.can.change && (
            <>
              <OfferSection entry={entry} onDone={setStatus} />
              <ResponsibleSection entry={entry} onDone={setStatus} />
              <CategorySection entry={entry} onDone={setStatus} />
              <EndSection entry={entry} onDone={setStatus} />
            </>
          )}
          <History history={entry.history} />
        </>
      )}
    </>
  );
}

function Summary({ entry }: { entry: ThuiszitterDetail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { actorRole } = useSession();
  const name = childName(entry.child, t);
  const row = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <section className="samenspel-section" aria-labelledby="thuiszitter-summary">
      <h2 id="thuiszitter-summary" className="utrecht-heading-2">
        {t('thuiszitters.detail.summary')}
      </h2>
      <dl className="samenspel-dl">
        {row(
          t('thuiszitters.columns.child'),
          <>
            {entry.child.givenName && actorRole && CHILD_LIST_ROLES.includes(actorRole) ? <AppLink to={`/kinderen/${entry.child.id}`}>{name}</AppLink> : name}
            {entry.child.age !== undefined && ` (${t('common.ageYears', { count: entry.child.age })})`}
          </>,
        )}
        {row(t('thuiszitters.columns.category'), entry.category ? t(`thuiszitters.category.${entry.category}`) : t('common.none'))}
        {row(t('thuiszitters.detail.school'), entry.schoolLocation?.name ?? t('thuiszitters.detail.noSchool'))}
        {row(
          t('thuiszitters.columns.since'),
          <>
            <time dateTime={entry.startDate}>{formatDate(entry.startDate, lng)}</time> ({durationText(entry.duration, t)})
          </>,
        )}
        {row(t('thuiszitters.columns.norm'), <NormBadge entry={entry} />)}
        {row(
          t('thuiszitters.detail.offer'),
          <>
            <OfferText offer={entry.offer} />
            {entry.offer?.since && (
              <>
                {' '}
                {t('thuiszitters.detail.since', { date: formatDate(entry.offer.since, lng) })}
              </>
            )}
          </>,
        )}
        {row(t('thuiszitters.columns.responsible'), entry.responsible ? `${entry.responsible.name}${entry.responsible.organisationName ? ` (${entry.responsible.organisationName})` : ''}` : t('common.none'))}
        {entry.end && row(t('thuiszitters.detail.end'), `${formatDate(entry.end.on, lng)}: ${t(`thuiszitters.endReason.${entry.end.reason}`)}${entry.end.note ? ` – ${entry.end.note}` : ''}`)}
        {entry.absenceReport &&
          row(
            t('thuiszitters.detail.report'),
            t('thuiszitters.detail.reportText', {
              school: entry.absenceReport.schoolLocationName,
              from: formatDate(entry.absenceReport.startDate, lng),
              to: formatDate(entry.absenceReport.endDate, lng),
              hours: entry.absenceReport.hours.toLocaleString(lng),
            }),
          )}
      </dl>
    </section>
  );
}

/**
 * A section with a form that appends one event. After saving, the page's live region says what was
 * recorded and the keyboard goes to the section's heading (the form stays, emptied).
 */
function EventSection({
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
}) {
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (payload: Record<string, unknown>) => api.post<ThuiszitterDetail>(`/thuiszitters/${entry.id}/events`, payload),
    fields,
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
      <FormErrors mutation={mutation} byField={byField} other={other} />
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

function DateField({ id, value, onChange, error, label }: { id: string; value: string; onChange: (v: string) => void; error?: string; label: string }) {
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

/** The offer fields, shared with the registration form. */
export function OfferFields({
  idPrefix,
  kind,
  hours,
  fitting,
  onKind,
  onHours,
  onFitting,
  errors,
  hoursError,
}: {
  idPrefix: string;
  kind: OfferKind | '';
  hours: string;
  fitting: 'yes' | 'no' | '';
  onKind: (k: OfferKind) => void;
  onHours: (h: string) => void;
  onFitting: (f: 'yes' | 'no') => void;
  errors: Record<string, string>;
  hoursError?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <RadioGroupField
        id={`${idPrefix}-kind`}
        name={`${idPrefix}-kind`}
        legend={t('thuiszitters.form.offerKind')}
        options={OFFER_KINDS.map((k) => ({ value: k, label: t(`thuiszitters.offer.kinds.${k}`) }))}
        value={kind}
        error={errors.offer}
        onChange={onKind}
      />
      {kind && OFFERS_WITH_HOURS.includes(kind) && (
        <TextField
          id={`${idPrefix}-hours`}
          inputMode="decimal"
          label={t('thuiszitters.form.hours')}
          description={kind === 'education_partial' ? t('thuiszitters.form.hoursRequired') : t('thuiszitters.form.hoursOptional')}
          optional={kind !== 'education_partial'}
          className="samenspel-short-input"
          value={hours}
          error={hoursError ?? errors['offer/hoursPerWeek']}
          onChange={(e) => onHours(e.target.value)}
        />
      )}
      {kind && kind !== 'none' && (
        <RadioGroupField
          id={`${idPrefix}-fitting`}
          name={`${idPrefix}-fitting`}
          legend={t('thuiszitters.form.fitting')}
          description={t('thuiszitters.form.fittingHint')}
          options={[
            { value: 'yes', label: t('thuiszitters.form.fittingYes') },
            { value: 'no', label: t('thuiszitters.form.fittingNo') },
          ]}
          value={fitting}
          error={errors['offer/fitting']}
          onChange={onFitting}
        />
      )}
    </>
  );
}

/** Hours as typed (12 or 12,5): a number, null when empty, NaN when not a number. */
export function parseHours(text: string): number | null {
  const v = text.trim().replace(',', '.');
  if (!v) return null;
  return /^\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
}

function OfferSection({ entry, onDone }: { entry: ThuiszitterDetail; onDone: (s: string) => void }) {
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

function ResponsibleSection({ entry, onDone }: { entry: ThuiszitterDetail; onDone: (s: string) => void }) {
  const { t } = useTranslation();
  const [date, setDateValue] = useState(todayIso());
  const [person, setPerson] = useState('');
  const options = useQuery({
    queryKey: ['thuiszitter-responsible-options', entry.child.id],
    queryFn: () => api.get<{ items: { personId: string; name: string; role: string; organisationName: string }[] }>('/thuiszitters/responsible-options', { childId: entry.child.id }),
  });
  return (
    <EventSection
      id="thuiszitter-responsible"
      entry={entry}
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

function CategorySection({ entry, onDone }: { entry: ThuiszitterDetail; onDone: (s: string) => void }) {
  const { t } = useTranslation();
  const [date, setDateValue] = useState(todayIso());
  const [category, setCategory] = useState<ThuiszitterCategory | ''>('');
  const [note, setNote] = useState('');
  return (
    <EventSection
      id="thuiszitter-category"
      entry={entry}
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

function EndSection({ entry, onDone }: { entry: ThuiszitterDetail; onDone: (s: string) => void }) {
  const { t } = useTranslation();
  const [date, setDateValue] = useState(todayIso());
  const [reason, setReason] = useState<EndReason | ''>('');
  const [note, setNote] = useState('');
  return (
    <EventSection
      id="thuiszitter-end"
      entry={entry}
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

/** Everything recorded, oldest first: what changed, from which day, who recorded it and when. */
function History({ history }: { history: ThuiszitterHistoryItem[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const what = (e: ThuiszitterHistoryItem): ReactNode => {
    switch (e.kind) {
      case 'category':
        return e.schoolLocation
          ? t('thuiszitters.history.category', { category: t(`thuiszitters.category.${e.category}`), school: e.schoolLocation.name })
          : t('thuiszitters.history.categoryNoSchool', { category: t(`thuiszitters.category.${e.category}`) });
      case 'responsible':
        return t('thuiszitters.history.responsible', { name: e.responsible?.name ?? '' });
      case 'offer':
        return (
          <>
            {t('thuiszitters.history.offer')} <OfferText offer={e.offer} />
          </>
        );
      case 'end':
        return t('thuiszitters.history.end', { reason: t(`thuiszitters.endReason.${e.endReason}`) });
    }
  };
  return (
    <section className="samenspel-section" aria-labelledby="thuiszitter-history">
      <h2 id="thuiszitter-history" className="utrecht-heading-2">
        {t('thuiszitters.history.heading')}
      </h2>
      <ol className="samenspel-timeline">
        {history.map((e) => (
          <li key={e.id} className="samenspel-timeline__item">
            <p className="utrecht-paragraph samenspel-timeline__when">
              {t('thuiszitters.history.from', { date: formatDate(e.effectiveOn, lng) })}
              {' – '}
              {t('thuiszitters.history.recorded', {
                when: formatDateTimeShort(e.recordedAt, lng),
                who: e.recordedBy?.name ? (e.recordedBy.organisationName ? `${e.recordedBy.name} (${e.recordedBy.organisationName})` : e.recordedBy.name) : t('thuiszitters.history.system'),
              })}
            </p>
            <p className="utrecht-paragraph samenspel-timeline__what">{what(e)}</p>
            {e.note && <p className="utrecht-paragraph samenspel-pre-line">{e.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
