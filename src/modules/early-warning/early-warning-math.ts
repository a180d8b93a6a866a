import { addCalendarDays, type SchoolCalendar } from '../../kernel/calendar/school-days.ts';
import { lessonWeekIndex } from '../absence/index.ts';
import { BANDS, type Band, type MeasurePeriod, type TrendDirection } from '../../contracts/values/early-warning.ts';
import { UNAUTHORISED_REASONS } from '../../contracts/values/absence.ts';

/**
 * Early warning of chronic absence (domain.md §3 "Chronic absence"), as pure functions so that
 * every rule is a table-driven test. The database work (sums of missed hours per pupil, the
 * calendar, the enrolments) is in early-warning-queries.ts.
 *
 * - Absence percentage = hours missed / scheduled lesson hours. Scheduled lesson hours = the school
 *   days of the school's calendar on which the pupil was enrolled at this school × the lesson hours
 *   per school day of the school type (a setting). A day's missed hours count at most up to that
 *   day's scheduled hours; absence on a day without lessons does not count.
 * - Two periods: the school year to date (1 August up to and including the day "as of") and the
 *   rolling last 8 lesson weeks (weeks without any school day — holiday weeks — are skipped; the
 *   current lesson week counts up to the day "as of").
 * - Two measures: all reasons (late arrival included: it is lesson time missed) and unauthorised
 *   only (reasons "unauthorised" and "luxury": luxury absence is unauthorised absence by law).
 * - Bands by the thresholds of the region's settings (5, 10, 20 by default). A percentage exactly at
 *   a threshold belongs to the higher band: exactly 10.0% is chronic.
 * - Trend: the rolling percentage now against the same measure at the end of the previous lesson
 *   week; a change under 1 percentage point either way is "stable".
 */

export { BANDS, type Band };

export interface Thresholds {
  /** From this percentage: attention (aandacht). */
  attention: number;
  /** From this percentage: chronic absence (chronisch verzuim), 10% in the research. */
  chronic: number;
  /** From this percentage: severely chronic (ernstig chronisch). */
  severe: number;
}

export const ROLLING_LESSON_WEEKS = 8;
/** A change in the rolling percentage smaller than this (percentage points) is "stable". */
export const TREND_STABLE_PP = 1;
/** How far back the calendar is read to find the lesson weeks (holidays included). */
export const LOOKBACK_WEEKS = 40;
/** The reasons that count for "unauthorised only". */
export { UNAUTHORISED_REASONS };

/** 1 August that starts the school year (1 August – 31 July) containing a day. */
export function schoolYearStart(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return `${m >= 8 ? y : y - 1}-08-01`;
}

/** Hours and percentages as integers (hundredths of an hour, tenths of a percent): exact comparisons. */
const hundredths = (hours: number) => Math.round(hours * 100);
const tenths = (percent: number) => Math.round(percent * 10);

/** Hours missed as a percentage of the scheduled hours; null when nothing was scheduled. */
export function absencePercentage(missedHours: number, scheduledHours: number): number | null {
  const scheduled = hundredths(scheduledHours);
  if (scheduled <= 0) return null;
  return (hundredths(missedHours) / scheduled) * 100;
}

/** Whether missed / scheduled ≥ threshold %, exactly (11 of 110 hours is 10%, not 9.999…). */
export function reaches(missedHours: number, scheduledHours: number, thresholdPercent: number): boolean {
  return hundredths(missedHours) * 1000 >= tenths(thresholdPercent) * hundredths(scheduledHours);
}

/** The band of a pupil's missed hours; null when nothing was scheduled. */
export function bandOf(missedHours: number, scheduledHours: number, t: Thresholds): Band | null {
  if (hundredths(scheduledHours) <= 0) return null;
  if (reaches(missedHours, scheduledHours, t.severe)) return 'severe';
  if (reaches(missedHours, scheduledHours, t.chronic)) return 'chronic';
  if (reaches(missedHours, scheduledHours, t.attention)) return 'attention';
  return 'on_track';
}

/** The worse of two bands (null counts as nothing known). */
export function worstBand(a: Band | null, b: Band | null): Band | null {
  if (a === null) return b;
  if (b === null) return a;
  return BANDS.indexOf(a) >= BANDS.indexOf(b) ? a : b;
}

/** A percentage for display: rounded down to one decimal, so that a shown 10.0 is always chronic. */
export function displayPercentage(p: number | null): number | null {
  return p === null ? null : Math.floor(p * 10 + 1e-9) / 10;
}

