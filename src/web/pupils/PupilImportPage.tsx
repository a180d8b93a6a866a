import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import { formatDate, formatDateTimeShort } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { Alert, ErrorAlert, LiveStatus } from '../shared/Alerts.tsx';
import { CheckboxField, RadioGroupField } from '../shared/ChoiceFields.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { ImportErrors } from '../shared/ImportErrors.tsx';
import { qk } from '../shared/query-keys.ts';
import { Section, SubmitRow } from '../shared/Section.tsx';
import { ItemsTable } from '../shared/ListView.tsx';
import type { TransferDecision } from '../../contracts/values/pupils.ts';
import { XLSX_MIME, PATHS, type CommitResult, type ImportChange, type Kind, type Match, type Preview, type PupilView, type TransferMatchDecided } from './data.ts';
import { FileField } from '../shared/Fields.tsx';

/** Rows of a saved pupil file that wait for another school's end date (a guardian file has none). */
const pendingOf = (r: CommitResult) => ('pending' in r ? r.pending : 0);

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
      setMatches(p.kind === 'pupils' ? p.matches : []);
      setParams(p.kind === 'pupils' ? { controle: p.id } : {}, { replace: true });
      setStatus(t('pupils.import.result', { new: p.counts.new, updated: p.counts.updated, unchanged: p.counts.unchanged, errors: t('pupils.import.errorCount', { count: p.counts.errors }) }));
    },
  });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: TransferDecision }) => api.put<TransferMatchDecided>(`/pupil-imports/${preview!.id}/matches/${id}`, { decision }),
    onSuccess: (r) => setMatches((list) => list.map((m) => (m.id === r.match.id ? { ...m, decision: r.match.decision } : m))),
  });
  const commit = useMutation({
    mutationFn: (p: Preview) => api.post<CommitResult>(`${PATHS[p.kind]}/${p.id}/commit`),
    onSuccess: (r) => setStatus(pendingOf(r) ? `${t('pupils.import.saved')} ${t('pupils.import.savedPending', { count: pendingOf(r) })}` : t('pupils.import.saved')),
  });
  const stored = useQuery({
    queryKey: qk.pupilImport(storedId),
    queryFn: () => api.get<PupilView>(`/pupil-imports/${storedId}`),
    enabled: !!storedId && !check.data && !check.isPending,
    staleTime: Infinity,
    retry: false,
  });
  useEffect(() => {
    if (stored.data && !check.data) setMatches(stored.data.matches);
  }, [stored.data, check.data]);
  const preview: Preview | undefined = check.data ?? (storedId ? stored.data : undefined);
  // What only a pupil file has (transfers, waiting rows, leavers), and what only a stored check has.
  const pupils = preview?.kind === 'pupils' ? preview : undefined;
  const storedView = !check.data && storedId ? stored.data : undefined;
  const committedBefore = storedView?.status === 'committed';
  const changes: readonly ImportChange[] = preview?.changes ?? [];
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
        <FileField ref={fileRef} id="pupil-file" label={t('pupils.import.file')} accept={`.csv,.xlsx,text/csv,${XLSX_MIME}`} />
        {kind === 'pupils' && <CheckboxField id="full-export" label={t('pupils.import.fullExport')} description={t('pupils.import.fullExportHelp')} checked={fullExport} onChange={setFullExport} />}
        <SubmitRow busy={check.isPending}>{check.isPending ? t('pupils.import.checking') : t('pupils.import.check')}</SubmitRow>
      </form>
      {check.isError && <ErrorAlert error={check.error} />}
      {!check.data && stored.isError && <ErrorAlert error={stored.error} />}
      {preview && (
        <>
          {!check.data && storedView && (
            <p className="utrecht-paragraph">
              {committedBefore
                ? t('pupils.import.storedCommitted', { file: storedView.fileName, date: formatDateTimeShort(storedView.committedAt ?? storedView.uploadedAt, lng) })
                : t('pupils.import.stored', { file: storedView.fileName, date: formatDateTimeShort(storedView.uploadedAt, lng) })}
            </p>
          )}
          {preview.format && (
            <p className="utrecht-paragraph">
              {t('pupils.import.recognised', { format: preview.format.label, fileType: preview.fileType === 'xlsx' ? 'Excel (.xlsx)' : 'CSV' })}
              {preview.format.assumption && ` ${t('pupils.import.assumption')}`}
            </p>
          )}
          <p className="utrecht-paragraph">
            {t('pupils.import.counts', { new: preview.counts.new, updated: preview.counts.updated, unchanged: preview.counts.unchanged, transfers: t('pupils.import.transferCount', { count: pupils?.counts.transfer ?? 0 }) })}
            {!!pupils && pupils.counts.pending > 0 && ` ${t('pupils.import.countsPending', { count: pupils.counts.pending })}`}
          </p>
          {hasErrors && (
            <ImportErrors heading={t('pupils.import.errorsHeading', { count: preview.errors.length })} caption={t('pupils.import.errorsCaption')} errors={preview.errors} columnLabel={columnLabel} blocked={t('pupils.import.saveBlocked')} />
          )}
          {!hasErrors && matches.length > 0 && (
            <Section id="import-matches" heading={t('pupils.import.matchesHeading')}>
              <p className="utrecht-paragraph">{t('pupils.import.matchesIntro')}</p>
              {matches.map((m) => (
                <div key={m.id} className="samenspel-section">
                  <RadioGroupField<TransferDecision>
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
            </Section>
          )}
          {!hasErrors && pupils && pupils.pending.length > 0 && (
            <Section id="import-pending" heading={t('pupils.import.pendingHeading', { count: pupils.counts.pending })}>
              <p className="utrecht-paragraph">{t('pupils.import.pendingIntro')}</p>
              <p className="utrecht-paragraph">{t('pupils.import.pendingWhatToDo')}</p>
              <ItemsTable
                caption={t('pupils.import.pendingCaption')}
                empty={null}
                items={pupils.pending}
                rowKey={(w) => w.row}
                columns={[
                  { header: t('pupils.import.row'), cell: (w) => w.row },
                  { header: t('pupils.fields.pupilNumber'), cell: (w) => w.pupilNumber },
                  {
                    header: t('pupils.import.name'),
                    cell: (w) => (
                      <>
                        {w.givenName} {w.familyName}
                      </>
                    ),
                  },
                  { header: t('pupils.import.pendingOn'), cell: (w) => t(`pupils.import.pendingIdentifier.${w.identifier}`) },
                ]}
              />
            </Section>
          )}
          {!hasErrors && pupils && pupils.leavers.length > 0 && (
            <Section id="import-leavers" heading={t('pupils.import.leaversHeading', { count: pupils.leavers.length })}>
              <p className="utrecht-paragraph">{t('pupils.import.leaversIntro')}</p>
              <ItemsTable
                caption={t('pupils.import.leaversCaption')}
                empty={null}
                items={pupils.leavers.slice(0, 500)}
                rowKey={(l) => l.enrolmentId}
                columns={[
                  { header: t('pupils.fields.pupilNumber'), cell: (l) => l.pupilNumber ?? '–' },
                  {
                    header: t('pupils.import.name'),
                    cell: (l) => (
                      <>
                        {l.givenName} {l.familyName}
                        {l.alreadyListed && ` (${t('pupils.import.alreadyListed')})`}
                      </>
                    ),
                  },
                  { header: t('pupils.fields.group'), cell: (l) => l.groupName ?? '–' },
                  { header: t('pupils.fields.startDate'), cell: (l) => formatDate(l.startDate, lng) },
                ]}
              />
            </Section>
          )}
          {!hasErrors && changes.length > 0 && (
            <Section id="import-changes" heading={t('pupils.import.changesHeading')}>
              <ItemsTable
                caption={t('pupils.import.changesCaption')}
                empty={null}
                items={changes}
                rowKey={(c) => c.row}
                columns={[
                  { header: t('pupils.import.row'), cell: (c) => c.row },
                  { header: t('pupils.fields.pupilNumber'), cell: (c) => c.pupilNumber },
                  {
                    header: t('pupils.import.name'),
                    cell: (c) => (
                      <>
                        {c.givenName} {c.familyName}
                      </>
                    ),
                  },
                  {
                    header: t('pupils.import.what'),
                    cell: (c) => (
                      <>
                        {t(`pupils.import.status.${'status' in c ? c.status : c.action}`)}
                        {c.changes.length > 0 && `: ${c.changes.map((f) => t(`pupils.fields.${f}`, { defaultValue: f })).join(', ')}`}
                      </>
                    ),
                  },
                ]}
              />
            </Section>
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
              {pendingOf(commit.data) > 0 && <p className="utrecht-paragraph">{t('pupils.import.savedPending', { count: pendingOf(commit.data) })}</p>}
            </Alert>
          )}
        </>
      )}
    </>
  );
}
