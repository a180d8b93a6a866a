/* The pupil and guardian imports as the contract (src/contracts/pupils.ts) declares them. */
import type { Contract } from '../../contracts/common.ts';
import type {
  GuardianImportChange as GuardianImportChangeSchema,
  GuardianImportPreview,
  GuardianImportResult,
  PupilImportChange as PupilImportChangeSchema,
  PupilImportPreview,
  PupilImportResult,
  PupilImportView,
  TransferMatch,
  TransferMatchDecided as TransferMatchDecidedSchema,
} from '../../contracts/pupils.ts';

export type PupilPreview = Contract<typeof PupilImportPreview>;
/** A stored check of a pupil file shown again (after a reload): the check, its decisions and whether it was saved. */
export type PupilView = Contract<typeof PupilImportView>;
export type GuardianPreview = Contract<typeof GuardianImportPreview>;
/** The check of a pupil or guardian file (nothing written yet). */
export type Preview = PupilPreview | PupilView | GuardianPreview;
export type Kind = Preview['kind'];
/** A probable transfer: name and birth date only, and whether the child is enrolled at another school (never which, nor when). */
export type Match = Contract<typeof TransferMatch>;
export type TransferMatchDecided = Contract<typeof TransferMatchDecidedSchema>;
/** A row that changes something: a pupil's (status) or a parent's (action). */
export type ImportChange = Contract<typeof PupilImportChangeSchema> | Contract<typeof GuardianImportChangeSchema>;
export type CommitResult = Contract<typeof PupilImportResult> | Contract<typeof GuardianImportResult>;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const PATHS: Record<Kind, string> = { pupils: '/pupil-imports', guardians: '/guardian-imports' };