export interface Trend {
  direction: TrendDirection;
  /** Now minus before, in percentage points, one decimal. */
  differencePp: number;
}

export function trendOf(now: number | null, before: number | null): Trend | null {
  if (now === null || before === null) return null;
  const diff = now - before;
  const differencePp = Math.round(diff * 10) / 10 || 0;
  if (Math.abs(diff) < TREND_STABLE_PP) return { direction: 'stable', differencePp };
  return { direction: diff > 0 ? 'up' : 'down', differencePp };
}

export interface Period {
  from: string;
  to: string;
}

export interface EvaluationPeriods {
  asOf: string;
  schoolYear: Period;
  /** The last 8 lesson weeks up to `asOf`; `lessonWeeks` are their Mondays. */
  rolling: Period & { lessonWeeks: string[] };
  /**
   * The same at the end of the previous lesson week (its Sunday): what the list looked like a
   * lesson week ago. Its school year is null when that day lies in the previous school year.
   */
  previous: { asOf: string; schoolYear: Period | null; rolling: Period & { lessonWeeks: string[] } } | null;
  /** The first day any of these periods needs. */
  earliest: string;
}

/**
 * The periods of an evaluation "as of" a day. The current lesson week is the latest week with a
 * school day whose Monday is on or before `asOf`; the previous one is the lesson week before it,
 * however many holiday weeks lie in between.
 */
export function evaluationPeriods(cal: SchoolCalendar, asOf: string): EvaluationPeriods {
  const lookback = addCalendarDays(asOf, -7 * LOOKBACK_WEEKS);
  const weeks = [...lessonWeekIndex(cal, lookback, asOf).keys()];
  const current = weeks.slice(-ROLLING_LESSON_WEEKS);
  const schoolYear = { from: schoolYearStart(asOf), to: asOf };
  const rolling = { from: current[0] ?? asOf, to: asOf, lessonWeeks: current };
  let previous: EvaluationPeriods['previous'] = null;
  if (weeks.length >= 2) {
    const prevWeeks = weeks.slice(-ROLLING_LESSON_WEEKS - 1, -1);
    const prevAsOf = addCalendarDays(weeks[weeks.length - 2], 6);
    const prevYear = schoolYearStart(prevAsOf);
    previous = {
      asOf: prevAsOf,
      schoolYear: prevYear === schoolYear.from ? { from: prevYear, to: prevAsOf } : null,
      rolling: { from: prevWeeks[0], to: prevAsOf, lessonWeeks: prevWeeks },
    };
  }
  const earliest = [schoolYear.from, rolling.from, previous?.rolling.from ?? asOf].sort()[0];
  return { asOf, schoolYear, rolling, previous, earliest };
}

/** Counts school days between two days quickly (prefix sums over a fixed range). */
export class SchoolDayCounter {
  private readonly prefix: number[] = [];
  private readonly days: string[] = [];
  constructor(
    readonly cal: SchoolCalendar,
    readonly from: string,
    readonly to: string,
  ) {
    let n = 0;
    for (let d = from; d <= to; d = addCalendarDays(d, 1)) {
      if (cal.isSchoolDay(d)) {
        n++;
        this.days.push(d);
      }
      this.prefix.push(n);
    }
  }

