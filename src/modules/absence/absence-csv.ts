import { readCsvTable } from '../../kernel/files/csv-table.ts';
import { mapTable, type MappedFile, type MapOptions } from './formats/map-table.ts';

export { NOT_UTF8, readCsvTable } from '../../kernel/files/csv-table.ts';

/**
 * Reading a CSV absence file: UTF-8 (with or without BOM), a header row, separated by ";", "," or
 * a tab (recognised from the header). Every cell is text: a value starting with =, +, - or @ is
 * plain data, nothing in a file is ever evaluated. The rows are then mapped by the format
 * recognised from the header (the generic format or a vendor's, see ./formats).
 */
export { REASONS } from './formats/generiek.ts';
export type { AbsenceReason, AbsenceRow, RowError } from './formats/types.ts';

/** Parse a CSV absence file into rows and per-row errors (nothing is written). */
export function parseAbsenceCsv(content: Buffer | string, options: MapOptions = {}): MappedFile {
  const read = readCsvTable(content, options);
  if ('error' in read) return { rows: [], errors: [{ row: read.row ?? 0, column: null, message: read.error }], format: null, fileType: 'csv' };
  return mapTable(read.table, options);
}
