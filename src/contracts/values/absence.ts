/**
 * The closed sets of the absence capability (absence records, the legal absence reports and the
 * attendance officer's follow-up), defined once: the server's schemas, rules and checks and the
 * web app's forms all use these. Plain values (no schema library), so that the web app can import
 * them at runtime.
 */

/** The seven reasons of an absence record (they map to the Leerplichtwet, see domain.md §3), in the order screens show them. */
export const ABSENCE_REASONS = ['ill', 'authorised', 'suspension', 'unauthorised', 'late', 'luxury', 'other'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

/** The reasons in Dutch, as the server's messages name them. */
export const ABSENCE_REASON_LABELS: Record<AbsenceReason, string> = {
  ill: 'ziek',
  authorised: 'geoorloofd',
  suspension: 'schorsing',
  unauthorised: 'ongeoorloofd',
  late: 'te laat',
  luxury: 'luxe verzuim',
  other: 'overig',
};

/** The reasons that are unauthorised absence by law (luxury absence is unauthorised absence): they feed the legal reports and the "unauthorised only" measure. */
export const UNAUTHORISED_REASONS = ['unauthorised', 'luxury'] as const satisfies readonly AbsenceReason[];

/** Where an absence record came from: entered by hand, sent through the API, or an import. */
export const ABSENCE_SOURCES = ['manual', 'api', 'import'] as const;
export type AbsenceSource = (typeof ABSENCE_SOURCES)[number];
/** The sources a client may name when it records absence itself (an import sets its own). */
export const RECORDED_ABSENCE_SOURCES = ['manual', 'api'] as const satisfies readonly AbsenceSource[];

/**
 * The types of a legal absence report. 'rmc': a young person of 18 up to 23 without a
 * startkwalificatie, absent without a valid reason for four weeks or more (DUO's type RMC).
 */
export const REPORT_TYPES = ['16-uur', 'lrv', 'luxe', 'overig', 'rmc'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** The report types as DUO's verzuimloket names them (the DUO export uses these). */
export const REPORT_TYPE_LABELS: Record<ReportType, string> = {
  '16-uur': '16 uur in 4 weken',
  lrv: 'Langdurig relatief verzuim',
  luxe: 'Luxe verzuim',
  overig: 'Overig verzuim',
  rmc: 'RMC',
};

/** Whether a report followed from the rules or was made by the school (overig verzuim). */
export const REPORT_ORIGINS = ['rule', 'manual'] as const;
export type ReportOrigin = (typeof REPORT_ORIGINS)[number];

/** A report's status, derived from its events; in the order of the work: what still has to be done first. */
export const REPORT_STATUSES = ['due', 'overdue', 'reported', 'dismissed', 'withdrawn'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** What a school records about a report. */
export const REPORT_DECISION_KINDS = ['reported', 'dismissed', 'reopened'] as const;
export type ReportDecisionKind = (typeof REPORT_DECISION_KINDS)[number];

/** The events in a report's history: the school's decisions, and the system's withdrawal. */
export const REPORT_EVENT_KINDS = [...REPORT_DECISION_KINDS, 'withdrawn'] as const;
export type ReportEventKind = (typeof REPORT_EVENT_KINDS)[number];

/** The attendance officer's own follow-up statuses. */
export const FOLLOWUP_STATUSES = ['received', 'talk', 'warning', 'official_report', 'closed'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

/** The attendance officer's follow-up of a report: 'new' until they set a status. */
export const FOLLOWUPS = ['new', ...FOLLOWUP_STATUSES] as const;
export type Followup = (typeof FOLLOWUPS)[number];

/** The formats of an absence file the import recognises from its header. */
export const ABSENCE_FILE_FORMATS = ['generiek', 'magister', 'somtoday', 'parnassys'] as const;
export type AbsenceFileFormat = (typeof ABSENCE_FILE_FORMATS)[number];

/** What an uploaded file turned out to be. */
export const FILE_TYPES = ['csv', 'xlsx'] as const;
export type FileType = (typeof FILE_TYPES)[number];
