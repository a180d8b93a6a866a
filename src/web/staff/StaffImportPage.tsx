import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import { formatDateTimeShort } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { Alert, ErrorAlert, LiveStatus } from '../shared/Alerts.tsx';
import { SelectField } from '../shared/Fields.tsx';
import { CheckboxField } from '../shared/ChoiceFields.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../shared/Table.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { ImportErrors } from '../shared/ImportErrors.tsx';
import { qk } from '../shared/query-keys.ts';
import { Section, SubmitRow } from '../shared/Section.tsx';
import { ItemsTable } from '../shared/ListView.tsx';
import type { Contract } from '../../contracts/common.ts';
import type { StaffImportFormats, StaffImportPreview, StaffImportResult } from '../../contracts/staff.ts';
import type { OrganisationList } from '../../contracts/registry.ts';
import { STAFF_FIELDS } from '../../contracts/values/staff.ts';

type Preview = Contract<typeof StaffImportPreview>;
type CommitResult = Contract<typeof StaffImportResult>;
type Formats = Contract<typeof StaffImportFormats>;

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The fields of a staff file, in the order the formats table shows them. */
const FIELDS = STAFF_FIELDS;

/**
 * The functional administrator loads the staff of one organisation: first a check of every row
 * (nothing is written), then "Opslaan" writes it all at once — only without errors. New accounts
 * get an invitation e-mail.
 */
