import type { Database, Db, Tx } from '../../kernel/db/database.ts';
import type { HolidayRegion } from '../../contracts/values/calendar.ts';
import type { FreeDayInput, SchoolFreeDay } from '../../contracts/calendar.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { isIsoDate, today } from '../../kernel/time.ts';
import { addCalendarDays } from '../../kernel/calendar/school-days.ts';
import { schoolYearOf, schoolYearRange, shiftSchoolYear } from '../../kernel/calendar/school-year.ts';

/**
 * A school location's own free days (studiedagen, a Goede Vrijdag, a second week of meivakantie):
 * calendar settings, not child data. The school's care coordinator (IB / zorgcoördinator), its
 * school leader and the functional administrator add and remove them; everyone who works at the
 * school may see them. A mistaken day is removed for real; who added and who removed it is in the
 * access log (events calendar.free_day.*), as the registry logs its changes.
 */

export const MANAGE_ROLES = ['intern_begeleider', 'care_coordinator', 'school_leader'] as const;
export const MAX_FREE_PERIOD_DAYS = 14;

export interface SchoolLocationRef {
  id: string;
  name: string;
  holidayRegion: HolidayRegion | null;
  gemeenteName: string | null;
}

/** The school location in the actor's region, or 404. */
export async function schoolLocationOf(db: Db | Tx, actor: Actor, id: string): Promise<SchoolLocationRef> {
  const row = await db
    .selectFrom('organisations as o')
    .leftJoin('gemeenten as g', 'g.id', 'o.gemeente_id')
    .select(['o.id', 'o.name', 'g.holiday_region', 'g.name as gemeente_name'])
    .where('o.id', '=', id)
    .where('o.region_id', '=', actor.regionId)
    .where('o.kind', '=', 'school_location')
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Deze schoolvestiging bestaat niet in de regio.');
  return { id: row.id, name: row.name, holidayRegion: row.holiday_region, gemeenteName: row.gemeente_name };
}

export function canManageFreeDays(actor: Actor, schoolLocationId: string): boolean {
  const m = actor.membership;
  if (!m || actor.kind !== 'professional') return false;
  if (m.role === 'functional_admin') return true;
  return m.organisationId === schoolLocationId && (MANAGE_ROLES as readonly string[]).includes(m.role);
}

export function canSeeFreeDays(actor: Actor, schoolLocationId: string): boolean {
  return canManageFreeDays(actor, schoolLocationId) || (actor.kind === 'professional' && actor.membership?.organisationId === schoolLocationId);
}

export function requireManage(actor: Actor, schoolLocationId: string) {
  if (!canManageFreeDays(actor, schoolLocationId)) {
    throw new ForbiddenError('Vrije dagen van een school beheren de intern begeleider of zorgcoördinator en de directeur van die schoolvestiging, en de functioneel beheerder.');
  }
}

export function requireSee(actor: Actor, schoolLocationId: string) {
  if (!canSeeFreeDays(actor, schoolLocationId)) {
    throw new ForbiddenError('De schoolkalender van deze schoolvestiging is er voor wie er werkt en voor de functioneel beheerder.');
  }
}

export type { FreeDayInput, SchoolFreeDay };

export async function listFreeDays(db: Db | Tx, schoolLocationId: string, range?: { start: string; end: string }): Promise<SchoolFreeDay[]> {
  let q = db
    .selectFrom('school_free_periods as f')
    .leftJoin('people as p', 'p.id', 'f.created_by_person_id')
    .select(['f.id', 'f.name', 'f.start_date', 'f.end_date', 'f.created_at', 'p.given_name', 'p.family_name'])
    .where('f.organisation_id', '=', schoolLocationId);
  if (range) q = q.where('f.start_date', '<=', range.end).where('f.end_date', '>=', range.start);
  const rows = await q.orderBy('f.start_date').orderBy('f.end_date').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    startDate: r.start_date,
    endDate: r.end_date,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.given_name ? `${r.given_name} ${r.family_name}` : null,
  }));
}

const dutchDate = (d: string) => new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
const isWeekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());

