import { addCalendarDays } from '../../kernel/calendar/school-days.ts';
import { ageOn } from '../../kernel/time.ts';
import type { AbsenceReason } from '../../contracts/values/absence.ts';

/**
 * The legal absence reports (Leerplichtwet art. 21/21a; domain.md §3), as pure functions over one
 * pupil's absence at one school, so that every edge case of the law is a table-driven test.
 *
 * - Reports are due only for pupils who are leerplichtig or kwalificatieplichtig on the day of the
 *   absence: from the first day of the month after the 5th birthday, until the 18th birthday, and
 *   not after a startkwalificatie once leerplicht has ended (end of the school year of the 16th
 *   birthday).
 * - "16 uur in 4 weken": 16 hours of unauthorised absence within 4 consecutive lesson weeks.
 *   Holiday weeks are not lesson weeks. Start = first absence day in the window, end = the day the
 *   16th hour was reached; after a report a new window starts.
 * - At most one report per 7 calendar days for continuous absence: when the next window reaches 16
 *   hours within 7 days of the previous report, the report waits and keeps collecting the absence
 *   until 7 days have passed; it then covers the whole period.
 * - "lrv" (langdurig relatief verzuim): unauthorised absence on every school day for more than 4
 *   lesson weeks. Once reported as LRV, the same stretch gives no further 16-uur reports.
 * - "luxe": absence during a holiday outside the school holidays without leave is always reported,
 *   one report per consecutive stretch.
 * - "rmc": a young person of 18 up to 23 who has no startkwalificatie is no longer leerplichtig or
 *   kwalificatieplichtig, but absence without a valid reason for four weeks or more is still
 *   reported, as DUO's type RMC, and followed up by the RMC function of the gemeente where they
 *   live (duo.nl "soorten verzuim": "RMC — niet meer leerplichtig, jonger dan 23";
 *   ../shared/docs/domain.md §3; ../shared/docs/school-systems.md "DUO: reporting verzuim").
 *   Counted like LRV (every school day at least 3 unauthorised hours), due on the day the stretch
 *   has lasted 4 lesson weeks. From the 18th birthday up to the 23rd, not from the day of a
 *   startkwalificatie.
 * - Optionally (a region setting, `absenceSixteenHoursFrom18`), the "16 uur in 4 weken" report also
 *   for those young people: DUO accepts it (verzuimloket code V4, "16 uur, 18 jaar en ouder") but
 *   the law does not require it.
 * - Each report's deadline is 5 working days after the day it became due.
 */
export interface AbsenceDay {
  day: string;
  hours: number;
  reason: AbsenceReason;
}

export type RuleReportType = '16-uur' | 'lrv' | 'luxe' | 'rmc';

/** What a region chose about the optional reports. */
export interface RuleOptions {
  /** The "16 uur in 4 weken" report also from 18 up to 23 without a startkwalificatie (region setting absenceSixteenHoursFrom18). */
  sixteenHoursFrom18?: boolean;
}

/** What the rules need of a school calendar (SchoolCalendar, or the precomputed LessonCalendar). */
export interface CalendarLike {
  isSchoolDay(day: string): boolean;
  addSchoolDays(from: string, n: number): string;
  /** The lesson week number of a Monday, when precomputed (LessonCalendar). */
  lessonWeek?(monday: string): number | undefined;
}

export interface LegalReport {
  type: RuleReportType;
  startDate: string;
  endDate: string;
  hours: number;
  /** The day the report became due and its deadline: 5 working days later. */
  dueOn: string;
  deadline: string;
}

export interface Pupil {
  birthDate: string;
  /** Day a startkwalificatie was obtained (havo, vwo, mbo 2+), if any. */
  startkwalificatieOn?: string | null;
}

