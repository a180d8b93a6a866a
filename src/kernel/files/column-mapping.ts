import { cellText, isEmpty, normaliseName, shown, type Cell, type Table, type TableRow } from './cells.ts';

/**
 * The columns of an import file: every import (staff, pupils, guardians) names the fields it
 * reads, and per format — the documented generic one and the common exports of the schools'
 * administration systems — the column headings that hold each field. The format is recognised
 * from the header row; headings compare case-, accent- and punctuation-insensitively
 * ("Geboortedatum" = "geboorte datum" = "GEBOORTEDATUM").
 */

export interface ImportRowError {
  /** Row number as the user sees it (the line in a CSV, the row in the sheet); 0 for the file. */
  row: number;
  /** The field (stable, whatever the file calls the column); null for the row or the file. */
  column: string | null;
  message: string;
}

export interface ImportFormat<F extends string> {
  id: string;
  /** Shown to the user, e.g. "ParnasSys". */
  label: string;
  /**
   * true: the headings are an assumption, not checked against a real export of this vendor. The
   * documentation says so and shows where to adjust them.
   */
  assumption: boolean;
  /**
   * Which documented source the headings follow and what is still assumed (docs/onboarding.md
   * "Formaten"; the sources are collected in the project's notes on school systems).
   */
  source: string;
  /** Headings per field, in order of preference. */
  columns: Partial<Record<F, readonly string[]>>;
  /** Fields that must have a column for this format to be recognised. */
  required: readonly F[];
}

export interface MappedRow<F extends string> {
  row: number;
  cells: Partial<Record<F, Cell>>;
}

export interface ColumnMapped<F extends string> {
  /** The format recognised from the header; null when none matched (then `errors` says why). */
  format: ImportFormat<F> | null;
  headerRow: number | null;
  /** Which column of the file each field came from (the file's own heading), for the preview. */
  columns: Partial<Record<F, string>>;
  /** Headings in the file that no field uses (shown, so a misspelt heading is noticed). */
  ignoredColumns: string[];
  rows: MappedRow<F>[];
  errors: ImportRowError[];
}

/** How far down the header may be (a title or export date above it is skipped). */
const HEADER_LOOKAHEAD = 10;

function match<F extends string>(format: ImportFormat<F>, header: TableRow) {
  const names = header.cells.map((c) => normaliseName(cellText(c)));
  const columns = new Map<F, number>();
  for (const [field, headings] of Object.entries(format.columns) as [F, readonly string[]][]) {
    for (const h of headings) {
      const i = names.indexOf(normaliseName(h));
      if (i >= 0) {
        columns.set(field, i);
        break;
      }
    }
  }
  const missing = format.required.filter((f) => !columns.has(f));
  return { columns, missing };
}

/**
 * Find the header and the format, and hand back every data row as cells per field. Rows without
 * any value are skipped. Nothing is checked beyond the header: each import checks its fields.
 * The first format in `formats` is the generic one: when nothing matches, its missing columns
 * are named in the error.
 */
export function mapColumns<F extends string>(table: Table, formats: readonly ImportFormat<F>[], fieldLabels: Record<F, string>): ColumnMapped<F> {
  const rows = table.rows.filter((r) => !r.cells.every(isEmpty));
  const none = (message: string): ColumnMapped<F> => ({ format: null, headerRow: null, columns: {}, ignoredColumns: [], rows: [], errors: [{ row: 0, column: null, message }] });
  if (!rows.length) return none('Het bestand is leeg.');
  let best: { format: ImportFormat<F>; header: number; columns: Map<F, number> } | null = null;
  for (let h = 0; h < Math.min(HEADER_LOOKAHEAD, rows.length); h++) {
    for (const format of formats) {
      const m = match(format, rows[h]);
      if (m.missing.length) continue;
      if (!best || m.columns.size > best.columns.size) best = { format, header: h, columns: m.columns };
    }
    if (best) break;
  }
  if (!best) {
    const generic = formats[0];
    const m = match(generic, rows[0]);
    const missing = m.missing.map((f) => `"${generic.columns[f]?.[0] ?? f}" (${fieldLabels[f]})`);
    return none(
      `De kolommen zijn niet herkend. Gebruik de kolomnamen van het standaardformaat of een export uit ${formats
        .slice(1)
        .map((f) => f.label)
        .join(', ')}. Ontbrekend in de eerste regel: ${missing.join(', ')}.`,
    );
  }
  const header = rows[best.header];
  const used = new Set(best.columns.values());
  const ignoredColumns = header.cells.map((c, i) => (used.has(i) ? '' : shown(cellText(c)))).filter(Boolean);
  const columns: Partial<Record<F, string>> = {};
  for (const [f, i] of best.columns) columns[f] = shown(cellText(header.cells[i]));
  const errors: ImportRowError[] = [];
  // The same heading twice makes it ambiguous which column is meant.
  const seen = new Map<string, number>();
  for (const c of header.cells) {
    const n = normaliseName(cellText(c));
    if (n) seen.set(n, (seen.get(n) ?? 0) + 1);
  }
  for (const [f, i] of best.columns) {
    if ((seen.get(normaliseName(cellText(header.cells[i]))) ?? 0) > 1) {
      errors.push({ row: header.row, column: f, message: `De kolom "${shown(cellText(header.cells[i]))}" staat meer dan één keer in de kopregel. Geef elke kolom een eigen naam.` });
    }
  }
  const data: MappedRow<F>[] = [];
  for (const r of rows.slice(best.header + 1)) {
    const cells: Partial<Record<F, Cell>> = {};
    for (const [f, i] of best.columns) {
      const c = r.cells[i];
      if (c && !isEmpty(c)) cells[f] = c;
    }
    data.push({ row: r.row, cells });
  }
  return { format: best.format, headerRow: header.row, columns, ignoredColumns, rows: data, errors };
}

/**
 * The text of a cell for an identifier (pupil number, BRIN, postcode): a whole number stays a
 * whole number ("123", not "123.0"), text is trimmed. `fromNumber` says the cell was an Excel
 * number, so leading zeros may have been lost.
 */
export function identifierOf(cell: Cell | undefined): { value: string; fromNumber: boolean } | null {
  if (!cell || isEmpty(cell)) return null;
  if (cell.kind === 'number') return Number.isInteger(cell.value) ? { value: String(cell.value), fromNumber: true } : null;
  if (cell.kind === 'text') return { value: cell.text.trim(), fromNumber: false };
  return null;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;

/** An e-mail address, lower-cased; null when it is not one. */
export function parseEmail(cell: Cell | undefined): string | null {
  const v = cellText(cell).trim();
  return v.length <= 200 && EMAIL.test(v) ? v.toLowerCase() : null;
}

/** A text value of at most `max` characters, whitespace collapsed; '' when empty. */
export function textOf(cell: Cell | undefined, max = 200): string {
  return cellText(cell).replace(/\s+/g, ' ').trim().slice(0, max);
}

/**
 * A family name with its tussenvoegsel, as Dutch administrations export them in two columns
 * ("van der", "Berg") or one ("Berg, van der"): "van der Berg".
 */
export function familyNameOf(prefix: string, name: string): string {
  let family = name.trim();
  let tussenvoegsel = prefix.trim();
  const comma = /^([^,]+),\s*([a-z' ]+)$/.exec(family);
  if (!tussenvoegsel && comma) {
    family = comma[1].trim();
    tussenvoegsel = comma[2].trim();
  }
  return tussenvoegsel ? `${tussenvoegsel} ${family}` : family;
}
