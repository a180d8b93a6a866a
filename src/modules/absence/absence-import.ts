import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { groundsQuery } from '../../kernel/policy/child-policy.ts';
import { withChildrenAccess } from '../../kernel/policy/gateway.ts';
import { isCareCoordinator } from '../../kernel/policy/signal-policy.ts';
import { ConflictError, ForbiddenError } from '../../kernel/errors.ts';
import { commitImport, fromJson, previewImport, type ImportSteps, type StoredImport } from '../../kernel/files/import-pipeline.ts';
import { today } from '../../kernel/time.ts';
import { SCHOOL_GROUNDS } from './absence-reports.ts';
import { evaluateAbsenceReports, RULE_REASONS, type NewReport } from './report-evaluation.ts';
import type { AbsenceReason, RowError } from './absence-csv.ts';
import { readAbsenceFile } from './absence-file.ts';
import { lessonDayCheck } from './lesson-day.ts';
import type { MappedFile } from './formats/map-table.ts';

/**
 * The absence import, on the one import pipeline (kernel/files/import-pipeline.ts):
 *
 *   preview: authorize (the school's own care coordinator) → read (the file, its format, pupil
 *            numbers Excel stored as numbers) → check (every pupil resolved, enrolled on the day and
 *            still the school's) → store (absence_imports, by the file's hash) → present
 *   commit:  authorizeCommit (a care coordinator, 403) → lock (an import of the actor's own school,
 *            404 otherwise) → write (the policy asked for every pupil, the records upserted, the
 *            legal reports evaluated) → markCommitted
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHUNK = 5000;

interface ResolvedRow {
  row: number;
  childId: string;
  day: string;
  hours: number;
  reason: AbsenceReason;
}

interface AbsenceInput {
  schoolLocationId: string;
  fileName: string;
  content: Buffer;
}

/** What the check found: the rows to write, the errors, and an earlier commit of the same file. */
interface AbsencePlan {
  resolved: ResolvedRow[];
  errors: RowError[];
  alreadyImported: { importId: string; committedAt: string } | null;
  /** The first rows, with the pupil's name and number (read through the gateway, logged). */
  preview: PreviewRow[];
}

interface StoredAbsenceImport extends StoredImport {
  organisationId: string;
  rows: ResolvedRow[];
}

/** A preview row as the screen shows it: the pupil by name and the school's pupil number. */
export interface PreviewRow extends ResolvedRow {
  name: string;
  pupilNumber: string | null;
}

export interface AbsenceImportPreview {
  id: string;
  rows: number;
  errors: RowError[];
  alreadyImported: { importId: string; committedAt: string } | null;
  preview: PreviewRow[];
  format: MappedFile['format'];
  fileType: MappedFile['fileType'];
}

export interface AbsenceImportResult {
  id: string;
  rows: number;
  changed: number;
  children: number;
  newReports: number;
  /** The reports that arose from this import, by deadline, with the pupil's name (links on the screen). */
  reports: (NewReport & { name: string })[];
}

const ONLY_CARE_COORDINATOR = 'Verzuim importeert de intern begeleider of zorgcoördinator van deze schoolvestiging.';

// ---------------------------------------------------------------- preview

/** Only the school's own care coordinator imports its absence (the school holds this data). */
function authorizeAbsenceImport(actor: Actor, input: AbsenceInput): string {
  if (!isCareCoordinator(actor) || actor.membership!.organisationId !== input.schoolLocationId) throw new ForbiddenError(ONLY_CARE_COORDINATOR);
  return input.schoolLocationId;
}

/** The file read and mapped by its format; pupil numbers Excel stored as numbers matched to the school's. */
function readAbsence(database: Database, _actor: Actor, organisationId: string, input: AbsenceInput): Promise<MappedFile> {
  return readAbsenceFile(database, organisationId, input);
}

