import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordListed, withChildrenAccess, TRANSFER_MATCH_GROUND } from '../../kernel/policy/gateway.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../kernel/errors.ts';
import type { ImportRowError } from '../../kernel/files/column-mapping.ts';
import { commitImport, fromJson as json, previewImport, type ImportSteps } from '../../kernel/files/import-pipeline.ts';
import { markImportCommitted, storeImportPreview, updateImportPreview } from '../../kernel/files/import-store.ts';
import { schoolYearOf } from '../../kernel/calendar/school-year.ts';
import { today } from '../../kernel/time.ts';
import { readImportTable, schoolOf, type RegistryImportInput } from './import-common.ts';
import { parsePupilTable, type ParsedFile, type PupilFileRow } from './pupil-file.ts';
import { PUPIL_FORMATS } from './pupil-formats.ts';
import { checkPupilFile, logLooksOnFailure } from './pupil-import-check.ts';
import { lockPupilImport, writePupilCommit } from './pupil-import-commit.ts';
import { enrolledElsewhereMessage, transferLooks, type Leaver, type PlannedPupil, type PupilPlan, type PupilRead, type PupilScope, type StoredPupilImport, type Summary, type TransferLookup, type TransferMatch } from './pupil-import-plan.ts';
import type { FileType } from '../../contracts/values/absence.ts';
import type { TransferDecision } from '../../contracts/values/pupils.ts';
import type { PupilImportPreview, PupilImportResult } from '../../contracts/pupils.ts';

/**
 * Importing the pupils of a school location from its own administration (ParnasSys, Magister,
 * SOMtoday, Esis or the generic format): preview first (nothing is written), then commit all or
 * nothing — on the one import pipeline (kernel/files/import-pipeline.ts), whose steps are
 * `pupilImport` below. Pupils are identified at the school by the school's pupil number; a pupil new
 * to the school who is already known in the region (a transfer) keeps ONE child record: matched on
 * BSN or onderwijsnummer, or — without one — proposed as a probable match on name and birth date
 * that a person must review (`decideTransferMatch`, between preview and commit, on the same stored
 * import). Nothing is ever deleted: a changed gemeente appends a residence, a pupil missing from a
 * full export becomes a probable leaver whose enrolment ends only when confirmed.
 *
 * Enrolment date when the file has none: a new child is enrolled from the first day of the current
 * school year (1 August); a child who comes from another school in the region (a transfer) from
 * the day of the import. A re-import never changes the start date of an existing enrolment.
 *
 * A school never learns anything about a child it has no relation with beyond "this BSN (or
 * onderwijsnummer) is enrolled at another school in the region": no name, no school, no dates. And
 * a school never ends another school's enrolment: while the child is enrolled elsewhere on or after
 * the start date here, the row waits ('pending': nothing is written for it) until the other school
 * has recorded the end date — in its own import (a leaver) or on its leavers page; the next import
 * then makes it a transfer (one child record). Every lookup of such a child — on BSN, onderwijsnummer
 * or name and birth date — is in the access log with the ground 'transfer_match', also when the
 * preview ends with errors.
 *
 * The steps: authorize (the school's own care coordinator) → read (pupil-file.ts) → check
 * (pupil-import-check.ts) → store (the check, the lookups' entries and the leavers the policy lets
 * the school see, in one transaction) → present; commit: authorizeCommit → lock (the school's own
 * stored import) → write (pupil-import-commit.ts) → markCommitted.
 */

export type { PupilRowStatus } from './pupil-import-plan.ts';

const SAMPLE = 500;

export const pupilImport: ImportSteps<RegistryImportInput, PupilScope, PupilRead, PupilPlan, StoredPupilImport, PupilImportPreview, PupilImportResult> = {
  name: 'pupils',
  authorize: authorizePupilImport,
  read: readPupilFile,
  check: (database, actor, scope, read, input) => checkPupilFile(database, actor, scope, read, !!input.fullExport),
  store: storePupilCheck,
  present: ({ id, plan, read, input }) =>
    presentPupilPreview({ ...plan, id, format: read.parsed.format, fileType: read.fileType, fullExport: !!input.fullExport, columns: read.parsed.columns, ignoredColumns: read.parsed.ignoredColumns }),
  authorizeCommit: (actor) => void schoolOf(actor),
  lock: lockPupilImport,
  write: writePupilCommit,
  markCommitted: (tx, actor, stored) => markImportCommitted(tx, stored.id, actor.personId),
  hasErrorsMessage: (n) => `Het bestand heeft ${n} fout(en). Verbeter ze en laad het bestand opnieuw; er is niets opgeslagen.`,
  notFoundMessage: new NotFoundError().message,
};

