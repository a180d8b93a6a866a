import { createRequire } from 'node:module';
import { createInflateRaw } from 'node:zlib';
import type { SaxesParser as SaxesParserClass } from 'saxes';
import type { Cell, Table, TableRow } from './cells.ts';
import { FileTooLargeError, type FileLimits } from './file-limits.ts';

/**
 * Reading the first visible worksheet of an .xlsx workbook as a stream: the parts of the zip are
 * unpacked and parsed piece by piece (XML events, never a whole document in memory), only the
 * parts needed are read (workbook, relationships, styles, shared strings and that one sheet), and
 * rows, cells, texts and merged ranges are counted on the way: at the first limit passed, reading
 * stops with a {@link FileTooLargeError}.
 *
 * The XML parser is saxes, the one exceljs itself reads workbooks with (required through exceljs,
 * so it is always the version exceljs was tested with). exceljs's own streaming worksheet reader
 * is not used for the sheet: it drops merged ranges and the error value of a formula (#REF!), and
 * it decodes each unzipped chunk on its own, which garbles a character split between two chunks.
 * The cell values are those exceljs's workbook reader gives: shared and inline strings, numbers,
 * dates (a number with a date format, in the 1900 or 1904 system), booleans, error values, and a
 * formula as the result Excel stored.
 */

const requireFromExcelJs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
const { SaxesParser } = requireFromExcelJs('saxes') as { SaxesParser: typeof SaxesParserClass };

/** A part of the zip: where its data is and how it is compressed. */
export interface ZipPart {
  name: string;
  method: number;
  data: Buffer;
}

export class UnreadableWorkbookError extends Error {}

const STORED_SLICE = 1024 * 1024;

/** The text of a part, decoded as UTF-8 across chunk boundaries. */
async function* partText(part: ZipPart): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  if (part.method === 0) {
    for (let i = 0; i < part.data.length; i += STORED_SLICE) yield decoder.decode(part.data.subarray(i, i + STORED_SLICE), { stream: true });
  } else if (part.method === 8) {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    inflate.end(part.data);
    for await (const chunk of inflate) yield decoder.decode(chunk as Buffer, { stream: true });
  } else {
    throw new UnreadableWorkbookError(`unknown compression ${part.method}`);
  }
  yield decoder.decode();
}

interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

/** The local name of an element: "x:row" and "row" are the same element. */
const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** Parse a part's XML, calling the handlers per event; a malformed part throws. */
async function parseXml(part: ZipPart, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ position: false });
  let error: Error | null = null;
  parser.on('error', (err) => {
    error ??= err;
  });
  if (handlers.open) parser.on('opentag', (tag) => handlers.open!(local(tag.name), tag.attributes as Record<string, string>));
  if (handlers.text) {
    parser.on('text', (t) => handlers.text!(t));
    parser.on('cdata', (t) => handlers.text!(t));
  }
  if (handlers.close) parser.on('closetag', (tag) => handlers.close!(local(tag.name)));
  for await (const chunk of partText(part)) {
    if (chunk) parser.write(chunk);
    if (error) throw new UnreadableWorkbookError((error as Error).message);
  }
  parser.close();
  if (error) throw new UnreadableWorkbookError((error as Error).message);
}

const attr = (attributes: Record<string, string>, name: string) => {
  if (name in attributes) return attributes[name];
  const key = Object.keys(attributes).find((k) => local(k) === name);
  return key === undefined ? undefined : attributes[key];
};

/** The built-in number formats Excel (and exceljs) count as a date or a time. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** exceljs's test: a format with y, m, d, h, s or b outside quotes and brackets shows a date or a time. */
function isDateFormat(format: string): boolean {
  const f = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(f);
}

/** Excel's serial day number as a Date (the 1900 system, or the 1904 one of old Mac workbooks). */
const excelDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

const A = 'A'.charCodeAt(0);
/** Column number of a cell reference ("AB12" → 28), or 0 when it is none. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i) & ~0x20; // upper case
    if (c < A || c > A + 25) break;
    col = col * 26 + (c - A + 1);
  }
  return i > 0 && i < 4 ? col : 0;
}

const MAX_COLUMN = 16_384; // XFD, Excel's last column
/** A number, an index or an error value is never this long. */
const MAX_VALUE_CHARS = 1_000;
const MAX_ROW = 1_048_576; // Excel's last row

