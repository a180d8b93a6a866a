/**
 * Staff and invitations: what the routes of the staff import, the leavers, the invitations and
 * the outbox take and answer. The functional administrator imports the staff of an organisation
 * (check first, then all or nothing); new accounts get an invitation to choose a password.
 */
import { Day, IdParams, Nullable, OneOf, PageOf, paging, Timestamp, Type, Uuid, type Static, type TSchema } from './common.ts';
import { FILE_TYPES } from './values/absence.ts';
import { ORGANISATION_KINDS, ROLES } from './values/registry.ts';
import { GROUP_ROLES, MAIL_STATUSES, OUTBOX_MODES, STAFF_FIELDS, STAFF_ROW_STATUSES } from './values/staff.ts';

export const StaffIdParams = IdParams;

/** `page` and `pageSize` of a list (as every list of the API). */
const Paging = paging(100, 25);

/** Per field of an import file, a value; a field the file or format does not have is left out. */
export const PerField = <const F extends readonly string[], V extends TSchema>(fields: F, value: V) =>
  Type.Unsafe<{ readonly [K in F[number]]?: Readonly<Static<V>> }>(Type.Object(Object.fromEntries(fields.map((f) => [f, Type.Optional(value)]))));

/** A label (text) for each of a closed set of keys. */
const LabelPerKey = <const K extends readonly string[]>(keys: K) => Type.Unsafe<Record<K[number], string>>(Type.Object(Object.fromEntries(keys.map((k) => [k, Type.String()]))));

/** What is wrong with a row of an import file (row 0: the file itself), per field where it can be pinned down. */
export const ImportRowError = Type.Object({
  row: Type.Integer({ minimum: 0, description: 'Regelnummer zoals de gebruiker het ziet; 0 voor het bestand' }),
  column: Nullable(Type.String({ description: 'Het veld (vast, hoe de kolom in het bestand ook heet); null voor de regel of het bestand' })),
  message: Type.String(),
});
export type ImportRowError = Static<typeof ImportRowError>;

// ---------- What the routes take ----------

/** The token of an invitation link. */
export const InvitationTokenParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) });

export const StaffLeaversQuery = Type.Object({ organisationId: Type.Optional(Uuid) });
export type StaffLeaversQuery = Static<typeof StaffLeaversQuery>;

export const ConfirmStaffLeaverBody = Type.Object({ endDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'JJJJ-MM-DD' }) }, { additionalProperties: false });
export type ConfirmStaffLeaverBody = Static<typeof ConfirmStaffLeaverBody>;

export const OutboxQuery = Type.Object(Paging);
export type OutboxQuery = Static<typeof OutboxQuery>;

export const AcceptInvitationBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>;

// ---------- What the routes answer ----------

/** A format of the staff import file: the headings per field it is recognised by. */
export const StaffImportFormat = Type.Object({
  id: Type.String(),
  label: Type.String(),
  /** true: the headings are an assumption about the vendor's export, not checked against a real one. */
  assumption: Type.Boolean(),
  columns: PerField(STAFF_FIELDS, Type.Array(Type.String())),
  required: Type.Array(OneOf(STAFF_FIELDS)),
});
export type StaffImportFormat = Static<typeof StaffImportFormat>;

export const StaffImportFormats = Type.Object({
  /** The Dutch name of each field. */
  fields: LabelPerKey(STAFF_FIELDS),
  /** The Dutch name of each role, as accepted in the file. */
  roles: LabelPerKey(ROLES),
  formats: Type.Array(StaffImportFormat),
});
export type StaffImportFormats = Static<typeof StaffImportFormats>;

/** A row of the file as it will be written: new, what changes, or unchanged. */
export const StaffImportRow = Type.Object({
  row: Type.Integer(),
  email: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  roles: Type.Array(OneOf(ROLES)),
  taught: Type.Array(Type.String()),
  mentored: Type.Array(Type.String()),
  personId: Nullable(Uuid),
  status: OneOf(STAFF_ROW_STATUSES),
  changes: Type.Object({
    name: Nullable(Type.Object({ from: Type.String(), to: Type.String() })),
    rolesAdded: Type.Array(OneOf(ROLES)),
    groupsAdded: Type.Array(Type.Object({ name: Type.String(), role: OneOf(GROUP_ROLES) })),
    /** A sign-in account (username = e-mail) and an invitation will be created. */
    account: Type.Boolean(),
  }),
});
export type StaffImportRow = Static<typeof StaffImportRow>;

