/**
 * Absence and the legal absence reports (verzuimmeldingen) in the client: the shapes the API
 * answers with, the values of its enums in the order screens show them, and the small date sums
 * for "nog N werkdagen" / "N dagen te laat". The server stays the judge of statuses and deadlines.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Page } from './types.ts';

export type ReportStatus = 'due' | 'overdue' | 'reported' | 'dismissed' | 'withdrawn';
export type ReportType = '16-uur' | 'lrv' | 'luxe' | 'overig';
export type ReportDecisionKind = 'reported' | 'dismissed' | 'reopened';
export type ReportEventKind = ReportDecisionKind | 'withdrawn';
export type FollowupStatus = 'received' | 'talk' | 'warning' | 'official_report' | 'closed';
/** The attendance officer's own status; 'new' until they set one. */
export type Followup = FollowupStatus | 'new';
export type AbsenceReason = 'ill' | 'authorised' | 'suspension' | 'unauthorised' | 'late' | 'luxury' | 'other';

/** In the order of the work: what still has to be done first. */
export const REPORT_STATUSES: readonly ReportStatus[] = ['due', 'overdue', 'reported', 'dismissed', 'withdrawn'];
export const REPORT_TYPES: readonly ReportType[] = ['16-uur', 'lrv', 'luxe', 'overig'];
export const FOLLOWUPS: readonly Followup[] = ['new', 'received', 'talk', 'warning', 'official_report', 'closed'];
export const ABSENCE_REASONS: readonly AbsenceReason[] = ['ill', 'authorised', 'suspension', 'unauthorised', 'late', 'luxury', 'other'];

/** i18n keys cannot hold every character of the API's values ('16-uur'). */
export const typeKey = (type: ReportType) => `absenceReports.type.${type.replace('-', '_')}`;

export interface AbsenceReport {
  id: string;
  childId: string;
  child: { givenName: string; familyName: string; birthDate: string };
  schoolLocationId: string;
  schoolName: string;
  type: ReportType;
  startDate: string;
  endDate: string;
  hours: number;
  dueOn: string;
  deadline: string;
  origin: 'rule' | 'manual';
  explanation: string | null;
  status: ReportStatus;
  reportedOn: string | null;
  reference: string | null;
  dismissedReason: string | null;
  /** What the school may record now (empty for everyone else). */
  allowed: ReportDecisionKind[];
}

export interface ReportHistoryItem {
  id: number;
  kind: ReportEventKind;
  occurredOn: string;
  reference: string | null;
  reason: string | null;
  by: string | null;
  at: string;
}

export interface FollowupItem {
  id: number;
  status: FollowupStatus | null;
  note: string | null;
  by: string | null;
  at: string;
}

export interface FollowupState {
  status: Followup;
  allowed: FollowupStatus[];
  items: FollowupItem[];
}

export interface AbsenceReportDetail extends AbsenceReport {
  history: ReportHistoryItem[];
  /** Only for the attendance officer of the pupil's gemeente: their own follow-up. */
  followup: FollowupState | null;
}

export interface SchoolReportPage extends Page<AbsenceReport> {
  asOf: string;
  counts: Record<ReportStatus, number>;
}

export type WorkspaceItem = AbsenceReport & { followup: Followup };

export interface WorkspacePage extends Page<WorkspaceItem> {
  counts: Record<Followup, number>;
}

export interface AbsenceRecorded {
  childId: string;
  day: string;
  hours: number;
  reason: AbsenceReason;
  newReports: number;
}

export const absenceReportKey = (id: string) => ['absence-report', id] as const;
export const SCHOOL_REPORTS_KEY = ['absence-reports'] as const;
export const WORKSPACE_KEY = ['absence-workspace'] as const;

/** A report changed: keep its page, and let the lists that show it load again. */
export function absenceReportChanged(queryClient: QueryClient, id: string): void {
  void queryClient.invalidateQueries({ queryKey: absenceReportKey(id) });
  void queryClient.invalidateQueries({ queryKey: SCHOOL_REPORTS_KEY });
  void queryClient.invalidateQueries({ queryKey: WORKSPACE_KEY });
}

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
export function deadlineState(report: Pick<AbsenceReport, 'status' | 'deadline' | 'reportedOn'>, asOf: string): DeadlineState {
  if (report.status === 'due') return { kind: 'left', workingDays: workingDaysBetween(asOf, report.deadline) };
  if (report.status === 'overdue') return { kind: 'late', days: Math.max(1, calendarDaysBetween(report.deadline, asOf)) };
  if (report.status === 'reported') return { kind: 'reported', onTime: !!report.reportedOn && report.reportedOn <= report.deadline };
  return { kind: 'none' };
}
