import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { readCsvTable } from './csv-table.ts';
import { MAX_ROWS, type Cell, type ReadOptions, type Table, type TableRow } from './cells.ts';

/**
 * The front door of every import: recognise the file by its content (not its name), and read a
 * CSV (UTF-8) or an Excel workbook (.xlsx) into the same {@link Table}. Nothing in a file is ever
 * evaluated: an Excel formula counts with the result Excel stored, a CSV value starting with "="
 * is text. Old .xls, .ods, zip, HTML-as-.xls and PDF files are refused with a message that says
 * how to save the file instead.
 */

export type FileKind = 'csv' | 'xlsx' | 'xls' | 'zip' | 'ods' | 'html' | 'pdf' | 'binary';

/** Everything unpacked from one workbook together may not exceed this (a "zip bomb" guard). */
export const MAX_UNZIPPED_BYTES = 400 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 5_000;

export interface FileOptions extends ReadOptions {
  /** Limit on the unpacked size of a workbook (tests set a small one). */
  maxUnzippedBytes?: number;
}

const SAVE_AS = 'Open het in Excel en kies Opslaan als → "Excel-werkmap (.xlsx)" of "CSV UTF-8".';

export const REFUSED: Record<Exclude<FileKind, 'csv' | 'xlsx'>, string> = {
  xls: `Dit is een oud Excel-bestand (.xls) of een met een wachtwoord beveiligd Excel-bestand; dat kan Samenspel niet lezen. ${SAVE_AS} Haal een eventueel wachtwoord eraf.`,
  zip: `Dit is een zip-bestand, maar geen Excel-werkmap (.xlsx). Pak het uit en kies het CSV- of Excel-bestand zelf, of ${SAVE_AS.charAt(0).toLowerCase()}${SAVE_AS.slice(1)}`,
  ods: `Dit is een OpenDocument-rekenblad (.ods). ${SAVE_AS}`,
  html: `Dit bestand is een webpagina (HTML) of XML, ook als het .xls heet — sommige programma's exporteren zo. ${SAVE_AS}`,
  pdf: 'Dit is een PDF-bestand. Exporteer de gegevens uit de leerlingadministratie als Excel (.xlsx) of als CSV UTF-8.',
  binary: `Dit bestand is geen CSV-bestand en geen Excel-werkmap (.xlsx). ${SAVE_AS}`,
};

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/** The entries of a zip file from its central directory; null when it is not a readable zip. */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  // End of central directory: 22 bytes plus a comment of at most 65535 bytes, at the end.
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || count > MAX_ZIP_ENTRIES) return null;
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    if (compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) return null;
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLength).replace(/^\//, ''), method, compressedSize, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Unpack every entry with a hard limit on the total size, whatever sizes the zip declares. Returns
 * an error message, or null when the workbook may be opened.
 */
function checkUnzippedSize(buf: Buffer, entries: ZipEntry[], limit: number): string | null {
  const tooBig = () => `De Excel-werkmap is uitgepakt groter dan ${(limit / 1024 / 1024).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} MB. Splits het bestand, bijvoorbeeld per maand, of sla het op als CSV UTF-8.`;
  let total = 0;
  for (const e of entries) {
    const p = e.localHeaderOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) return 'De Excel-werkmap is beschadigd. Sla het bestand opnieuw op in Excel.';
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const data = buf.subarray(start, start + e.compressedSize);
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: limit - total + 1 }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) return tooBig();
        return 'De Excel-werkmap is beschadigd. Sla het bestand opnieuw op in Excel.';
      }
    } else return 'De Excel-werkmap gebruikt een onbekende compressie. Sla het bestand opnieuw op in Excel.';
    total += size;
    if (total > limit) return tooBig();
  }
  return null;
}

/** What a file is, from its first bytes (and for zips, from what is inside). */
export function detectFileKind(content: Buffer): FileKind {
  const b = content;
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06)) {
    const names = new Set((zipEntries(b) ?? []).map((e) => e.name));
    if (names.has('xl/workbook.xml') && names.has('[Content_Types].xml')) return 'xlsx';
    if (names.has('mimetype') && names.has('content.xml')) return 'ods';
    return 'zip';
  }
  // OLE2 compound file: Excel 97-2003 (.xls), or an encrypted .xlsx.
  if (b.length >= 8 && b.readUInt32BE(0) === 0xd0cf11e0 && b.readUInt32BE(4) === 0xa1b11ae1) return 'xls';
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  const head = b.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<')) return 'html';
  // UTF-16 text (Excel's "Unicode text") is refused by the CSV reader with its own message.
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return 'csv';
  if (b.subarray(0, 8192).includes(0)) return 'binary';
  return 'csv';
}

