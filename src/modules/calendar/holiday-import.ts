import { sql } from 'kysely';
import type { Database, Db, Tx } from '../../kernel/db/database.ts';
import type { HolidayRegion } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ForbiddenError, ProblemError } from '../../kernel/errors.ts';
import { commitImport, fromJson, previewImport, type ImportSteps, type StoredImport } from '../../kernel/files/import-pipeline.ts';
import { VACATION_NAMES, type VacationType } from '../../kernel/calendar/holidays-nl.ts';
import { parseRijksoverheidJson, type ImportError, type ParsedPeriod, type ParseResult } from './holiday-json.ts';

/**
 * importHolidays: the functional administrator loads the Rijksoverheid open-data JSON of the
 * school holidays. Step 1 checks the file and shows what would change (nothing is written to the
 * calendar); step 2 writes it all or nothing. The file is authoritative per school year and
 * vacation type: dates that differ are corrected, a shipped date that was not verified becomes
 * verified, and a row the file no longer has for that vacation (e.g. "heel Nederland" replaced
 * by three regions) is removed. Importing the same file again changes nothing.
 *
 * The official holidays are national facts, shared by every region on this installation.
 *
 * On the one import pipeline (kernel/files/import-pipeline.ts): authorize (the functional
 * administrator) → read (the JSON; a file that is none is refused whole) → check (what it would
 * change) → store (holiday_imports, by the file's hash) → present; the commit: authorizeCommit
 * (403) → lock (an import of the actor's region, 404 otherwise) → write → markCommitted (with the
 * event in the log).
 */

const HOLIDAY_IMPORT_LOCK = 7_513_008;

export function requireFunctionalAdmin(actor: Actor) {
  if (actor.membership?.role !== 'functional_admin') {
    throw new ForbiddenError('De schoolvakanties importeert de functioneel beheerder.');
  }
}

interface Existing {
  id: string;
  school_year: string | null;
  vacation_type: string | null;
  holiday_region: HolidayRegion | null;
  start_date: string;
  end_date: string;
  verified: boolean;
}

export interface PeriodChange {
  schoolYear: string;
  vacationType: VacationType;
  name: string;
  region: HolidayRegion | null;
  startDate: string;
  endDate: string;
  /** For a changed period: the dates it had. */
  previous?: { startDate: string; endDate: string; verified: boolean };
}

export interface HolidayChanges {
  added: PeriodChange[];
  changed: PeriodChange[];
  removed: PeriodChange[];
  unchanged: number;
}

const regionKey = (r: HolidayRegion | null) => r ?? '';

/** What committing these periods would do to the calendar as it is now. */
async function diff(db: Db | Tx, periods: ParsedPeriod[]): Promise<{ changes: HolidayChanges; existing: Existing[] }> {
  const years = [...new Set(periods.map((p) => p.schoolYear))];
  const existing: Existing[] = years.length
    ? await db
        .selectFrom('school_free_periods')
        .select(['id', 'school_year', 'vacation_type', 'holiday_region', 'start_date', 'end_date', 'verified'])
        .where('kind', '=', 'vacation')
        .where('organisation_id', 'is', null)
        .where('school_year', 'in', years)
        .execute()
    : [];
  const changes: HolidayChanges = { added: [], changed: [], removed: [], unchanged: 0 };
  const describe = (p: ParsedPeriod): PeriodChange => ({
    schoolYear: p.schoolYear,
    vacationType: p.vacationType,
    name: VACATION_NAMES[p.vacationType],
    region: p.region,
    startDate: p.start,
    endDate: p.end,
  });
  for (const p of periods) {
    const row = existing.find((e) => e.school_year === p.schoolYear && e.vacation_type === p.vacationType && regionKey(e.holiday_region) === regionKey(p.region));
    if (!row) changes.added.push(describe(p));
    else if (row.start_date !== p.start || row.end_date !== p.end || !row.verified) {
      changes.changed.push({ ...describe(p), previous: { startDate: row.start_date, endDate: row.end_date, verified: row.verified } });
    } else changes.unchanged++;
  }
  const covered = new Set(periods.map((p) => `${p.schoolYear}|${p.vacationType}`));
  for (const e of existing) {
    if (!covered.has(`${e.school_year}|${e.vacation_type}`)) continue;
    if (periods.some((p) => p.schoolYear === e.school_year && p.vacationType === e.vacation_type && regionKey(p.region) === regionKey(e.holiday_region))) continue;
    const type = e.vacation_type as VacationType;
    changes.removed.push({ schoolYear: e.school_year!, vacationType: type, name: VACATION_NAMES[type], region: e.holiday_region, startDate: e.start_date, endDate: e.end_date });
  }
  return { changes, existing };
}

