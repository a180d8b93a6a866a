import { TRANSFER_MATCH_GROUND, type Listed } from '../../kernel/policy/gateway.ts';
import type { ImportRowError } from '../../kernel/files/column-mapping.ts';
import type { StoredImport } from '../../kernel/files/import-pipeline.ts';
import type { FileType } from '../../contracts/values/absence.ts';
import type { PupilRowStatus, TransferDecision, TransferIdentifier } from '../../contracts/values/pupils.ts';
import type { ParsedFile, PupilFileRow } from './pupil-file.ts';

/**
 * What the pupil import's steps hand each other (kernel/files/import-pipeline.ts): the school it is
 * for, the file as read, the checked plan, and the stored import the commit writes from. The plan's
 * rows are stored in registry_imports and read back by the commit's set-based SQL.
 */

export type { PupilRowStatus } from '../../contracts/values/pupils.ts';

/** The school location the import is for, and the day it is checked on. */
export interface PupilScope {
  organisationId: string;
  day: string;
  schoolYear: string;
}

/** The file as read: its type, the checked rows of the file, and a refusal of the whole file. */
export interface PupilRead {
  fileType: FileType | null;
  /** The file could be read as a table (else its one error is in `errors`, on row 0). */
  readable: boolean;
  parsed: ParsedFile<PupilFileRow>;
  /** The file's own errors (unreadable file) and the row errors of reading it. */
  errors: ImportRowError[];
}

/** The planned change for one row; stored in registry_imports.rows and read back by the commit's SQL. */
export interface PlannedPupil {
  row: number;
  pupilNumber: string;
  status: PupilRowStatus;
  /** The existing child (updated, unchanged, transfer); null for a new child. */
  childId: string | null;
  /** The id a new child gets (generated in the preview; an import commits once). */
  newChildId: string;
  /** The open enrolment at this school (updated, unchanged). */
  enrolmentId: string | null;
  givenName: string;
  familyName: string;
  birthDate: string;
  bsn: string | null;
  onderwijsnummer: string | null;
  /** A residence to append (new child: from the birth date; a move: from the import date). */
  gemeenteId: string | null;
  residenceFrom: string | null;
  groupName: string | null;
  mentorPersonId: string | null;
  level: string | null;
  startDate: string | null;
  identityChanged: boolean;
  enrolmentChanged: boolean;
  changes: string[];
  /**
   * What the preview shows of the row, from the FILE: for a transfer or a waiting transfer the
   * stored child keeps the identity and residence the region knows, which the school may not see
   * before it has a relation with the child.
   */
  shown?: { givenName: string; familyName: string; gemeenteId: string | null };
  /** For a waiting transfer: which number named a child enrolled at another school. */
  pendingOn?: TransferIdentifier;
}

export interface TransferMatch {
  id: string;
  row: number;
  pupilNumber: string;
  file: { givenName: string; familyName: string; birthDate: string };
  candidateChildId: string;
  /**
   * The minimum to decide "zelfde kind" or "ander kind": name and birth date, and whether the child
   * is enrolled at another school of the region (then "zelfde kind" waits for that school's end
   * date). Never which school, nor any date of it. Viewing it is logged.
   */
  candidate: { givenName: string; familyName: string; birthDate: string; enrolledElsewhere: boolean };
  decision: TransferDecision | null;
  /** When "zelfde kind" is chosen: the enrolment start here and the residence. */
  same: { startDate: string; gemeenteId: string | null; bsn: string | null; onderwijsnummer: string | null } | null;
  /** Why "zelfde kind" cannot be chosen as the file is (a conflict with this school's own enrolments). */
  sameError: string | null;
}

/** A child without a relation to the school that a row of the file was matched to: logged, shown at most as allowed above. */
export interface TransferLookup {
  childId: string;
  row: number;
  match: TransferIdentifier;
}

export interface Leaver {
  enrolmentId: string;
  childId: string;
  pupilNumber: string | null;
  givenName: string;
  familyName: string;
  groupName: string | null;
  startDate: string;
  alreadyListed: boolean;
}

export interface Summary {
  day: string;
  schoolYear: string;
  counts: Record<PupilRowStatus, number>;
  newGroups: string[];
  /** Every child without a relation the rows were matched to (stored so a reload logs the same looks). */
  lookups?: TransferLookup[];
}

/** The checked file: what the preview shows and stores. */
export interface PupilPlan {
  /** The stored import's id, chosen by the check: the access-log entries of its lookups name it. */
  importId: string;
  planned: PlannedPupil[];
  errors: ImportRowError[];
  matches: TransferMatch[];
  /** Probable leavers of a full export; once stored, only those the policy lets the school see. */
  leavers: Leaver[];
  summary: Summary & { lookups: TransferLookup[] };
  gemeenteName: Map<string, string>;
}

/** A stored pupil import, locked for the commit (its planned rows stay in the database). */
export interface StoredPupilImport extends StoredImport {
  organisationId: string;
  uploadedAt: Date;
  fullExport: boolean;
  matches: TransferMatch[];
  summary: Summary;
}

/** The one thing a school is told about a child enrolled at another school (plain Dutch for the intern begeleider). */
export const enrolledElsewhereMessage = (identifier: TransferIdentifier) =>
  `${identifier === 'name_birth_date' ? 'Dit kind' : `Dit ${identifier === 'bsn' ? 'BSN' : 'onderwijsnummer'}`} staat in de regio ingeschreven op een andere school. ` +
  'De overstap kan pas als die school de einddatum van de inschrijving heeft vastgelegd. Dat is geen fout in uw bestand: de andere leerlingen worden gewoon opgeslagen, ' +
  'en bij een volgende import nadat de vorige school de leerling heeft uitgeschreven, gaat de overstap vanzelf door. ' +
  'Weet u niet welke school dat is, vraag het de ouders; vraag de vorige school dan de leerling uit te schrijven.';

/**
 * A look at a child without a relation to the school that a row was matched to: recorded with the
 * ground 'transfer_match' (a recorded look, never a standing relation; no query of the policy gives
 * it), kind 'identity'.
 */
export const transferLooks = (importId: string, lookups: TransferLookup[]): Listed[] =>
  lookups.map((v) => ({ childId: v.childId, ground: TRANSFER_MATCH_GROUND, detail: { importId, row: v.row, match: v.match, kind: 'identity' } }));

export const emptyCounts = (): Record<PupilRowStatus, number> => ({ new: 0, updated: 0, unchanged: 0, transfer: 0, pending: 0 });
