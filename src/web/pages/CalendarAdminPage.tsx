import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../api.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { SelectField } from '../components/Fields.tsx';
import { Alert, ErrorAlert, LiveStatus, Loading } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { currentSchoolYear, dateRange, HOLIDAY_REGIONS, HolidayTable, schoolYearOptions, type HolidayList, type HolidayRegion } from './CalendarShared.tsx';

interface PeriodChange {
  schoolYear: string;
  vacationType: string;
  name: string;
  region: HolidayRegion | null;
  startDate: string;
  endDate: string;
  previous?: { startDate: string; endDate: string; verified: boolean };
}

interface ImportPreview {
  id: string;
  fileName: string;
  schoolYears: string[];
  periods: number;
  errors: { path: string; message: string }[];
  changes: { added: PeriodChange[]; changed: PeriodChange[]; removed: PeriodChange[]; unchanged: number };
}

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
    queryKey: ['holidays', schoolYear, region],
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
          <option value="">{t('calendar.everyRegion')}</option>
          {HOLIDAY_REGIONS.map((r) => (
            <option key={r} value={r}>
              {t(`calendar.regions.${r}`)}
            </option>
          ))}
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
    <Table caption={caption}>
      <THead>
        <Th>{t('calendar.schoolYear')}</Th>
        <Th>{t('calendar.holiday')}</Th>
        <Th>{t('calendar.region')}</Th>
        <Th>{t('calendar.dates')}</Th>
        {changed && <Th>{t('calendar.admin.was')}</Th>}
      </THead>
      <TBody>
        {rows.map((r) => (
          <Tr key={`${r.schoolYear}-${r.vacationType}-${r.region ?? ''}`}>
            <Td>{r.schoolYear}</Td>
            <Th row>{r.name}</Th>
            <Td>{r.region ? t(`calendar.regions.${r.region}`) : t('calendar.allRegions')}</Td>
            <Td>{dateRange(r.startDate, r.endDate, lng, t)}</Td>
            {changed && (
              <Td>
                {r.previous && dateRange(r.previous.startDate, r.previous.endDate, lng, t)}
                {r.previous && !r.previous.verified && ` (${t('calendar.unverified')})`}
              </Td>
            )}
          </Tr>
        ))}
      </TBody>
    </Table>
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
    mutationFn: (id: string) => api.post<{ added: number; changed: number; removed: number; unchanged: number }>(`/school-calendar/holiday-imports/${id}/commit`),
    onSuccess: (r) => {
      setStatus(t('calendar.import.saved', r));
      void queryClient.invalidateQueries({ queryKey: ['holidays'] });
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
    <section className="samenspel-section samenspel-panel" aria-labelledby="holiday-import">
      <h2 id="holiday-import" className="utrecht-heading-2">
        {t('calendar.import.heading')}
      </h2>
      <p className="utrecht-paragraph">{t('calendar.import.intro')}</p>
      <LiveStatus>{status}</LiveStatus>
      <form className="samenspel-form" noValidate onSubmit={onCheck}>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="holiday-file">
            {t('calendar.import.file')}
          </label>
          <input ref={fileRef} id="holiday-file" name="file" type="file" accept=".json,application/json" className="utrecht-textbox samenspel-file" required />
        </div>
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={check.isPending}>
            {check.isPending ? t('calendar.import.checking') : t('calendar.import.check')}
          </Button>
        </div>
      </form>
      {check.isError && <ErrorAlert error={check.error} />}
      {preview && (
        <>
          {preview.errors.length > 0 && (
            <>
              <Table caption={t('calendar.import.errorsCaption')}>
                <THead>
                  <Th>{t('calendar.import.where')}</Th>
                  <Th>{t('calendar.import.what')}</Th>
                </THead>
                <TBody>
                  {preview.errors.map((e, i) => (
                    <Tr key={i}>
                      <Td>
                        <code>{e.path || t('calendar.import.wholeFile')}</code>
                      </Td>
                      <Td>{e.message}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
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
    </section>
  );
}