/** The checks a free day must pass; returns the cleaned input or throws one ValidationError with every field. */
export function validateFreeDay(input: FreeDayInput, day = today()): { name: string; startDate: string; endDate: string } {
  const errors: FieldError[] = [];
  const name = (input.name ?? '').replace(/\s+/g, ' ').trim();
  const startDate = (input.startDate ?? '').trim();
  const endDate = (input.endDate ?? '').trim() || startDate;
  if (!name) errors.push({ name: 'name', code: 'required', reason: 'Geef de vrije dag een naam, bijvoorbeeld Studiedag.' });
  else if (name.length > 100) errors.push({ name: 'name', code: 'too_long', reason: 'De naam is te lang: hoogstens 100 tekens.' });
  const startOk = isIsoDate(startDate);
  const endOk = isIsoDate(endDate);
  if (!startOk) errors.push({ name: 'startDate', code: startDate ? 'date_invalid' : 'required', reason: 'Vul de eerste vrije dag in als JJJJ-MM-DD, bijvoorbeeld 2026-03-16.' });
  if (!endOk) errors.push({ name: 'endDate', code: 'date_invalid', reason: 'Vul de laatste vrije dag in als JJJJ-MM-DD, of laat het veld leeg voor één dag.' });
  if (startOk && endOk) {
    const current = schoolYearOf(day);
    const earliest = schoolYearRange(shiftSchoolYear(current, -1)).start;
    const latest = schoolYearRange(shiftSchoolYear(current, 2)).end;
    if (endDate < startDate) errors.push({ name: 'endDate', code: 'end_before_start', reason: 'De laatste vrije dag ligt vóór de eerste. Kies een einddatum op of na de begindatum.' });
    else if (startDate < earliest || endDate > latest) {
      errors.push({ name: 'startDate', code: 'out_of_range', reason: `Kies een datum tussen ${dutchDate(earliest)} en ${dutchDate(latest)} (vorig schooljaar tot en met over twee schooljaren).` });
    } else if (schoolYearOf(startDate) !== schoolYearOf(endDate)) {
      errors.push({ name: 'endDate', code: 'crosses_school_year', reason: `Een vrije periode ligt binnen één schooljaar; ${schoolYearOf(startDate)} eindigt op 31 juli.` });
    } else if (addCalendarDays(startDate, MAX_FREE_PERIOD_DAYS - 1) < endDate) {
      errors.push({ name: 'endDate', code: 'too_long', reason: `Een eigen vrije periode duurt hoogstens ${MAX_FREE_PERIOD_DAYS} dagen. De schoolvakanties staan al in de kalender.` });
    } else {
      let weekday = false;
      for (let d = startDate; d <= endDate; d = addCalendarDays(d, 1)) if (!isWeekend(d)) weekday = true;
      if (!weekday) errors.push({ name: 'startDate', code: 'weekend', reason: 'Deze dagen vallen in het weekend; dan is er al geen school. Kies een doordeweekse dag.' });
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return { name, startDate, endDate };
}

export async function addFreeDay(database: Database, actor: Actor, schoolLocationId: string, input: FreeDayInput): Promise<SchoolFreeDay> {
  const school = await schoolLocationOf(database.db, actor, schoolLocationId);
  requireManage(actor, school.id);
  const v = validateFreeDay(input);
  return database.db.transaction().execute(async (tx) => {
    const overlap = await tx
      .selectFrom('school_free_periods')
      .select(['name', 'start_date', 'end_date'])
      .where('organisation_id', '=', school.id)
      .where('start_date', '<=', v.endDate)
      .where('end_date', '>=', v.startDate)
      .forUpdate()
      .executeTakeFirst();
    if (overlap) {
      const when = overlap.start_date === overlap.end_date ? dutchDate(overlap.start_date) : `${dutchDate(overlap.start_date)} t/m ${dutchDate(overlap.end_date)}`;
      const reason = `Overlapt met "${overlap.name}" (${when}) die er al staat. Verwijder die eerst of kies andere data.`;
      throw new ConflictError(reason, 'free_day_overlaps', [{ name: 'startDate', code: 'free_day_overlaps', reason }]);
    }
    const row = await tx
      .insertInto('school_free_periods')
      .values({
        holiday_region: null,
        organisation_id: school.id,
        name: v.name,
        start_date: v.startDate,
        end_date: v.endDate,
        kind: 'school_free_day',
        origin: 'school',
        created_by_person_id: actor.personId,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordEvent(tx, actor, {
      event: 'calendar.free_day.create',
      detail: { schoolLocationId: school.id, freeDayId: row.id, name: v.name, startDate: v.startDate, endDate: v.endDate },
    });
    const who = actor.personId ? await tx.selectFrom('people').select(['given_name', 'family_name']).where('id', '=', actor.personId).executeTakeFirst() : undefined;
    return { id: row.id, ...v, createdAt: new Date(row.created_at).toISOString(), createdBy: who ? `${who.given_name} ${who.family_name}` : null };
  });
}

export async function removeFreeDay(database: Database, actor: Actor, schoolLocationId: string, freeDayId: string): Promise<void> {
  const school = await schoolLocationOf(database.db, actor, schoolLocationId);
  requireManage(actor, school.id);
  await database.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('school_free_periods')
      .select(['id', 'name', 'start_date', 'end_date', 'created_by_person_id'])
      .where('id', '=', freeDayId)
      .where('organisation_id', '=', school.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Deze vrije dag staat niet (meer) in de kalender van deze school.');
    await tx.deleteFrom('school_free_periods').where('id', '=', row.id).execute();
    await recordEvent(tx, actor, {
      event: 'calendar.free_day.delete',
      detail: { schoolLocationId: school.id, freeDayId: row.id, name: row.name, startDate: row.start_date, endDate: row.end_date, addedBy: row.created_by_person_id },
    });
  });
}
