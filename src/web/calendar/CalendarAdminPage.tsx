import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { SelectField, FileField, Options } from '../shared/Fields.tsx';
import { Alert, ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { currentSchoolYear, dateRange, HolidayTable, schoolYearOptions, type HolidayList } from './HolidayTable.tsx';
import { HOLIDAY_REGIONS, type HolidayRegion } from '../../contracts/values/calendar.ts';
import type { Contract } from '../../contracts/common.ts';
import type { HolidayImportCommitted, HolidayImportPreview } from '../../contracts/calendar.ts';
import { qk } from '../shared/query-keys.ts';
import { Section, SubmitRow } from '../shared/Section.tsx';
import { ItemsTable } from '../shared/ListView.tsx';

type ImportPreview = Contract<typeof HolidayImportPreview>;
type PeriodChange = ImportPreview['changes']['added'][number];

/**
 * The functional administrator's view of the official school holidays: per school year and
 * region, and the import of the Rijksoverheid open-data JSON for later school years (check first,
 * then save all at once).
 */
export function CalendarAdminPage() {
  const { t } = useTranslation();
  const [schoolYear, setSchoolYear] = useState(currentSchoolYear());
  const [region, setRegion] = useState<HolidayRegion | ''>('');
  const query = useQuery({
    queryKey: qk.holidays.list(schoolYear, region),
    queryFn: () => api.get<HolidayList>('/school-calendar', { schoolYear, region: region || undefined }),
  });
  const list = query.data;

  return (
    <>
      <PageHeading title={t('calendar.admin.title')} />
      <p className="utrecht-paragraph">{t('calendar.admin.intro')}</p>
      <form className="samenspel-form samenspel-search" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="holidays-year" label={t('calendar.schoolYear')} value={schoolYear} onChange={(e) => setSchoolYear(e.target.value)}>
          {schoolYearOptions(list?.knownSchoolYears, currentSchoolYear()).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
        <SelectField id="holidays-region" label={t('calendar.region')} value={region} onChange={(e) => setRegion(e.target.value as HolidayRegion | '')}>
          <Options empty={t('calendar.everyRegion')} values={HOLIDAY_REGIONS} label={(r) => t(`calendar.regions.${r}`)} />
        </SelectField>
      </form>
      {query.isPending && <Loading label={t('common.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {list && (
        <>
          {list.lessonWeeks !== undefined && <p className="utrecht-paragraph">{t('calendar.admin.counts', { weeks: list.lessonWeeks, days: list.schoolDays, region: t(`calendar.regions.${list.region}`) })}</p>}
          <HolidayTable
            caption={region ? t('calendar.admin.captionRegion', { year: list.schoolYear, region: t(`calendar.regions.${region}`) }) : t('calendar.admin.caption', { year: list.schoolYear })}
            vacations={list.vacations}
            nationalFreeDays={list.nationalFreeDays}
            showRegion
          />
        </>
      )}
      <HolidayImport />
    </>
  );
}

function ChangeTable({ caption, rows, changed }: { caption: string; rows: PeriodChange[]; changed?: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <ItemsTable
      caption={caption}
      empty={null}
      items={rows}
      rowKey={(r) => `${r.schoolYear}-${r.vacationType}-${r.region ?? ''}`}
      columns={[
        { header: t('calendar.schoolYear'), cell: (r) => r.schoolYear },
        { header: t('calendar.holiday'), rowHeader: true, cell: (r) => r.name },
        { header: t('calendar.region'), cell: (r) => r.region ? t(`calendar.regions.${r.region}`) : t('calendar.allRegions') },
        { header: t('calendar.dates'), cell: (r) => dateRange(r.startDate, r.endDate, lng, t) },
        changed && {
          header: t('calendar.admin.was'),
          cell: (r) => (
            <>
              {r.previous && dateRange(r.previous.startDate, r.previous.endDate, lng, t)}
              {r.previous && !r.previous.verified && ` (${t('calendar.unverified')})`}
            </>
          ),
        },
      ]}
    />
  );
}

function HolidayImport() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const check = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.post<ImportPreview>('/school-calendar/holiday-imports', form);
    },
    onSuccess: (p) => setStatus(p.errors.length ? t('calendar.import.resultErrors', { count: p.errors.length }) : t('calendar.import.result', { added: p.changes.added.length, changed: p.changes.changed.length, removed: p.changes.removed.length, unchanged: p.changes.unchanged })),
  });
  const commit = useMutation({
    mutationFn: (id: string) => api.post<Contract<typeof HolidayImportCommitted>>(`/school-calendar/holiday-imports/${id}/commit`),
    onSuccess: (r) => {
      setStatus(t('calendar.import.saved', { added: r.added, changed: r.changed, removed: r.removed, unchanged: r.unchanged }));
      void queryClient.invalidateQueries({ queryKey: qk.holidays.all });
    },
  });
  const preview = check.data;
  const nothingToDo = preview && !preview.errors.length && !preview.changes.added.length && !preview.changes.changed.length && !preview.changes.removed.length;

  function onCheck(event: FormEvent) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    commit.reset();
    setStatus('');
    if (file && !check.isPending) check.mutate(file);
  }

  return (
    <Section id="holiday-import" panel heading={t('calendar.import.heading')}>
      <p className="utrecht-paragraph">{t('calendar.import.intro')}</p>
      <LiveStatus>{status}</LiveStatus>
      <form className="samenspel-form" noValidate onSubmit={onCheck}>
        <FileField ref={fileRef} id="holiday-file" label={t('calendar.import.file')} accept=".json,application/json" />
        <SubmitRow busy={check.isPending}>{check.isPending ? t('calendar.import.checking') : t('calendar.import.check')}</SubmitRow>
      </form>
      {check.isError && <ErrorAlert error={check.error} />}
      {preview && (
        <>
          {preview.errors.length > 0 && (
            <>
              <ItemsTable
                caption={t('calendar.import.errorsCaption')}
                empty={null}
                items={preview.errors}
                rowKey={(_e, i) => i}
                columns={[
                  {
                    header: t('calendar.import.where'),
                    cell: (e) => (
                      <>
                        <code>{e.path || t('calendar.import.wholeFile')}</code>
                      </>
                    ),
                  },
                  { header: t('calendar.import.what'), cell: (e) => e.message },
                ]}
              />
              <Alert type="warning">
                <p className="utrecht-paragraph">{t('calendar.import.saveBlocked')}</p>
              </Alert>
            </>
          )}
          {preview.changes.added.length > 0 && <ChangeTable caption={t('calendar.import.addedCaption')} rows={preview.changes.added} />}
          {preview.changes.changed.length > 0 && <ChangeTable caption={t('calendar.import.changedCaption')} rows={preview.changes.changed} changed />}
          {preview.changes.removed.length > 0 && <ChangeTable caption={t('calendar.import.removedCaption')} rows={preview.changes.removed} />}
          {nothingToDo && (
            <Alert type="info">
              <p className="utrecht-paragraph">{t('calendar.import.nothing')}</p>
            </Alert>
          )}
          {preview.errors.length === 0 && !nothingToDo && !commit.isSuccess && (
            <div className="utrecht-button-group samenspel-actions">
              <Button type="button" appearance="primary-action-button" busy={commit.isPending} onClick={() => !commit.isPending && commit.mutate(preview.id)}>
                {t('calendar.import.save')}
              </Button>
            </div>
          )}
          {commit.isError && <ErrorAlert error={commit.error} />}
        </>
      )}
    </Section>
  );
}
