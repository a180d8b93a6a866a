/**
 * What every import in Samenspel reads a file into: a table of typed cells (CSV cells are always
 * text; Excel cells keep their type), and the helpers that read a value from a cell the same way
 * in every import: dates (Excel dates and serial numbers, JJJJ-MM-DD, D-M-JJJJ), decimals with a
 * comma, yes/no.
 */
import { isIsoDate } from '../time.ts';
import type { FileLimits } from './file-limits.ts';

/** At most this many data rows in one file. */
export const MAX_ROWS = 500_000;

export interface ReadOptions {
  /** The import's own limit on data rows (a file over it is one error of the import). */
  maxRows?: number;
  /** What reading the file may cost the server (see file-limits.ts); tests set small ones. */
  limits?: Partial<FileLimits>;
}

/** One cell as read from the file. CSV cells are always text; XLSX cells keep their type. */
export type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: Date }
  | { kind: 'boolean'; value: boolean }
  /** An Excel error value (#N/A, #REF!, ...) or a formula without a stored result. */
  | { kind: 'error'; text: string };

export interface TableRow {
  row: number;
  cells: Cell[];
}

export interface Table {
  fileType: 'csv' | 'xlsx';
  /** Non-empty rows only, in order. */
  rows: TableRow[];
  /** Excel's 1904 date system (old Mac workbooks): serial numbers count from 1904-01-01. */
  date1904?: boolean;
}

/** Header names and values compare case-, accent- and punctuation-insensitively: "Geoorloofd?" = "geoorloofd". */
export function normaliseName(value: string): string {
  // Files repeat the same few values (reasons, yes/no) on every row: remember them.
  let n = normalised.get(value);
  if (n === undefined) {
    n = value
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    if (normalised.size >= 10_000) normalised.clear();
    normalised.set(value, n);
  }
  return n;
}
const normalised = new Map<string, string>();

/** Cut a value from the file to a readable length before echoing it in a message. */
export function shown(value: string): string {
  const v = value.replace(/\s+/g, ' ').trim();
  return v.length > 60 ? `${v.slice(0, 57)}…` : v;
}

export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'text':
      return cell.text.trim();
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.value.toISOString().slice(0, 10);
    case 'boolean':
      return cell.value ? 'ja' : 'nee';
    case 'error':
      return cell.text;
    default:
      return '';
  }
}

export const isEmpty = (cell: Cell | undefined) => !cell || cell.kind === 'empty' || (cell.kind === 'text' && !cell.text.trim());

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** Excel's day 0 is 1899-12-30 (the 1900 system, with its leap-year bug folded in) or 1904-01-01. */
function fromSerial(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const d = new Date(base + Math.floor(serial) * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  const year = d.getUTCFullYear();
  return year >= 1990 && year <= 2100 ? iso : null;
}

/**
 * A day from a cell: an Excel date, an Excel serial number, or text as JJJJ-MM-DD, D-M-JJJJ or
 * DD-MM-JJJJ (also with / or .), optionally followed by a time.
 */
export function parseDay(cell: Cell | undefined, date1904 = false): string | null {
  if (!cell) return null;
  if (cell.kind === 'date') {
    // A time-only cell is a date in 1899; no absence is that old.
    const year = cell.value.getUTCFullYear();
    return Number.isNaN(year) || year < 1990 || year > 2100 ? null : cell.value.toISOString().slice(0, 10);
  }
  if (cell.kind === 'number') return fromSerial(cell.value, date1904);
  if (cell.kind !== 'text') return null;
  // A file has few distinct days: remember what each text meant.
  let day = days.get(cell.text);
  if (day === undefined) {
    day = parseDayText(cell.text.trim());
    if (days.size >= 10_000) days.clear();
    days.set(cell.text, day);
  }
  return day;
}
const days = new Map<string, string | null>();

function parseDayText(t: string): string | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m) {
    const iso = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
    return isIsoDate(iso) ? iso : null;
  }
  m = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/.exec(t);
  if (m) {
    const iso = ymd(Number(m[4]), Number(m[3]), Number(m[1]));
    return isIsoDate(iso) ? iso : null;
  }
  return null;
}

/**
 * A text written as a date (D-M-JJJJ, JJJJ-M-D) that {@link parseDay} refused: a day that does not
 * exist (31-02-2016, month 13, an American 11/23/2026), which needs another fix than text in an
 * unknown form.
 */
export function isImpossibleDay(cell: Cell | undefined): boolean {
  return cell?.kind === 'text' && /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$|^\d{4}-\d{1,2}-\d{1,2}$/.test(cell.text.trim()) && parseDay(cell) === null;
}

/** Why a cell is not a day, for the message to the user (see {@link isImpossibleDay}). */
export function dayProblem(cell: Cell | undefined, what: string): string {
  const text = cellText(cell);
  if (isImpossibleDay(cell)) return `De ${what} "${shown(text)}" bestaat niet. Controleer de dag en de maand.`;
  return `De ${what} "${shown(text)}" is niet te lezen. Schrijf haar als DD-MM-JJJJ (bijvoorbeeld 05-03-2016) of JJJJ-MM-DD.`;
}

/** A decimal number: a number cell, or text with a decimal comma or point ("2,5", "2.5"). */
export function parseDecimal(cell: Cell | undefined): number | null {
  if (!cell) return null;
  if (cell.kind === 'number') return Number.isFinite(cell.value) ? cell.value : null;
  if (cell.kind !== 'text') return null;
  const t = cell.text.trim();
  if (!/^\d+([.,]\d+)?$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', 'waar', '1', 'x', 'geoorloofd']);
const NO = new Set(['nee', 'n', 'no', 'false', 'onwaar', '0', 'ongeoorloofd']);

/** A yes/no cell; undefined when empty, null when it is neither. */
export function parseFlag(cell: Cell | undefined): boolean | null | undefined {
  if (isEmpty(cell)) return undefined;
  if (cell!.kind === 'boolean') return cell!.value;
  const v = normaliseName(cellText(cell));
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}

