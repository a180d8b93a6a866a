import { addCalendarDays, type SchoolCalendar } from '../../kernel/calendar/school-days.ts';
import { ageOn } from '../../kernel/time.ts';

/**
 * The legal absence reports (Leerplichtwet art. 21/21a; domain.md §3), as pure functions over one
 * pupil's absence at one school, so that every edge case of the law is a table-driven test.
 *
 * - "16 uur in 4 weken": 16 hours of unauthorised absence within 4 consecutive lesson weeks.
 *   Holiday weeks are not lesson weeks. Start = first absence day in the window, end = the day the
 *   16th hour was reached; after a report a new window starts.
 * - "luxe": absence during a holiday outside the school holidays without leave is always reported,
 *   one report per consecutive stretch.
 * - Reports are due for pupils under 18 (leerplicht or kwalificatieplicht); absence on or after the
 *   18th birthday does not count.
 * - Each report's deadline is 5 working days after the day it became due.
 */
export interface AbsenceDay {
  day: string;
  hours: number;
  reason: 'ill' | 'authorised' | 'suspension' | 'unauthorised' | 'late' | 'luxury' | 'other';
}

export interface LegalReport {
  type: '16-uur' | 'luxe';
  startDate: string;
  endDate: string;
  hours: number;
  /** The day the report became due (the end date) and its deadline: 5 working days later. */
  dueOn: string;
  deadline: string;
}

export const THRESHOLD_HOURS = 16;
export const WINDOW_LESSON_WEEKS = 4;
export const DEADLINE_WORKING_DAYS = 5;

/** Monday of the ISO week of a date. */
export function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const offset = (d.getUTCDay() + 6) % 7;
  return addCalendarDays(day, -offset);
}

/**
 * Numbers the lesson weeks: a week counts when at least one of its weekdays is a school day, so a
 * holiday week has no number and does not count towards the 4 weeks.
 */
export function lessonWeekIndex(cal: SchoolCalendar, from: string, to: string): Map<string, number> {
  const index = new Map<string, number>();
  let n = 0;
  for (let monday = mondayOf(from); monday <= to; monday = addCalendarDays(monday, 7)) {
    const hasSchoolDay = [0, 1, 2, 3, 4].some((i) => cal.isSchoolDay(addCalendarDays(monday, i)));
    if (hasSchoolDay) index.set(monday, n++);
  }
  return index;
}

/** n working days (Monday–Friday) after a day. */
export function addWorkingDays(day: string, n: number): string {
  let d = day;
  for (let i = 0; i < n; ) {
    d = addCalendarDays(d, 1);
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) i++;
  }
  return d;
}

const report = (type: LegalReport['type'], startDate: string, endDate: string, hours: number): LegalReport => ({
  type,
  startDate,
  endDate,
  hours: Math.round(hours * 100) / 100,
  dueOn: endDate,
  deadline: addWorkingDays(endDate, DEADLINE_WORKING_DAYS),
});

/** The "16 uur in 4 weken" reports for one pupil at one school. */
export function sixteenHourReports(days: AbsenceDay[], cal: SchoolCalendar, birthDate: string): LegalReport[] {
  const counted = days
    .filter((d) => d.reason === 'unauthorised' && d.hours > 0 && ageOn(birthDate, d.day) < 18)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  if (!counted.length) return [];
  const weeks = lessonWeekIndex(cal, counted[0].day, counted[counted.length - 1].day);
  const reports: LegalReport[] = [];
  let window: { day: string; hours: number; week: number }[] = [];
  for (const d of counted) {
    const week = weeks.get(mondayOf(d.day));
    if (week === undefined) continue; // absence in a holiday week is no lesson time
    window.push({ day: d.day, hours: d.hours, week });
    // Keep only what lies within 4 consecutive lesson weeks ending with this day's week.
    while (window.length && week - window[0].week >= WINDOW_LESSON_WEEKS) window.shift();
    const sum = window.reduce((s, x) => s + x.hours, 0);
    if (sum >= THRESHOLD_HOURS) {
      reports.push(report('16-uur', window[0].day, d.day, sum));
      window = []; // a new window starts after a report
    }
  }
  return reports;
}

/** Luxury absence is always reported: one report per stretch of consecutive school days. */
export function luxuryReports(days: AbsenceDay[], cal: SchoolCalendar, birthDate: string): LegalReport[] {
  const lux = days.filter((d) => d.reason === 'luxury' && ageOn(birthDate, d.day) < 18).sort((a, b) => (a.day < b.day ? -1 : 1));
  const reports: LegalReport[] = [];
  let start: AbsenceDay | null = null;
  let last: AbsenceDay | null = null;
  let hours = 0;
  for (const d of lux) {
    if (last && cal.addSchoolDays(last.day, 1) === d.day) {
      last = d;
      hours += d.hours;
      continue;
    }
    if (start && last) reports.push(report('luxe', start.day, last.day, hours));
    start = d;
    last = d;
    hours = d.hours;
  }
  if (start && last) reports.push(report('luxe', start.day, last.day, hours));
  return reports;
}
