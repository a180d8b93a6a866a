import { addCalendarDays, type SchoolCalendar } from './school-days.ts';

/**
 * School years run from 1 August to 31 July (Leerplichtwet; domain.md §3) and are named
 * '2025-2026'. Lesson weeks are the weeks (Monday to Friday) with at least one school day: a
 * holiday week is no lesson week.
 */

const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;

export function isSchoolYear(value: string): boolean {
  const m = SCHOOL_YEAR.exec(value);
  return !!m && Number(m[2]) === Number(m[1]) + 1;
}

/** The school year a day (YYYY-MM-DD) belongs to: 2025-08-01 … 2026-07-31 → '2025-2026'. */
export function schoolYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const first = Number(date.slice(5, 7)) >= 8 ? year : year - 1;
  return `${first}-${first + 1}`;
}

/** First and last day of a school year. */
export function schoolYearRange(schoolYear: string): { start: string; end: string } {
  if (!isSchoolYear(schoolYear)) throw new RangeError(`not a school year: ${schoolYear}`);
  const first = Number(schoolYear.slice(0, 4));
  return { start: `${first}-08-01`, end: `${first + 1}-07-31` };
}

/** The school year after (n = 1) or before (n = -1) another. */
export function shiftSchoolYear(schoolYear: string, n: number): string {
  const first = Number(schoolYear.slice(0, 4)) + n;
  return `${first}-${first + 1}`;
}

const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
export const mondayOf = (d: string) => addCalendarDays(d, -((weekday(d) + 6) % 7));

export interface LessonWeek {
  /** The Monday of the week. */
  monday: string;
  /** School days of this week that fall between `from` and `to`. */
  schoolDays: number;
}

/** The lesson weeks between two days (inclusive): weeks with at least one school day in the range. */
export function lessonWeeks(cal: SchoolCalendar, from: string, to: string): LessonWeek[] {
  const weeks: LessonWeek[] = [];
  for (let monday = mondayOf(from); monday <= to; monday = addCalendarDays(monday, 7)) {
    let schoolDays = 0;
    for (let i = 0; i < 5; i++) {
      const day = addCalendarDays(monday, i);
      if (day >= from && day <= to && cal.isSchoolDay(day)) schoolDays++;
    }
    if (schoolDays > 0) weeks.push({ monday, schoolDays });
  }
  return weeks;
}

/** The lesson weeks of a school year (1 August – 31 July). */
export function lessonWeeksInSchoolYear(cal: SchoolCalendar, schoolYear: string): LessonWeek[] {
  const { start, end } = schoolYearRange(schoolYear);
  return lessonWeeks(cal, start, end);
}

/** School days between two days, both inclusive. */
export function schoolDaysIn(cal: SchoolCalendar, from: string, to: string): number {
  let n = 0;
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) if (cal.isSchoolDay(d)) n++;
  return n;
}
