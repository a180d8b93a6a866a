/**
 * Absence and the legal absence reports (verzuimmeldingen) in the client: the small date sums for
 * "nog N werkdagen" / "N dagen te laat". The server stays the judge of statuses and deadlines. The
 * shapes the API answers with are the contracts' (absence/data.ts), the enumerations are in
 * src/contracts/values/absence.ts.
 */
import type { ReportStatus, ReportType } from '../../contracts/values/absence.ts';

/** i18n keys cannot hold every character of the API's values ('16-uur'). */
export const typeKey = (type: ReportType) => `absenceReports.type.${type.replace('-', '_')}`;

/** Today in the Netherlands as YYYY-MM-DD, whatever the browser's time zone. */
export function todayNl(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const DAY_MS = 86_400_000;
const toUtc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/**
 * Working days (Monday–Friday, as the server counts the deadline) after `from` up to and
 * including `to`; 0 when `to` is not later.
 */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let t = toUtc(from) + DAY_MS; t <= toUtc(to); t += DAY_MS) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
}

/**
 * Hours as people type them: "2,5", "2.5", " 3 ". NaN for anything else (also "2,5,1" or "1e2"),
 * so that the form can say what to fix instead of sending a guess.
 */
export function parseHours(text: string): number {
  const s = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(s)) return Number.NaN;
  return Number(s);
}

export type DeadlineState =
  | { kind: 'left'; workingDays: number }
  | { kind: 'late'; days: number }
  | { kind: 'reported'; onTime: boolean }
  | { kind: 'none' };

/** What to say next to a report's deadline on `asOf`: time left, how late, or whether it was reported in time. */
export function deadlineState(report: { status: ReportStatus; deadline: string; reportedOn: string | null }, asOf: string): DeadlineState {
  if (report.status === 'due') return { kind: 'left', workingDays: workingDaysBetween(asOf, report.deadline) };
  if (report.status === 'overdue') return { kind: 'late', days: Math.max(1, calendarDaysBetween(report.deadline, asOf)) };
  if (report.status === 'reported') return { kind: 'reported', onTime: !!report.reportedOn && report.reportedOn <= report.deadline };
  return { kind: 'none' };
}
