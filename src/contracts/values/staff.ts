/**
 * The enumerations of the staff import, the invitations and the outbox: plain lists the server
 * checks against and the web app shows, with the Dutch labels the server holds. One definition each.
 */

/** The fields a staff import file is read for (docs/onboarding.md). */
export const STAFF_FIELDS = ['givenName', 'tussenvoegsel', 'familyName', 'email', 'roles', 'taught', 'mentored'] as const;
export type StaffField = (typeof STAFF_FIELDS)[number];

/** How a field is called in messages and in the generic format's headings. */
export const STAFF_FIELD_LABELS: Record<StaffField, string> = {
  givenName: 'voornaam',
  tussenvoegsel: 'tussenvoegsel',
  familyName: 'achternaam',
  email: 'e-mailadres',
  roles: 'rollen',
  taught: 'lesgroepen',
  mentored: 'mentorgroepen',
};

/** What the import does with a row of the file: a new person, changes to one, or nothing. */
export const STAFF_ROW_STATUSES = ['new', 'update', 'unchanged'] as const;
export type StaffRowStatus = (typeof STAFF_ROW_STATUSES)[number];

/** How a member of staff is with a group or class: teaching it, or its mentor. */
export const GROUP_ROLES = ['teacher', 'mentor'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

/** The state of a person's account: invited (link not used yet), expired (link expired), active, disabled. */
export const INVITATION_STATES = ['invited', 'expired', 'active', 'disabled'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

/** How the outbox delivers: shown in the app (demo), by SMTP, or not at all (no SMTP configured). */
export const OUTBOX_MODES = ['demo', 'smtp', 'not_configured'] as const;
export type OutboxMode = (typeof OUTBOX_MODES)[number];

/** Where an e-mail of the outbox stands. */
export const MAIL_STATUSES = ['sent', 'pending', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
