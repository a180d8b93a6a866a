import { parse } from 'csv-parse/sync';
import { MAX_ROWS, type Cell, type ReadOptions, type Table, type TableRow } from './cells.ts';
import { fileLimits, FileTooLargeError } from './file-limits.ts';

/**
 * Reading a CSV file for an import: UTF-8 (with or without BOM), a header row, separated by ";",
 * "," or a tab (recognised from the header). Every cell is text: a value starting with =, +, - or
 * @ is plain data, nothing in a file is ever evaluated.
 */

export const NOT_UTF8 = 'Het bestand is niet in UTF-8 opgeslagen. Sla het op als "CSV UTF-8" en probeer het opnieuw.';

/**
 * The separator: of ";", "," and tab, the one that occurs most on the first line that has at least
 * three of one of them (the header has four columns or more; a title line above it has fewer).
 */
function detectDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/, 50).filter((l) => l.trim()).slice(0, 10);
  const best = (line: string) => ([';', ',', '\t'] as const).map((d) => [d, line.split(d).length - 1] as const).reduce((a, b) => (b[1] > a[1] ? b : a));
  const header = lines.map(best).find(([, n]) => n >= 3) ?? best(lines[0] ?? '');
  return header[1] > 0 ? header[0] : ',';
}

/** No line of a real export comes near this many characters. */
const MAX_LINE_CHARS = 1_000_000;

const EMPTY: Cell = { kind: 'empty' };
function toCell(value: string): Cell {
  const text = value.trim();
  return text ? { kind: 'text', text } : EMPTY;
}

export type CsvRead = { table: Table } | { error: string; row?: number };

export function readCsvTable(content: Buffer | string, options: ReadOptions = {}): CsvRead {
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    if ((content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff)) {
      return { error: 'Het bestand is als "Unicode-tekst" (UTF-16) opgeslagen. Sla het op als "CSV UTF-8" en probeer het opnieuw.' };
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      return { error: NOT_UTF8 };
    }
  }
  text = text.replace(/^\uFEFF/, '');
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = lineAt(text, nul);
    return {
      error: `Regel ${line.toLocaleString('nl-NL')} van het bestand bevat een ongeldig teken (een NUL-teken, \\u0000); dat hoort niet in een CSV-bestand. Haal het teken weg, of exporteer het bestand opnieuw als CSV UTF-8.`,
      row: line,
    };
  }
  if (!text.trim()) return { error: 'Het bestand is leeg.' };
  const delimiter = detectDelimiter(text);
  const maxRows = options.maxRows ?? MAX_ROWS;
  const limits = fileLimits(options.limits);
  const rows: TableRow[] = [];
  let cellCount = 0;
  // Every row counts against the limits before it is kept: a huge file stops at the first one passed.
  const keep = (row: number, values: string[]) => {
    if (rows.length >= limits.maxRows) throw FileTooLargeError.rows(limits.maxRows);
    cellCount += values.length;
    if (cellCount > limits.maxCells) throw FileTooLargeError.cells(limits.maxCells);
    rows.push({ row, cells: values.map(toCell) });
    // Over the import's own row limit: stop; the import reports it (with the number it allows).
    return rows.length <= maxRows + 10;
  };
  // Most exports have no quotes at all: split them directly (several times faster than a full CSV parser).
  if (!text.includes('"')) {
    const newline = /\r\n|\n|\r/g;
    let from = 0;
    for (let n = 1; from <= text.length; n++) {
      const m = newline.exec(text);
      const to = m ? m.index : text.length;
      if (to - from > MAX_LINE_CHARS) throw FileTooLargeError.lineLength(MAX_LINE_CHARS, n);
      const line = text.slice(from, to);
      if (line.trim() && !keep(n, line.split(delimiter))) break;
      if (!m) break;
      from = newline.lastIndex;
    }
    return { table: { fileType: 'csv', rows } };
  }
  let line = 1;
  let full = false;
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
      bom: true,
      max_record_size: MAX_LINE_CHARS,
      // Each record is turned into a row here and not collected by the parser: memory stays bounded.
      on_record: (record: string[], info: { lines: number }) => {
        // info.lines is the line the record ends on; a record starts right after the previous one.
        const start = line;
        line = info.lines + 1;
        if (full || record.every((v) => v === '')) return null;
        if (!keep(start, record)) full = true;
        return null;
      },
    });
  } catch (err) {
    if (err instanceof FileTooLargeError) throw err;
    const at = (err as { lines?: number }).lines;
    if ((err as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw FileTooLargeError.lineLength(MAX_LINE_CHARS, at);
    return { error: `Het bestand is geen geldige CSV${at ? ` (rond regel ${at})` : ''}: ${(err as Error).message}`, row: at };
  }
  return { table: { fileType: 'csv', rows } };
}

/** The line (1-based) of a position in the text. */
function lineAt(text: string, index: number): number {
  let line = 1;
  const newline = /\r\n|\n|\r/g;
  while (newline.exec(text) && newline.lastIndex <= index) line++;
  return line;
}
