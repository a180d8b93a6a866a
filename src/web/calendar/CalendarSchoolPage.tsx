import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import { formatDate } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { SelectField, TextField } from '../shared/Fields.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { ApiFormView, useApiForm } from '../shared/ApiForm.tsx';
import { currentSchoolYear, dateRange, HolidayTable, schoolYearOptions, type SchoolFreeDay as FreeDay } from './HolidayTable.tsx';
import type { Contract } from '../../contracts/common.ts';
import type { SchoolCalendar as SchoolCalendarSchema } from '../../contracts/calendar.ts';
import { qk } from '../shared/query-keys.ts';
import { Section } from '../shared/Section.tsx';
import { ItemsTable } from '../shared/ListView.tsx';

type SchoolCalendar = Contract<typeof SchoolCalendarSchema>;

const FIELDS = ['name', 'startDate', 'endDate'] as const;

/**
 * "Schoolkalender": the holidays of the school's region, the national free days and the school's
 * own free days (studiedagen), with the lesson weeks and school days they leave. The IB /
 * zorgcoördinator and the school leader add and remove the school's own days here.
 */
export function CalendarSchoolPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { activeMembership } = useSession();
  const schoolId = activeMembership?.organisationId ?? '';
  const [schoolYear, setSchoolYear] = useState(currentSchoolYear());
  const [status, setStatus] = useState('');
  const queryClient = useQueryClient();
  const key = qk.schoolCalendar.year(schoolId, schoolYear);
  const query = useQuery({
    queryKey: key,
    queryFn: () => api.get<SchoolCalendar>(`/school-locations/${schoolId}/calendar`, { schoolYear }),
    enabled: !!schoolId,
  });
  const cal = query.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: qk.schoolCalendar.of(schoolId) });

  const remove = useMutation({
    mutationFn: (day: FreeDay) => api.delete(`/school-locations/${schoolId}/free-days/${day.id}`),
    onSuccess: (_r, day) => {
      setStatus(t('calendar.school.removed', { name: day.name, dates: dateRange(day.startDate, day.endDate, lng, t) }));
      void refresh();
    },
  });

  return (
    <>
      <PageHeading title={t('calendar.school.title')} />
      <p className="utrecht-paragraph">{t('calendar.school.intro', { school: activeMembership?.organisationName ?? '' })}</p>
      <form className="samenspel-form samenspel-search" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="school-calendar-year" label={t('calendar.schoolYear')} value={schoolYear} onChange={(e) => setSchoolYear(e.target.value)}>
          {schoolYearOptions(cal?.knownSchoolYears, currentSchoolYear()).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
      </form>
      <LiveStatus>{status}</LiveStatus>
      {query.isPending && <Loading label={t('common.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {cal && (
        <>
          <dl className="samenspel-dl">
            <div>
              <dt>{t('calendar.region')}</dt>
              <dd>{cal.schoolLocation.holidayRegion ? t(`calendar.regions.${cal.schoolLocation.holidayRegion}`) : t('calendar.school.noRegion')}</dd>
            </div>
            <div>
              <dt>{t('calendar.schoolYear')}</dt>
              <dd>{t('calendar.range', { start: formatDate(cal.start, lng), end: formatDate(cal.end, lng) })}</dd>
            </div>
            <div>
              <dt>{t('calendar.lessonWeeks')}</dt>
              <dd>{cal.lessonWeeks}</dd>
            </div>
            <div>
              <dt>{t('calendar.schoolDays')}</dt>
              <dd>{cal.schoolDays}</dd>
            </div>
          </dl>

          <Section id="school-calendar-holidays" heading={t('calendar.school.holidaysHeading')}>
            <HolidayTable caption={t('calendar.school.holidaysCaption', { year: cal.schoolYear })} vacations={cal.vacations} nationalFreeDays={cal.nationalFreeDays} showRegion={false} />
          </Section>

          <Section id="school-calendar-own" heading={t('calendar.school.ownHeading')}>
            {cal.freeDays.length === 0 ? (
              <p className="utrecht-paragraph samenspel-empty">{t('calendar.school.noOwn')}</p>
            ) : (
              <ItemsTable
                caption={t('calendar.school.ownCaption', { year: cal.schoolYear })}
                empty={null}
                items={cal.freeDays}
                rowKey={(d) => d.id}
                columns={[
                  { header: t('calendar.school.name'), rowHeader: true, cell: (d) => d.name },
                  { header: t('calendar.dates'), cell: (d) => dateRange(d.startDate, d.endDate, lng, t) },
                  { header: t('calendar.school.addedBy'), cell: (d) => d.createdBy ?? t('common.unknown') },
                  cal.canEdit && {
                    header: t('calendar.school.actions'),
                    cell: (d) => (
                      <>
                        <Button
                          type="button"
                          appearance="secondary-action-button"
                          busy={remove.isPending && remove.variables?.id === d.id}
                          aria-label={t('calendar.school.removeLabel', { name: d.name, dates: dateRange(d.startDate, d.endDate, lng, t) })}
                          onClick={() => !remove.isPending && remove.mutate(d)}
                        >
                          {t('calendar.school.remove')}
                        </Button>
                      </>
                    ),
                  },
                ]}
              />
            )}
            {remove.isError && <ErrorAlert error={remove.error} />}
            {cal.canEdit && (
              <AddFreeDay
                schoolId={schoolId}
                onAdded={(d) => {
                  setStatus(t('calendar.school.added', { name: d.name, dates: dateRange(d.startDate, d.endDate, lng, t) }));
                  void refresh();
                }}
              />
            )}
          </Section>
        </>
      )}
    </>
  );
}

function AddFreeDay({ schoolId, onAdded }: { schoolId: string; onAdded: (day: FreeDay) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(t('calendar.school.defaultName'));
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const { mutation, byField, other, formRef } = useApiForm({
    mutationFn: (body: { name: string; startDate: string; endDate: string | null }) => api.post<FreeDay>(`/school-locations/${schoolId}/free-days`, body),
    fields: FIELDS,
    onSuccess: (day) => {
      setStartDate('');
      setEndDate('');
      onAdded(day);
    },
  });

  function onSubmit() {
    if (mutation.isPending) return;
    mutation.mutate({ name, startDate, endDate: endDate || null });
  }

  return (
    <div className="samenspel-panel">
      <h3 className="utrecht-heading-3">{t('calendar.school.addHeading')}</h3>
      <ApiFormView form={{ mutation, byField, other, formRef }} onSubmit={onSubmit} submit={t('calendar.school.add')}>
        <TextField id="free-day-name" label={t('calendar.school.name')} required maxLength={100} value={name} error={byField.name} onChange={(e) => setName(e.target.value)} />
        <TextField id="free-day-start" type="date" label={t('calendar.school.startDate')} required value={startDate} error={byField.startDate} onChange={(e) => setStartDate(e.target.value)} />
        <TextField
          id="free-day-end"
          type="date"
          label={t('calendar.school.endDate')}
          description={t('calendar.school.endDateHint')}
          optional
          value={endDate}
          error={byField.endDate}
          onChange={(e) => setEndDate(e.target.value)}
        />
      </ApiFormView>
    </div>
  );
}