export function StaffImportPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const fileRef = useRef<HTMLInputElement>(null);
  const [organisationId, setOrganisationId] = useState('');
  const [fullExport, setFullExport] = useState(false);
  const [formError, setFormError] = useState<{ organisationId?: string; file?: string }>({});
  const [status, setStatus] = useState('');
  const orgs = useQuery({ queryKey: qk.organisations.all, queryFn: () => api.get<Contract<typeof OrganisationList>>('/organisations') });
  const formats = useQuery({ queryKey: qk.staffImportFormats, queryFn: () => api.get<Formats>('/staff-import-formats') });
  const check = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('organisationId', organisationId);
      form.append('fullExport', fullExport ? 'true' : 'false');
      form.append('file', file);
      return api.post<Preview>('/staff-imports', form);
    },
    onSuccess: (p) => setStatus(t('staff.import.result', { rows: t('staff.import.rowsOk', { count: p.rows.length }), errors: t('staff.import.errorCount', { count: p.errors.length }) })),
  });
  const commit = useMutation({
    mutationFn: (id: string) => api.post<CommitResult>(`/staff-imports/${id}/commit`),
    onSuccess: (r) => setStatus(t('staff.import.saved', { ...r })),
  });
  const preview = check.data;

  function onCheck(event: FormEvent) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    const errors = { organisationId: organisationId ? undefined : t('staff.import.chooseOrganisation'), file: file ? undefined : t('staff.import.chooseFile') };
    setFormError(errors);
    if (errors.organisationId) return document.getElementById('staff-organisation')?.focus();
    if (errors.file) return fileRef.current?.focus();
    commit.reset();
    if (file && !check.isPending) check.mutate(file);
  }

  const columnLabel = (c: string | null) => (c ? t(`staff.import.fields.${c}`, { defaultValue: c }) : '–');
  const roleList = (roles: string[]) => roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ');

  return (
    <>
      <PageHeading title={t('staff.import.title')} />
      <p className="utrecht-paragraph">{t('staff.import.intro')}</p>
      <details className="samenspel-section">
        <summary>{t('staff.import.formatsHeading')}</summary>
        <p className="utrecht-paragraph">{t('staff.import.formatsIntro')}</p>
        {formats.data && (
          <Table caption={t('staff.import.formatsCaption')}>
            <THead>
              <Th>{t('staff.import.format')}</Th>
              {FIELDS.map((f) => (
                <Th key={f}>{t(`staff.import.fields.${f}`)}</Th>
              ))}
            </THead>
            <TBody>
              {formats.data.formats.map((f) => (
                <Tr key={f.id}>
                  <Th row>
                    {f.label}
                    {f.assumption ? ` ${t('staff.import.assumption')}` : ''}
                  </Th>
                  {FIELDS.map((field) => (
                    <Td key={field}>{f.columns[field]?.join(' / ') ?? '–'}</Td>
                  ))}
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
        <p className="utrecht-paragraph">{t('staff.import.assumptionNote')}</p>
      </details>
      <LiveStatus>{status}</LiveStatus>
      <form className="samenspel-form" noValidate onSubmit={onCheck}>
        <SelectField id="staff-organisation" label={t('staff.import.organisation')} value={organisationId} error={formError.organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
          <option value="">{t('staff.import.chooseOrganisationOption')}</option>
          {(orgs.data?.items ?? []).map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({t(`organisationKinds.${o.kind}`, { defaultValue: o.kind })})
            </option>
          ))}
        </SelectField>
        <div className={`utrecht-form-field${formError.file ? ' utrecht-form-field--invalid' : ''}`}>
          <label className="utrecht-form-label" htmlFor="staff-file">
            {t('staff.import.file')}
          </label>
          <p id="staff-file-description" className="utrecht-form-field-description">
            {t('staff.import.fileHelp')}
          </p>
          {formError.file && (
            <p id="staff-file-error" className="utrecht-form-field-error-message samenspel-field-error">
              {formError.file}
            </p>
          )}
          <input
            ref={fileRef}
            id="staff-file"
            name="file"
            type="file"
            accept={`.csv,.xlsx,text/csv,${XLSX_MIME}`}
            className="utrecht-textbox samenspel-file"
            aria-describedby={formError.file ? 'staff-file-description staff-file-error' : 'staff-file-description'}
            aria-invalid={formError.file ? true : undefined}
          />
        </div>
        <CheckboxField id="staff-full-export" label={t('staff.import.fullExport')} description={t('staff.import.fullExportHelp')} checked={fullExport} onChange={setFullExport} />
        <SubmitRow busy={check.isPending}>{check.isPending ? t('staff.import.checking') : t('staff.import.check')}</SubmitRow>
      </form>
      {check.isError && <ErrorAlert error={check.error} />}
      {preview && (
        <>
          {preview.formatLabel && preview.fileType && (
            <p className="utrecht-paragraph">
              {t('staff.import.recognised', { format: preview.formatLabel, fileType: preview.fileType.toUpperCase(), organisation: preview.organisation.name })}
              {preview.assumption ? ` ${t('staff.import.recognisedAssumption')}` : ''}
            </p>
          )}
          {preview.ignoredColumns.length > 0 && <p className="utrecht-paragraph">{t('staff.import.ignored', { columns: preview.ignoredColumns.join(', ') })}</p>}
          {preview.alreadyImported && (
            <Alert type="info">
              <p className="utrecht-paragraph">{t('staff.import.already', { date: formatDateTimeShort(preview.alreadyImported.committedAt, lng) })}</p>
            </Alert>
          )}
          <p className="utrecht-paragraph">{t('staff.import.summary', { ...preview.summary })}</p>
          {preview.errors.length > 0 && (
            <ImportErrors id="staff-import-errors" heading={t('staff.import.errorsHeading')} caption={t('staff.import.errorsCaption')} errors={preview.errors} columnLabel={columnLabel} blocked={t('staff.import.saveBlocked')} />
          )}
          {preview.rows.length > 0 && (
            <Section id="staff-import-preview" heading={t('staff.import.previewHeading')}>
              <ItemsTable
                caption={t('staff.import.previewCaption')}
                empty={null}
                items={preview.rows}
                rowKey={(r) => r.row}
                columns={[
                  { header: t('staff.import.row'), cell: (r) => r.row },
                  {
                    header: t('staff.import.name'),
                    cell: (r) => (
                      <>
                        {r.givenName} {r.familyName}
                      </>
                    ),
                  },
                  { header: t('staff.import.fields.email'), cell: (r) => r.email },
                  { header: t('staff.import.fields.roles'), cell: (r) => roleList(r.roles) },
                  { header: t('staff.import.status'), cell: (r) => t(`staff.import.statuses.${r.status}`) },
                  {
                    header: t('staff.import.changes'),
                    cell: (r) => (
                      <>
                        {[
                          r.changes.name ? t('staff.import.changeName', r.changes.name) : null,
                          r.status !== 'new' && r.changes.rolesAdded.length ? t('staff.import.changeRoles', { roles: roleList(r.changes.rolesAdded) }) : null,
                          r.changes.groupsAdded.length
                            ? t('staff.import.changeGroups', { groups: r.changes.groupsAdded.map((g) => `${g.name} (${t(`staff.import.groupRoles.${g.role}`)})`).join(', ') })
                            : null,
                          r.changes.account ? t('staff.import.changeInvite') : null,
                        ]
                          .filter(Boolean)
                          .join('; ') || '–'}
                      </>
                    ),
                  },
                ]}
              />
            </Section>
          )}
          {preview.leavers.length > 0 && (
            <Section id="staff-import-leavers" heading={t('staff.import.leaversHeading')}>
              <p className="utrecht-paragraph">{t('staff.import.leaversIntro')}</p>
              <ul className="utrecht-unordered-list">
                {preview.leavers.map((l) => (
                  <li key={l.personId} className="utrecht-unordered-list__item">
                    {l.name}
                    {l.email ? ` (${l.email})` : ''} – {roleList(l.roles)}
                  </li>
                ))}
              </ul>
            </Section>
          )}
          {preview.errors.length === 0 && !commit.isSuccess && (
            <div className="utrecht-button-group samenspel-actions">
              <Button type="button" appearance="primary-action-button" busy={commit.isPending} onClick={() => !commit.isPending && commit.mutate(preview.id)}>
                {t('staff.import.save')}
              </Button>
            </div>
          )}
          {commit.isError && <ErrorAlert error={commit.error} />}
          {commit.isSuccess && (
            <>
              <Alert type="ok">
                <p className="utrecht-paragraph">{t('staff.import.saved', { ...commit.data })}</p>
                {commit.data.rolesPending > 0 && <p className="utrecht-paragraph">{t('staff.import.rolesPending', { count: commit.data.rolesPending })}</p>}
              </Alert>
              <ul className="utrecht-unordered-list">
                <li className="utrecht-unordered-list__item">
                  <AppLink to="/beheer/uitgaande-mail">{t('staff.import.toOutbox')}</AppLink>
                </li>
                {commit.data.rolesPending > 0 && (
                  <li className="utrecht-unordered-list__item">
                    <AppLink to="/beheer/rollen?status=pending">{t('staff.import.toRoleGrants')}</AppLink>
                  </li>
                )}
                {commit.data.leaverCandidates > 0 && (
                  <li className="utrecht-unordered-list__item">
                    <AppLink to="/beheer/medewerkers/vertrekkers">{t('staff.import.toLeavers')}</AppLink>
                  </li>
                )}
              </ul>
            </>
          )}
        </>
      )}
    </>
  );
}
