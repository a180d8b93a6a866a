import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, type Cell } from './cells.ts';
import { readCsvTable } from './csv-table.ts';
import { DEFAULT_FILE_LIMITS, FileTooLargeError, type FileLimits } from './file-limits.ts';
import { ImportBusyError, LARGE_UNZIPPED_BYTES, largeImportSlot } from './import-slot.ts';
import { detectFileKind, readTableFile, readXlsxTable } from './table-file.ts';
import { NS, zip } from '../../../test/support/xlsx.ts';

/** A workbook written with exceljs's streaming writer (as a large export would be): `rows` rows of `cols` cells under a header. */
async function streamedWorkbook(rows: number, cols: number, value: (r: number, c: number) => ExcelJS.CellValue = (r, c) => `r${r}c${c}`): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const ws = wb.addWorksheet('Blad1');
  ws.addRow(Array.from({ length: cols }, (_, c) => `kolom ${c + 1}`)).commit();
  for (let r = 1; r <= rows; r++) ws.addRow(Array.from({ length: cols }, (_, c) => value(r, c))).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** A hand-made workbook: sheets (name → sheet XML body, in workbook order), optional shared strings and styles. */
function handMadeWorkbook(opts: { sheets: { name: string; file: string; state?: string; data: string; after?: string }[]; shared?: string[]; styles?: string; date1904?: boolean }): Buffer {
  const entries: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  };
  // The sheet parts first, as Excel writes them (before the shared strings and the styles).
  for (const s of opts.sheets) entries[`xl/worksheets/${s.file}`] = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${s.data}</sheetData>${s.after ?? ''}</worksheet>`;
  entries['xl/workbook.xml'] =
    `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}>${opts.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>` +
    opts.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>';
  entries['xl/_rels/workbook.xml.rels'] =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    opts.sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/${s.file}"/>`).join('') +
    '</Relationships>';
  if (opts.shared) entries['xl/sharedStrings.xml'] = `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>${opts.shared.map((t) => `<si>${t.startsWith('<') ? t : `<t>${t}</t>`}</si>`).join('')}</sst>`;
  if (opts.styles) entries['xl/styles.xml'] = `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}>${opts.styles}</styleSheet>`;
  return zip(entries);
}

const texts = (cells: Cell[]) => cells.map(cellText);

async function refusal(read: Promise<unknown>): Promise<FileTooLargeError> {
  const err = await read.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FileTooLargeError);
  return err as FileTooLargeError;
}