interface Merge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

function parseRange(ref: string | undefined): Merge | null {
  const m = /^([A-Za-z]{1,3})(\d{1,7}):([A-Za-z]{1,3})(\d{1,7})$/.exec(ref ?? '');
  if (!m) return null;
  const [c1, c2, r1, r2] = [columnOf(m[1]), columnOf(m[3]), Number(m[2]), Number(m[4])];
  if (!c1 || !c2 || c1 > MAX_COLUMN || c2 > MAX_COLUMN || r1 < 1 || r2 < 1 || r1 > MAX_ROW || r2 > MAX_ROW) return null;
  return { r1: Math.min(r1, r2), r2: Math.max(r1, r2), c1: Math.min(c1, c2), c2: Math.max(c1, c2) };
}

const EMPTY: Cell = Object.freeze({ kind: 'empty' }) as Cell;
const NO_RESULT: Cell = Object.freeze({ kind: 'error', text: 'formule zonder opgeslagen uitkomst: open het bestand in Excel en sla het opnieuw op' }) as Cell;
const textCell = (text: string): Cell => (text.trim() ? { kind: 'text', text } : EMPTY);

export type XlsxStreamRead = { table: Table } | { error: string };

/**
 * Read the first visible worksheet of a workbook from its zip parts. Throws a
 * {@link FileTooLargeError} at the first limit passed, an {@link UnreadableWorkbookError} when a
 * part is not well-formed.
 */
