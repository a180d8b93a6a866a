import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { formatDate } from '../format.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../components/Alerts.tsx';
import { FormErrors, useApiForm } from '../components/ApiForm.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { currentSchoolYear, dateRange, HolidayTable, schoolYearOptions, type FreeDay, type HolidayRegion, type Vacation } from './CalendarShared.tsx';

interface SchoolCalendar {
  schoolLocation: { id: string; name: string; holidayRegion: HolidayRegion | null; gemeenteName: string | null };
  schoolYear: string;
  start: string;
  end: string;
  vacations: Vacation[];
  nationalFreeDays: FreeDay[];
  freeDays: FreeDay[];
  lessonWeeks: number;
  schoolDays: number;
  canEdit: boolean;
  knownSchoolYears: string[];
}

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
  const key = ['school-calendar', schoolId, schoolYear];
  const query = useQuery({
    queryKey: key,
    queryFn: () => api.get<SchoolCalendar>(`/school-locations/${schoolId}/calendar`, { schoolYear }),
    enabled: !!schoolId,
  });
  const cal = query.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['school-calendar', schoolId] });

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

          <section className="samenspel-section" aria-labelledby="school-calendar-holidays">
            <h2 id="school-calendar-holidays" className="utrecht-heading-2">
              {t('calendar.school.holidaysHeading')}
            </h2>
            <HolidayTable caption={t('calendar.school.holidaysCaption', { year: cal.schoolYear })} vacations={cal.vacations} nationalFreeDays={cal.nationalFreeDays} showRegion={false} />
          </section>

          <section className="samenspel-section" aria-labelledby="school-calendar-own">
            <h2 id="school-calendar-own" className="utrecht-heading-2">
              {t('calendar.school.ownHeading')}
            </h2>
            {cal.freeDays.length === 0 ? (
              <p className="utrecht-paragraph samenspel-empty">{t('calendar.school.noOwn')}</p>
            ) : (
              <Table caption={t('calendar.school.ownCaption', { year: cal.schoolYear })}>
                <THead>
                  <Th>{t('calendar.school.name')}</Th>
                  <Th>{t('calendar.dates')}</Th>
                  <Th>{t('calendar.school.addedBy')}</Th>
                  {cal.canEdit && <Th>{t('calendar.school.actions')}</Th>}
                </THead>
                <TBody>
                  {cal.freeDays.map((d) => (
                    <Tr key={d.id}>
                      <Th row>{d.name}</Th>
                      <Td>{dateRange(d.startDate, d.endDate, lng, t)}</Td>
                      <Td>{d.createdBy ?? t('common.unknown')}</Td>
                      {cal.canEdit && (
                        <Td>
                          <Button
                            type="button"
                            appearance="secondary-action-button"
                            busy={remove.isPending && remove.variables?.id === d.id}
                            aria-label={t('calendar.school.removeLabel', { name: d.name, dates: dateRange(d.startDate, d.endDate, lng, t) })}
                            onClick={() => !remove.isPending && remove.mutate(d)}
                          >
                            {t('calendar.school.remove')}
                          </Button>
                        </Td>
                      )}
                    </Tr>
                  ))}
                </TBody>
              </Table>
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
          </section>
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

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.mutate({ name, startDate, endDate: endDate || null });
  }

  return (
    <div className="samenspel-panel">
      <h3 className="utrecht-heading-3">{t('calendar.school.addHeading')}</h3>
      <FormErrors mutation={mutation} byField={byField} other={other} />
      <form ref={formRef} className="samenspel-form" noValidate onSubmit={onSubmit}>
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
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={mutation.isPending}>
            {t('calendar.school.add')}
          </Button>
        </div>
      </form>
    </div>
  );
}
