import type { AbsenceReportEventKind } from '../../kernel/db/schema.ts';
import { FOLLOWUP_STATUSES, REPORT_STATUSES, type Followup, type FollowupStatus, type ReportDecisionKind, type ReportStatus } from '../../contracts/values/absence.ts';

/**
 * The status of an absence report, derived from its appended events "as of" a day, so that an
 * attendance officer can look back. Status workflows as data: the allowed transitions are tables.
 * The statuses themselves are defined once in contracts/values/absence.ts.
 */
export { FOLLOWUP_STATUSES, REPORT_STATUSES, type Followup, type FollowupStatus, type ReportDecisionKind, type ReportStatus };

/** What a school may do from each status (withdrawn and reopened on data changes are the system's). */
export const REPORT_TRANSITIONS: Record<ReportStatus, ReportDecisionKind[]> = {
  due: ['reported', 'dismissed'],
  overdue: ['reported', 'dismissed'],
  dismissed: ['reopened'],
  reported: [],
  withdrawn: [],
};

export interface ReportEvent {
  id: number;
  kind: AbsenceReportEventKind;
  occurred_on: string;
  reference: string | null;
  reason: string | null;
}

export interface ReportState {
  status: ReportStatus;
  reportedOn: string | null;
  reference: string | null;
  dismissedReason: string | null;
}

/** The state on `asOf`: the latest event on or before that day decides; otherwise due or overdue. */
export function reportStateOn(report: { deadline: string }, events: ReportEvent[], asOf: string): ReportState {
  const upTo = events.filter((e) => e.occurred_on <= asOf).sort((a, b) => a.id - b.id);
  const last = upTo[upTo.length - 1];
  const open: ReportState = { status: asOf > report.deadline ? 'overdue' : 'due', reportedOn: null, reference: null, dismissedReason: null };
  if (!last || last.kind === 'reopened') return open;
  if (last.kind === 'reported') return { status: 'reported', reportedOn: last.occurred_on, reference: last.reference, dismissedReason: null };
  if (last.kind === 'dismissed') return { ...open, status: 'dismissed', dismissedReason: last.reason };
  return { ...open, status: 'withdrawn' };
}

/** Reported on time: on or before the deadline (domain.md §8: "reported on time, ≤ 5 working days"). */
export const reportedOnTime = (state: ReportState, deadline: string) => state.status === 'reported' && !!state.reportedOn && state.reportedOn <= deadline;

/** The attendance officer's own follow-up statuses: which may follow which. */
export const FOLLOWUP_TRANSITIONS: Record<Followup, FollowupStatus[]> = {
  new: ['received', 'talk', 'warning', 'official_report', 'closed'],
  received: ['talk', 'warning', 'official_report', 'closed'],
  talk: ['warning', 'official_report', 'closed'],
  warning: ['talk', 'official_report', 'closed'],
  official_report: ['closed'],
  closed: ['received'],
};