  private index(day: string): number {
    return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${this.from}T00:00:00Z`)) / 86_400_000);
  }

  /** School days from `a` up to and including `b` (clamped to the counter's range). */
  count(a: string, b: string): number {
    const from = a < this.from ? this.from : a;
    const to = b > this.to ? this.to : b;
    if (from > to) return 0;
    const i = this.index(from);
    const j = this.index(to);
    return this.prefix[j] - (i > 0 ? this.prefix[i - 1] : 0);
  }

  /** All school days in the counter's range, ascending. */
  schoolDays(): string[] {
    return [...this.days];
  }
}

export interface EnrolmentSpan {
  start: string;
  end: string | null;
}

/** School days in a period on which the pupil was enrolled (enrolments at one school do not overlap). */
export function enrolledSchoolDays(counter: SchoolDayCounter, enrolments: EnrolmentSpan[], period: Period): number {
  let n = 0;
  for (const e of enrolments) {
    const from = e.start > period.from ? e.start : period.from;
    const to = e.end && e.end < period.to ? e.end : period.to;
    n += counter.count(from, to);
  }
  return n;
}

/** Missed hours per pupil, already capped per day at the day's scheduled hours (the SQL does that). */
export interface MissedHours {
  schoolYearAll: number;
  schoolYearUnauthorised: number;
  rollingAll: number;
  rollingUnauthorised: number;
  previousSchoolYearAll: number;
  previousRollingAll: number;
}

export const NO_MISSED_HOURS: MissedHours = {
  schoolYearAll: 0,
  schoolYearUnauthorised: 0,
  rollingAll: 0,
  rollingUnauthorised: 0,
  previousSchoolYearAll: 0,
  previousRollingAll: 0,
};

export interface Measure {
  missedHours: number;
  /** Rounded down to one decimal; null when no lesson time was scheduled. */
  percentage: number | null;
  band: Band | null;
}

export interface PeriodSummary {
  from: string;
  to: string;
  scheduledDays: number;
  scheduledHours: number;
  all: Measure;
  unauthorised: Measure;
}

export interface PupilSummary {
  schoolYear: PeriodSummary;
  rolling: PeriodSummary;
  /** The worse of the all-reasons bands of the two periods. */
  band: Band | null;
  /** Rolling all-reasons percentage now against a lesson week ago. */
  trend: (Trend & { previousPercentage: number | null }) | null;
  /** Where the all-reasons percentage crossed to the chronic threshold this lesson week. */
  becameChronic: MeasurePeriod[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function measure(missed: number, scheduled: number, t: Thresholds): Measure {
  return { missedHours: round2(missed), percentage: displayPercentage(absencePercentage(missed, scheduled)), band: bandOf(missed, scheduled, t) };
}

/** Below the chronic threshold before, at or above it now. */
function crossed(missedBefore: number, scheduledBefore: number, missedNow: number, scheduledNow: number, t: Thresholds): boolean {
  if (scheduledBefore <= 0 || scheduledNow <= 0) return false;
  return !reaches(missedBefore, scheduledBefore, t.chronic) && reaches(missedNow, scheduledNow, t.chronic);
}

/** One pupil's percentages, bands and trend at one school. */
export function summarisePupil(input: {
  missed: MissedHours;
  enrolments: EnrolmentSpan[];
  counter: SchoolDayCounter;
  periods: EvaluationPeriods;
  hoursPerDay: number;
  thresholds: Thresholds;
}): PupilSummary {
  const { missed, enrolments, counter, periods, hoursPerDay, thresholds: t } = input;
  const hours = (days: number) => round2(days * hoursPerDay);
  const yDays = enrolledSchoolDays(counter, enrolments, periods.schoolYear);
  const rDays = enrolledSchoolDays(counter, enrolments, periods.rolling);
  const yHours = hours(yDays);
  const rHours = hours(rDays);
  const schoolYear: PeriodSummary = {
    ...periods.schoolYear,
    scheduledDays: yDays,
    scheduledHours: yHours,
    all: measure(missed.schoolYearAll, yHours, t),
    unauthorised: measure(missed.schoolYearUnauthorised, yHours, t),
  };
  const rolling: PeriodSummary = {
    from: periods.rolling.from,
    to: periods.rolling.to,
    scheduledDays: rDays,
    scheduledHours: rHours,
    all: measure(missed.rollingAll, rHours, t),
    unauthorised: measure(missed.rollingUnauthorised, rHours, t),
  };
  let trend: PupilSummary['trend'] = null;
  const becameChronic: PupilSummary['becameChronic'] = [];
  const prev = periods.previous;
  if (prev) {
    const prHours = hours(enrolledSchoolDays(counter, enrolments, prev.rolling));
    const before = absencePercentage(missed.previousRollingAll, prHours);
    const tr = trendOf(absencePercentage(missed.rollingAll, rHours), before);
    trend = tr && { ...tr, previousPercentage: displayPercentage(before) };
    if (prev.schoolYear) {
      const pyHours = hours(enrolledSchoolDays(counter, enrolments, prev.schoolYear));
      if (crossed(missed.previousSchoolYearAll, pyHours, missed.schoolYearAll, yHours, t)) becameChronic.push('schoolYear');
    }
    if (crossed(missed.previousRollingAll, prHours, missed.rollingAll, rHours, t)) becameChronic.push('rolling');
  }
  return { schoolYear, rolling, band: worstBand(schoolYear.all.band, rolling.all.band), trend, becameChronic };
}