/**
 * Step 1: read and check the file, work out per row what would change, find transfers, probable
 * matches and (with a full export) probable leavers, and store the preview. Nothing else is written
 * except the access log: every child of another school a row was matched to (transfer_match), and
 * this school's pupils listed as probable leavers.
 */
export const previewPupilImport = (database: Database, actor: Actor, input: RegistryImportInput) => previewImport(pupilImport, database, actor, input);

/**
 * Step 2: write the whole import in one transaction, or nothing; set-based SQL straight from the
 * stored preview. Refused while the file has errors or a probable match is not decided.
 */
export const commitPupilImport = (database: Database, actor: Actor, importId: string) => commitImport(pupilImport, database, actor, importId);

/** Only the school's own care coordinator, for the school location acted for; the day the file is checked on. */
function authorizePupilImport(actor: Actor, input: RegistryImportInput): PupilScope {
  const organisationId = schoolOf(actor, input.schoolLocationId);
  const day = today();
  return { organisationId, day, schoolYear: schoolYearOf(day) };
}

/** The file as a table (CSV or .xlsx), its columns mapped and every value read; a refused file is one error on row 0. */
async function readPupilFile(_database: Database, _actor: Actor, scope: PupilScope, input: RegistryImportInput): Promise<PupilRead> {
  const read = await readImportTable(input.content);
  const parsed: ParsedFile<PupilFileRow> = read.table ? parsePupilTable(read.table, scope.day) : { format: null, columns: {}, ignoredColumns: [], rows: [], errors: [], numbersSeen: [] };
  return { fileType: read.fileType, readable: !!read.table, parsed, errors: [...read.errors, ...parsed.errors] };
}

/**
 * The check stored by the file's hash, in one transaction with the access-log entries of what it
 * looked at: the children of other schools the rows were matched to (transfer_match) and the
 * probable leavers the policy lets the school see (only those are stored and shown). Should storing
 * fail, the lookups are logged all the same, in a transaction of their own.
 */
async function storePupilCheck(database: Database, actor: Actor, scope: PupilScope, s: { sha256: string; plan: PupilPlan; read: PupilRead; input: RegistryImportInput }): Promise<string> {
  const { plan, read, input } = s;
  return logLooksOnFailure(database, actor, plan.importId, plan.summary.lookups, () =>
    database.db.transaction().execute(async (tx) => {
      await recordListed(tx, actor, 'registry.transfer_match.view', transferLooks(plan.importId, plan.summary.lookups));
      plan.leavers = await shownLeavers(tx, actor, plan.importId, plan.leavers);
      return storeImportPreview(tx, {
        id: plan.importId,
        region_id: actor.regionId,
        organisation_id: scope.organisationId,
        kind: 'pupils',
        uploaded_by_person_id: actor.personId,
        file_name: input.fileName.slice(0, 200),
        file_sha256: s.sha256,
        file_type: read.fileType,
        format: read.parsed.format?.id ?? null,
        full_export: !!input.fullExport,
        row_count: read.parsed.rows.length + new Set(read.parsed.errors.filter((e) => e.row > 0).map((e) => e.row)).size,
        rows: JSON.stringify(plan.planned),
        errors: JSON.stringify(plan.errors),
        matches: JSON.stringify(plan.matches),
        leavers: JSON.stringify(plan.leavers),
        summary: JSON.stringify(plan.summary),
      });
    }),
  );
}

/**
 * The school's pupils shown as probable leavers: the policy is asked for each (the school's care,
 * kind 'school') and logs it with its ground; a pupil it refuses (an enrolment that has not started
 * yet, or ended otherwise) is not shown.
 */
async function shownLeavers(tx: Tx, actor: Actor, importId: string, leavers: Leaver[]): Promise<Leaver[]> {
  const { allowed } = await withChildrenAccess(tx, actor, { childIds: leavers.map((l) => l.childId), kind: 'school', event: 'registry.pupil_import.leaver_view', detailOf: () => ({ importId }), grounds: ['school_care'] });
  return leavers.filter((l) => allowed.has(l.childId));
}

