import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import type { ChildPage, ChildSummary } from '../shared/types.ts';
import { formatDate, fullName } from '../shared/format.ts';
import { deadlineState, typeKey } from '../shared/absence.ts';
import type { Followup, ReportStatus } from '../../contracts/values/absence.ts';
import type { AbsenceReport } from './data.ts';
import { TextField } from '../shared/Fields.tsx';
import { RadioGroupField } from '../shared/ChoiceFields.tsx';
import { ErrorAlert, StatusText } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { qk } from '../shared/query-keys.ts';

/*
 * Small parts the absence screens share: badges whose words carry the meaning (colour and border
 * only repeat it), the period and deadline texts, and the pupil picker of the forms.
 */

const STATUS_BADGE: Record<ReportStatus, string> = {
  due: 'status',
  overdue: 'very-late',
  reported: 'on-time',
  dismissed: 'status',
  withdrawn: 'status',
};

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return <span className={`samenspel-badge samenspel-badge--${STATUS_BADGE[status]}`}>{t(`absenceReports.status.${status}`)}</span>;
}

export function FollowupBadge({ followup }: { followup: Followup }) {
  const { t } = useTranslation();
  return <span className={`samenspel-badge samenspel-badge--${followup === 'new' ? 'late' : 'status'}`}>{t(`absenceReports.followup.${followup}`)}</span>;
}

export function DateText({ iso }: { iso: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!iso) return null;
  return <time dateTime={iso}>{formatDate(iso, i18n.language)}</time>;
}

/** "2 november 2026 – 5 november 2026"; one date when the period is one day. */
export function Period({ start, end }: { start: string; end: string }) {
  const { t } = useTranslation();
  if (start === end) return <DateText iso={start} />;
  return (
    <>
      <DateText iso={start} />
      <span aria-hidden="true"> – </span>
      <span className="samenspel-visually-hidden"> {t('absenceReports.periodUntil')} </span>
      <DateText iso={end} />
    </>
  );
}

export function formatHours(hours: number, lng: string): string {
  return hours.toLocaleString(lng === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 2 });
}

/** Time left before the deadline in working days, or how many days late; for a made report, whether it was in time. */
export function DeadlineNote({ report, asOf }: { report: Pick<AbsenceReport, 'status' | 'deadline' | 'reportedOn'>; asOf: string }) {
  const { t } = useTranslation();
  const state = deadlineState(report, asOf);
  if (state.kind === 'left') {
    return <span>{state.workingDays === 0 ? t('absenceReports.deadline.today') : t('absenceReports.deadline.left', { count: state.workingDays })}</span>;
  }
  if (state.kind === 'late') return <strong>{t('absenceReports.deadline.late', { count: state.days })}</strong>;
  if (state.kind === 'reported') return <span>{state.onTime ? t('absenceReports.deadline.reportedOnTime') : t('absenceReports.deadline.reportedLate')}</span>;
  return null;
}

/** The deadline's date with what it means on `asOf`, for tables and the facts list. */
export function Deadline({ report, asOf }: { report: Pick<AbsenceReport, 'status' | 'deadline' | 'reportedOn'>; asOf: string }) {
  return (
    <>
      <span className="samenspel-nowrap">
        <DateText iso={report.deadline} />
      </span>
      <br />
      <DeadlineNote report={report} asOf={asOf} />
    </>
  );
}

export interface PickedPupil {
  id: string;
  name: string;
}

/**
 * Choosing a pupil of the own school: type (part of) the name, then choose from the matches
 * (radio buttons, so keyboard and screen reader users hear each option). The list comes from
 * GET /children, which already holds only the children the user may see; pupils of another
 * school (e.g. through a case) are left out, because the absence belongs to this school.
 */
export function PupilPicker({
  id,
  schoolId,
  value,
  onChange,
  error,
  description,
}: {
  id: string;
  schoolId: string;
  value: PickedPupil | null;
  onChange: (pupil: PickedPupil | null) => void;
  error?: string;
  description?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setTerm(text.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [text]);
  const search = useQuery({
    queryKey: qk.children.pick(schoolId, term),
    queryFn: () => api.get<ChildPage>('/children', { q: term, page: 1, pageSize: 20 }),
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
  });
  const matches = term.length >= 2 ? (search.data?.items ?? []).filter((c) => c.school?.organisationId === schoolId) : [];
  const label = (c: ChildSummary) => fullName(c);
  const options = matches.map((c) => ({
    value: c.id,
    label: label(c),
    description: [t('absenceReports.picker.born', { date: formatDate(c.birthDate, i18n.language) }), c.school?.groupName ? t('absenceReports.picker.group', { group: c.school.groupName }) : null].filter(Boolean).join(', '),
  }));
  // Enter in the search box searches now; it does not send the form around it.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    setTerm(text.trim());
  };
  const chosenVisible = value !== null && matches.some((m) => m.id === value.id);

  return (
    <div className="samenspel-pupil-picker">
      <TextField
        id={`${id}-search`}
        type="search"
        label={t('absenceReports.picker.label')}
        description={description ?? t('absenceReports.picker.hint')}
        autoComplete="off"
        maxLength={100}
        value={text}
        error={error}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <StatusText>
        {term.length >= 2 && search.data && !search.isFetching
          ? matches.length
            ? t('absenceReports.picker.found', { count: matches.length })
            : t('absenceReports.picker.none', { q: term })
          : ''}
      </StatusText>
      {search.isError && <ErrorAlert error={search.error} />}
      {options.length > 0 && (
        <RadioGroupField
          id={`${id}-choice`}
          name={`${id}-choice`}
          legend={t('absenceReports.picker.choose')}
          options={options}
          value={value && chosenVisible ? value.id : ''}
          onChange={(childId) => {
            const c = matches.find((m) => m.id === childId);
            if (c) onChange({ id: c.id, name: label(c) });
          }}
        />
      )}
      {value && !chosenVisible && <p className="utrecht-paragraph">{t('absenceReports.picker.chosen', { name: value.name })}</p>}
    </div>
  );
}

/** The row header of a report table: the pupil's name, linking to the report, with its type and start for screen readers. */
export function ReportPupilLink({ report, to }: { report: Pick<AbsenceReport, 'child' | 'type' | 'startDate'>; to: string }) {
  const { t, i18n } = useTranslation();
  return (
    <AppLink to={to}>
      {fullName(report.child)}
      <span className="samenspel-visually-hidden">
        {', '}
        {t('absenceReports.columns.linkSuffix', { type: t(typeKey(report.type)), date: formatDate(report.startDate, i18n.language) })}
      </span>
    </AppLink>
  );
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
