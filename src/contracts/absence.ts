/**
 * The contract of the absence capability: absence records and their import, the legal absence
 * reports (verzuimmeldingen) of a school, the DUO export, the attendance officer's workspace and
 * follow-up, and a pupil's startkwalificatie. What each route takes and what it may answer.
 */
import { Day, FileDownload, Nullable, OneOf, paging, StaleProblem, Timestamp, Type, Uuid, Version, type Static } from './common.ts';
import {
  ABSENCE_FILE_FORMATS,
  ABSENCE_REASONS,
  FILE_TYPES,
  FOLLOWUP_STATUSES,
  FOLLOWUPS,
  RECORDED_ABSENCE_SOURCES,
  REPORT_DECISION_KINDS,
  REPORT_EVENT_KINDS,
  REPORT_ORIGINS,
  REPORT_STATUSES,
  REPORT_TYPES,
} from './values/absence.ts';

export const AbsenceTags = ['Verzuim'];

/** A day as the forms send it: checked for its shape here, for being a real day by the handler (with a Dutch message). */
const DayText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'JJJJ-MM-DD' });
const Count = Type.Integer({ minimum: 0 });


// ---------------------------------------------------------------------------------------------
// Import

export const AbsenceImportRowError = Type.Object({
  row: Type.Integer({ description: 'Regelnummer zoals de gebruiker het ziet; 0 voor het bestand als geheel' }),
  column: Nullable(Type.String({ description: 'leerling, datum, uren of reden; null voor de regel of het bestand' })),
  message: Type.String(),
});

export const AbsenceImportPreview = Type.Object({
  id: Uuid,
  rows: Count,
  errors: Type.Array(AbsenceImportRowError),
  alreadyImported: Type.Union([Type.Object({ importId: Uuid, committedAt: Timestamp }), Type.Null()], { description: 'Hetzelfde bestand is al eerder verwerkt' }),
  preview: Type.Array(
    Type.Object({
      row: Type.Integer(),
      childId: Uuid,
      name: Type.String({ description: 'Voornaam en achternaam van de leerling' }),
      pupilNumber: Nullable(Type.String({ description: 'Het leerlingnummer van de school' })),
      day: Day,
      hours: Type.Number(),
      reason: OneOf(ABSENCE_REASONS),
    }),
    { description: 'De eerste 20 regels zoals ze worden opgeslagen, met de naam en het leerlingnummer' },
  ),
  format: Type.Union([OneOf(ABSENCE_FILE_FORMATS), Type.Null()], { description: 'Het herkende formaat; null als geen formaat past' }),
  fileType: Nullable(OneOf(FILE_TYPES)),
});
export type AbsenceImportPreview = Static<typeof AbsenceImportPreview>;

/** A report that arose just now (from an import): enough for a link and a sentence. */
export const NewAbsenceReport = Type.Object({ id: Uuid, childId: Uuid, name: Type.String({ description: 'Voornaam en achternaam van de leerling' }), type: OneOf(REPORT_TYPES), dueOn: Day, deadline: Day });

export const AbsenceImportCommitted = Type.Object({
  id: Uuid,
  rows: Count,
  changed: Count,
  children: Count,
  newReports: Count,
  reports: Type.Array(NewAbsenceReport, { description: 'De meldingen die uit deze import zijn ontstaan, op termijn' }),
});

// ---------------------------------------------------------------------------------------------
// Absence records

export const AbsenceRecordInput = Type.Object(
  {
    childId: Uuid,
    schoolLocationId: Uuid,
    day: DayText,
    hours: Type.Number({ exclusiveMinimum: 0, maximum: 12 }),
    reason: OneOf(ABSENCE_REASONS),
    source: Type.Optional(OneOf(RECORDED_ABSENCE_SOURCES)),
  },
  { additionalProperties: false },
);
export type AbsenceRecordInput = Static<typeof AbsenceRecordInput>;

export const AbsenceRecorded = Type.Object({ childId: Uuid, day: Day, hours: Type.Number(), reason: OneOf(ABSENCE_REASONS), newReports: Count });
export type AbsenceRecorded = Static<typeof AbsenceRecorded>;

// ---------------------------------------------------------------------------------------------
// Reports

export const AbsenceReport = Type.Object({
  id: Uuid,
  childId: Uuid,
  child: Type.Object({ givenName: Type.String(), familyName: Type.String(), birthDate: Day }),
  schoolLocationId: Uuid,
  schoolName: Type.String(),
  type: OneOf(REPORT_TYPES),
  startDate: Day,
  endDate: Day,
  hours: Type.Number(),
  dueOn: Day,
  deadline: Day,
  origin: OneOf(REPORT_ORIGINS),
  explanation: Nullable(Type.String()),
  status: OneOf(REPORT_STATUSES),
  reportedOn: Nullable(Day),
  reference: Nullable(Type.String()),
  dismissedReason: Nullable(Type.String()),
  allowed: Type.Array(OneOf(REPORT_DECISION_KINDS), { description: 'Wat de school nu kan vastleggen (leeg voor ieder ander)' }),
  version: Version,
});
export type AbsenceReport = Static<typeof AbsenceReport>;

const statusCounts = Type.Object({ due: Count, overdue: Count, reported: Count, dismissed: Count, withdrawn: Count });