export const THRESHOLD_HOURS = 16;
export const WINDOW_LESSON_WEEKS = 4;
export const DEADLINE_WORKING_DAYS = 5;
/** Continuous absence: at most one report per this many calendar days. */
export const MIN_DAYS_BETWEEN_REPORTS = 7;
/** LRV: more than this many lesson weeks absent on every school day. */
export const LRV_LESSON_WEEKS = 4;
/** LRV: a school day counts as a day out of school when at least this many unauthorised hours were missed. */
export const LRV_MIN_HOURS_PER_DAY = 3;
/** RMC: absent without a valid reason for this many lesson weeks or more. */
export const RMC_LESSON_WEEKS = 4;
/** RMC: from this birthday up to (not including) the next. */
export const RMC_FROM_AGE = 18;
export const RMC_UNTIL_AGE = 23;

const byDay = (a: { day: string }, b: { day: string }) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0);
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

// Date arithmetic on 'YYYY-MM-DD' strings is the hot path of a region-wide evaluation; the few
// thousand distinct days of a school year are memoised.
const mondayMemo = new Map<string, string>();
/** Monday of the ISO week of a date. */
export function mondayOf(day: string): string {
  let m = mondayMemo.get(day);
  if (m === undefined) {
    m = addCalendarDays(day, -((weekday(day) + 6) % 7));
    if (mondayMemo.size > 100_000) mondayMemo.clear();
    mondayMemo.set(day, m);
  }
  return m;
}