export interface HolidayImportPreview {
  id: string;
  fileName: string;
  schoolYears: string[];
  periods: number;
  errors: ImportError[];
  changes: HolidayChanges;
}

export interface HolidayImportResult {
  id: string;
  schoolYears: string[];
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  changes: HolidayChanges;
}

interface HolidayInput {
  fileName: string;
  content: Buffer | string;
}

interface StoredHolidayImport extends StoredImport {
  schoolYears: string[];
  periods: ParsedPeriod[];
}

// ---------------------------------------------------------------- preview

/** The holiday imports are kept per region (of the administrator who loads them). */
function authorizeHolidayImport(actor: Actor): string {
  requireFunctionalAdmin(actor);
  return actor.regionId;
}

/** A file that is no schoolvakantiebestand at all is refused as a whole (422); nothing is stored. */
async function readHolidayFile(_database: Database, _actor: Actor, _regionId: string, input: HolidayInput): Promise<ParseResult> {
  const parsed = parseRijksoverheidJson(input.content);
  if (parsed.fileError) {
    const { code, message } = parsed.fileError;
    throw new ProblemError(422, 'Bestand niet bruikbaar', message, code, [{ name: 'file', code, reason: message }]);
  }
  return parsed;
}

/** What the file would change in the calendar as it is now (nothing when the file has errors). */
async function checkHolidays(database: Database, _actor: Actor, _regionId: string, read: ParseResult): Promise<HolidayChanges> {
  return (await diff(database.db, read.errors.length ? [] : read.periods)).changes;
}