export const SchoolReportsQuery = Type.Object({
  schoolLocationId: Uuid,
  asOf: Type.Optional(Type.String({ description: 'JJJJ-MM-DD, standaard vandaag' })),
  status: Type.Optional(Type.String({ description: 'Komma-gescheiden: ' + REPORT_STATUSES.join(', ') })),
  type: Type.Optional(Type.String({ description: 'Komma-gescheiden: ' + REPORT_TYPES.join(', ') })),
  ...paging(500, 50),
});

export const SchoolReportPage = Type.Object({
  asOf: Day,
  items: Type.Array(AbsenceReport),
  total: Count,
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
  counts: statusCounts,
});
export type SchoolReportPage = Static<typeof SchoolReportPage>;

export const DuoExportQuery = Type.Object({ schoolLocationId: Uuid, asOf: Type.Optional(Type.String()) });
export const DuoExport = FileDownload(['text/csv'], 'De meldingen voor het verzuimloket van DUO: CSV, ; gescheiden, UTF-8 met BOM');

export const OverigReportInput = Type.Object(
  { childId: Uuid, schoolLocationId: Uuid, startDate: Type.String(), endDate: Type.String(), explanation: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false },
);
export type OverigReportInput = Static<typeof OverigReportInput>;

export const ReportHistoryItem = Type.Object({
  id: Type.Integer(),
  kind: OneOf(REPORT_EVENT_KINDS),
  occurredOn: Day,
  reference: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  by: Nullable(Type.String()),
  at: Timestamp,
});

export const FollowupItem = Type.Object({ id: Type.Integer(), status: Nullable(OneOf(FOLLOWUP_STATUSES)), note: Nullable(Type.String()), by: Nullable(Type.String()), at: Timestamp });
export type FollowupItem = Static<typeof FollowupItem>;

export const FollowupState = Type.Object({
  status: OneOf(FOLLOWUPS, { description: "De eigen opvolgstatus; 'new' tot er een is gekozen" }),
  allowed: Type.Array(OneOf(FOLLOWUP_STATUSES)),
  items: Type.Array(FollowupItem),
});
export type FollowupState = Static<typeof FollowupState>;

/** One day of absence behind a report: the records that made it. */
export const ReportDay = Type.Object({ day: Day, hours: Type.Number(), reason: OneOf(ABSENCE_REASONS) });
export type ReportDay = Static<typeof ReportDay>;

export const AbsenceReportDetail = Type.Object({
  ...AbsenceReport.properties,
  days: Type.Array(ReportDay, { description: 'De verzuimde dagen en uren binnen de periode die tot de melding leidden' }),
  history: Type.Array(ReportHistoryItem),
  followup: Type.Union([FollowupState, Type.Null()], { description: 'Alleen voor de leerplichtambtenaar van de woongemeente: de eigen opvolging' }),
});
export type AbsenceReportDetail = Static<typeof AbsenceReportDetail>;

/** A decision or follow-up based on an older version of the report (409): the report as it is now, as its GET shows it. */
export const AbsenceReportStale = StaleProblem(AbsenceReportDetail);

export const ReportDecisionInput = Type.Object(
  {
    kind: OneOf(REPORT_DECISION_KINDS),
    occurredOn: Type.Optional(Type.String()),
    reference: Type.Optional(Type.String({ maxLength: 100 })),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    version: Version,
  },
  { additionalProperties: false },
);
export type ReportDecisionInput = Static<typeof ReportDecisionInput>;

export const FollowupInput = Type.Object(
  { status: Type.Optional(Nullable(OneOf(FOLLOWUP_STATUSES))), note: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))), version: Version },
  { additionalProperties: false },
);
export type FollowupInput = Static<typeof FollowupInput>;

/** The follow-up recorded: the officer's follow-up now, and the report's new version. */
export const FollowupRecorded = Type.Object({ ...FollowupState.properties, version: Version });
export type FollowupRecorded = Static<typeof FollowupRecorded>;

// ---------------------------------------------------------------------------------------------
// The attendance officer's workspace

export const WorkspaceQuery = Type.Object({
  followup: Type.Optional(Type.String({ description: 'Komma-gescheiden: ' + FOLLOWUPS.join(', ') })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  ...paging(100, 25),
});

export const WorkspaceItem = Type.Object({ ...AbsenceReport.properties, followup: OneOf(FOLLOWUPS) });
export type WorkspaceItem = Static<typeof WorkspaceItem>;

export const WorkspacePage = Type.Object({
  items: Type.Array(WorkspaceItem),
  total: Count,
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
  counts: Type.Object({ new: Count, received: Count, talk: Count, warning: Count, official_report: Count, closed: Count }),
});
export type WorkspacePage = Static<typeof WorkspacePage>;

// ---------------------------------------------------------------------------------------------
// Startkwalificatie

// Null first: with type coercion a null would otherwise become an empty string.
// `version`: the version of the child the screen showed (`version` of GET /children/{id}).
export const StartkwalificatieInput = Type.Object({ obtainedOn: Type.Union([Type.Null(), Type.String({ description: 'JJJJ-MM-DD' })]), version: Version }, { additionalProperties: false });

export const StartkwalificatieRecorded = Type.Object({ childId: Uuid, obtainedOn: Nullable(Day), withdrawnReports: Count, version: Version });