describe('reading a workbook is bounded: at the first limit passed it stops with a 422', () => {
  const limits = (l: Partial<FileLimits>) => ({ limits: l });

  it('rows: exactly the limit is read, one more row is refused with what to do', async () => {
    const atLimit = await streamedWorkbook(99, 3); // + header = 100 rows
    expect(((await readXlsxTable(atLimit, limits({ maxRows: 100 }))) as { table: { rows: unknown[] } }).table.rows).toHaveLength(100);
    const err = await refusal(readXlsxTable(await streamedWorkbook(100, 3), limits({ maxRows: 100 })));
    expect(err).toMatchObject({ status: 422, code: 'too_many_rows', invalidParams: [{ name: 'file', code: 'too_many_rows' }] });
    expect(err.detail).toMatch(/^Het bestand heeft meer dan 100 rijen met gegevens; .*Splits het bestand/);
  });

  it('cells: rows × columns, empty cells before the last value included', async () => {
    expect('table' in (await readXlsxTable(await streamedWorkbook(99, 10), limits({ maxCells: 1000 })))).toBe(true);
    const err = await refusal(readXlsxTable(await streamedWorkbook(100, 10), limits({ maxCells: 1000 })));
    expect(err).toMatchObject({ status: 422, code: 'too_many_cells' });
    expect(err.detail).toMatch(/^Het bestand heeft meer dan 1\.000 cellen \(rijen × kolommen\); .*Splits het bestand/);
    // One value far to the right counts every cell before it.
    const wide = handMadeWorkbook({ sheets: [{ name: 'Blad1', file: 'sheet1.xml', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="ZZ1" t="inlineStr"><is><t>b</t></is></c></row>' }] });
    expect((await refusal(readXlsxTable(wide, limits({ maxCells: 500 })))).code).toBe('too_many_cells');
  });

  it('shared strings: their number and their characters', async () => {
    const book = await streamedWorkbook(60, 1, (r) => `tekst ${r}`);
    expect((await refusal(readXlsxTable(book, limits({ maxSharedStrings: 50 })))).code).toBe('too_many_texts');
    expect((await refusal(readXlsxTable(book, limits({ maxTextChars: 300 })))).code).toBe('too_much_text');
    expect('table' in (await readXlsxTable(book, limits({ maxSharedStrings: 61, maxTextChars: 1000 })))).toBe(true);
  });

  it('merged ranges', async () => {
    const merges = '<mergeCells count="3"><mergeCell ref="A1:B1"/><mergeCell ref="A2:B2"/><mergeCell ref="A3:B3"/></mergeCells>';
    const book = handMadeWorkbook({ sheets: [{ name: 'Blad1', file: 'sheet1.xml', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>', after: merges }] });
    expect((await refusal(readXlsxTable(book, limits({ maxMergedRanges: 2 })))).code).toBe('too_many_merged_cells');
    expect('table' in (await readXlsxTable(book, limits({ maxMergedRanges: 3 })))).toBe(true);
  });

  it('a CSV: rows, cells and line length', async () => {
    const csv = (lines: number, cols: number) => Buffer.from(Array.from({ length: lines }, (_, i) => Array.from({ length: cols }, (_, c) => `v${i}-${c}`).join(';')).join('\n'));
    expect((await refusal(readTableFile(csv(101, 2), limits({ maxRows: 100 })))).code).toBe('too_many_rows');
    expect((await refusal(readTableFile(csv(20, 10), limits({ maxCells: 150 })))).code).toBe('too_many_cells');
    // With quotes the full CSV parser reads it; the same limits hold.
    const quoted = Buffer.from(['a;b', ...Array.from({ length: 120 }, (_, i) => `"x${i}";"y"`)].join('\n'));
    expect((await refusal(readTableFile(quoted, limits({ maxRows: 100 })))).code).toBe('too_many_rows');
    expect('table' in (await readTableFile(quoted, limits({ maxRows: 121 })))).toBe(true);
    const long = Buffer.from(`a;b\n${'x'.repeat(1_000_001)};y\n`);
    const err = await refusal(readTableFile(long));
    expect(err).toMatchObject({ code: 'line_too_long' });
    expect(err.detail).toMatch(/^Regel 2 van het bestand is langer dan 1\.000\.000 tekens/);
  });

  it('the defaults leave room for the largest import and are what a reader uses without options', async () => {
    expect(DEFAULT_FILE_LIMITS).toEqual({ maxRows: 500_010, maxCells: 6_000_000, maxSharedStrings: 2_000_000, maxTextChars: 64_000_000, maxMergedRanges: 100_000 });
    // 500,011 rows of one value: over the default row limit, also without options.
    const text = `leerling\n${'a\n'.repeat(500_011)}`;
    const err = await refusal(readTableFile(Buffer.from(text)));
    expect(err.detail).toMatch(/meer dan 500\.010 rijen/);
  });
});

describe('the streaming workbook reader reads what the workbook holds', () => {
  it('a character split between two unpacked chunks stays whole', async () => {
    // Shared strings well over the 256 kB chunks the reader unpacks in, full of two-byte characters.
    const book = await streamedWorkbook(4000, 1, (r) => `${'é'.repeat(50 + (r % 7))}ß${r}`);
    const read = await readXlsxTable(book);
    if (!('table' in read)) throw new Error(read.error);
    const values = read.table.rows.slice(1).map((r) => cellText(r.cells[0]));
    expect(values).toHaveLength(4000);
    values.forEach((v, i) => expect(v).toBe(`${'é'.repeat(50 + ((i + 1) % 7))}ß${i + 1}`));
    expect(values.join('')).not.toContain('\uFFFD');
  });

  it('cell types: inline and rich text, booleans, errors, formulas with their stored result, dates by style, the 1904 system', async () => {
    const styles =
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>' +
      '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs>';
    const row1 =
      '<row r="1">' +
      '<c r="A1" t="s"><v>0</v></c>' + // shared, rich text
      '<c r="B1" t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve">line </t></r></is></c>' +
      '<c r="C1" t="b"><v>1</v></c>' +
      '<c r="D1" t="e"><v>#N/A</v></c>' +
      '<c r="E1" t="str"><f>UPPER("x")</f><v>Smit</v></c>' +
      '<c r="F1" t="e"><f>A1</f><v>#REF!</v></c>' +
      '<c r="G1"><f>TODAY()</f></c>' +
      '<c r="H1" s="1"><v>46349</v></c>' + // built-in date format 14
      '<c r="I1" s="2"><f>DATE(2026,11,23)</f><v>46349</v></c>' + // custom date format, formula
      '<c r="J1" s="3"><v>2.5</v></c>' + // a number format that is no date
      '<c r="K1" t="s"><v>1</v></c>' + // leading zeros kept as text
      '</row>';
    // No r attributes: the next row and the next column.
    const row2 = '<row><c t="inlineStr"><is><t>zonder</t></is></c><c t="inlineStr"><is><t>adres</t></is></c></row>';
    const book = handMadeWorkbook({ sheets: [{ name: 'Blad1', file: 'sheet1.xml', data: row1 + row2 }], shared: ['<r><t>rich</t></r><r><t> text</t></r><rPh><t>ignored</t></rPh>', '000123'], styles });
    const read = await readXlsxTable(book);
    if (!('table' in read)) throw new Error(read.error);
    const [r1, r2] = read.table.rows;
    expect(r1.cells.map((c) => c.kind)).toEqual(['text', 'text', 'boolean', 'error', 'text', 'error', 'error', 'date', 'date', 'number', 'text']);
    expect(texts(r1.cells)).toEqual(['rich text', 'inline', 'ja', '#N/A', 'Smit', '#REF!', expect.stringContaining('formule zonder opgeslagen uitkomst'), '2026-11-23', '2026-11-23', '2.5', '000123']);
    expect(r2).toEqual({ row: 2, cells: [{ kind: 'text', text: 'zonder' }, { kind: 'text', text: 'adres' }] });

    const old = handMadeWorkbook({ date1904: true, sheets: [{ name: 'Blad1', file: 'sheet1.xml', data: '<row r="1"><c r="A1" s="1"><v>44887</v></c></row>' }], styles });
    const read1904 = await readXlsxTable(old);
    if (!('table' in read1904)) throw new Error(read1904.error);
    expect(read1904.table.date1904).toBe(true);
    expect(cellText(read1904.table.rows[0].cells[0])).toBe('2026-11-23');
  });

  it('the first visible sheet in the order the workbook shows them, whatever the order of the parts', async () => {
    const book = handMadeWorkbook({
      sheets: [
        { name: 'Verborgen', file: 'sheet3.xml', state: 'hidden', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>verborgen</t></is></c></row>' },
        { name: 'Eerste', file: 'sheet2.xml', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>eerste</t></is></c></row>' },
        { name: 'Tweede', file: 'sheet1.xml', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>tweede</t></is></c></row>' },
      ],
    });
    const read = await readXlsxTable(book);
    if (!('table' in read)) throw new Error(read.error);
    expect(texts(read.table.rows[0].cells)).toEqual(['eerste']);
  });

  it('a merged value counts in every cell it covers, also on a row that has nothing else; a merged heading is skipped', async () => {
    const data =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Verzuim week 47</t></is></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>leerling</t></is></c><c r="B2" t="inlineStr"><is><t>uren</t></is></c></row>' +
      '<row r="3"><c r="A3" t="inlineStr"><is><t>2001</t></is></c><c r="B3"><v>1</v></c></row>' +
      '<row r="5"><c r="B5"><v>3</v></c></row>';
    const after = '<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="A3:A5"/></mergeCells>';
    const read = await readXlsxTable(handMadeWorkbook({ sheets: [{ name: 'Blad1', file: 'sheet1.xml', data, after }] }));
    if (!('table' in read)) throw new Error(read.error);
    expect(read.table.rows.map((r) => [r.row, ...texts(r.cells)])).toEqual([
      [2, 'leerling', 'uren'],
      [3, '2001', '1'],
      [4, '2001'],
      [5, '2001', '3'],
    ]);
  });
});

describe('a NUL character inside an uploaded file', () => {
  it('a CSV says on which line it is (also in the first lines, which are not taken for a binary file)', async () => {
    const read = await readTableFile(Buffer.from('leerling;datum;uren;reden\na;2026-11-23;1;ziek\nb\u0000;2026-11-23;1;ziek\n'));
    expect(detectFileKind(Buffer.from('leerling;datum\na\u0000;b\n'))).toBe('csv');
    expect(read).toEqual({ fileType: 'csv', row: 3, error: expect.stringMatching(/^Regel 3 van het bestand bevat een ongeldig teken \(een NUL-teken, \\u0000\)/) });
    expect(readCsvTable('a;b\n\nc;d\u0000\n')).toMatchObject({ row: 3 });
  });

  it('a workbook with a NUL (which XML does not allow, also not as &#0;) is refused with a clear message', async () => {
    for (const t of ['a&#0;b', 'a&#x0;b', 'a\u0000b']) {
      const book = handMadeWorkbook({ sheets: [{ name: 'Blad1', file: 'sheet1.xml', data: `<row r="1"><c r="A1" t="inlineStr"><is><t>${t}</t></is></c></row>` }] });
      expect(await readTableFile(book), t).toEqual({ fileType: 'xlsx', error: expect.stringMatching(/bevat een teken dat niet in een werkmap mag staan \(bijvoorbeeld een NUL-teken/) });
    }
  });
});

describe('one large import at a time', () => {
  it('a small upload that unpacks large takes the slot while its workbook is read, and is refused while another holds it', async () => {
    // Unpacks to just over the threshold (whitespace compresses to almost nothing); it is no real sheet.
    const sheet = Buffer.concat([Buffer.from(`<?xml version="1.0"?><worksheet ${NS}><sheetData>`), Buffer.alloc(LARGE_UNZIPPED_BYTES, 0x20), Buffer.from('</sheetData></worksheet>')]);
    const book = handMadeWorkbook({ sheets: [{ name: 'Blad1', file: 'sheet1.xml', data: '' }] });
    const big = zip({
      '[Content_Types].xml': '<Types/>',
      'xl/workbook.xml': `<workbook ${NS}><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml': sheet,
    });
    expect(big.length).toBeLessThan(1024 * 1024);
    const other = largeImportSlot.tryAcquire()!;
    try {
      const err = await readXlsxTable(big).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ImportBusyError);
      expect(err).toMatchObject({ status: 503, retryAfterSeconds: 60, detail: 'Er wordt al een groot bestand verwerkt. Probeer het over een minuut opnieuw.' });
      // A small workbook does not wait.
      expect('table' in (await readXlsxTable(book))).toBe(true);
    } finally {
      other.release();
    }
    const read = await readXlsxTable(big);
    expect('table' in read && read.table.rows).toEqual([]);
    expect(largeImportSlot.busy).toBe(false);
  });
});