/** How the file names pupils: a child id (of this region) or the school's pupil number → the child, or null. */
async function pupilResolver(database: Database, actor: Actor, organisationId: string, named: string[]): Promise<(leerling: string) => string | null> {
  const db = database.db;
  const byId = new Set<string>();
  const uuids = named.filter((x) => UUID.test(x));
  for (let i = 0; i < uuids.length; i += CHUNK) {
    for (const c of await db.selectFrom('children').select('id').where('id', 'in', uuids.slice(i, i + CHUNK)).where('region_id', '=', actor.regionId).execute()) byId.add(c.id);
  }
  const numbers = named.filter((x) => !UUID.test(x));
  const byNumber = new Map<string, string>();
  for (let i = 0; i < numbers.length; i += CHUNK) {
    const found = await db.selectFrom('enrolments').select(['pupil_number', 'child_id']).where('organisation_id', '=', organisationId).where('pupil_number', 'in', numbers.slice(i, i + CHUNK)).execute();
    for (const e of found) byNumber.set(e.pupil_number!, e.child_id);
  }
  return (leerling) => (UUID.test(leerling) ? (byId.has(leerling) ? leerling : null) : (byNumber.get(leerling) ?? null));
}

/** Whether a child was enrolled at this school on a day. */
async function enrolmentCheck(database: Database, organisationId: string): Promise<(childId: string, day: string) => boolean> {
  const enrolmentsOf = new Map<string, { start_date: string; end_date: string | null }[]>();
  for (const e of await database.db.selectFrom('enrolments').select(['child_id', 'start_date', 'end_date']).where('organisation_id', '=', organisationId).execute()) {
    let list = enrolmentsOf.get(e.child_id);
    if (!list) enrolmentsOf.set(e.child_id, (list = []));
    list.push(e);
  }
  return (childId, day) => (enrolmentsOf.get(childId) ?? []).some((e) => e.start_date <= day && (!e.end_date || e.end_date >= day));
}

/**
 * The pupils among `childIds` whose absence the school may use today: those the policy gives one
 * of the school's grounds (the school's care, or a case the school owns) — the same the commit
 * asks of the gateway. The preview only checks; it shows nothing of the child the file did not
 * name, so nothing is logged here.
 */
async function pupilsWithGround(database: Database, actor: Actor, childIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < childIds.length; i += CHUNK) {
    const grounds = groundsQuery(database.db, actor, today());
    if (!grounds) break;
    const rows = await database.db
      .selectFrom(grounds.as('g'))
      .select('g.child_id')
      .where('g.child_id', 'in', childIds.slice(i, i + CHUNK))
      .where('g.ground', 'in', SCHOOL_GROUNDS)
      .execute();
    for (const r of rows) out.add(r.child_id);
  }
  return out;
}

/**
 * Every row judged: a known pupil, enrolled at this school on that day, and one the school still
 * has a ground for today. A pupil who has left the school (and has no case of the school) is no
 * longer the school's to record absence for: refused here as a row, like entering it by hand, not
 * at the commit. The same pupil may be named by child id on one row and by pupil number on
 * another: after resolving, one pupil, day and reason may still occur only once.
 */
