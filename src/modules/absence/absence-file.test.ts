import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectFileKind, parseAbsenceFile } from './absence-file.ts';
import { zip as writeZip } from '../../../test/support/xlsx.ts';

/** A zip written by hand that declares a tiny unpacked size, as a zip bomb would: the check must not trust it. */
const zip = (entries: Record<string, Buffer | string>) => writeZip(entries, { declaredSize: (n) => Math.min(n, 100) });

/** A workbook made the way Excel stores it; `build` fills the sheets. */
async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const generic = ['leerling', 'datum', 'uren', 'reden'];

describe('reading an Excel workbook (.xlsx)', () => {
  it('reads real date cells, decimals, text with leading zeros, and gives the spreadsheet row numbers', async () => {
    const file = await xlsx((wb) => {
      const ws = wb.addWorksheet('Verzuim');
      ws.addRow(generic);
      ws.addRow(['000123', new Date(Date.UTC(2026, 10, 23)), 2.5, 'ongeoorloofd']);
      ws.addRow(['000124', new Date(Date.UTC(2026, 10, 24)), 1.25, 'ziek']);
      ws.getCell('B2').numFmt = 'dd-mm-yyyy';
    });
    const r = await parseAbsenceFile(file);
    expect(r).toMatchObject({ format: 'generiek', fileType: 'xlsx', errors: [] });
    expect(r.rows).toEqual([
      { row: 2, leerling: '000123', day: '2026-11-23', hours: 2.5, reason: 'unauthorised' },
      { row: 3, leerling: '000124', day: '2026-11-24', hours: 1.25, reason: 'ill' },
    ]);
  });

  it('a date serial number in a number cell is a date; a pupil number in a number cell is marked (its zeros may be lost)', async () => {
    const file = await xlsx((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.addRow(generic);
      ws.addRow([123, 46349, 2, 'te-laat']);
    });
    const r = await parseAbsenceFile(file);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([{ row: 2, leerling: '123', leerlingFromNumber: true, day: '2026-11-23', hours: 2, reason: 'late' }]);
  });

  it('the header is the first non-empty row; a merged title, empty rows and merged heading rows are skipped', async () => {
    const file = await xlsx((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.getCell('A1').value = 'Absenties week 47';
      ws.mergeCells('A1:D1');
      ws.getRow(3).values = generic;
      ws.getRow(4).values = ['a', '2026-11-23', 1, 'ziek'];
      ws.getCell('A6').value = 'Klas 2B';
      ws.mergeCells('A6:D6');
      ws.getRow(7).values = ['b', '23-11-2026', '1,5', 'overig'];
    });
    const r = await parseAbsenceFile(file);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.row, x.leerling, x.hours])).toEqual([
      [4, 'a', 1],
      [7, 'b', 1.5],
    ]);
  });

  it('a pupil number merged over several rows counts for each of them (Magister, one row per lesson)', async () => {
    const file = await xlsx((wb) => {
      const ws = wb.addWorksheet('Absenties');
      ws.addRow(['Stamnummer', 'Datum', 'Lesuur', 'Omschrijving', 'Geoorloofd']);
      ws.addRow(['2001', new Date(Date.UTC(2026, 10, 23)), 1, 'Ongeoorloofd afwezig', 'Nee']);
      ws.addRow([null, new Date(Date.UTC(2026, 10, 23)), 2, 'Ongeoorloofd afwezig', 'Nee']);
      ws.addRow([null, new Date(Date.UTC(2026, 10, 23)), 3, 'Ongeoorloofd afwezig', 'Nee']);
      ws.mergeCells('A2:A4');
    });
    const r = await parseAbsenceFile(file);
    expect(r).toMatchObject({ format: 'magister', fileType: 'xlsx', errors: [] });
    expect(r.rows).toEqual([{ row: 2, leerling: '2001', day: '2026-11-23', hours: 2.5, reason: 'unauthorised' }]);
  });

  it('formulas count with the result Excel stored; a formula without one, or an error value, is a per-row error', async () => {
    const file = await xlsx((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.addRow(generic);
      ws.addRow([{ formula: 'TEXT(123,"000000")', result: '000123' }, { formula: 'DATE(2026,11,23)', result: new Date(Date.UTC(2026, 10, 23)) }, { formula: '1+1', result: 2 }, { formula: 'LOWER("ZIEK")', result: 'ziek' }]);
      ws.addRow(['b', { formula: 'TODAY()' }, 1, 'ziek']);
      ws.addRow(['c', '2026-11-23', { error: '#N/A' }, 'ziek']);
    });
    const r = await parseAbsenceFile(file);
    expect(r.rows).toEqual([{ row: 2, leerling: '000123', day: '2026-11-23', hours: 2, reason: 'ill' }]);
    expect(r.errors).toEqual([
      { row: 3, column: 'datum', message: expect.stringContaining('geen geldige datum') },
      { row: 4, column: 'uren', message: expect.stringContaining('#N/A') },
    ]);
  });

  it('hours typed as a duration (2:30) count as 2.5; a time in the date column or hours that round to 0 are errors', async () => {
    const file = await xlsx((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.addRow(generic);
      ws.addRow(['a', '2026-11-23', new Date(Date.UTC(1899, 11, 30, 2, 30)), 'ziek']);
      ws.addRow(['b', new Date(Date.UTC(1899, 11, 30, 8, 30)), 1, 'ziek']);
      ws.addRow(['c', '2026-11-23', 0.001, 'ziek']);
      ws.getCell('C2').numFmt = '[h]:mm';
    });
    const r = await parseAbsenceFile(file);
    expect(r.rows).toEqual([{ row: 2, leerling: 'a', day: '2026-11-23', hours: 2.5, reason: 'ill' }]);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'datum'],
      [4, 'uren'],
    ]);
  });

  it('hidden sheets are ignored: the first visible sheet is read', async () => {
    const file = await xlsx((wb) => {
      const hidden = wb.addWorksheet('Oud', { state: 'hidden' });
      hidden.addRow(generic);
      hidden.addRow(['verborgen', '2026-11-23', 1, 'ziek']);
      const ws = wb.addWorksheet('Nu');
      ws.addRow(generic);
      ws.addRow(['zichtbaar', '2026-11-23', 1, 'ziek']);
    });
    const r = await parseAbsenceFile(file);
    expect(r.rows.map((x) => x.leerling)).toEqual(['zichtbaar']);
  });

  it('a workbook with only hidden sheets, or an empty sheet, says so', async () => {
    const hiddenOnly = await xlsx((wb) => {
      wb.addWorksheet('Oud', { state: 'hidden' }).addRow(generic);
    });
    expect((await parseAbsenceFile(hiddenOnly)).errors[0].message).toMatch(/geen zichtbaar werkblad/);
    const empty = await xlsx((wb) => void wb.addWorksheet('Leeg'));
    expect((await parseAbsenceFile(empty)).errors[0].message).toMatch(/leeg/);
  });

  it('a bad row gets its spreadsheet row number and column; good rows are kept', async () => {
    const file = await xlsx((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.addRow([]);
      ws.getRow(2).values = generic;
      ws.getRow(3).values = ['a', '2026-11-23', 1, 'ziek'];
      ws.getRow(4).values = ['b', '2026-11-23', 1, 'vakantie'];
      ws.getRow(5).values = ['c', '2026-13-01', 1, 'ziek'];
    });
    const r = await parseAbsenceFile(file);
    expect(r.rows.map((x) => x.leerling)).toEqual(['a']);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [4, 'reden'],
      [5, 'datum'],
    ]);
  });

  it('too many rows gives one clear error (limit made small here)', async () => {
    const file = await xlsx((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.addRow(generic);
      for (let i = 0; i < 30; i++) ws.addRow([`p${i}`, '2026-11-23', 1, 'ziek']);
    });
    const r = await parseAbsenceFile(file, { maxRows: 10 });
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ row: 0, column: null, message: expect.stringMatching(/meer dan 10 regels.*Splits/) }]);
    expect((await parseAbsenceFile(file, { maxRows: 30 })).rows).toHaveLength(30);
  });

  it('a workbook that unpacks larger than the limit is refused before it is opened, whatever sizes it declares', async () => {
    const bomb = zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': Buffer.alloc(2 * 1024 * 1024, 0x20) });
    expect(detectFileKind(bomb)).toBe('xlsx');
    const r = await parseAbsenceFile(bomb, { maxUnzippedBytes: 1024 * 1024 });
    expect(r.errors).toEqual([{ row: 0, column: null, message: expect.stringMatching(/uitgepakt groter dan 1 MB/) }]);
  });

  it('a zip that claims to be a workbook but is not is refused, not crashed on', async () => {
    const fake = zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': 'geen xml' });
    const r = await parseAbsenceFile(fake);
    expect(r.rows).toEqual([]);
    expect(r.errors[0].message).toMatch(/kan niet worden gelezen|geen zichtbaar werkblad/);
  });
});

