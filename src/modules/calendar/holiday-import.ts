import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database, Db, Tx } from '../../kernel/db/database.ts';
import type { HolidayRegion } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ConflictError, ForbiddenError, NotFoundError, ProblemError } from '../../kernel/errors.ts';
import { VACATION_NAMES, type VacationType } from '../../kernel/calendar/holidays-nl.ts';
import { parseRijksoverheidJson, type ImportError, type ParsedPeriod } from './holiday-json.ts';

/**
 * importHolidays: the functional administrator loads the Rijksoverheid open-data JSON of the
 * school holidays. Step 1 checks the file and shows what would change (nothing is written to the
 * calendar); step 2 writes it all or nothing. The file is authoritative per school year and
 * vacation type: dates that differ are corrected, a shipped date that was not verified becomes
 * verified, and a row the file no longer has for that vacation (e.g. "heel Nederland" replaced
 * by three regions) is removed. Importing the same file again changes nothing.
 *
 * The official holidays are national facts, shared by every region on this installation.
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

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export interface HolidayImportPreview {
  id: string;
  fileName: string;
  schoolYears: string[];
  periods: number;
  errors: ImportError[];
  changes: HolidayChanges;
}

/** Step 1: check the file and store the preview. */
export async function previewHolidayImport(database: Database, actor: Actor, input: { fileName: string; content: Buffer | string | unknown }): Promise<HolidayImportPreview> {
  requireFunctionalAdmin(actor);
  const parsed = parseRijksoverheidJson(input.content);
  // A file that is no schoolvakantiebestand at all is refused as a whole; nothing is stored.
  if (parsed.fileError) {
    const { code, message } = parsed.fileError;
    throw new ProblemError(422, 'Bestand niet bruikbaar', message, code, [{ name: 'file', code, reason: message }]);
  }
  const raw = Buffer.isBuffer(input.content) || typeof input.content === 'string' ? input.content : JSON.stringify(input.content ?? null);
  const sha = createHash('sha256').update(raw).digest('hex');
  const { changes } = await diff(database.db, parsed.errors.length ? [] : parsed.periods);
  const stored = await database.db
    .insertInto('holiday_imports')
    .values({
      region_id: actor.regionId,
      uploaded_by_person_id: actor.personId,
      file_name: input.fileName.slice(0, 200),
      file_sha256: sha,
      school_years: JSON.stringify(parsed.schoolYears),
      periods: JSON.stringify(parsed.periods),
      errors: JSON.stringify(parsed.errors),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: stored.id, fileName: input.fileName, schoolYears: parsed.schoolYears, periods: parsed.periods.length, errors: parsed.errors, changes };
}

/** Step 2: write the whole import, or nothing. */
export async function commitHolidayImport(database: Database, actor: Actor, importId: string) {
  requireFunctionalAdmin(actor);
  return database.db.transaction().execute(async (tx) => {
    const imp = await tx.selectFrom('holiday_imports').selectAll().where('id', '=', importId).where('region_id', '=', actor.regionId).forUpdate().executeTakeFirst();
    if (!imp) throw new NotFoundError('Deze import bestaat niet (meer). Laad het bestand opnieuw.');
    if (imp.status === 'committed') throw new ConflictError('Deze import is al verwerkt.', 'already_committed');
    const errors = parseJson<ImportError[]>(imp.errors);
    if (errors.length) throw new ConflictError(`Het bestand heeft ${errors.length} fout(en). Er is niets opgeslagen; verbeter het bestand of download het opnieuw.`, 'import_has_errors');
    const periods = parseJson<ParsedPeriod[]>(imp.periods);
    // Serialise imports, so that two at once cannot both add the same row.
    await sql`select pg_advisory_xact_lock(${HOLIDAY_IMPORT_LOCK})`.execute(tx);
    const { changes, existing } = await diff(tx, periods);
    const find = (c: PeriodChange) => existing.find((e) => e.school_year === c.schoolYear && e.vacation_type === c.vacationType && regionKey(e.holiday_region) === regionKey(c.region))!;
    for (const c of changes.removed) await tx.deleteFrom('school_free_periods').where('id', '=', find(c).id).execute();
    for (const c of changes.changed) {
      await tx
        .updateTable('school_free_periods')
        .set({ start_date: c.startDate, end_date: c.endDate, verified: true, note: null, origin: 'rijksoverheid_import', updated_at: new Date() })
        .where('id', '=', find(c).id)
        .execute();
    }
    if (changes.added.length) {
      await tx
        .insertInto('school_free_periods')
        .values(
          changes.added.map((c) => ({
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
    const result = { added: changes.added.length, changed: changes.changed.length, removed: changes.removed.length, unchanged: changes.unchanged };
    await tx.updateTable('holiday_imports').set({ status: 'committed', committed_at: new Date(), result: JSON.stringify(result) }).where('id', '=', importId).execute();
    await recordEvent(tx, actor, {
      event: 'calendar.holidays.import',
      detail: { importId, schoolYears: parseJson<string[]>(imp.school_years), ...result },
    });
    return { id: importId, schoolYears: parseJson<string[]>(imp.school_years), ...result, changes };
  });
}