export async function readWorkbookStream(parts: Map<string, ZipPart>, limits: FileLimits): Promise<XlsxStreamRead> {
  // The workbook: its sheets in the order it shows them, and the date system.
  const workbook = parts.get('xl/workbook.xml');
  if (!workbook) throw new UnreadableWorkbookError('no workbook');
  const sheets: { name: string; state: string; rId: string | undefined }[] = [];
  let date1904 = false;
  await parseXml(workbook, {
    open(name, a) {
      if (name === 'sheet') sheets.push({ name: attr(a, 'name') ?? '', state: attr(a, 'state') ?? 'visible', rId: attr(a, 'id') });
      else if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attr(a, 'date1904') ?? '');
    },
  });
  const targets = new Map<string, string>();
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  if (rels) {
    await parseXml(rels, {
      open(name, a) {
        const id = attr(a, 'Id');
        const target = attr(a, 'Target');
        if (name === 'Relationship' && id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
      },
    });
  }
  const sheet = sheets.find((s) => s.state === 'visible');
  if (!sheet) return { error: 'De Excel-werkmap heeft geen zichtbaar werkblad.' };
  const sheetPart = sheet.rId ? parts.get(targets.get(sheet.rId) ?? '') : undefined;
  if (!sheetPart) throw new UnreadableWorkbookError(`no part for sheet "${sheet.name}"`);

  // Styles: which cell formats show a date.
  const dateStyle: boolean[] = [];
  const styles = parts.get('xl/styles.xml');
  if (styles) {
    const custom = new Map<number, string>();
    const xfNumFmt: number[] = [];
    let inCellXfs = false;
    await parseXml(styles, {
      open(name, a) {
        if (name === 'numFmt') custom.set(Number(attr(a, 'numFmtId')), attr(a, 'formatCode') ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs && xfNumFmt.length < MAX_ROW) xfNumFmt.push(Number(attr(a, 'numFmtId') ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    });
    for (const id of xfNumFmt) {
      const format = custom.get(id);
      dateStyle.push(id > 0 && (format !== undefined ? isDateFormat(format) : BUILTIN_DATE_FORMATS.has(id)));
    }
  }

  // Shared strings: every text of the workbook once; rich text as its plain text.
  let textChars = 0;
  const countText = (n: number) => {
    textChars += n;
    if (textChars > limits.maxTextChars) throw FileTooLargeError.textChars(limits.maxTextChars);
  };
  const shared: string[] = [];
  const sharedPart = parts.get('xl/sharedStrings.xml');
  if (sharedPart) {
    let inSi = false;
    let inT = false;
    let phonetic = 0;
    let text = '';
    await parseXml(sharedPart, {
      open(name) {
        if (name === 'si') {
          inSi = true;
          text = '';
        } else if (name === 't' && inSi && !phonetic) inT = true;
        else if (name === 'rPh') phonetic++;
      },
      text(t) {
        if (!inT) return;
        countText(t.length);
        text += t;
      },
      close(name) {
        if (name === 't') inT = false;
        else if (name === 'rPh') phonetic--;
        else if (name === 'si') {
          inSi = false;
          if (shared.length >= limits.maxSharedStrings) throw FileTooLargeError.texts(limits.maxSharedStrings);
          shared.push(text);
        }
      },
    });
  }
  const sharedCells: (Cell | undefined)[] = new Array(shared.length);
  const sharedCell = (index: number): Cell => {
    if (!(index >= 0 && index < shared.length)) return EMPTY;
    return (sharedCells[index] ??= textCell(shared[index]));
  };
  // Numbers and dates repeat (days, hours): one cell object per value.
  const numberCells = new Map<number, Cell>();
  const dateCells = new Map<number, Cell>();
  const numberCell = (serial: number, isDate: boolean): Cell => {
    const cache = isDate ? dateCells : numberCells;
    let cell = cache.get(serial);
    if (!cell) {
      cell = isDate ? { kind: 'date', value: excelDate(serial, date1904) } : { kind: 'number', value: serial };
      if (cache.size < 50_000) cache.set(serial, cell);
    }
    return cell;
  };

  // The sheet, row by row.
  const rows: TableRow[] = [];
  const merges: Merge[] = [];
  let cellBudget = 0;
  const spend = (n: number) => {
    cellBudget += n;
    if (cellBudget > limits.maxCells) throw FileTooLargeError.cells(limits.maxCells);
  };
  let lastRow = 0;
  let rowNumber = 0;
  let cells: Cell[] | null = null;
  let hasValue = false;
  let nextColumn = 1;
  // The cell being read.
  let column = 0;
  let type = '';
  let style = 0;
  let formula = false;
  let value: string | null = null;
  let inline: string | null = null;
  let capture: 'v' | 't' | null = null;
  let phonetic = 0;

  const cellValue = (): Cell => {
    if (formula) {
      if (value === null) return NO_RESULT;
      switch (type) {
        case 'e':
          return { kind: 'error', text: value.trim() };
        case 'str':
        case 'inlineStr':
          return textCell(value);
        case 'b':
          return { kind: 'boolean', value: Number(value) !== 0 };
        default: {
          const n = Number(value);
          return value.trim() && Number.isFinite(n) ? numberCell(n, dateStyle[style] === true) : textCell(value);
        }
      }
    }
    switch (type) {
      case 's':
        return value === null || !value.trim() ? EMPTY : sharedCell(Number(value));
      case 'inlineStr':
        return textCell(inline ?? value ?? '');
      case 'str':
        return textCell(value ?? '');
      case 'b':
        return value === null ? EMPTY : { kind: 'boolean', value: Number(value) !== 0 };
      case 'e':
        return value === null ? EMPTY : { kind: 'error', text: value.trim() };
      case 'd': {
        const d = value === null ? NaN : Date.parse(value);
        return Number.isNaN(d) ? EMPTY : { kind: 'date', value: new Date(d) };
      }
      default: {
        if (value === null || !value.trim()) return EMPTY;
        const n = Number(value);
        return Number.isFinite(n) ? numberCell(n, dateStyle[style] === true) : { kind: 'error', text: `onleesbaar getal ${value.slice(0, 20)}` };
      }
    }
  };

  let inSheetData = false;
  let inMergeCells = false;
  await parseXml(sheetPart, {
    open(name, a) {
      if (name === 'sheetData') inSheetData = true;
      else if (!inSheetData) {
        if (name === 'mergeCells') inMergeCells = true;
        else if (name === 'mergeCell' && inMergeCells) {
          const range = parseRange(attr(a, 'ref'));
          if (!range) return;
          if (merges.length >= limits.maxMergedRanges) throw FileTooLargeError.merges(limits.maxMergedRanges);
          merges.push(range);
        }
      } else if (name === 'row') {
        const r = attr(a, 'r');
        rowNumber = r === undefined ? lastRow + 1 : Number(r);
        if (!Number.isInteger(rowNumber) || rowNumber < 1 || rowNumber > MAX_ROW) throw new UnreadableWorkbookError(`row number ${r}`);
        lastRow = Math.max(lastRow, rowNumber);
        cells = [];
        hasValue = false;
        nextColumn = 1;
      } else if (name === 'c' && cells) {
        const ref = attr(a, 'r');
        column = ref === undefined ? nextColumn : columnOf(ref);
        if (!column || column > MAX_COLUMN) throw new UnreadableWorkbookError(`cell reference ${ref}`);
        nextColumn = column + 1;
        type = attr(a, 't') ?? 'n';
        style = Number(attr(a, 's') ?? 0);
        formula = false;
        value = null;
        inline = null;
        capture = null;
      } else if (!cells) return;
      else if (name === 'v') {
        capture = 'v';
        value = '';
      } else if (name === 'f') formula = true;
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && !phonetic) {
        capture = 't';
        inline ??= '';
      }
    },
    text(t) {
      if (capture === null) return;
      // Text in a cell counts as it comes in; any other value (a number, an index) is short.
      if (capture === 't' || type === 'str' || type === 'inlineStr') countText(t.length);
      else if ((value as string).length + t.length > MAX_VALUE_CHARS) throw new UnreadableWorkbookError('value too long');
      if (capture === 'v') value += t;
      else inline += t;
    },
    close(name) {
      if (name === 'v' || name === 't') capture = null;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c' && cells) {
        const cell = cellValue();
        if (cell.kind !== 'empty') {
          cells[column - 1] = cell;
          hasValue = true;
        }
      } else if (name === 'row' && cells) {
        if (hasValue) {
          if (rows.length >= limits.maxRows) throw FileTooLargeError.rows(limits.maxRows);
          spend(cells.length);
          for (let i = 0; i < cells.length; i++) cells[i] ??= EMPTY;
          rows.push({ row: rowNumber, cells });
        }
        cells = null;
      } else if (name === 'sheetData') inSheetData = false;
      else if (name === 'mergeCells') inMergeCells = false;
    },
  });

  if (rows.some((r, i) => i > 0 && r.row <= rows[i - 1].row)) rows.sort((a, b) => a.row - b.row);
  return { table: { fileType: 'xlsx', rows: merges.length ? applyMerges(rows, merges, lastRow, spend, limits) : rows, date1904 } };
}

/**
 * As in Excel: the value of a merged range (in its top-left cell) counts in every cell the range
 * covers (a pupil number merged over that pupil's rows), and a row that is nothing but one merged
 * text over several cells is a heading, not data.
 */
function applyMerges(rows: TableRow[], merges: Merge[], lastRow: number, spend: (n: number) => void, limits: FileLimits): TableRow[] {
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const mergedIn = new Map<number, { cells: number; ranges: Set<number> }>();
  merges.forEach((m, index) => {
    const master = byRow.get(m.r1)?.cells[m.c1 - 1];
    if (!master || master.kind === 'empty') return;
    for (let r = m.r1; r <= Math.min(m.r2, lastRow); r++) {
      spend(m.c2 - m.c1 + 1);
      let row = byRow.get(r);
      if (!row) {
        if (byRow.size >= limits.maxRows) throw FileTooLargeError.rows(limits.maxRows);
        row = { row: r, cells: [] };
        byRow.set(r, row);
      }
      for (let c = m.c1; c <= m.c2; c++) row.cells[c - 1] = master;
      const info = mergedIn.get(r) ?? { cells: 0, ranges: new Set<number>() };
      info.cells += m.c2 - m.c1 + 1;
      info.ranges.add(index);
      mergedIn.set(r, info);
    }
  });
  const out: TableRow[] = [];
  for (const row of [...byRow.values()].sort((a, b) => a.row - b.row)) {
    let values = 0;
    for (let i = 0; i < row.cells.length; i++) {
      row.cells[i] ??= EMPTY;
      if (row.cells[i].kind !== 'empty') values++;
    }
    const info = mergedIn.get(row.row);
    // A heading: one merged text over several cells of this row, nothing else.
    if (info && values > 1 && info.cells === values && info.ranges.size === 1) continue;
    out.push(row);
  }
  return out;
}
