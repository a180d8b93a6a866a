import type { Db, Tx } from '../../kernel/db/database.ts';
import type { HolidayRegion } from '../../contracts/values/calendar.ts';
import type { NationalFreeDay, Vacation } from '../../contracts/calendar.ts';
import { loadSchoolCalendar, type CalendarScope } from '../../kernel/calendar/school-days.ts';
import { lessonWeeksInSchoolYear, schoolDaysIn, schoolYearRange } from '../../kernel/calendar/school-year.ts';

/** The holidays of a school year: the vacations (of one region, or all) and the national free days. */

/** A vacation as the API answers it (region null: heel Nederland). */
export type VacationView = Vacation;

export type FreeDayView = NationalFreeDay;

const REGION_ORDER: Record<string, number> = { noord: 0, midden: 1, zuid: 2, '': 3 };
const TYPE_ORDER: Record<string, number> = { herfstvakantie: 0, kerstvakantie: 1, voorjaarsvakantie: 2, meivakantie: 3, zomervakantie: 4 };

export async function holidaysOf(db: Db | Tx, schoolYear: string, region: HolidayRegion | null) {
  let q = db
    .selectFrom('school_free_periods')
    .select(['id', 'kind', 'vacation_type', 'name', 'holiday_region', 'start_date', 'end_date', 'origin', 'verified', 'note'])
    .where('school_year', '=', schoolYear)
    .where('organisation_id', 'is', null)
    .where('kind', 'in', ['vacation', 'national_free_day']);
  if (region) q = q.where((eb) => eb.or([eb('holiday_region', '=', region), eb('holiday_region', 'is', null)]));
  const rows = await q.execute();
  const vacations: VacationView[] = rows
    .filter((r) => r.kind === 'vacation')
    .map((r) => ({
      id: r.id,
      type: r.vacation_type!,
      name: r.name,
      region: r.holiday_region,
      startDate: r.start_date,
      endDate: r.end_date,
      origin: r.origin,
      verified: r.verified,
      note: r.note,
    }))
    .sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || REGION_ORDER[a.region ?? ''] - REGION_ORDER[b.region ?? ''] || a.startDate.localeCompare(b.startDate));
  const nationalFreeDays: FreeDayView[] = rows
    .filter((r) => r.kind === 'national_free_day')
    .map((r) => ({ id: r.id, name: r.name, startDate: r.start_date, endDate: r.end_date }))
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  return { vacations, nationalFreeDays };
}

/**
 * Lesson weeks and school days of a school year, counted as every deadline is: with the calendar of
 * a region (and optionally a school), which also holds the end of the previous summer holiday.
 */
export async function countsOf(db: Db | Tx, schoolYear: string, scope: CalendarScope) {
  const { start, end } = schoolYearRange(schoolYear);
  const cal = await loadSchoolCalendar(db, scope, start, end);
  return { lessonWeeks: lessonWeeksInSchoolYear(cal, schoolYear).length, schoolDays: schoolDaysIn(cal, start, end) };
}

/** The school years the calendar knows official holidays for, newest last. */
export async function knownSchoolYears(db: Db | Tx): Promise<string[]> {
  const rows = await db.selectFrom('school_free_periods').select('school_year').distinct().where('kind', '=', 'vacation').where('school_year', 'is not', null).orderBy('school_year').execute();
  return rows.map((r) => r.school_year!);
}