async function storeHolidays(database: Database, actor: Actor, regionId: string, s: { sha256: string; read: ParseResult; input: HolidayInput }): Promise<string> {
  const stored = await database.db
    .insertInto('holiday_imports')
    .values({
      region_id: regionId,
      uploaded_by_person_id: actor.personId,
      file_name: s.input.fileName.slice(0, 200),
      file_sha256: s.sha256,
      school_years: JSON.stringify(s.read.schoolYears),
      periods: JSON.stringify(s.read.periods),
      errors: JSON.stringify(s.read.errors),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return stored.id;
}

function presentHolidays({ id, plan, read, input }: { id: string; plan: HolidayChanges; read: ParseResult; input: HolidayInput }): HolidayImportPreview {
  return { id, fileName: input.fileName, schoolYears: read.schoolYears, periods: read.periods.length, errors: read.errors, changes: plan };
}

// ---------------------------------------------------------------- commit

/** The import, locked, when it is one of the actor's region. */
async function lockHolidayImport(tx: Tx, actor: Actor, importId: string): Promise<StoredHolidayImport | null> {
  const imp = await tx.selectFrom('holiday_imports').select(['id', 'status', 'errors', 'school_years', 'periods']).where('id', '=', importId).where('region_id', '=', actor.regionId).forUpdate().executeTakeFirst();
  if (!imp) return null;
  return { id: imp.id, status: imp.status, errorCount: fromJson<ImportError[]>(imp.errors).length, schoolYears: fromJson<string[]>(imp.school_years), periods: fromJson<ParsedPeriod[]>(imp.periods) };
}

/** The official periods the calendar does not have yet. */
async function addPeriods(tx: Tx, actor: Actor, added: PeriodChange[]): Promise<void> {
  if (!added.length) return;
  await tx
    .insertInto('school_free_periods')
    .values(
      added.map((c) => ({
        holiday_region: c.region,
        organisation_id: null,
        name: c.name,
        start_date: c.startDate,
        end_date: c.endDate,
        kind: 'vacation' as const,
        school_year: c.schoolYear,
        vacation_type: c.vacationType,
        origin: 'rijksoverheid_import' as const,
        verified: true,
        note: null,
        created_by_person_id: actor.personId,
      })),
    )
    .execute();
}

/**
 * The calendar made what the file says, diffed again against the calendar as it is now (inside the
 * transaction, imports serialised so that two at once cannot both add the same row).
 */
async function writeHolidays(tx: Tx, actor: Actor, stored: StoredHolidayImport): Promise<HolidayImportResult> {
  await sql`select pg_advisory_xact_lock(${HOLIDAY_IMPORT_LOCK})`.execute(tx);
  const { changes, existing } = await diff(tx, stored.periods);
  const find = (c: PeriodChange) => existing.find((e) => e.school_year === c.schoolYear && e.vacation_type === c.vacationType && regionKey(e.holiday_region) === regionKey(c.region))!;
  for (const c of changes.removed) await tx.deleteFrom('school_free_periods').where('id', '=', find(c).id).execute();
  for (const c of changes.changed) {
    await tx
      .updateTable('school_free_periods')
      .set({ start_date: c.startDate, end_date: c.endDate, verified: true, note: null, origin: 'rijksoverheid_import', updated_at: new Date() })
      .where('id', '=', find(c).id)
      .execute();
  }
  await addPeriods(tx, actor, changes.added);
  return { id: stored.id, schoolYears: stored.schoolYears, added: changes.added.length, changed: changes.changed.length, removed: changes.removed.length, unchanged: changes.unchanged, changes };
}

/** Committed, with its counts; the administrator's import is recorded (not about a child). */
async function markHolidaysCommitted(tx: Tx, actor: Actor, stored: StoredHolidayImport, r: HolidayImportResult): Promise<void> {
  const result = { added: r.added, changed: r.changed, removed: r.removed, unchanged: r.unchanged };
  await tx.updateTable('holiday_imports').set({ status: 'committed', committed_at: new Date(), result: JSON.stringify(result) }).where('id', '=', stored.id).execute();
  await recordEvent(tx, actor, { event: 'calendar.holidays.import', detail: { importId: stored.id, schoolYears: stored.schoolYears, ...result } });
}

export const holidayImport: ImportSteps<HolidayInput, string, ParseResult, HolidayChanges, StoredHolidayImport, HolidayImportPreview, HolidayImportResult> = {
  name: 'holidays',
  authorize: authorizeHolidayImport,
  read: readHolidayFile,
  check: checkHolidays,
  store: storeHolidays,
  present: presentHolidays,
  authorizeCommit: requireFunctionalAdmin,
  lock: lockHolidayImport,
  write: writeHolidays,
  markCommitted: markHolidaysCommitted,
  hasErrorsMessage: (n) => `Het bestand heeft ${n} fout(en). Er is niets opgeslagen; verbeter het bestand of download het opnieuw.`,
  notFoundMessage: 'Deze import bestaat niet (meer). Laad het bestand opnieuw.',
};

/** Step 1: check the file and store the preview. */
export function previewHolidayImport(database: Database, actor: Actor, input: HolidayInput): Promise<HolidayImportPreview> {
  return previewImport(holidayImport, database, actor, input);
}

/** Step 2: write the whole import, or nothing. */
export function commitHolidayImport(database: Database, actor: Actor, importId: string): Promise<HolidayImportResult> {
  return commitImport(holidayImport, database, actor, importId);
}
