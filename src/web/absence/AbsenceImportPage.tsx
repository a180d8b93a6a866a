import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import { formatDate, formatDateTimeShort } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { Alert, ErrorAlert, LiveStatus } from '../shared/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../shared/Table.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { ImportErrors } from '../shared/ImportErrors.tsx';
import { Section, SubmitRow } from '../shared/Section.tsx';
import { FileField } from '../shared/Fields.tsx';
import type { AbsenceImportCommitted, AbsenceImportPreview } from './data.ts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The care coordinator loads the school's absence file: first a check of every line (nothing is
 * written), then "Opslaan" writes it all at once — only when there are no errors.
 */
export function AbsenceImportPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { session } = useSession();
  const schoolId = session?.memberships.find((m) => m.id === session.activeMembershipId)?.organisationId ?? '';
  const fileRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const check = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('schoolLocationId', schoolId);
      form.append('file', file);
      return api.post<AbsenceImportPreview>('/absence-imports', form);
    },
    onSuccess: (p) => setStatus(t('absenceImport.result', { rows: p.rows, errors: p.errors.length })),
  });
  const commit = useMutation({
    mutationFn: (id: string) => api.post<AbsenceImportCommitted>(`/absence-imports/${id}/commit`),
    onSuccess: (r) => setStatus(t('absenceImport.saved', r)),
  });
  const preview = check.data;

  function onCheck(event: FormEvent) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    commit.reset();
    if (file && !check.isPending) check.mutate(file);
  }

  return (
    <>
      <PageHeading title={t('absenceImport.title')} />
      <p className="utrecht-paragraph">{t('absenceImport.intro')}</p>
      <p className="utrecht-paragraph">{t('absenceImport.formatLink')}</p>
      <LiveStatus>{status}</LiveStatus>
      <form className="samenspel-form" noValidate onSubmit={onCheck}>
        <FileField ref={fileRef} id="absence-file" label={t('absenceImport.file')} accept={`.csv,.xlsx,text/csv,${XLSX_MIME}`} />
        <SubmitRow busy={check.isPending}>{check.isPending ? t('absenceImport.checking') : t('absenceImport.check')}</SubmitRow>
      </form>
      {check.isError && <ErrorAlert error={check.error} />}
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
                  <Tr>
                    <Th>{t('absenceImport.row')}</Th>
                    <Th>{t('absenceImport.child')}</Th>
                    <Th>{t('absenceImport.date')}</Th>
                    <Th>{t('absenceImport.hours')}</Th>
                    <Th>{t('absenceImport.reason')}</Th>
                  </Tr>
                </THead>
                <TBody>
                  {preview.preview.map((r) => (
                    <Tr key={r.row}>
                      <Td>{r.row}</Td>
                      <Td>{r.childId.slice(0, 8)}…</Td>
                      <Td>{formatDate(r.day, lng)}</Td>
                      <Td>{r.hours.toLocaleString(lng)}</Td>
                      <Td>{r.reason}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
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
          {commit.isSuccess && (
            <p className="utrecht-paragraph">
              <AppLink to="/verzuim/meldingen">{t('absenceReports.entry.toReports')}</AppLink>
            </p>
          )}
        </>
      )}
    </>
  );
}
