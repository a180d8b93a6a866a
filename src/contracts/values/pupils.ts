/**
 * The enumerations of the pupil and guardian imports and the pupil leavers: plain lists the
 * server checks against and the web app shows, with the Dutch labels the server holds.
 */

/** The fields a pupil file is read for (docs/onboarding.md). */
export const PUPIL_FIELDS = [
  'pupilNumber',
  'givenName',
  'prefix',
  'familyName',
  'birthDate',
  'identifier',
  'bsn',
  'onderwijsnummer',
  'postcode',
  'gemeente',
  'group',
  'mentor',
  'startDate',
  'level',
] as const;
export type PupilField = (typeof PUPIL_FIELDS)[number];

/** How a field is called in messages (the generic heading). */
export const PUPIL_FIELD_LABELS: Record<PupilField, string> = {
  pupilNumber: 'leerlingnummer',
  givenName: 'voornaam',
  prefix: 'tussenvoegsel',
  familyName: 'achternaam',
  birthDate: 'geboortedatum',
  identifier: 'BSN/onderwijsnummer',
  bsn: 'BSN',
  onderwijsnummer: 'onderwijsnummer',
  postcode: 'postcode',
  gemeente: 'gemeente',
  group: 'groep',
  mentor: 'mentor',
  startDate: 'inschrijfdatum',
  level: 'niveau',
};

/** The fields a guardian file is read for. */
export const GUARDIAN_FIELDS = ['pupilNumber', 'givenName', 'prefix', 'familyName', 'email', 'phone', 'relation', 'authority'] as const;
export type GuardianField = (typeof GUARDIAN_FIELDS)[number];

export const GUARDIAN_FIELD_LABELS: Record<GuardianField, string> = {
  pupilNumber: 'leerlingnummer',
  givenName: 'voornaam',
  prefix: 'tussenvoegsel',
  familyName: 'achternaam',
  email: 'e-mail',
  phone: 'telefoon',
  relation: 'relatie',
  authority: 'gezag',
};

/**
 * What the import does with a row of a pupil file: a new child, changes, nothing, a transfer from
 * another school of the region (one child record), or waiting for the other school's end date.
 */
export const PUPIL_ROW_STATUSES = ['new', 'updated', 'unchanged', 'transfer', 'pending'] as const;
export type PupilRowStatus = (typeof PUPIL_ROW_STATUSES)[number];

/** What the import does with a row of a guardian file. */
export const GUARDIAN_ACTIONS = ['create', 'link', 'update', 'unchanged'] as const;
export type GuardianAction = (typeof GUARDIAN_ACTIONS)[number];

/** A probable transfer match: "zelfde kind" (same) or "ander kind" (different). */
export const TRANSFER_DECISIONS = ['same', 'different'] as const;
export type TransferDecision = (typeof TRANSFER_DECISIONS)[number];

/** What named a child known elsewhere in the region: the BSN, the onderwijsnummer, or name and birth date. */
export const TRANSFER_IDENTIFIERS = ['bsn', 'onderwijsnummer', 'name_birth_date'] as const;
export type TransferIdentifier = (typeof TRANSFER_IDENTIFIERS)[number];

/** Where an import stands: checked (preview), saved (committed) or set aside (discarded). */
export const IMPORT_STATUSES = ['preview', 'committed', 'discarded'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** A probable leaver: unenrolled on a date (confirmed), or stays enrolled (dismissed). */
export const LEAVER_DECISIONS = ['confirmed', 'dismissed'] as const;
export type LeaverDecision = (typeof LEAVER_DECISIONS)[number];
