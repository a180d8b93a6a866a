import { createInflateRaw } from 'node:zlib';
import { readCsvTable } from './csv-table.ts';
import type { ReadOptions, Table } from './cells.ts';
import { fileLimits, FileTooLargeError } from './file-limits.ts';
import { readWorkbookStream, type ZipPart } from './xlsx-stream.ts';
import { LARGE_UNZIPPED_BYTES, largeImportSlot } from './import-slot.ts';

/**
 * The front door of every import: recognise the file by its content (not its name), and read a
 * CSV (UTF-8) or an Excel workbook (.xlsx) into the same {@link Table}. Nothing in a file is ever
 * evaluated: an Excel formula counts with the result Excel stored, a CSV value starting with "="
 * is text. Old .xls, .ods, zip, HTML-as-.xls and PDF files are refused with a message that says
 * how to save the file instead.
 *
 * Reading is bounded (file-limits.ts): a workbook is read as a stream (xlsx-stream.ts) and both
 * readers count rows, cells and text while they read; a file over a limit is refused with a
 * {@link FileTooLargeError} (422) after a bounded amount of work.
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

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const CORRUPT = 'De Excel-werkmap is beschadigd. Sla het bestand opnieuw op in Excel.';
const UNREADABLE = 'De Excel-werkmap kan niet worden gelezen (beschadigd of geen gewone werkmap). Sla het bestand opnieuw op in Excel als .xlsx, of als CSV UTF-8.';
const BAD_CHARACTER =
  'De Excel-werkmap bevat een teken dat niet in een werkmap mag staan (bijvoorbeeld een NUL-teken, \\u0000). Open het bestand in Excel en sla het opnieuw op, of exporteer het opnieuw uit de administratie.';

/** The (still compressed) data of a zip entry, or null when its local header is not where the directory says. */
function entryData(buf: Buffer, e: ZipEntry): Buffer | null {
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) return null;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  return buf.subarray(start, start + e.compressedSize);
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
 * Unpack every entry with a hard limit on the total size, whatever sizes the zip declares: the
 * bytes are counted as they are unpacked (and thrown away), so the check itself needs little
 * memory. Returns an error message, or the unpacked size when the workbook may be opened.
 */
async function checkUnzippedSize(buf: Buffer, entries: ZipEntry[], limit: number): Promise<{ error: string } | { total: number }> {
  const tooBig = () => `De Excel-werkmap is uitgepakt groter dan ${(limit / 1024 / 1024).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} MB. Splits het bestand, bijvoorbeeld per maand, of sla het op als CSV UTF-8.`;
  let total = 0;
  for (const e of entries) {
    const data = entryData(buf, e);
    if (!data) return { error: CORRUPT };
    if (e.method === 0) total += data.length;
    else if (e.method === 8) {
      const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
      inflate.end(data);
      try {
        for await (const chunk of inflate) {
          total += (chunk as Buffer).length;
          if (total > limit) {
            inflate.destroy();
            return { error: tooBig() };
          }
        }
      } catch {
        return { error: CORRUPT };
      }
    } else return { error: 'De Excel-werkmap gebruikt een onbekende compressie. Sla het bestand opnieuw op in Excel.' };
    if (total > limit) return { error: tooBig() };
  }
  return { total };
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
  const start = b.subarray(0, 8192);
  if (start.includes(0) && !textWithStrayNul(start)) return 'binary';
  return 'csv';
}

/**
 * Text (valid UTF-8) with a few NUL characters, as a broken export can write them: read as CSV, so
 * that the reader names the line with the NUL instead of calling it no text at all.
 */
function textWithStrayNul(start: Buffer): boolean {
  let nul = 0;
  for (const byte of start) if (byte === 0) nul++;
  if (nul > 16 || nul * 20 > start.length) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(start, { stream: true });
    return true;
  } catch {
    return false;
  }
}

type XlsxRead = { table: Table } | { error: string };

/**
 * The first visible worksheet of a workbook as a table. Hidden sheets are ignored; empty rows and
 * heading rows (one text merged over several columns) are skipped; a value in a merged cell counts
 * in every cell it covers (a pupil number merged over that pupil's rows). Over a limit of
 * `options.limits` it throws a {@link FileTooLargeError}.
 */
export async function readXlsxTable(content: Buffer, options: FileOptions = {}): Promise<XlsxRead> {
  const entries = zipEntries(content);
  if (!entries) return { error: CORRUPT };
  const size = await checkUnzippedSize(content, entries, options.maxUnzippedBytes ?? MAX_UNZIPPED_BYTES);
  if ('error' in size) return size;
  const parts = new Map<string, ZipPart>();
  for (const e of entries) parts.set(e.name, { name: e.name, method: e.method, data: entryData(content, e)! });
  // A small upload that unpacks large is a large import too: it waits for no one, but is refused while another runs.
  const ticket = size.total > LARGE_UNZIPPED_BYTES && !largeImportSlot.heldFor(content) ? largeImportSlot.acquire() : null;
  try {
    return await readWorkbookStream(parts, fileLimits(options.limits));
  } catch (err) {
    if (err instanceof FileTooLargeError) throw err;
    // saxes refuses what XML does not allow, such as a NUL character (also written as &#0;).
    if (/disallowed character|character entity|invalid character/i.test((err as Error).message)) return { error: BAD_CHARACTER };
    return { error: UNREADABLE };
  } finally {
    ticket?.release();
  }
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