describe('recognising the file by its content, not its name', () => {
  const cases: [string, Buffer, string, RegExp][] = [
    ['old Excel (.xls)', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'xls', /oud Excel-bestand \(\.xls\).*\.xlsx.*CSV UTF-8/],
    ['a zip with other files', zip({ 'verzuim.txt': 'leerling;datum;uren;reden' }), 'zip', /zip-bestand, maar geen Excel-werkmap/],
    ['a Word document', zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }), 'zip', /geen Excel-werkmap/],
    ['OpenDocument spreadsheet', zip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content/>' }), 'ods', /OpenDocument.*\.xlsx.*CSV UTF-8/],
    ['an HTML table saved as .xls', Buffer.from('\uFEFF  <html><table><tr><td>leerling</td></tr></table></html>'), 'html', /webpagina \(HTML\).*\.xlsx.*CSV UTF-8/],
    ['a PDF', Buffer.from('%PDF-1.7\n...'), 'pdf', /PDF/],
    ['a picture', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'binary', /geen CSV-bestand en geen Excel-werkmap/],
  ];
  it.each(cases)('%s is refused with a Dutch message saying what to save it as', async (_name, content, kind, message) => {
    expect(detectFileKind(content)).toBe(kind);
    const r = await parseAbsenceFile(content);
    expect(r).toMatchObject({ rows: [], format: null, fileType: null });
    expect(r.errors).toEqual([{ row: 0, column: null, message: expect.stringMatching(message) }]);
  });

  it('a workbook is read as one whatever its name; text is read as CSV', async () => {
    const book = await xlsx((wb) => {
      const ws = wb.addWorksheet('Blad1');
      ws.addRow(generic);
      ws.addRow(['a', '2026-11-23', 1, 'ziek']);
    });
    expect(book.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    expect(detectFileKind(book)).toBe('xlsx');
    expect((await parseAbsenceFile(book)).fileType).toBe('xlsx');
    expect(await parseAbsenceFile(Buffer.from('leerling,datum,uren,reden\na,2026-11-23,1,ziek'))).toMatchObject({ fileType: 'csv', format: 'generiek', errors: [] });
  });

  it('a CSV in Windows-1252 (old Excel "CSV") is refused with the UTF-8 message', async () => {
    const latin1 = Buffer.from([...Buffer.from('leerling;datum;uren;reden\nJos'), 0xe9, ...Buffer.from(';2026-11-23;1;ziek\n')]);
    const r = await parseAbsenceFile(latin1);
    expect(r.errors).toEqual([{ row: 0, column: null, message: 'Het bestand is niet in UTF-8 opgeslagen. Sla het op als "CSV UTF-8" en probeer het opnieuw.' }]);
  });

  it('a CSV in UTF-16 (Excel "Unicode text") is refused with its own message', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('leerling\tdatum\turen\treden\n', 'utf16le')]);
    expect((await parseAbsenceFile(utf16)).errors[0].message).toMatch(/UTF-16.*CSV UTF-8/);
  });

  it('";" and "," and tab separated files all read, with a comma inside quotes kept', async () => {
    for (const text of ['leerling;datum;uren;reden\na;2026-11-23;1,5;ziek', 'leerling,datum,uren,reden\na,2026-11-23,"1,5",ziek', 'leerling\tdatum\turen\treden\na\t2026-11-23\t1,5\tziek']) {
      const r = await parseAbsenceFile(Buffer.from(text));
      expect([text, r.errors]).toEqual([text, []]);
      expect(r.rows[0]).toMatchObject({ leerling: 'a', hours: 1.5, reason: 'ill' });
    }
  });

  it('a CSV with too many rows gives one clear error', async () => {
    const lines = ['leerling;datum;uren;reden', ...Array.from({ length: 50 }, (_, i) => `p${i};2026-11-23;1;ziek`)];
    const r = await parseAbsenceFile(Buffer.from(lines.join('\n')), { maxRows: 20 });
    expect(r.errors).toEqual([{ row: 0, column: null, message: expect.stringMatching(/meer dan 20 regels/) }]);
  });

  it('CSV row numbers are the lines of the file, also after blank lines and a value spanning two lines', async () => {
    const r = await parseAbsenceFile(Buffer.from('leerling;datum;uren;reden\n\na;2026-11-23;1;"zi\nek"\nb;2026-11-23;x;ziek\n'));
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'reden'],
      [5, 'uren'],
    ]);
  });
});
