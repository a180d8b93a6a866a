import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../../api.ts';
import { formatDate, formatDateTimeShort } from '../../format.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Alert, ErrorAlert, LiveStatus } from '../../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../../components/Table.tsx';
import { CheckboxField, RadioGroupField } from '../../components/Fields.tsx';
import { AppLink } from '../../components/AppLink.tsx';
import { ImportErrors } from '../../components/ImportErrors.tsx';

type Kind = 'pupils' | 'guardians';
interface RowError {
  row: number;
  column: string | null;
  message: string;
}
interface Match {
  id: string;
  row: number;
  pupilNumber: string;
  file: { givenName: string; familyName: string; birthDate: string };
  /** Name and birth date only, and whether the child is enrolled at another school (never which, nor when). */
  candidate: { givenName: string; familyName: string; birthDate: string; enrolledElsewhere: boolean };
  decision: 'same' | 'different' | null;
  sameError: string | null;
}
/** A row that waits until the other school has recorded the end date of its enrolment. */
interface Pending {
  row: number;
  pupilNumber: string;
  givenName: string;
  familyName: string;
  identifier: 'bsn' | 'onderwijsnummer' | 'name_birth_date';
}
interface Preview {
  id: string;
  kind: Kind;
  format: { id: string; label: string; assumption: boolean } | null;
  fileType: 'csv' | 'xlsx' | null;
  counts: { new: number; updated: number; unchanged: number; errors: number; transfer?: number; pending?: number };
  errors: RowError[];
  changes: { row: number; pupilNumber: string; givenName: string; familyName: string; status?: string; action?: string; changes: string[] }[];
  pending?: Pending[];
  newGroups?: string[];
  matches?: Match[];
  leavers?: { enrolmentId: string; pupilNumber: string | null; givenName: string; familyName: string; groupName: string | null; startDate: string; alreadyListed: boolean }[];
  /** Only when a stored check is shown again (after a reload). */
  status?: 'preview' | 'committed' | 'discarded';
  fileName?: string;
  uploadedAt?: string;
  committedAt?: string | null;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PATHS: Record<Kind, string> = { pupils: '/pupil-imports', guardians: '/guardian-imports' };

/**
 * The school's care coordinator loads the pupils (or their parents and carers) from the school's
 * administration: "Controleren" checks every row and shows what would change, nothing is written;
 * probable transfers are decided here; "Opslaan" writes it all at once, only without errors.
 */
export function PupilImportPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<Kind>('pupils');
  const [fullExport, setFullExport] = useState(false);
  const [status, setStatus] = useState('');
  const [matches, setMatches] = useState<Match[]>([]);
  // The checked pupil file stays in the address (?controle=<id>), so a reload or a later visit shows
  // it again with the transfer decisions taken so far; the file need not be chosen again to save it.
  const [params, setParams] = useSearchParams();
  const storedId = params.get('controle');
  const check = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('fullExport', kind === 'pupils' && fullExport ? 'ja' : 'nee');
      form.append('file', file);
      return api.post<Preview>(PATHS[kind], form);
    },
    onSuccess: (p) => {
      setMatches(p.matches ?? []);
      setParams(p.kind === 'pupils' ? { controle: p.id } : {}, { replace: true });
      setStatus(t('pupils.import.result', { new: p.counts.new, updated: p.counts.updated, unchanged: p.counts.unchanged, errors: p.counts.errors }));
    },
  });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'same' | 'different' }) => api.put<{ match: Match; open: number }>(`/pupil-imports/${preview!.id}/matches/${id}`, { decision }),
    onSuccess: (r) => setMatches((list) => list.map((m) => (m.id === r.match.id ? { ...m, decision: r.match.decision } : m))),
  });
  const commit = useMutation({
    mutationFn: (p: Preview) => api.post<Record<string, number>>(`${PATHS[p.kind]}/${p.id}/commit`),
    onSuccess: (r) => setStatus(r.pending ? `${t('pupils.import.saved')} ${t('pupils.import.savedPending', { count: r.pending })}` : t('pupils.import.saved')),
  });
  const stored = useQuery({
    queryKey: ['pupil-import', storedId],
    queryFn: () => api.get<Preview>(`/pupil-imports/${storedId}`),
    enabled: !!storedId && !check.data && !check.isPending,
    staleTime: Infinity,
    retry: false,
  });
  useEffect(() => {
    if (stored.data && !check.data) setMatches(stored.data.matches ?? []);
  }, [stored.data, check.data]);
  const preview = check.data ?? (storedId ? stored.data : undefined);
  const committedBefore = preview?.status === 'committed';
  const hasErrors = !!preview && preview.errors.length > 0;

  function onCheck(event: FormEvent) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    commit.reset();
    decide.reset();
    if (file && !check.isPending) check.mutate(file);
  }

  const openMatches = matches.filter((m) => m.decision === null).length;
  const columnLabel = (c: string | null) => (c ? t(`pupils.fields.${c}`, { defaultValue: c }) : t('pupils.import.wholeFile'));

  return (
    <>
      <PageHeading title={t('pupils.import.title')} />
      <p className="utrecht-paragraph">{t('pupils.import.intro')}</p>
      <p className="utrecht-paragraph">
        <AppLink to="/leerlingen/vertrekkers">{t('pupils.import.toLeavers')}</AppLink>
      </p>
      <LiveStatus>{status}</LiveStatus>
      <form className="samenspel-form" noValidate onSubmit={onCheck}>
        <RadioGroupField<Kind>
          id="import-kind"
          name="kind"
          legend={t('pupils.import.kind')}
          value={kind}
          onChange={(v) => {
            setKind(v);
            check.reset();
            if (storedId) setParams({}, { replace: true });
          }}
          options={[
            { value: 'pupils', label: t('pupils.import.kinds.pupils'), description: t('pupils.import.kinds.pupilsHelp') },
            { value: 'guardians', label: t('pupils.import.kinds.guardians'), description: t('pupils.import.kinds.guardiansHelp') },
          ]}
        />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="pupil-file">
            {t('pupils.import.file')}
          </label>
          <input ref={fileRef} id="pupil-file" name="file" type="file" accept={`.csv,.xlsx,text/csv,${XLSX_MIME}`} className="utrecht-textbox samenspel-file" required />
        </div>
        {kind === 'pupils' && <CheckboxField id="full-export" label={t('pupils.import.fullExport')} description={t('pupils.import.fullExportHelp')} checked={fullExport} onChange={setFullExport} />}
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="primary-action-button" busy={check.isPending}>
            {check.isPending ? t('pupils.import.checking') : t('pupils.import.check')}
          </Button>
        </div>
      </form>
      {check.isError && <ErrorAlert error={check.error} />}
      {!check.data && stored.isError && <ErrorAlert error={stored.error} />}
      {preview && (
        <>
          {!check.data && preview.fileName && (
            <p className="utrecht-paragraph">
              {committedBefore
                ? t('pupils.import.storedCommitted', { file: preview.fileName, date: formatDateTimeShort(preview.committedAt ?? preview.uploadedAt, lng) })
                : t('pupils.import.stored', { file: preview.fileName, date: formatDateTimeShort(preview.uploadedAt, lng) })}
            </p>
          )}
          {preview.format && (
            <p className="utrecht-paragraph">
              {t('pupils.import.recognised', { format: preview.format.label, fileType: preview.fileType === 'xlsx' ? 'Excel (.xlsx)' : 'CSV' })}
              {preview.format.assumption && ` ${t('pupils.import.assumption')}`}
            </p>
          )}
          <p className="utrecht-paragraph">
            {t('pupils.import.counts', { new: preview.counts.new, updated: preview.counts.updated, unchanged: preview.counts.unchanged, transfer: preview.counts.transfer ?? 0 })}
            {(preview.counts.pending ?? 0) > 0 && ` ${t('pupils.import.countsPending', { count: preview.counts.pending })}`}
          </p>
          {hasErrors && (
            <ImportErrors heading={t('pupils.import.errorsHeading', { count: preview.errors.length })} caption={t('pupils.import.errorsCaption')} errors={preview.errors} columnLabel={columnLabel} blocked={t('pupils.import.saveBlocked')} />
          )}
          {!hasErrors && matches.length > 0 && (
            <section className="samenspel-section" aria-labelledby="import-matches">
              <h2 id="import-matches" className="utrecht-heading-2">
                {t('pupils.import.matchesHeading')}
              </h2>
              <p className="utrecht-paragraph">{t('pupils.import.matchesIntro')}</p>
              {matches.map((m) => (
                <div key={m.id} className="samenspel-section">
                  <RadioGroupField<'same' | 'different'>
                    id={`match-${m.id}`}
                    name={`match-${m.id}`}
                    legend={t('pupils.import.matchLegend', { row: m.row, name: `${m.file.givenName} ${m.file.familyName}`, birthDate: formatDate(m.file.birthDate, lng) })}
                    description={
                      <>
                        {t('pupils.import.matchCandidate', { name: `${m.candidate.givenName} ${m.candidate.familyName}`, birthDate: formatDate(m.candidate.birthDate, lng) })}
                        {m.candidate.enrolledElsewhere && ` ${t('pupils.import.matchElsewhere')}`}
                        {m.sameError && ` ${m.sameError}`}
                      </>
                    }
                    value={m.decision ?? ''}
                    onChange={(decision) => decide.mutate({ id: m.id, decision })}
                    options={[
                      { value: 'same', label: t('pupils.import.same') },
                      { value: 'different', label: t('pupils.import.different') },
                    ]}
                  />
                </div>
              ))}
              {decide.isError && <ErrorAlert error={decide.error} />}
            </section>
          )}
          {!hasErrors && (preview.pending?.length ?? 0) > 0 && (
            <section className="samenspel-section" aria-labelledby="import-pending">
              <h2 id="import-pending" className="utrecht-heading-2">
                {t('pupils.import.pendingHeading', { count: preview.counts.pending ?? preview.pending!.length })}
              </h2>
              <p className="utrecht-paragraph">{t('pupils.import.pendingIntro')}</p>
              <p className="utrecht-paragraph">{t('pupils.import.pendingWhatToDo')}</p>
              <Table caption={t('pupils.import.pendingCaption')}>
                <THead>
                  <Th>{t('pupils.import.row')}</Th>
                  <Th>{t('pupils.fields.pupilNumber')}</Th>
                  <Th>{t('pupils.import.name')}</Th>
                  <Th>{t('pupils.import.pendingOn')}</Th>
                </THead>
                <TBody>
                  {preview.pending!.map((w) => (
                    <Tr key={w.row}>
                      <Td>{w.row}</Td>
                      <Td>{w.pupilNumber}</Td>
                      <Td>
                        {w.givenName} {w.familyName}
                      </Td>
                      <Td>{t(`pupils.import.pendingIdentifier.${w.identifier}`)}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </section>
          )}
          {!hasErrors && (preview.leavers?.length ?? 0) > 0 && (
            <section className="samenspel-section" aria-labelledby="import-leavers">
              <h2 id="import-leavers" className="utrecht-heading-2">
                {t('pupils.import.leaversHeading', { count: preview.leavers!.length })}
              </h2>
              <p className="utrecht-paragraph">{t('pupils.import.leaversIntro')}</p>
              <Table caption={t('pupils.import.leaversCaption')}>
                <THead>
                  <Th>{t('pupils.fields.pupilNumber')}</Th>
                  <Th>{t('pupils.import.name')}</Th>
                  <Th>{t('pupils.fields.group')}</Th>
                  <Th>{t('pupils.fields.startDate')}</Th>
                </THead>
                <TBody>
                  {preview.leavers!.slice(0, 500).map((l) => (
                    <Tr key={l.enrolmentId}>
                      <Td>{l.pupilNumber ?? '–'}</Td>
                      <Td>
                        {l.givenName} {l.familyName}
                        {l.alreadyListed && ` (${t('pupils.import.alreadyListed')})`}
                      </Td>
                      <Td>{l.groupName ?? '–'}</Td>
                      <Td>{formatDate(l.startDate, lng)}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </section>
          )}
          {!hasErrors && preview.changes.length > 0 && (
            <section className="samenspel-section" aria-labelledby="import-changes">
              <h2 id="import-changes" className="utrecht-heading-2">
                {t('pupils.import.changesHeading')}
              </h2>
              <Table caption={t('pupils.import.changesCaption')}>
                <THead>
                  <Th>{t('pupils.import.row')}</Th>
                  <Th>{t('pupils.fields.pupilNumber')}</Th>
                  <Th>{t('pupils.import.name')}</Th>
                  <Th>{t('pupils.import.what')}</Th>
                </THead>
                <TBody>
                  {preview.changes.map((c) => (
                    <Tr key={c.row}>
                      <Td>{c.row}</Td>
                      <Td>{c.pupilNumber}</Td>
                      <Td>
                        {c.givenName} {c.familyName}
                      </Td>
                      <Td>
                        {t(`pupils.import.status.${c.status ?? c.action}`)}
                        {c.changes.length > 0 && `: ${c.changes.map((f) => t(`pupils.fields.${f}`, { defaultValue: f })).join(', ')}`}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </section>
          )}
          {!hasErrors && !commit.isSuccess && !committedBefore && (
            <>
              {openMatches > 0 && (
                <Alert type="info">
                  <p className="utrecht-paragraph">{t('pupils.import.matchesOpen', { count: openMatches })}</p>
                </Alert>
              )}
              <div className="utrecht-button-group samenspel-actions">
                <Button type="button" appearance="primary-action-button" busy={commit.isPending} onClick={() => !commit.isPending && commit.mutate(preview)}>
                  {t('pupils.import.save')}
                </Button>
              </div>
            </>
          )}
          {commit.isError && <ErrorAlert error={commit.error} />}
          {commit.isSuccess && (
            <Alert type="ok">
              <p className="utrecht-paragraph">{t('pupils.import.saved')}</p>
              {!!commit.data.pending && <p className="utrecht-paragraph">{t('pupils.import.savedPending', { count: commit.data.pending })}</p>}
            </Alert>
          )}
        </>
      )}
    </>
  );
}
