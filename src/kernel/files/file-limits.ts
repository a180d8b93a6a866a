import { ProblemError } from '../errors.ts';
import { MAX_ROWS } from './cells.ts';

/**
 * What one uploaded table may cost the server. The readers count while they read and stop at the
 * first limit passed, so a hostile file (a workbook of 450,000 rows × 30 cells fits in the upload
 * limit) is refused after a bounded amount of work and memory instead of exhausting the server.
 *
 * The defaults leave room for the largest legitimate import: the absence of a large school for a
 * year (one row per lesson period in Magister, ~100,000–300,000 rows of ~10–15 columns; the
 * absence import allows 500,000 rows), a school's pupils (~3,000 rows of ~30 columns).
 */
export interface FileLimits {
  /** Rows with at least one value (header and title rows included). */
  maxRows: number;
  /** Cells read: per row, every cell from the first column up to the last value, empty ones in between too. */
  maxCells: number;
  /** Distinct texts in a workbook (its shared strings). */
  maxSharedStrings: number;
  /** Characters of text in a workbook: the shared strings plus the text stored in the cells themselves. */
  maxTextChars: number;
  /** Merged ranges in the worksheet that is read. */
  maxMergedRanges: number;
}

export const DEFAULT_FILE_LIMITS: Readonly<FileLimits> = Object.freeze({
  maxRows: MAX_ROWS + 10,
  maxCells: 6_000_000,
  maxSharedStrings: 2_000_000,
  maxTextChars: 64_000_000,
  maxMergedRanges: 100_000,
});

export function fileLimits(overrides: Partial<FileLimits> | undefined): FileLimits {
  return { ...DEFAULT_FILE_LIMITS, ...overrides };
}

const nl = (n: number) => n.toLocaleString('nl-NL');
const SPLIT = 'Splits het bestand, bijvoorbeeld per maand, per groep of per leerjaar, en importeer de delen na elkaar.';

/**
 * A file over one of the {@link FileLimits}: the upload is refused as a whole (422) with one
 * message for the field "file" that says what to do.
 */
export class FileTooLargeError extends ProblemError {
  constructor(reason: string, code = 'file_too_large') {
    super(422, 'Bestand te groot', reason, code, [{ name: 'file', code, reason }]);
  }

  static rows(limit: number) {
    return new FileTooLargeError(`Het bestand heeft meer dan ${nl(limit)} rijen met gegevens; zoveel kan Samenspel niet in één keer verwerken. ${SPLIT}`, 'too_many_rows');
  }

  static cells(limit: number) {
    return new FileTooLargeError(
      `Het bestand heeft meer dan ${nl(limit)} cellen (rijen × kolommen); zoveel kan Samenspel niet in één keer verwerken. ${SPLIT} Haal ook kolommen weg die de import niet gebruikt.`,
      'too_many_cells',
    );
  }

  static texts(limit: number) {
    return new FileTooLargeError(`De Excel-werkmap bevat meer dan ${nl(limit)} verschillende teksten; zoveel kan Samenspel niet in één keer verwerken. ${SPLIT}`, 'too_many_texts');
  }

  static textChars(limit: number) {
    return new FileTooLargeError(`De Excel-werkmap bevat meer dan ${nl(limit)} tekens tekst; zoveel kan Samenspel niet in één keer verwerken. ${SPLIT}`, 'too_much_text');
  }

  static merges(limit: number) {
    return new FileTooLargeError(
      `Het werkblad heeft meer dan ${nl(limit)} samengevoegde cellen. Maak het samenvoegen ongedaan (in Excel: Start → Samenvoegen en centreren) of sla het bestand op als CSV UTF-8.`,
      'too_many_merged_cells',
    );
  }

  static lineLength(limit: number, line?: number) {
    return new FileTooLargeError(`${line ? `Regel ${nl(line)}` : 'Een regel'} van het bestand is langer dan ${nl(limit)} tekens; dat is geen gewone regel met gegevens. Controleer het bestand of sla het opnieuw op als CSV UTF-8.`, 'line_too_long');
  }
}