/** One cell of exceljs as our {@link Cell}: formulas count with their stored result. */
function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return value.trim() ? { kind: 'text', text: value } : { kind: 'empty' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return { kind: 'date', value };
  if (typeof value === 'object') {
    if ('error' in value) return { kind: 'error', text: String(value.error) };
    if ('richText' in value) return toCell(value.richText.map((t) => t.text).join(''));
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return { kind: 'error', text: 'formule zonder opgeslagen uitkomst: open het bestand in Excel en sla het opnieuw op' };
      if (typeof result === 'object' && !(result instanceof Date) && 'error' in (result as object)) return { kind: 'error', text: String((result as { error: unknown }).error) };
      return toCell(result as ExcelJS.CellValue);
    }
    if ('text' in value && 'hyperlink' in value) return toCell((value as ExcelJS.CellHyperlinkValue).text);
  }
  return { kind: 'error', text: 'onbekende celinhoud' };
}

type XlsxRead = { table: Table } | { error: string };

/**
 * The first visible worksheet of a workbook as a table. Hidden sheets are ignored; empty rows and
 * heading rows (one text merged over several columns) are skipped; a value in a merged cell counts
 * in every cell it covers (a pupil number merged over that pupil's rows).
 */
export async function readXlsxTable(content: Buffer, options: FileOptions = {}): Promise<XlsxRead> {
  const entries = zipEntries(content);
  if (!entries) return { error: 'De Excel-werkmap is beschadigd. Sla het bestand opnieuw op in Excel.' };
  const sizeError = checkUnzippedSize(content, entries, options.maxUnzippedBytes ?? MAX_UNZIPPED_BYTES);
  if (sizeError) return { error: sizeError };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    return { error: 'De Excel-werkmap kan niet worden gelezen (beschadigd of geen gewone werkmap). Sla het bestand opnieuw op in Excel als .xlsx, of als CSV UTF-8.' };
  }
  // Sheets in the order the workbook shows them (exceljs keeps that order as orderNo).
  const order = (ws: ExcelJS.Worksheet) => (ws as unknown as { orderNo?: number }).orderNo ?? ws.id;
  const sheet = [...wb.worksheets].sort((a, b) => order(a) - order(b)).find((ws) => (ws.state ?? 'visible') === 'visible');
  if (!sheet) return { error: 'De Excel-werkmap heeft geen zichtbaar werkblad.' };
  const maxRows = options.maxRows ?? MAX_ROWS;
  if (sheet.actualRowCount > maxRows + 10) {
    return { error: `Het werkblad "${sheet.name}" heeft meer dan ${maxRows.toLocaleString('nl-NL')} regels; zoveel kan niet in één keer. Splits het bestand, bijvoorbeeld per maand.` };
  }
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: Cell[] = [];
    const masters = new Set<string>();
    let merged = 0;
    let values = 0;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const c = toCell(cell.value);
      cells[col - 1] = c;
      if (c.kind === 'empty') return;
      values++;
      if (cell.isMerged) {
        merged++;
        masters.add(cell.master.address);
      }
    });
    if (values === 0) return;
    // A heading: one merged text over several cells of this row, nothing else.
    if (values > 1 && merged === values && masters.size === 1) return;
    for (let i = 0; i < cells.length; i++) cells[i] ??= { kind: 'empty' };
    rows.push({ row: row.number, cells });
  });
  return { table: { fileType: 'xlsx', rows, date1904: Boolean(wb.properties?.date1904) } };
}


export type TableRead = { table: Table } | { error: string; row?: number; fileType: 'csv' | 'xlsx' | null };

/** Read an uploaded file (CSV or XLSX, recognised by content) into a table, or say why it cannot be read. */
export async function readTableFile(content: Buffer, options: FileOptions = {}): Promise<TableRead> {
  const kind = detectFileKind(content);
  if (kind === 'csv') {
    const read = readCsvTable(content, options);
    return 'error' in read ? { error: read.error, row: read.row, fileType: 'csv' } : read;
  }
  if (kind === 'xlsx') {
    const read = await readXlsxTable(content, options);
    return 'error' in read ? { error: read.error, fileType: 'xlsx' } : read;
  }
  return { error: REFUSED[kind], fileType: null };
}