/** Someone of the organisation missing from a full export: a probable leaver once the import is saved. */
export const StaffImportLeaver = Type.Object({ personId: Uuid, name: Type.String(), email: Nullable(Type.String()), roles: Type.Array(OneOf(ROLES)) });
export type StaffImportLeaver = Static<typeof StaffImportLeaver>;

/** Step 1 of the staff import: the check of the file against the register. Nothing is written yet. */
export const StaffImportPreview = Type.Object({
  id: Uuid,
  organisation: Type.Object({ id: Uuid, name: Type.String(), kind: OneOf(ORGANISATION_KINDS) }),
  format: Nullable(Type.String()),
  formatLabel: Nullable(Type.String()),
  assumption: Type.Boolean(),
  fileType: Nullable(OneOf(FILE_TYPES)),
  /** Which heading of the file each field came from. */
  columns: PerField(STAFF_FIELDS, Type.String()),
  /** Headings of the file that no field uses. */
  ignoredColumns: Type.Array(Type.String()),
  rowCount: Type.Integer(),
  fullExport: Type.Boolean(),
  summary: Type.Object({
    new: Type.Integer(),
    update: Type.Integer(),
    unchanged: Type.Integer(),
    invitations: Type.Integer(),
    leavers: Type.Integer(),
    errors: Type.Integer(),
    schoolYear: Type.String(),
  }),
  errors: Type.Array(ImportRowError),
  rows: Type.Array(StaffImportRow),
  leavers: Type.Array(StaffImportLeaver),
  /** The same file was imported for this organisation before. */
  alreadyImported: Nullable(Type.Object({ importId: Uuid, committedAt: Timestamp })),
});
export type StaffImportPreview = Static<typeof StaffImportPreview>;

/** Step 2 of the staff import: what was written. */
export const StaffImportResult = Type.Object({
  id: Uuid,
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  membershipsAdded: Type.Integer(),
  /** Roles that see children's data, waiting for a second administrator (region setting). */
  rolesPending: Type.Integer(),
  groupsCreated: Type.Integer(),
  groupAssignments: Type.Integer(),
  invitations: Type.Integer(),
  leaverCandidates: Type.Integer(),
  candidatesWithdrawn: Type.Integer(),
});
export type StaffImportResult = Static<typeof StaffImportResult>;

/** A probable leaver (staff), still to be confirmed or dismissed. */
export const StaffLeaver = Type.Object({
  id: Uuid,
  personId: Nullable(Uuid),
  name: Type.String(),
  email: Nullable(Type.String()),
  organisationId: Uuid,
  organisationName: Type.String(),
  roles: Type.Array(OneOf(ROLES)),
  since: Timestamp,
  fileName: Type.String(),
});
export type StaffLeaver = Static<typeof StaffLeaver>;

export const StaffLeavers = Type.Object({ items: Type.Array(StaffLeaver) });
export type StaffLeavers = Static<typeof StaffLeavers>;

export const StaffLeaverConfirmed = Type.Object({
  id: Uuid,
  status: Type.Literal('confirmed'),
  endDate: Day,
  membershipsEnded: Type.Integer(),
  /** The person had no other role: the account is disabled (never deleted). */
  accountDisabled: Type.Boolean(),
});
export type StaffLeaverConfirmed = Static<typeof StaffLeaverConfirmed>;

export const StaffLeaverDismissed = Type.Object({ id: Uuid, status: Type.Literal('dismissed') });
export type StaffLeaverDismissed = Static<typeof StaffLeaverDismissed>;

/** A new invitation was sent; earlier links of the account stopped working. */
export const InvitationSent = Type.Object({ invitationId: Uuid, expiresAt: Timestamp, email: Type.String() });
export type InvitationSent = Static<typeof InvitationSent>;

/** What the invitation page shows before the password is chosen (no session). */
export const Invitation = Type.Object({
  name: Type.String(),
  organisations: Type.Array(Type.String()),
  email: Type.String(),
  username: Type.String(),
  expiresAt: Timestamp,
});
export type Invitation = Static<typeof Invitation>;

/** An e-mail of the outbox; its text only in demo mode without SMTP (the links in invitations are secret). */
export const OutboxMail = Type.Object({
  id: Uuid,
  kind: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  body: Nullable(Type.String()),
  createdAt: Timestamp,
  sentAt: Nullable(Timestamp),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  status: OneOf(MAIL_STATUSES),
});
export type OutboxMail = Static<typeof OutboxMail>;

export const Outbox = Type.Object({ mode: OneOf(OUTBOX_MODES), ...PageOf(OutboxMail).properties });
export type Outbox = Static<typeof Outbox>;