function judgeRows(
  read: MappedFile,
  childOf: (leerling: string) => string | null,
  enrolled: (childId: string, day: string) => boolean,
  withGround: Set<string>,
  noLessons: (day: string) => string | null,
): { resolved: ResolvedRow[]; errors: RowError[] } {
  const errors: RowError[] = [...read.errors];
  const resolved: ResolvedRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of read.rows) {
    const childId = childOf(r.leerling);
    const notALessonDay = noLessons(r.day);
    if (!childId) errors.push({ row: r.row, column: 'leerling', message: `Leerling "${r.leerling}" is onbekend op deze school.` });
    else if (notALessonDay) errors.push({ row: r.row, column: 'datum', message: `${notALessonDay} Verzuim bestaat alleen op lesdagen: controleer de datum, of de vrije dagen van de school in de schoolkalender.` });
    else if (!enrolled(childId, r.day)) errors.push({ row: r.row, column: 'datum', message: `Deze leerling stond op ${r.day} niet ingeschreven op deze school.` });
    else if (!withGround.has(childId)) errors.push({ row: r.row, column: 'leerling', message: 'Deze leerling staat niet meer op deze school ingeschreven. Verzuim van een leerling die de school heeft verlaten, legt u hier niet meer vast.' });
    else {
      const key = `${childId}|${r.day}|${r.reason}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) errors.push({ row: r.row, column: 'leerling', message: `Dezelfde leerling, dag en reden staan al op regel ${first} (met id of leerlingnummer). Voeg de regels samen.` });
      else {
        firstRowOf.set(key, r.row);
        resolved.push({ row: r.row, childId, day: r.day, hours: r.hours, reason: r.reason });
      }
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { resolved, errors };
}

/** The same file committed before at this school, if it was. */
async function earlierCommit(database: Database, organisationId: string, sha256: string): Promise<AbsencePlan['alreadyImported']> {
  const previous = await database.db.selectFrom('absence_imports').select(['id', 'committed_at']).where('organisation_id', '=', organisationId).where('file_sha256', '=', sha256).where('status', '=', 'committed').executeTakeFirst();
  return previous ? { importId: previous.id, committedAt: new Date(previous.committed_at!).toISOString() } : null;
}

const PREVIEW_ROWS = 20;

/**
 * The first rows as the screen shows them: each pupil by name and the school's pupil number, so
 * that a person can check the file. Showing who they are is a look at the pupils' identity: asked
 * of the gateway for exactly the pupils shown (the school's own grounds) and logged.
 */
async function namedPreview(database: Database, actor: Actor, organisationId: string, resolved: ResolvedRow[]): Promise<PreviewRow[]> {
  const rows = resolved.slice(0, PREVIEW_ROWS);
  const childIds = [...new Set(rows.map((r) => r.childId))];
  if (!childIds.length) return [];
  return database.db.transaction().execute(async (tx) => {
    const { allowed } = await withChildrenAccess(tx, actor, { childIds, kind: 'identity', event: 'absence.import.preview', grounds: SCHOOL_GROUNDS });
    const ids = childIds.filter((id) => allowed.has(id));
    const people = ids.length ? await tx.selectFrom('children').select(['id', 'given_name', 'family_name']).where('id', 'in', ids).execute() : [];
    const numbers = ids.length
      ? await tx.selectFrom('enrolments').select(['child_id', 'pupil_number']).where('organisation_id', '=', organisationId).where('child_id', 'in', ids).where('pupil_number', 'is not', null).orderBy('start_date', 'desc').execute()
      : [];
    const nameOf = new Map(people.map((c) => [c.id, `${c.given_name} ${c.family_name}`]));
    const numberOf = new Map<string, string>();
    for (const n of numbers) if (!numberOf.has(n.child_id)) numberOf.set(n.child_id, n.pupil_number!);
    return rows.filter((r) => nameOf.has(r.childId)).map((r) => ({ ...r, name: nameOf.get(r.childId)!, pupilNumber: numberOf.get(r.childId) ?? null }));
  });
}

/** Every pupil resolved and every row judged (also: absence only on lesson days); writes nothing. */
async function checkAbsence(database: Database, actor: Actor, organisationId: string, read: MappedFile, _input: AbsenceInput, sha256: string): Promise<AbsencePlan> {
  const childOf = await pupilResolver(database, actor, organisationId, [...new Set(read.rows.map((r) => r.leerling))]);
  const enrolled = await enrolmentCheck(database, organisationId);
  const named = [...new Set(read.rows.map((r) => childOf(r.leerling)).filter((id): id is string => !!id))];
  const withGround = await pupilsWithGround(database, actor, named);
  const noLessons = await lessonDayCheck(database.db, organisationId, [...new Set(read.rows.map((r) => r.day))]);
  const judged = judgeRows(read, childOf, enrolled, withGround, noLessons);
  return { ...judged, alreadyImported: await earlierCommit(database, organisationId, sha256), preview: await namedPreview(database, actor, organisationId, judged.resolved) };
}

/** The checked rows stored with the file's hash; nothing is written to the absence records yet. */
async function storeAbsence(database: Database, actor: Actor, organisationId: string, s: { sha256: string; plan: AbsencePlan; read: MappedFile; input: AbsenceInput }): Promise<string> {
  const stored = await database.db
    .insertInto('absence_imports')
    .values({
      region_id: actor.regionId,
      organisation_id: organisationId,
      uploaded_by_person_id: actor.personId,
      file_name: s.input.fileName.slice(0, 200),
      file_sha256: s.sha256,
      row_count: s.read.rows.length + s.read.errors.filter((e) => e.row > 1).length,
      rows: JSON.stringify(s.plan.resolved),
      errors: JSON.stringify(s.plan.errors),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return stored.id;
}

function presentAbsence({ id, plan, read }: { id: string; plan: AbsencePlan; read: MappedFile }): AbsenceImportPreview {
  return { id, rows: plan.resolved.length, errors: plan.errors, alreadyImported: plan.alreadyImported, preview: plan.preview, format: read.format, fileType: read.fileType };
}

// ---------------------------------------------------------------- commit

/** Committing absence is a care coordinator's function: anyone else gets 403, whatever the id. */
function authorizeAbsenceCommit(actor: Actor): void {
  if (!isCareCoordinator(actor)) throw new ForbiddenError(ONLY_CARE_COORDINATOR);
}

/** The import, locked, only when it belongs to the actor's own school (in the actor's region). */
async function lockAbsenceImport(tx: Tx, actor: Actor, importId: string): Promise<StoredAbsenceImport | null> {
  const imp = await tx
    .selectFrom('absence_imports')
    .select(['id', 'status', 'organisation_id', 'rows', 'errors'])
    .where('id', '=', importId)
    .where('region_id', '=', actor.regionId)
    .where('organisation_id', '=', actor.membership!.organisationId)
    .forUpdate()
    .executeTakeFirst();
  if (!imp) return null;
  return { id: imp.id, status: imp.status, errorCount: fromJson<RowError[]>(imp.errors).length, organisationId: imp.organisation_id, rows: fromJson<ResolvedRow[]>(imp.rows) };
}

/** The policy refused pupils of an import at its commit: nothing is written. */
class PupilsRefused extends Error {
  constructor(
    readonly importId: string,
    readonly childIds: string[],
  ) {
    super('pupils refused');
  }
}

/**
 * One statement, straight from the stored preview: no rows travel back and forth. The preview holds
 * at most one row per pupil, day and reason (duplicates are errors), so the upsert is safe. Importing
 * the same rows again changes nothing; the newest import sets the hours.
 */
async function upsertAbsenceRecords(tx: Tx, importId: string): Promise<number> {
  const res = await sql`
    insert into absence_records (region_id, child_id, organisation_id, day, hours, reason, source, import_id)
    select i.region_id, r."childId"::uuid, i.organisation_id, r.day::date, r.hours, r.reason, 'import', i.id
    from absence_imports i cross join lateral jsonb_to_recordset(i.rows) as r("childId" text, day text, hours numeric, reason text)
    where i.id = ${importId}
    on conflict (child_id, organisation_id, day, reason) do update
      set hours = excluded.hours, import_id = excluded.import_id, source = excluded.source
      where absence_records.hours <> excluded.hours`.execute(tx);
  return Number(res.numAffectedRows ?? 0);
}

/**
 * Before anything is written the policy is asked for every pupil of the import, which logs each
 * with its ground; should it refuse one (the pupil left the school since the check), nothing is
 * written (see commitAbsenceImport). Then the records, and the legal reports that follow from them
 * at once: only unauthorised and luxury absence feed the rules, so only the pupils with such rows
 * in this import are evaluated again.
 */
async function writeAbsence(tx: Tx, actor: Actor, stored: StoredAbsenceImport): Promise<AbsenceImportResult> {
  const children = [...new Set(stored.rows.map((r) => r.childId))];
  const { denied } = await withChildrenAccess(tx, actor, { childIds: children, kind: 'absence', event: 'absence.import', detailOf: () => ({ importId: stored.id }), grounds: SCHOOL_GROUNDS });
  if (denied.length) throw new PupilsRefused(stored.id, denied);
  const written = await upsertAbsenceRecords(tx, stored.id);
  const ruleInput = [...new Set(stored.rows.filter((r) => RULE_REASONS.includes(r.reason)).map((r) => r.childId))];
  const evaluation = await evaluateAbsenceReports(tx, { regionId: actor.regionId, organisationId: stored.organisationId, childIds: ruleInput });
  // The pupils of the new reports by name (the gateway allowed each above, with the school's ground).
  const named = [...new Set(evaluation.newReports.map((r) => r.childId))];
  const names = new Map(named.length ? (await tx.selectFrom('children').select(['id', 'given_name', 'family_name']).where('id', 'in', named).execute()).map((c) => [c.id, `${c.given_name} ${c.family_name}`]) : []);
  const reports = evaluation.newReports
    .map((r) => ({ ...r, name: names.get(r.childId) ?? '' }))
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.name.localeCompare(b.name, 'nl') || a.type.localeCompare(b.type));
  return { id: stored.id, rows: stored.rows.length, changed: written, children: children.length, newReports: evaluation.inserted, reports };
}

async function markAbsenceCommitted(tx: Tx, _actor: Actor, stored: StoredAbsenceImport): Promise<void> {
  await tx.updateTable('absence_imports').set({ status: 'committed', committed_at: new Date() }).where('id', '=', stored.id).execute();
}

export const absenceImport: ImportSteps<AbsenceInput, string, MappedFile, AbsencePlan, StoredAbsenceImport, AbsenceImportPreview, AbsenceImportResult> = {
  name: 'absence',
  authorize: authorizeAbsenceImport,
  read: readAbsence,
  check: checkAbsence,
  store: storeAbsence,
  present: presentAbsence,
  authorizeCommit: authorizeAbsenceCommit,
  lock: lockAbsenceImport,
  write: writeAbsence,
  markCommitted: markAbsenceCommitted,
  hasErrorsMessage: (n) => `Het bestand heeft ${n} fout(en). Verbeter ze en laad het bestand opnieuw; er is niets opgeslagen.`,
  notFoundMessage: 'Niet gevonden, of u heeft er geen toegang toe.',
};

/**
 * Step 1: parse and check the file, resolve every pupil (child id or the school's pupil number,
 * enrolled at this school on that day, and one the school still has a ground for today) and store
 * the preview. Nothing is written to the absence records yet.
 */
export function previewAbsenceImport(database: Database, actor: Actor, input: AbsenceInput): Promise<AbsenceImportPreview> {
  return previewImport(absenceImport, database, actor, input);
}

/**
 * Step 2: write the whole import in one transaction, or nothing. A file with errors is refused
 * until it is fixed. Should the policy refuse a pupil at the commit, the whole commit is refused
 * (409 import_outdated) and nothing is written; the refusal alone is logged, in a transaction of
 * its own (after the commit's has rolled back).
 */
export async function commitAbsenceImport(database: Database, actor: Actor, importId: string): Promise<AbsenceImportResult> {
  try {
    return await commitImport(absenceImport, database, actor, importId);
  } catch (error) {
    if (error instanceof PupilsRefused) return refuseOutdated(database, actor, error);
    throw error;
  }
}

/** The refusal of pupils the school no longer has a ground for, logged on its own; then 409. */
async function refuseOutdated(database: Database, actor: Actor, { importId, childIds }: PupilsRefused): Promise<never> {
  await database.db.transaction().execute((tx) => withChildrenAccess(tx, actor, { childIds, kind: 'absence', event: 'absence.import', detailOf: () => ({ importId }), grounds: SCHOOL_GROUNDS }));
  const n = childIds.length;
  throw new ConflictError(
    `Sinds de controle staan ${n === 1 ? 'één leerling' : `${n} leerlingen`} uit dit bestand niet meer op deze school ingeschreven. Laad het bestand opnieuw; er is niets opgeslagen.`,
    'import_outdated',
  );
}