/** The first day of the month after the given day's month. */
function firstOfNextMonth(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The birthday at a given age (29 February falls on 28 February in other years is not needed: ageOn decides). */
function birthdayAt(birthDate: string, age: number): string {
  const [y, m, d] = birthDate.split('-').map(Number);
  const candidate = `${y + age}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return m === 2 && d === 29 && ageOn(birthDate, candidate) !== age ? `${y + age}-03-01` : candidate;
}

/** 31 July that ends the school year (1 August – 31 July) containing a day. */
export function schoolYearEnd(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return `${m >= 8 ? y + 1 : y}-07-31`;
}

/**
 * Whether absence on `day` falls under the duty to report: the pupil is leerplichtig (from the
 * first day of the month after the 5th birthday to the end of the school year of the 16th
 * birthday) or kwalificatieplichtig (until 18, unless a startkwalificatie was obtained).
 */
export function isCompulsoryOn(pupil: Pupil, day: string): boolean {
  if (day < firstOfNextMonth(birthdayAt(pupil.birthDate, 5))) return false;
  if (ageOn(pupil.birthDate, day) >= 18) return false;
  const leerplichtEnds = schoolYearEnd(birthdayAt(pupil.birthDate, 16));
  if (day <= leerplichtEnds) return true;
  return !(pupil.startkwalificatieOn && pupil.startkwalificatieOn <= day);
}

/**
 * The same rule as a window [from, until): computed once per pupil, so that every absence day is a
 * string comparison. isCompulsoryOn is the specification; a test checks that both agree.
 */
const windowMemo = new Map<string, { from: string; until: string }>();
export function compulsoryWindow(pupil: Pupil): { from: string; until: string } {
  const k = `${pupil.birthDate}|${pupil.startkwalificatieOn ?? ''}`;
  let w = windowMemo.get(k);
  if (!w) {
    w = computeCompulsoryWindow(pupil);
    if (windowMemo.size > 100_000) windowMemo.clear();
    windowMemo.set(k, w);
  }
  return w;
}
function computeCompulsoryWindow(pupil: Pupil): { from: string; until: string } {
  const from = firstOfNextMonth(birthdayAt(pupil.birthDate, 5));
  const eighteen = birthdayAt(pupil.birthDate, 18);
  let until = eighteen;
  if (pupil.startkwalificatieOn) {
    const afterLeerplicht = addCalendarDays(schoolYearEnd(birthdayAt(pupil.birthDate, 16)), 1);
    const kwal = pupil.startkwalificatieOn > afterLeerplicht ? pupil.startkwalificatieOn : afterLeerplicht;
    if (kwal < until) until = kwal;
  }
  return { from, until };
}

/**
 * Whether absence on `day` counts for the RMC report: from the 18th birthday up to the 23rd, while
 * the young person has no startkwalificatie (obtained on or before that day).
 */
export function isRmcOn(pupil: Pupil, day: string): boolean {
  const age = ageOn(pupil.birthDate, day);
  if (age < RMC_FROM_AGE || age >= RMC_UNTIL_AGE) return false;
  return !(pupil.startkwalificatieOn && pupil.startkwalificatieOn <= day);
}

/** The same rule as a window [from, until) (empty when from = until); isRmcOn is the specification. */
export function rmcWindow(pupil: Pupil): { from: string; until: string } {
  const from = birthdayAt(pupil.birthDate, RMC_FROM_AGE);
  let until = birthdayAt(pupil.birthDate, RMC_UNTIL_AGE);
  if (pupil.startkwalificatieOn && pupil.startkwalificatieOn < until) until = pupil.startkwalificatieOn < from ? from : pupil.startkwalificatieOn;
  return { from, until };
}

/**
 * Numbers the lesson weeks: a week counts when at least one of its weekdays is a school day, so a
 * holiday week has no number and does not count towards the 4 weeks.
 */
export function lessonWeekIndex(cal: CalendarLike, from: string, to: string): Map<string, number> {
  const index = new Map<string, number>();
  let n = 0;
  for (let monday = mondayOf(from); monday <= to; monday = addCalendarDays(monday, 7)) {
    const hasSchoolDay = [0, 1, 2, 3, 4].some((i) => cal.isSchoolDay(addCalendarDays(monday, i)));
    if (hasSchoolDay) index.set(monday, n++);
  }
  return index;
}

const workingMemo = new Map<string, string>();
/** n working days (Monday–Friday) after a day. */
export function addWorkingDays(day: string, n: number): string {
  const k = `${day}|${n}`;
  let out = workingMemo.get(k);
  if (out === undefined) {
    out = addWorkingDaysUncached(day, n);
    if (workingMemo.size > 100_000) workingMemo.clear();
    workingMemo.set(k, out);
  }
  return out;
}
function addWorkingDaysUncached(day: string, n: number): string {
  let d = day;
  for (let i = 0; i < n; ) {
    d = addCalendarDays(d, 1);
    const wd = weekday(d);
    if (wd !== 0 && wd !== 6) i++;
  }
  return d;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

const report = (type: RuleReportType, startDate: string, endDate: string, hours: number, dueOn = endDate): LegalReport => ({
  type,
  startDate,
  endDate,
  hours: round2(hours),
  dueOn,
  deadline: addWorkingDays(dueOn, DEADLINE_WORKING_DAYS),
});

const asPupil = (p: Pupil | string): Pupil => (typeof p === 'string' ? { birthDate: p } : p);

type Window = { from: string; until: string };
const inWindows = (windows: Window[], day: string) => windows.some((w) => w.from <= day && day < w.until);

/** The unauthorised school-day absence that counts within the windows (default: leerplicht and kwalificatieplicht), sorted by day. */
function countedUnauthorised(days: AbsenceDay[], pupil: Pupil, windows: Window[] = [compulsoryWindow(pupil)]): AbsenceDay[] {
  return days.filter((d) => d.reason === 'unauthorised' && d.hours > 0 && inWindows(windows, d.day)).sort(byDay);
}

/** Lesson week numbers for the days from..to: precomputed by a LessonCalendar, else counted. */
function weeksOf(cal: CalendarLike, from: string, to: string): (monday: string) => number | undefined {
  if (cal.lessonWeek) return (m) => cal.lessonWeek!(m);
  const index = lessonWeekIndex(cal, from, to);
  return (m) => index.get(m);
}

/**
 * LRV: runs of consecutive school days, each with at least LRV_MIN_HOURS_PER_DAY unauthorised
 * hours. The report is due on the first day on which the run has lasted more than 4 lesson weeks
 * (holiday weeks skipped): the same weekday 4 lesson weeks after the first day, or later.
 */
export function lrvReports(days: AbsenceDay[], cal: CalendarLike, pupil: Pupil | string): LegalReport[] {
  const p = asPupil(pupil);
  return stretchReports('lrv', countedUnauthorised(days, p), cal, false);
}

/**
 * RMC: runs of consecutive school days from the 18th up to the 23rd birthday (and before a
 * startkwalificatie), each with at least LRV_MIN_HOURS_PER_DAY unauthorised hours. The report is
 * due on the day the run has lasted 4 lesson weeks ("vier weken of langer"): the last school day
 * before the same weekday 4 lesson weeks after the first day (holiday weeks skipped).
 */
export function rmcReports(days: AbsenceDay[], cal: CalendarLike, pupil: Pupil | string): LegalReport[] {
  const p = asPupil(pupil);
  return stretchReports('rmc', countedUnauthorised(days, p, [rmcWindow(p)]), cal, true);
}

/**
 * The runs of consecutive school days out of school (LRV and RMC). `atLeast`: due on the day the
 * run has lasted RMC_LESSON_WEEKS lesson weeks (RMC: "four weeks or more"); otherwise on the first
 * day on which it has lasted more than LRV_LESSON_WEEKS (LRV: "more than four weeks").
 */
function stretchReports(type: 'lrv' | 'rmc', unauthorised: AbsenceDay[], cal: CalendarLike, atLeast: boolean): LegalReport[] {
  const counted = unauthorised.filter((d) => d.hours >= LRV_MIN_HOURS_PER_DAY && cal.isSchoolDay(d.day));
  if (!counted.length) return [];
  const weekOf = weeksOf(cal, counted[0].day, addCalendarDays(counted[counted.length - 1].day, 21));
  const reports: LegalReport[] = [];
  let runStart: AbsenceDay | null = null;
  let prev: AbsenceDay | null = null;
  let hours = 0;
  let reported = false;
  for (const d of counted) {
    const continues = prev !== null && cal.addSchoolDays(prev.day, 1) === d.day;
    if (!continues) {
      runStart = d;
      hours = 0;
      reported = false;
    }
    prev = d;
    hours += d.hours;
    if (reported || !runStart) continue;
    const w0 = weekOf(mondayOf(runStart.day))!;
    // LRV: this day lies more than 4 lesson weeks after the start. RMC: the next school day would,
    // so with this day the run has lasted 4 lesson weeks.
    const probe = atLeast ? cal.addSchoolDays(d.day, 1) : d.day;
    const w = weekOf(mondayOf(probe));
    const weeks = atLeast ? RMC_LESSON_WEEKS : LRV_LESSON_WEEKS;
    const passed = w !== undefined && (w - w0 > weeks || (w - w0 === weeks && (weekday(probe) + 6) % 7 >= (weekday(runStart.day) + 6) % 7));
    if (passed) {
      reports.push(report(type, runStart.day, d.day, hours));
      reported = true;
    }
  }
  return reports;
}

/** The days of LRV runs from the day the LRV report became due: they need no further 16-uur report. */
function daysCoveredByLrv(days: AbsenceDay[], cal: CalendarLike, lrv: LegalReport[]): Set<string> {
  const covered = new Set<string>();
  const unauthorised = new Set(days.filter((d) => d.reason === 'unauthorised' && d.hours >= LRV_MIN_HOURS_PER_DAY).map((d) => d.day));
  for (const r of lrv) {
    for (let d = r.dueOn; unauthorised.has(d); d = cal.addSchoolDays(d, 1)) covered.add(d);
  }
  return covered;
}

/**
 * The "16 uur in 4 weken" reports for one pupil at one school. `lrv`: the stretch reports (LRV, and
 * RMC when the region has the 18+ report on) whose days need no further 16-uur report.
 */
export function sixteenHourReports(days: AbsenceDay[], cal: CalendarLike, pupil: Pupil | string, lrv: LegalReport[] = [], options: RuleOptions = {}): LegalReport[] {
  const p = asPupil(pupil);
  const covered = daysCoveredByLrv(days, cal, lrv);
  const windows = options.sixteenHoursFrom18 ? [compulsoryWindow(p), rmcWindow(p)] : [compulsoryWindow(p)];
  const counted = countedUnauthorised(days, p, windows).filter((d) => !covered.has(d.day));
  if (!counted.length) return [];
  const weekOf = weeksOf(cal, counted[0].day, counted[counted.length - 1].day);
  const reports: LegalReport[] = [];
  let window: { day: string; hours: number; week: number }[] = [];
  /** When the threshold was reached within 7 days of the previous report: the earliest due day. */
  let heldUntil: string | null = null;
  const sum = () => window.reduce((s, x) => s + x.hours, 0);
  const emit = (endDate: string, dueOn: string) => {
    // A waiting report overtaken by the LRV report of the same stretch is covered by that report.
    const absorbed = lrv.some((r) => r.startDate <= window[0].day && window[0].day <= r.dueOn && r.dueOn <= dueOn);
    if (!absorbed) reports.push(report('16-uur', window[0].day, endDate, sum(), dueOn));
    window = [];
    heldUntil = null;
  };
  for (const d of counted) {
    const week = weekOf(mondayOf(d.day));
    if (week === undefined) continue; // absence in a holiday week is no lesson time
    if (heldUntil && d.day >= heldUntil) emit(window[window.length - 1].day, heldUntil);
    window.push({ day: d.day, hours: d.hours, week });
    if (heldUntil) continue; // waiting: keep collecting, no sliding
    // Keep only what lies within 4 consecutive lesson weeks ending with this day's week.
    while (window.length && week - window[0].week >= WINDOW_LESSON_WEEKS) window.shift();
    if (sum() < THRESHOLD_HOURS) continue;
    const previous = reports[reports.length - 1];
    const earliest = previous ? addCalendarDays(previous.dueOn, MIN_DAYS_BETWEEN_REPORTS) : d.day;
    if (d.day >= earliest) emit(d.day, d.day);
    else heldUntil = earliest;
  }
  if (heldUntil && window.length) emit(window[window.length - 1].day, heldUntil);
  return reports;
}

/** Luxury absence is always reported: one report per stretch of consecutive school days. */
export function luxuryReports(days: AbsenceDay[], cal: CalendarLike, pupil: Pupil | string): LegalReport[] {
  const p = asPupil(pupil);
  const w = compulsoryWindow(p);
  const lux = days.filter((d) => d.reason === 'luxury' && d.hours > 0 && w.from <= d.day && d.day < w.until).sort(byDay);
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

/** All reports the rules find for one pupil at one school, ordered by due date. */
export function legalReports(days: AbsenceDay[], cal: CalendarLike, pupil: Pupil | string, options: RuleOptions = {}): LegalReport[] {
  const lrv = lrvReports(days, cal, pupil);
  const rmc = rmcReports(days, cal, pupil);
  return [...sixteenHourReports(days, cal, pupil, [...lrv, ...rmc], options), ...lrv, ...rmc, ...luxuryReports(days, cal, pupil)].sort((a, b) =>
    a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0,
  );
}

/**
 * A school calendar precomputed for a period (a school year and a margin): school days, the next
 * school day and lesson week numbers are lookups. Region-wide evaluation builds one per school.
 */
export class LessonCalendar implements CalendarLike {
  private readonly schoolDays: string[] = [];
  private readonly position = new Map<string, number>();
  private readonly weeks: Map<string, number>;
  constructor(
    private readonly base: CalendarLike,
    private readonly from: string,
    private readonly to: string,
  ) {
    for (let d = from; d <= to; d = addCalendarDays(d, 1)) {
      if (base.isSchoolDay(d)) {
        this.position.set(d, this.schoolDays.length);
        this.schoolDays.push(d);
      }
    }
    this.weeks = lessonWeekIndex(base, from, to);
  }
  isSchoolDay(day: string): boolean {
    if (day < this.from || day > this.to) return this.base.isSchoolDay(day);
    return this.position.has(day);
  }
  addSchoolDays(from: string, n: number): string {
    const i = this.position.get(from);
    if (i !== undefined && i + n < this.schoolDays.length) return this.schoolDays[i + n];
    return this.base.addSchoolDays(from, n);
  }
  lessonWeek(monday: string): number | undefined {
    if (monday < mondayOf(this.from) || monday > this.to) return undefined;
    return this.weeks.get(monday);
  }
}
