import type { Db, Tx } from '../db/database.ts';
import type { HolidayRegion } from '../db/schema.ts';

/**
 * School days: Monday to Friday, except holidays of the school's holiday region, days free for
 * every school, and the school location's own free days. Deadlines such as "a signal is picked up
 * within 5 school days" count these.
 */
export interface FreePeriod {
  start: string; // YYYY-MM-DD, inclusive
  end: string; // inclusive
  name: string;
}

const DAY = 86_400_000;
const toTime = (d: string) => Date.parse(`${d}T00:00:00Z`);
const toDate = (t: number) => new Date(t).toISOString().slice(0, 10);
export const addCalendarDays = (d: string, n: number) => toDate(toTime(d) + n * DAY);

/** Days since 1970-01-01 (a Thursday). */
const dayNumber = (d: string) => Math.round(toTime(d) / DAY);

export class SchoolCalendar {
  /** The free periods as day numbers: counting a year of school days compares numbers, not dates. */
  private readonly freeDays: readonly (readonly [number, number])[];

  constructor(free: FreePeriod[]) {
    this.freeDays = free.map((p) => [dayNumber(p.start), dayNumber(p.end)] as const);
  }

  private isSchoolDayNumber(n: number): boolean {
    const weekday = (((n + 4) % 7) + 7) % 7; // 0 Sunday … 6 Saturday, as getUTCDay
    if (weekday === 0 || weekday === 6) return false;
    for (const [start, end] of this.freeDays) if (start <= n && n <= end) return false;
    return true;
  }

  isSchoolDay(date: string): boolean {
    return this.isSchoolDayNumber(dayNumber(date));
  }

  /** The n-th school day after `from` (`from` itself does not count). */
  addSchoolDays(from: string, n: number): string {
    let d = dayNumber(from);
    for (let counted = 0; counted < n; ) {
      d += 1;
      if (this.isSchoolDayNumber(d)) counted++;
    }
    return toDate(d * DAY);
  }

  /** School days after `from` up to and including `to` (0 when `to` ≤ `from`). */
  schoolDaysBetween(from: string, to: string): number {
    let n = 0;
    const last = dayNumber(to);
    for (let d = dayNumber(from) + 1; d <= last; d++) if (this.isSchoolDayNumber(d)) n++;
    return n;
  }
}

export interface CalendarScope {
  holidayRegion: HolidayRegion | null;
  organisationId: string | null;
}

/** The free periods that apply to a school location between two dates (national, its holiday region, its own), as a query to select from. */
export function freePeriodsOf(db: Db | Tx, scope: CalendarScope, from: string, to: string) {
  return periodsBetween(db, from, to, scope.holidayRegion, scope.organisationId);
}

/**
 * The free periods between two dates: every school's, those of a holiday region (given, or the
 * region of the school location's gemeente, read in the same statement), and a school's own.
 */
function periodsBetween(db: Db | Tx, from: string, to: string, region: HolidayRegion | { of: string } | null, organisationId: string | null) {
  return db
    .selectFrom('school_free_periods')
    .where('start_date', '<=', to)
    .where('end_date', '>=', from)
    .where((eb) =>
      eb.or([
        eb.and([eb('holiday_region', 'is', null), eb('organisation_id', 'is', null)]),
        ...(region === null
          ? []
          : typeof region === 'string'
            ? [eb('holiday_region', '=', region)]
            : [eb('holiday_region', '=', eb.selectFrom('organisations as o').innerJoin('gemeenten as g', 'g.id', 'o.gemeente_id').select('g.holiday_region').where('o.id', '=', region.of))]),
        ...(organisationId ? [eb('organisation_id', '=', organisationId)] : []),
      ]),
    );
}

const calendarOf = (rows: { start_date: string; end_date: string; name: string }[]) => new SchoolCalendar(rows.map((r) => ({ start: r.start_date, end: r.end_date, name: r.name })));

/** Loads the free periods that apply to a school location between two dates. */
export async function loadSchoolCalendar(db: Db | Tx, scope: CalendarScope, from: string, to: string): Promise<SchoolCalendar> {
  return calendarOf(await freePeriodsOf(db, scope, from, to).select(['start_date', 'end_date', 'name']).execute());
}

/** The calendar scope of a school location: its own free days and its gemeente's holiday region. */
export async function calendarScopeOf(db: Db | Tx, organisationId: string): Promise<CalendarScope> {
  const row = await db
    .selectFrom('organisations as o')
    .leftJoin('gemeenten as g', 'g.id', 'o.gemeente_id')
    .select(['g.holiday_region'])
    .where('o.id', '=', organisationId)
    .executeTakeFirst();
  return { holidayRegion: row?.holiday_region ?? null, organisationId };
}

/**
 * The calendar of a school location between two dates, in one statement (the holiday region of its
 * gemeente read in it): what calendarScopeOf and loadSchoolCalendar read in two.
 */
export async function loadCalendarOf(db: Db | Tx, organisationId: string, from: string, to: string): Promise<SchoolCalendar> {
  return calendarOf(await periodsBetween(db, from, to, { of: organisationId }, organisationId).select(['start_date', 'end_date', 'name']).execute());
}