function presentPupilPreview(p: {
  id: string;
  format: { id: string; label: string; assumption: boolean } | null;
  fileType: FileType | null;
  fullExport: boolean;
  columns: Record<string, string>;
  ignoredColumns: string[];
  planned: PlannedPupil[];
  errors: ImportRowError[];
  matches: TransferMatch[];
  leavers: Leaver[];
  summary: Summary;
  gemeenteName: Map<string, string>;
}): PupilImportPreview {
  // A transfer or waiting transfer shows the row as the FILE has it, never the stored child of the region.
  const shownOf = (r: PlannedPupil) =>
    r.shown ?? (r.status === 'transfer' || r.status === 'pending' ? { givenName: '–', familyName: '', gemeenteId: null } : { givenName: r.givenName, familyName: r.familyName, gemeenteId: r.gemeenteId });
  return {
    id: p.id,
    kind: 'pupils' as const,
    format: p.format ? { id: p.format.id, label: p.format.label, assumption: p.format.assumption } : null,
    fileType: p.fileType,
    fullExport: p.fullExport,
    columns: p.columns,
    ignoredColumns: p.ignoredColumns,
    counts: { ...p.summary.counts, pending: p.summary.counts.pending ?? 0, errors: p.errors.length, matches: p.matches.length, leavers: p.leavers.length },
    errors: p.errors,
    /** The rows that change something (at most 500), with what changes; the BSN is never echoed. */
    changes: p.planned
      .filter((r) => r.status !== 'unchanged')
      .slice(0, SAMPLE)
      .map((r) => {
        const shown = shownOf(r);
        return {
          row: r.row,
          pupilNumber: r.pupilNumber,
          givenName: shown.givenName,
          familyName: shown.familyName,
          status: r.status,
          changes: r.changes,
          groupName: r.groupName,
          gemeente: shown.gemeenteId ? (p.gemeenteName.get(shown.gemeenteId) ?? null) : null,
          startDate: r.startDate,
        };
      }),
    /** Rows that wait for another school's end date: the one sentence the school may be told, per row. */
    pending: p.planned
      .filter((r) => r.status === 'pending')
      .slice(0, SAMPLE)
      .map((r) => {
        const shown = shownOf(r);
        const identifier = r.pendingOn ?? 'bsn';
        return { row: r.row, pupilNumber: r.pupilNumber, givenName: shown.givenName, familyName: shown.familyName, identifier, message: enrolledElsewhereMessage(identifier) };
      }),
    newGroups: p.summary.newGroups,
    matches: p.matches.map(presentMatch),
    leavers: p.leavers.map(({ childId: _childId, ...l }) => l),
  };
}

/** A probable match as the school may see it: the row of its file, and the candidate's name and birth date — never the other school or its dates. */
const presentMatch = (m: TransferMatch) => ({
  id: m.id,
  row: m.row,
  pupilNumber: m.pupilNumber,
  file: m.file,
  candidate: { givenName: m.candidate.givenName, familyName: m.candidate.familyName, birthDate: m.candidate.birthDate, enrolledElsewhere: !!m.candidate.enrolledElsewhere },
  decision: m.decision,
  sameError: m.sameError,
  startDate: m.same?.startDate ?? null,
});

/**
 * A stored preview again (the page was reloaded, or the user came back later): what the check
 * found, the transfer decisions taken so far, and whether it has been saved. What it shows of
 * children already in Samenspel is logged again, like the first time. Another school's import is
 * answered as one that does not exist (404).
 */
