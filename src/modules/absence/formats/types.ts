/**
 * The shapes shared by the absence import: a file is first read into a {@link Table} (CSV and XLSX
 * alike), then one {@link FormatMapping} turns its rows into {@link AbsenceRow}s.
 */

import type { AbsenceFileFormat, AbsenceReason } from '../../../contracts/values/absence.ts';

/** The seven reasons of the absence records (they map to the Leerplichtwet, see domain.md §3). */
export type { AbsenceReason };

export interface AbsenceRow {
  /** The row number the user sees: the line in a CSV file, the row in the spreadsheet. */
  row: number;
  /** The child id in Samenspel or the school's own pupil number, as text. */
  leerling: string;
  /** True when the pupil number came from an Excel number cell (leading zeros are lost there). */
  leerlingFromNumber?: boolean;
  day: string;
  hours: number;
  reason: AbsenceReason;
}

export interface RowError {
  /** Row number as the user sees it; 0 for the file as a whole. */
  row: number;
  /** One of leerling, datum, uren, reden (stable, whatever the file calls its columns); null for the row or file. */
  column: string | null;
  message: string;
}

export type { Cell, Table, TableRow } from '../../../kernel/files/cells.ts';
export { normaliseName } from '../../../kernel/files/cells.ts';

export type FormatId = AbsenceFileFormat;

/** A reason value in a vendor's export means one of our reasons, depends on its "geoorloofd" flag, or is no absence at all. */
export type ReasonTarget = AbsenceReason | 'by-flag' | 'skip';

/**
 * How hours are found in a row. The first source whose columns are all in the header is used.
 * - `hours`: decimal hours; `minutes`: minutes / 60;
 * - `periods`: a number of lesson periods × `periodMinutes`;
 * - `period`: one period number per row (or a range "3-4"), each × `periodMinutes`;
 * - `periodRange`: first and last period in two columns;
 * - `times`: from and to times (HH:MM) on that day.
 */
export type HoursSource =
  | { kind: 'hours'; columns: [string[]] }
  | { kind: 'minutes'; columns: [string[]] }
  | { kind: 'periods'; columns: [string[]] }
  | { kind: 'period'; columns: [string[]] }
  | { kind: 'periodRange'; columns: [string[], string[]] }
  | { kind: 'times'; columns: [string[], string[]] };

export interface FormatMapping {
  id: FormatId;
  /** Name shown to the user, e.g. "Magister (vo)". */
  label: string;
  /**
   * true: the column names and reason values are an assumption ("aanname"), not checked against a
   * real export of this vendor. See docs/absence-import.md.
   */
  assumption: boolean;
  /** Which documented source the headings follow and what is still assumed (docs/absence-import.md). */
  source: string;
  /** Header names per field, in order of preference; matched case- and accent-insensitively, trimmed. */
  columns: {
    leerling: string[];
    datum: string[];
    /** Optional last day of a report; when present it must be the same day (multi-day reports cannot be turned into hours). */
    einddatum?: string[];
    reden: string[];
    /** Optional column whose value overrides the reason (e.g. SOMtoday's absentiesoort "Te laat"). */
    soort?: string[];
    /** Optional yes/no column: authorised or not. */
    geoorloofd?: string[];
  };
  hours: HoursSource[];
  /** Minutes per lesson period, for `periods`, `period` and `periodRange`. */
  periodMinutes?: number;
  /** Reason values (normalised with {@link normaliseName}) to reasons. */
  reasons: Record<string, ReasonTarget>;
  /** Values of the `soort` column that decide the reason by themselves; others fall through to the reason column. */
  soortReasons?: Record<string, AbsenceReason>;
  /**
   * true: several rows for the same pupil, day and reason are added up (exports with one row per
   * lesson or per report); the same period or time twice is an error. false (the generic format):
   * the same pupil, day and reason twice is an error.
   */
  aggregate: boolean;
}

