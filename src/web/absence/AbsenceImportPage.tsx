import './absence.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Button } from '@utrecht/button-react';
import { api, fieldErrors } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import { formatDate, formatDateTimeShort } from '../shared/format.ts';
import { typeKey } from '../shared/absence.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { Alert, ErrorAlert, LiveStatus } from '../shared/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../shared/Table.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { ImportErrors } from '../shared/ImportErrors.tsx';
import { Section, SubmitRow } from '../shared/Section.tsx';
import { TextField } from '../shared/Fields.tsx';
import { qk } from '../shared/query-keys.ts';
import { REPORT_TYPES } from '../../contracts/values/absence.ts';
import { formatHours } from './ReportFacts.tsx';
import type { AbsenceImportCommitted, AbsenceImportPreview } from './data.ts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "11 december": the day and month of a deadline, as people say it. */
const dayAndMonth = (iso: string, lng: string) =>
  new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** "a, b en c". */
const listed = (items: string[], t: TFunction) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${t('absenceImport.and')} ${items[items.length - 1]}`);

/**
 * What arose from a saved import, in one sentence: "2 nieuwe meldingen, waarvan 1 luxe verzuim,
 * termijn 11 december" (the first deadline), or that none arose.
 */
export function newReportsSentence(reports: AbsenceImportCommitted['reports'], t: TFunction, lng: string): string {
  if (!reports.length) return t('absenceImport.noNewReports');
  const byType = REPORT_TYPES.map((type) => ({ type, count: reports.filter((r) => r.type === type).length })).filter((x) => x.count > 0);
  const first = reports.map((r) => r.deadline).sort()[0];
  const parts =
    byType.length === 1
      ? t('absenceImport.allOfType', { type: t(`absenceImport.typeWord.${byType[0].type.replace('-', '_')}`, { count: byType[0].count }) })
      : t('absenceImport.ofWhich', { list: listed(byType.map((x) => t('absenceImport.typeCount', { count: x.count, type: t(`absenceImport.typeWord.${x.type.replace('-', '_')}`, { count: x.count }) })), t) });
  return t('absenceImport.newReports', { count: reports.length, parts, date: dayAndMonth(first, lng) });
}

/**
 * The care coordinator loads the school's absence file: first a check of every line (nothing is
 * written), with each pupil by name and pupil number so that a person can see it is right; then
 * "Opslaan" writes it all at once — only when there are no errors — and the page says which
 * reports arose, with a link to each.
 */
export function AbsenceImportPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const queryClient = useQueryClient();
  const { session } = useSession();
  const schoolId = session?.memberships.find((m) => m.id === session.activeMembershipId)?.organisationId ?? '';
  const fileRef = useRef<HTMLInputElement>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  // What the last step found, announced; a file with errors gets an error summary, never a green one.
  const [status, setStatus] = useState<{ text: string; type: 'ok' | 'error' } | null>(null);
  const [noFile, setNoFile] = useState(false);
  const check = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('schoolLocationId', schoolId);
      form.append('file', file);
      return api.post<AbsenceImportPreview>('/absence-imports', form);
    },
    onSuccess: (p) =>
      setStatus(p.errors.length ? { text: t('absenceImport.summaryErrors', { count: p.errors.length }), type: 'error' } : { text: t('absenceImport.summaryOk', { count: p.rows }), type: 'ok' }),
    onError: () => setStatus(null),
  });
  const commit = useMutation({
    mutationFn: (id: string) => api.post<AbsenceImportCommitted>(`/absence-imports/${id}/commit`),
    onSuccess: (r) => {
      setStatus({ text: `${t('absenceImport.saved', { count: r.rows, pupils: t('absenceImport.pupilCount', { count: r.children }), changed: r.changed })} ${newReportsSentence(r.reports, t, lng)}`, type: 'ok' });
      if (r.newReports > 0) void queryClient.invalidateQueries({ queryKey: qk.absenceReports.all });
    },
  });
  useEffect(() => {
    if (commit.isSuccess) savedRef.current?.focus();
  }, [commit.isSuccess]);
  const preview = check.data;
  const serverFileError = fieldErrors(check.error, ['file']).byField.file;
  const fileError = noFile ? t('absenceImport.fileRequired') : serverFileError;

  function onCheck(event: FormEvent) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    commit.reset();
    if (!file) {
      check.reset();
      setStatus(null);
      setNoFile(true);
      fileRef.current?.focus();
      return;
    }
    setNoFile(false);
    if (!check.isPending) check.mutate(file);
  }

  return (
    <>
      <PageHeading title={t('absenceImport.title')} />
      <p className="utrecht-paragraph">{t('absenceImport.intro')}</p>
      <p className="utrecht-paragraph">{t('absenceImport.formatLink')}</p>
      <p className="utrecht-paragraph" id="absence-leerling-help">
        {t('absenceImport.leerlingHelp')}
      </p>
      <LiveStatus type={status?.type}>{status && <p className="utrecht-paragraph">{status.text}</p>}</LiveStatus>
      {noFile && <ErrorAlert message={t('absenceImport.fileMissing')} fieldCount={1} />}
      <form className="samenspel-form" noValidate onSubmit={onCheck}>
        <TextField
          ref={fileRef}
          id="absence-file"
          name="file"
          type="file"
          label={t('absenceImport.file')}
          accept={`.csv,.xlsx,text/csv,${XLSX_MIME}`}
          className="samenspel-file"
          error={fileError}
          onChange={() => setNoFile(false)}
        />
        <SubmitRow busy={check.isPending}>{check.isPending ? t('absenceImport.checking') : t('absenceImport.check')}</SubmitRow>
      </form>
      {check.isError && !serverFileError && <ErrorAlert error={check.error} />}
      {check.isError && serverFileError && <ErrorAlert error={check.error} fieldCount={1} />}
      {preview && (
        <>
          {preview.format && preview.fileType && (
            <p className="utrecht-paragraph">{t('absenceImport.recognised', { format: t(`absenceImport.formats.${preview.format}`), fileType: t(`absenceImport.fileTypes.${preview.fileType}`) })}</p>
          )}
          {preview.alreadyImported && (
            <Alert type="info">
              <p className="utrecht-paragraph">{t('absenceImport.already', { date: formatDateTimeShort(preview.alreadyImported.committedAt, lng) })}</p>
            </Alert>
          )}
          {preview.errors.length > 0 && (
            <ImportErrors heading={t('absenceImport.errorsHeading')} caption={t('absenceImport.errorsCaption')} errors={preview.errors} blocked={t('absenceImport.saveBlocked')} />
          )}
          {preview.preview.length > 0 && (
            <Section id="import-preview" heading={t('absenceImport.previewHeading')}>
              <Table caption={t('absenceImport.previewCaption')}>
                <THead>
                  <Th className="samenspel-num">{t('absenceImport.row')}</Th>
                  <Th>{t('absenceImport.child')}</Th>
                  <Th>{t('absenceImport.pupilNumber')}</Th>
                  <Th>{t('absenceImport.date')}</Th>
                  <Th className="samenspel-num">{t('absenceImport.hours')}</Th>
                  <Th>{t('absenceImport.reason')}</Th>
                </THead>
                <TBody>
                  {preview.preview.map((r) => (
                    <Tr key={r.row}>
                      <Td className="samenspel-num">{r.row}</Td>
                      <Td>{r.name}</Td>
                      <Td>{r.pupilNumber ?? t('absenceImport.noPupilNumber')}</Td>
                      <Td>{formatDate(r.day, lng)}</Td>
                      <Td className="samenspel-num">{formatHours(r.hours, lng)}</Td>
                      <Td>{t(`absenceReports.reason.${r.reason}`)}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
              {preview.rows > preview.preview.length && <p className="utrecht-paragraph">{t('absenceImport.previewMore', { count: preview.rows, shown: preview.preview.length })}</p>}
            </Section>
          )}
          {preview.errors.length === 0 && !commit.isSuccess && (
            <div className="utrecht-button-group samenspel-actions">
              <Button type="button" appearance="primary-action-button" busy={commit.isPending} onClick={() => !commit.isPending && commit.mutate(preview.id)}>
                {t('absenceImport.save')}
              </Button>
            </div>
          )}
          {commit.isError && <ErrorAlert error={commit.error} />}
          {commit.data && (
            <div ref={savedRef} tabIndex={-1} className="samenspel-focus-target">
              <Section id="import-saved" heading={t('absenceImport.savedHeading')}>
                <p className="utrecht-paragraph">{t('absenceImport.saved', { count: commit.data.rows, pupils: t('absenceImport.pupilCount', { count: commit.data.children }), changed: commit.data.changed })}</p>
                <p className="utrecht-paragraph">{newReportsSentence(commit.data.reports, t, lng)}</p>
                {commit.data.reports.length > 0 && (
                  <ul className="utrecht-unordered-list">
                    {commit.data.reports.map((r) => (
                      <li key={r.id} className="utrecht-unordered-list__item">
                        <AppLink to={`/verzuim/meldingen/${r.id}`}>{t('absenceImport.reportLink', { type: t(typeKey(r.type)), name: r.name, date: dayAndMonth(r.deadline, lng) })}</AppLink>
                      </li>
                    ))}
                  </ul>
                )}
                <p className="utrecht-paragraph">
                  <AppLink to="/verzuim/meldingen">{t('absenceReports.entry.toReports')}</AppLink>
                </p>
              </Section>
            </div>
          )}
        </>
      )}
    </>
  );
}