export async function getPupilImport(database: Database, actor: Actor, importId: string) {
  const organisationId = schoolOf(actor);
  return database.db.transaction().execute(async (tx) => {
    const imp = await tx
      .selectFrom('registry_imports')
      .selectAll()
      .where('id', '=', importId)
      .where('region_id', '=', actor.regionId)
      .where('organisation_id', '=', organisationId)
      .where('kind', '=', 'pupils')
      // The file type is stored as the reader found it.
      .$narrowType<{ file_type: FileType | null }>()
      .executeTakeFirst();
    if (!imp) throw new NotFoundError();
    const matches = json<TransferMatch[]>(imp.matches);
    const planned = json<PlannedPupil[]>(imp.rows);
    const summary = json<Summary>(imp.summary);
    await recordListed(tx, actor, 'registry.transfer_match.view', transferLooks(importId, lookupsOf(summary, matches, planned)));
    // The leavers it shows are looked at again too (also once committed: the page still lists them).
    const leavers = await shownLeavers(tx, actor, importId, json<Leaver[]>(imp.leavers));
    const gemeenten = await tx.selectFrom('gemeenten').select(['id', 'name']).where('region_id', '=', actor.regionId).execute();
    return {
      ...presentPupilPreview({
        id: imp.id,
        format: PUPIL_FORMATS.find((f) => f.id === imp.format) ?? null,
        fileType: imp.file_type,
        fullExport: imp.full_export,
        columns: {},
        ignoredColumns: [],
        planned,
        errors: json<ImportRowError[]>(imp.errors),
        matches,
        leavers,
        summary,
        gemeenteName: new Map(gemeenten.map((g) => [g.id, g.name])),
      }),
      status: imp.status,
      fileName: imp.file_name,
      uploadedAt: new Date(imp.uploaded_at).toISOString(),
      committedAt: imp.committed_at ? new Date(imp.committed_at).toISOString() : null,
    };
  });
}

/**
 * Showing the check again is looking again: the same children as the first time (a check stored
 * before the lookups were kept: its matches and transfer rows).
 */
const lookupsOf = (summary: Summary, matches: TransferMatch[], planned: PlannedPupil[]): TransferLookup[] =>
  summary.lookups ?? [
    ...matches.map((m) => ({ childId: m.candidateChildId, row: m.row, match: 'name_birth_date' as const })),
    ...planned.filter((r) => (r.status === 'transfer' || r.status === 'pending') && r.childId).map((r) => ({ childId: r.childId!, row: r.row, match: r.bsn ? ('bsn' as const) : ('onderwijsnummer' as const) })),
  ];

/**
 * The user decides about one probable match: "zelfde kind" (the pupil is that child: one record,
 * enrolled here — or, while the child is enrolled at another school, waiting for that school's end
 * date) or "ander kind" (a new child is made). On the stored import the commit locks: the school's
 * own (another school's is 404), and only before it is committed.
 */
export async function decideTransferMatch(database: Database, actor: Actor, importId: string, matchId: string, decision: TransferDecision) {
  schoolOf(actor);
  return database.db.transaction().execute(async (tx) => {
    const imp = await lockPupilImport(tx, actor, importId);
    if (!imp) throw new NotFoundError();
    if (imp.status !== 'preview') throw new ConflictError('Deze import is al verwerkt.', 'already_committed');
    const matches = imp.matches;
    const m = matches.find((x) => x.id === matchId);
    if (!m) throw new NotFoundError('Deze mogelijke overstap bestaat niet in deze import.');
    if (decision === 'same') refuseSame(matches, m);
    m.decision = decision;
    await updateImportPreview(tx, importId, { matches: JSON.stringify(matches) });
    await recordListed(tx, actor, 'registry.transfer_match.decide', [{ childId: m.candidateChildId, ground: TRANSFER_MATCH_GROUND, detail: { importId, row: m.row, decision, kind: 'identity' } }]);
    return { match: presentMatch(m), open: matches.filter((x) => x.decision === null).length };
  });
}

/** "Zelfde kind" is refused when the dates clash with this school's own enrolment, or the row or the child is already taken. */
function refuseSame(matches: TransferMatch[], m: TransferMatch): void {
  if (m.sameError) throw new ValidationError([{ name: 'decision', code: 'transfer_dates', reason: m.sameError }], m.sameError);
  const other = matches.find((x) => x.id !== m.id && x.decision === 'same' && (x.row === m.row || x.candidateChildId === m.candidateChildId));
  if (other) {
    const reason = other.row === m.row ? `Voor regel ${m.row} is al een ander kind als "zelfde kind" gekozen.` : `Dit kind is al gekozen als "zelfde kind" voor regel ${other.row}.`;
    throw new ConflictError(reason, 'match_taken', [{ name: 'decision', code: 'match_taken', reason }]);
  }
}
