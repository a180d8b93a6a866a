/**
 * Pupil and guardian imports, and the school's probable leavers: what the routes take and answer.
 * The school's intern begeleider / zorgcoördinator loads the pupils (and their parents) from the
 * school's own administration: a check first (nothing is written), then all or nothing. A school
 * learns nothing about a child of another school beyond name and birth date of a probable match and
 * "enrolled elsewhere"; the BSN is never echoed.
 */
import { Day, IdParams, Nullable, OneOf, Timestamp, Type, Uuid, type Static } from './common.ts';
import { ImportRowError, PerField } from './staff.ts';
import { FILE_TYPES } from './values/absence.ts';
import {
  GUARDIAN_ACTIONS,
  GUARDIAN_FIELDS,
  IMPORT_STATUSES,
  LEAVER_DECISIONS,
  PUPIL_FIELDS,
  PUPIL_ROW_STATUSES,
  TRANSFER_DECISIONS,
  TRANSFER_IDENTIFIERS,
} from './values/pupils.ts';

export const PupilsIdParams = IdParams;
export const TransferMatchParams = Type.Object({ id: Uuid, matchId: Uuid });

// ---------- What the routes take ----------

export const TransferMatchBody = Type.Object({ decision: OneOf(TRANSFER_DECISIONS) }, { additionalProperties: false });
export type TransferMatchBody = Static<typeof TransferMatchBody>;

export const PupilLeaversQuery = Type.Object({ schoolLocationId: Type.Optional(Uuid) });
export type PupilLeaversQuery = Static<typeof PupilLeaversQuery>;

export const PupilLeaverDecisionBody = Type.Object(
  {
    decision: OneOf(LEAVER_DECISIONS),
    // Null first: with type coercion a null would otherwise become an empty string.
    endDate: Type.Optional(Type.Union([Type.Null(), Type.String()])),
  },
  { additionalProperties: false },
);
export type PupilLeaverDecisionBody = Static<typeof PupilLeaverDecisionBody>;

// ---------- What the routes answer ----------

/** The format recognised from the header row; `assumption`: its headings are not checked against a real export. */
export const ImportFormatInfo = Type.Object({ id: Type.String(), label: Type.String(), assumption: Type.Boolean() });
export type ImportFormatInfo = Static<typeof ImportFormatInfo>;

/** A probable match as the school may see it: its own row, and the candidate's name and birth date — never the other school or its dates. */
export const TransferMatch = Type.Object({
  id: Uuid,
  row: Type.Integer(),
  pupilNumber: Type.String(),
  file: Type.Object({ givenName: Type.String(), familyName: Type.String(), birthDate: Day }),
  candidate: Type.Object({ givenName: Type.String(), familyName: Type.String(), birthDate: Day, enrolledElsewhere: Type.Boolean() }),
  decision: Nullable(OneOf(TRANSFER_DECISIONS)),
  /** Why "zelfde kind" cannot be chosen as the file is (a conflict with this school's own enrolments). */
  sameError: Nullable(Type.String()),
  /** When "zelfde kind" is chosen: the enrolment start here. */
  startDate: Nullable(Day),
});
export type TransferMatch = Static<typeof TransferMatch>;

/** A row of the pupil file that changes something, with what changes. */
export const PupilImportChange = Type.Object({
  row: Type.Integer(),
  pupilNumber: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  status: OneOf(PUPIL_ROW_STATUSES),
  changes: Type.Array(Type.String()),
  groupName: Nullable(Type.String()),
  gemeente: Nullable(Type.String()),
  startDate: Nullable(Day),
});
export type PupilImportChange = Static<typeof PupilImportChange>;

/** A row that waits for another school's end date: the one sentence the school may be told. */
export const PupilImportPending = Type.Object({
  row: Type.Integer(),
  pupilNumber: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  identifier: OneOf(TRANSFER_IDENTIFIERS),
  message: Type.String(),
});
export type PupilImportPending = Static<typeof PupilImportPending>;

/** A pupil of the school missing from a full export: a probable leaver once the import is saved. */
export const PupilImportLeaver = Type.Object({
  enrolmentId: Uuid,
  pupilNumber: Nullable(Type.String()),
  givenName: Type.String(),
  familyName: Type.String(),
  groupName: Nullable(Type.String()),
  startDate: Day,
  /** Already listed as a probable leaver by an earlier import. */
  alreadyListed: Type.Boolean(),
});
export type PupilImportLeaver = Static<typeof PupilImportLeaver>;

