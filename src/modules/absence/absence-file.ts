import { sql } from 'kysely';
import type { Database } from '../../kernel/db/database.ts';
import { readTableFile, type FileOptions } from '../../kernel/files/table-file.ts';
import { mapTable, type MappedFile } from './formats/map-table.ts';
import type { AbsenceRow, RowError } from './formats/types.ts';

export { detectFileKind, MAX_UNZIPPED_BYTES, readXlsxTable, zipEntries, type FileKind, type FileOptions } from '../../kernel/files/table-file.ts';

/**
 * The absence import's file: read by the shared reader (kernel/files: CSV or XLSX, recognised by
 * content), then mapped by the format recognised from its header.
 */
export async function parseAbsenceFile(content: Buffer, options: FileOptions = {}): Promise<MappedFile> {
  const read = await readTableFile(content, options);
  if ('error' in read) return { rows: [], errors: [{ row: read.row ?? 0, column: null, message: read.error }], format: null, fileType: read.fileType };
  return mapTable(read.table, options);
}

/**
 * Leading zeros of a pupil number that Excel stored as a number cell are lost ("000123" became
 * 123). Such a number is matched to this school's pupil numbers by value, but only when exactly one
 * pupil number has that value; when several do, the row is an error asking for the column as text.
 * Pupil numbers in text cells (and all CSV values) are matched exactly, as typed.
 */
export async function matchNumericPupilNumbers(database: Database, organisationId: string, parsed: MappedFile): Promise<MappedFile> {
  const numeric = [...new Set(parsed.rows.filter((r) => r.leerlingFromNumber).map((r) => r.leerling))];
  if (!numeric.length) return parsed;
  const known = new Map<string, string[]>();
  for (let i = 0; i < numeric.length; i += 1000) {
    const batch = numeric.slice(i, i + 1000);
    const found = await database.db
      .selectFrom('enrolments')
      .select('pupil_number')
      .distinct()
      .where('organisation_id', '=', organisationId)
      .where(sql<string>`coalesce(nullif(ltrim(pupil_number, '0'), ''), '0')`, 'in', batch)
      .execute();
    for (const f of found) {
      const key = f.pupil_number!.replace(/^0+(?=\d)/, '');
      known.set(key, [...(known.get(key) ?? []), f.pupil_number!]);
    }
  }
  const errors: RowError[] = [...parsed.errors];
  const rows: AbsenceRow[] = [];
  for (const r of parsed.rows) {
    if (!r.leerlingFromNumber) {
      rows.push(r);
      continue;
    }
    const candidates = known.get(r.leerling) ?? [];
    if (candidates.length > 1) {
      errors.push({
        row: r.row,
        column: 'leerling',
        message: `Leerlingnummer ${r.leerling} staat in Excel als getal, zonder voorloopnullen, en past bij meer leerlingen van deze school (${candidates.sort((a, b) => a.length - b.length || a.localeCompare(b)).join(', ')}). Zet de kolom in Excel op Tekst en exporteer opnieuw.`,
      });
    } else {
      rows.push(candidates.length === 1 ? { ...r, leerling: candidates[0] } : r);
    }
  }
  // The same pupil may now appear twice on a day with the same reason (once as text, once as number).
  const seen = new Map<string, number>();
  const kept: AbsenceRow[] = [];
  for (const r of rows) {
    const key = `${r.leerling}|${r.day}|${r.reason}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push({ row: r.row, column: 'leerling', message: `Dubbel: dezelfde leerling, datum en reden staan ook op regel ${first}.` });
    else {
      seen.set(key, r.row);
      kept.push(r);
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { ...parsed, rows: kept, errors };
}

/** Read an uploaded file for one school: parse it, then match pupil numbers that Excel stored as numbers. */
export async function readAbsenceFile(database: Database, organisationId: string, input: { content: Buffer }, options: FileOptions = {}): Promise<MappedFile> {
  return matchNumericPupilNumbers(database, organisationId, await parseAbsenceFile(input.content, options));
}
