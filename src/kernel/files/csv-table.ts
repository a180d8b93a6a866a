import { parse } from 'csv-parse/sync';
import { MAX_ROWS, type Cell, type ReadOptions, type Table, type TableRow } from './cells.ts';

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
  if (text.includes('\u0000')) return { error: 'Dit is geen tekstbestand. Kies een CSV-bestand (UTF-8) of een Excel-werkmap (.xlsx).' };
  if (!text.trim()) return { error: 'Het bestand is leeg.' };
  const delimiter = detectDelimiter(text);
  const maxRows = options.maxRows ?? MAX_ROWS;
  // Most exports have no quotes at all: split them directly (several times faster than a full CSV parser).
  if (!text.includes('"')) {
    const rows: TableRow[] = [];
    const lines = text.split(/\r\n|\n|\r/);
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].trim()) continue;
      rows.push({ row: i + 1, cells: lines[i].split(delimiter).map(toCell) });
      if (rows.length > maxRows + 10) break;
    }
    return { table: { fileType: 'csv', rows } };
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true, bom: true, info: true }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { error: `Het bestand is geen geldige CSV${line ? ` (rond regel ${line})` : ''}: ${(err as Error).message}`, row: line };
  }
  const rows: TableRow[] = [];
  let line = 1;
  for (const { record, info } of records) {
    // info.lines is the line the record ends on; a record starts right after the previous one.
    const start = line;
    line = info.lines + 1;
    if (record.every((v) => v === '')) continue;
    rows.push({ row: start, cells: record.map(toCell) });
    if (rows.length > maxRows + 10) break;
  }
  return { table: { fileType: 'csv', rows } };
}