/** Step 1 of the pupil import: the check of the file (at most 500 changes and waiting rows shown). */
export const PupilImportPreview = Type.Object({
  id: Uuid,
  kind: Type.Literal('pupils'),
  format: Nullable(ImportFormatInfo),
  fileType: Nullable(OneOf(FILE_TYPES)),
  fullExport: Type.Boolean(),
  /** Which heading of the file each field came from (empty when a stored check is shown again). */
  columns: PerField(PUPIL_FIELDS, Type.String()),
  ignoredColumns: Type.Array(Type.String()),
  counts: Type.Object({
    new: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    transfer: Type.Integer(),
    pending: Type.Integer(),
    errors: Type.Integer(),
    matches: Type.Integer(),
    leavers: Type.Integer(),
  }),
  errors: Type.Array(ImportRowError),
  changes: Type.Array(PupilImportChange),
  pending: Type.Array(PupilImportPending),
  newGroups: Type.Array(Type.String()),
  matches: Type.Array(TransferMatch),
  leavers: Type.Array(PupilImportLeaver),
});
export type PupilImportPreview = Static<typeof PupilImportPreview>;

/** A stored check shown again: the check, the decisions so far, and whether it has been saved. */
export const PupilImportView = Type.Object({
  ...PupilImportPreview.properties,
  status: OneOf(IMPORT_STATUSES),
  fileName: Type.String(),
  uploadedAt: Timestamp,
  committedAt: Nullable(Timestamp),
});
export type PupilImportView = Static<typeof PupilImportView>;

export const TransferMatchDecided = Type.Object({ match: TransferMatch, open: Type.Integer({ description: 'Mogelijke overstappen die nog beoordeeld moeten worden' }) });
export type TransferMatchDecided = Static<typeof TransferMatchDecided>;

/** Step 2 of the pupil import: what was written. */
export const PupilImportResult = Type.Object({
  id: Uuid,
  new: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  transfer: Type.Integer(),
  pending: Type.Integer(),
  childrenCreated: Type.Integer(),
  residencesAdded: Type.Integer(),
  leavers: Type.Integer(),
});
export type PupilImportResult = Static<typeof PupilImportResult>;

/** A row of the guardian file that changes something. */
export const GuardianImportChange = Type.Object({
  row: Type.Integer(),
  pupilNumber: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  action: OneOf(GUARDIAN_ACTIONS),
  changes: Type.Array(Type.String()),
});
export type GuardianImportChange = Static<typeof GuardianImportChange>;

/** Step 1 of the guardian import: the check of the file (at most 500 changes shown). */
export const GuardianImportPreview = Type.Object({
  id: Uuid,
  kind: Type.Literal('guardians'),
  format: Nullable(ImportFormatInfo),
  fileType: Nullable(OneOf(FILE_TYPES)),
  columns: PerField(GUARDIAN_FIELDS, Type.String()),
  ignoredColumns: Type.Array(Type.String()),
  counts: Type.Object({
    new: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    created: Type.Integer(),
    linked: Type.Integer(),
    errors: Type.Integer(),
  }),
  errors: Type.Array(ImportRowError),
  changes: Type.Array(GuardianImportChange),
});
export type GuardianImportPreview = Static<typeof GuardianImportPreview>;

/** Step 2 of the guardian import: what was written. */
export const GuardianImportResult = Type.Object({
  id: Uuid,
  created: Type.Integer(),
  linked: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  children: Type.Integer({ description: 'Leerlingen bij wie iets is vastgelegd' }),
});
export type GuardianImportResult = Static<typeof GuardianImportResult>;

/** A probable leaver of the school: the enrolment runs on until a date is confirmed. */
export const PupilLeaver = Type.Object({
  id: Uuid,
  childId: Uuid,
  pupilNumber: Nullable(Type.String()),
  givenName: Type.String(),
  familyName: Type.String(),
  groupName: Nullable(Type.String()),
  startDate: Day,
  listedAt: Timestamp,
  fileName: Type.String(),
});
export type PupilLeaver = Static<typeof PupilLeaver>;

export const PupilLeavers = Type.Object({ items: Type.Array(PupilLeaver) });
export type PupilLeavers = Static<typeof PupilLeavers>;

export const PupilLeaverDecided = Type.Object({ id: Uuid, status: OneOf(LEAVER_DECISIONS), endDate: Nullable(Day) });
export type PupilLeaverDecided = Static<typeof PupilLeaverDecided>;
