import { detectFormat, MAPPINGS, missingGenericColumns, type DetectedFormat } from './index.ts';
import { normaliseName, type AbsenceReason, type AbsenceRow, type Cell, type FormatId, type FormatMapping, type RowError, type Table, type TableRow } from './types.ts';
import { ABSENCE_REASON_LABELS, UNAUTHORISED_REASONS } from '../../../contracts/values/absence.ts';

import { cellText, isEmpty, isImpossibleDay, MAX_ROWS, parseDay, parseDecimal, parseFlag, shown } from '../../../kernel/files/cells.ts';

export { cellText, MAX_ROWS, parseDay, parseDecimal, parseFlag, shown };
/** The header is the first non-empty row; rows before it that match no format (a title, a date) are skipped, up to this many. */
const HEADER_LOOKAHEAD = 10;
/** Hours of one pupil on one day: more than 0 and at most 12. */
const MAX_HOURS_PER_DAY = 12;

export interface MappedFile {
  rows: AbsenceRow[];
  errors: RowError[];
  /** The format recognised from the header, or null when none matched. */
  format: FormatId | null;
  /** What the file turned out to be; null when it was refused as neither CSV nor XLSX. */
  fileType: 'csv' | 'xlsx' | null;
}

export interface MapOptions {
  maxRows?: number;
}

const fileError = (table: Pick<Table, 'fileType'>, message: string, row = 0): MappedFile => ({ rows: [], errors: [{ row, column: null, message }], format: null, fileType: table.fileType });

/** Minutes since midnight: "8:30", "08.30", "23-11-2026 08:30", an Excel time (fraction of a day) or date-time. */
export function parseTime(cell: Cell | undefined): number | null {
  if (!cell) return null;
  if (cell.kind === 'date') {
    if (Number.isNaN(cell.value.getTime())) return null;
    return cell.value.getUTCHours() * 60 + cell.value.getUTCMinutes() + (cell.value.getUTCSeconds() >= 30 ? 1 : 0);
  }
  if (cell.kind === 'number') {
    if (!Number.isFinite(cell.value) || cell.value < 0) return null;
    const fraction = cell.value - Math.floor(cell.value);
    return Math.round(fraction * 1440) % 1440;
  }
  if (cell.kind !== 'text') return null;
  const m = /(?:^|[ T])(\d{1,2})[:.](\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(cell.text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 23 && min <= 59 ? h * 60 + min : null;
}

/** Lesson periods in a cell: "3", 3, or a range "3-5". */
export function parsePeriods(cell: Cell | undefined): number[] | null {
  if (!cell) return null;
  let from: number;
  let to: number;
  if (cell.kind === 'number') {
    from = to = cell.value;
  } else if (cell.kind === 'text') {
    const m = /^(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?$/.exec(cell.text.trim());
    if (!m) return null;
    from = Number(m[1]);
    to = m[2] ? Number(m[2]) : from;
  } else {
    return null;
  }
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to > 20) return null;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const AUTHORISED_KINDS = new Set<AbsenceReason>(['ill', 'authorised', 'suspension']);
const UNAUTHORISED_KINDS = new Set<AbsenceReason>(UNAUTHORISED_REASONS);
const REASON_NL = ABSENCE_REASON_LABELS;

/** The reasons a mapping knows, for the message about an unknown one. */
function acceptedReasons(mapping: FormatMapping): string {
  if (mapping.id === 'generiek') return 'Kies uit: ziek, geoorloofd, schorsing, ongeoorloofd, te-laat, luxeverzuim, overig.';
  const known = Object.entries(mapping.reasons).filter(([, target]) => target !== 'skip').map(([label]) => label);
  return `Bekende redenen voor ${mapping.label}: ${known.join(', ')}. Pas de reden in de export aan, of laat de beheerder deze reden toevoegen aan de koppeling (zie de documentatie van de verzuimimport).`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const nlDay = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

/** The part of a day a row covers, to find the same lesson or time twice. */
type Slot = { kind: 'periods'; periods: number[] } | { kind: 'time'; from: number; to: number };

/** What rows of one file share while they are read: the format, the errors, and each row's slot. */
interface Context {
  detected: DetectedFormat;
  table: Table;
  errors: RowError[];
  slots: Map<number, Slot>;
}

/** A row without any value (rows of only spaces included). */
function isBlank(r: TableRow) {
  return r.cells.every(isEmpty);
}

/**
 * Turn a table read from a CSV or XLSX file into absence rows: find the header, recognise the
 * format from it, read and check every row, and add up rows of exports with one row per lesson.
 */
export function mapTable(table: Table, options: MapOptions = {}): MappedFile {
  const maxRows = options.maxRows ?? MAX_ROWS;
  const rows = table.rows.filter((r) => !isBlank(r));
  if (!rows.length) return fileError(table, 'Het bestand is leeg.');

  let headerIndex = -1;
  let detected: DetectedFormat | null = null;
  for (let i = 0; i < Math.min(rows.length, HEADER_LOOKAHEAD); i++) {
    detected = detectFormat(rows[i].cells.map(cellText));
    if (detected) {
      headerIndex = i;
      break;
    }
  }
  if (!detected) {
    const first = rows[0];
    const header = first.cells.map(cellText);
    const missing = missingGenericColumns(header);
    const seen = header.filter(Boolean).map(shown).join(', ');
    return fileError(
      table,
      `De kopregel (regel ${first.row}: ${seen || 'leeg'}) past bij geen bekend formaat. ` +
        `${missing.length < 4 ? `Voor het algemene formaat ontbreken de kolom(men): ${missing.join(', ')}. ` : ''}` +
        `Het algemene formaat heeft de kolommen leerling, datum, uren en reden. ` +
        `Geprobeerd: ${MAPPINGS.map((m) => m.label).join(', ')}.`,
      first.row,
    );
  }
  const data = rows.slice(headerIndex + 1);
  if (data.length > maxRows) {
    return fileError(table, `Het bestand heeft meer dan ${maxRows.toLocaleString('nl-NL')} regels met verzuim; zoveel kan niet in één keer. Splits het bestand, bijvoorbeeld per maand.`);
  }
  const { mapping } = detected;
  const errors: RowError[] = [];
  const ctx: Context = { detected, table, errors, slots: new Map() };
  const candidates: AbsenceRow[] = [];
  for (const r of data) {
    const c = readRow(r, ctx);
    if (c) candidates.push(c);
  }

  // A row with an error is not among the candidates; the checks below leave out the rows they fault.
  let result: AbsenceRow[];
  if (!mapping.aggregate) {
    // The generic format: the same pupil, day and reason twice is ambiguous (which hours count?).
    const seen = new Map<string, number>();
    result = [];
    for (const r of candidates) {
      const key = `${r.leerling}|${r.day}|${r.reason}`;
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({ row: r.row, column: 'leerling', message: `Dubbel: dezelfde leerling, datum en reden staan ook op regel ${first}.` });
      } else {
        seen.set(key, r.row);
        result.push(r);
      }
    }
  } else {
    result = aggregate(candidates, ctx);
  }
  errors.sort((a, b) => a.row - b.row);
  return {
    rows: result,
    errors,
    format: mapping.id,
    fileType: table.fileType,
  };
}

/** Exports with one row per lesson or report: add up per pupil, day and reason; the same lesson or time twice is an error. */
function aggregate(candidates: AbsenceRow[], ctx: Context): AbsenceRow[] {
  const { errors } = ctx;
  const slots = new Map<string, { slot: Slot; row: number }[]>();
  const groups = new Map<string, { first: AbsenceRow; hours: number; rows: number[] }>();
  for (const c of candidates) {
    const slot = ctx.slots.get(c.row);
    if (slot) {
      const dayKey = `${c.leerling}|${c.day}`;
      const taken = slots.get(dayKey) ?? [];
      const clash = taken.find((t) => overlaps(t.slot, slot));
      if (clash) {
        errors.push({ row: c.row, column: 'uren', message: `${describeSlot(slot)} van deze leerling op ${nlDay(c.day)} staat ook op regel ${clash.row}.` });
        continue;
      }
      taken.push({ slot, row: c.row });
      slots.set(dayKey, taken);
    }
    const key = `${c.leerling}|${c.day}|${c.reason}`;
    const g = groups.get(key);
    if (g) {
      g.hours += c.hours;
      g.rows.push(c.row);
    } else {
      groups.set(key, { first: c, hours: c.hours, rows: [c.row] });
    }
  }
  const out: AbsenceRow[] = [];
  for (const g of groups.values()) {
    const hours = Math.round(g.hours * 100) / 100;
    if (hours > MAX_HOURS_PER_DAY) {
      errors.push({ row: g.first.row, column: 'uren', message: `Samen ${hours.toLocaleString('nl-NL')} uur ${REASON_NL[g.first.reason]} op ${nlDay(g.first.day)} (regels ${g.rows.join(', ')}); meer dan ${MAX_HOURS_PER_DAY} uur op één dag kan niet.` });
      continue;
    }
    out.push({ ...g.first, hours });
  }
  return out;
}

function overlaps(a: Slot, b: Slot): boolean {
  if (a.kind === 'periods' && b.kind === 'periods') return a.periods.some((p) => b.periods.includes(p));
  if (a.kind === 'time' && b.kind === 'time') return a.from < b.to && b.from < a.to;
  return false;
}

function describeSlot(s: Slot): string {
  if (s.kind === 'time') return `De tijd ${hhmm(s.from)}–${hhmm(s.to)}`;
  return s.periods.length === 1 ? `Lesuur ${s.periods[0]}` : `Lesuur ${s.periods[0]}–${s.periods[s.periods.length - 1]}`;
}

type Field = 'leerling' | 'datum' | 'einddatum' | 'reden' | 'geoorloofd' | 'soort';
/** " (kolom "Stamnummer")" for a vendor's export, to name the column as the user knows it; nothing for the generic format. */
function inColumnOf(detected: DetectedFormat, field: Field): string {
  return detected.mapping.id === 'generiek' ? '' : ` (kolom "${shown(detected.names[field])}")`;
}

const cellAt = (cells: Cell[], i: number): Cell | undefined => (i >= 0 ? cells[i] : undefined);

/** Read one data row; pushes its errors and returns the row when it is fine (null when it has errors or is no absence). */
function readRow(r: TableRow, ctx: Context): AbsenceRow | null {
  const { detected, table, errors } = ctx;
  const { mapping, at, names, hours: hoursColumns } = detected;
  const row = r.row;
  const cells = r.cells;
  const before = errors.length;

  // The reason first: a row that is no absence at all (present, homework forgotten) is left out.
  let reason: AbsenceReason | null = null;
  const soortValue = at.soort >= 0 ? normaliseName(cellText(cellAt(cells, at.soort))) : '';
  if (soortValue && mapping.soortReasons?.[soortValue]) reason = mapping.soortReasons[soortValue];
  const rawReason = cellText(cellAt(cells, at.reden));
  const flag = at.geoorloofd >= 0 ? parseFlag(cellAt(cells, at.geoorloofd)) : undefined;
  if (!reason) {
    const target = mapping.reasons[normaliseName(rawReason)];
    if (target === 'skip') return null;
    if (!rawReason) {
      errors.push({ row, column: 'reden', message: `Vul de reden in${inColumnOf(detected, 'reden')}.` });
    } else if (!target) {
      errors.push({ row, column: 'reden', message: `Onbekende reden "${shown(rawReason)}"${inColumnOf(detected, 'reden')}. ${acceptedReasons(mapping)}` });
    } else if (target === 'by-flag') {
      if (at.geoorloofd < 0) {
        errors.push({ row, column: 'reden', message: `De reden "${shown(rawReason)}" zegt niet of het verzuim geoorloofd was, en het bestand heeft geen kolom Geoorloofd. Exporteer die kolom mee of kies een preciezere reden.` });
      } else if (flag === undefined || flag === null) {
        errors.push({ row, column: 'reden', message: `De reden "${shown(rawReason)}" zegt niet of het verzuim geoorloofd was; vul in de kolom "${shown(names.geoorloofd)}" ja of nee in.` });
      } else {
        reason = flag ? 'authorised' : 'unauthorised';
      }
    } else {
      reason = target;
    }
  }
  if (reason && at.geoorloofd >= 0) {
    if (flag === null) {
      errors.push({ row, column: 'reden', message: `"${shown(cellText(cellAt(cells, at.geoorloofd)))}" in de kolom "${shown(names.geoorloofd)}" is geen ja of nee.` });
    } else if ((flag === false && AUTHORISED_KINDS.has(reason)) || (flag === true && UNAUTHORISED_KINDS.has(reason))) {
      errors.push({
        row,
        column: 'reden',
        message: `Tegenstrijdig: de reden "${shown(rawReason || soortValue)}" is ${REASON_NL[reason]}, maar de kolom "${shown(names.geoorloofd)}" zegt ${flag ? 'geoorloofd' : 'ongeoorloofd'}. Controleer deze regel in de leerlingadministratie.`,
      });
    }
  }

  // The pupil: text as it is (leading zeros count); an Excel number cell as its digits.
  const lc = cellAt(cells, at.leerling);
  let leerling = '';
  let leerlingFromNumber = false;
  if (lc?.kind === 'number') {
    if (Number.isInteger(lc.value) && lc.value >= 0) {
      leerling = String(lc.value);
      leerlingFromNumber = true;
    } else {
      errors.push({ row, column: 'leerling', message: `"${lc.value}"${inColumnOf(detected, 'leerling')} is geen leerlingnummer.` });
    }
  } else if (lc?.kind === 'error') {
    errors.push({ row, column: 'leerling', message: `De cel${inColumnOf(detected, 'leerling')} bevat een Excel-fout of een formule zonder uitkomst (${shown(lc.text)}).` });
  } else {
    leerling = cellText(lc);
    if (!leerling) errors.push({ row, column: 'leerling', message: `Vul het leerlingnummer of de id van het kind in${inColumnOf(detected, 'leerling')}.` });
    else if (leerling.length > 64) errors.push({ row, column: 'leerling', message: `"${shown(leerling)}"${inColumnOf(detected, 'leerling')} is geen leerlingnummer.` });
  }

  // The day; a report over several days cannot be turned into hours.
  const dc = cellAt(cells, at.datum);
  const day = parseDay(dc, table.date1904);
  if (!day) {
    const fix = isImpossibleDay(dc) ? 'Die dag bestaat niet: controleer de dag en de maand.' : 'Gebruik JJJJ-MM-DD of DD-MM-JJJJ.';
    errors.push({ row, column: 'datum', message: `"${shown(cellText(dc))}"${inColumnOf(detected, 'datum')} is geen geldige datum. ${fix}` });
  } else if (at.einddatum >= 0 && !isEmpty(cellAt(cells, at.einddatum))) {
    const end = parseDay(cellAt(cells, at.einddatum), table.date1904);
    if (!end) errors.push({ row, column: 'datum', message: `"${shown(cellText(cellAt(cells, at.einddatum)))}"${inColumnOf(detected, 'einddatum')} is geen geldige datum.` });
    else if (end !== day) errors.push({ row, column: 'datum', message: `Deze melding loopt van ${nlDay(day)} tot ${nlDay(end)}. Meldingen over meer dagen kunnen niet in uren worden omgerekend: exporteer het verzuim per dag.` });
  }

  // The hours, from the source this file has.
  const h = readHours(cells, detected, mapping.periodMinutes ?? 50);
  // Exports per lesson are added up first and rounded after (three 50-minute periods are 2.5 hours).
  const hours = 'error' in h ? 0 : mapping.aggregate ? h.hours : Math.round(h.hours * 100) / 100;
  if ('error' in h) {
    errors.push({ row, column: 'uren', message: h.error });
  } else if (!(hours > 0) || hours > MAX_HOURS_PER_DAY) {
    const name = hoursColumns.names.join('/');
    errors.push({ row, column: 'uren', message: `${h.shown}${mapping.id === 'generiek' ? '' : ` (kolom "${shown(name)}")`} is geen aantal uren tussen 0 en ${MAX_HOURS_PER_DAY}.` });
  }

  if (errors.length > before || !reason || !day || 'error' in h) return null;
  if (h.slot) ctx.slots.set(row, h.slot);
  return leerlingFromNumber ? { row, leerling, leerlingFromNumber, day, hours, reason } : { row, leerling, day, hours, reason };
}

type HoursRead = { hours: number; shown: string; slot?: Slot } | { error: string };

const hoursColumn = (detected: DetectedFormat, names: string[], i: number) => (detected.mapping.id === 'generiek' ? '' : ` (kolom "${shown(names[i])}")`);
const quoted = (cell: Cell | undefined) => `"${shown(cellText(cell))}"`;

function readHours(rowCells: Cell[], detected: DetectedFormat, periodMinutes: number): HoursRead {
  const { source, at, names } = detected.hours;
  const cells = at.length === 1 ? [rowCells[at[0]]] : [rowCells[at[0]], rowCells[at[1]]];
  switch (source.kind) {
    case 'hours':
    case 'minutes':
    case 'periods': {
      const c = cells[0];
      // Hours typed as a duration ("2:30") are an Excel time: a date on 30 December 1899.
      if (source.kind === 'hours' && c?.kind === 'date' && c.value.getTime() < Date.UTC(1900, 0, 1)) {
        return { hours: (c.value.getTime() - Date.UTC(1899, 11, 30)) / 3_600_000, shown: `"${hhmm(Math.round((c.value.getTime() - Date.UTC(1899, 11, 30)) / 60_000))}"` };
      }
      const v = parseDecimal(c);
      if (v === null) return { error: `${quoted(cells[0])}${hoursColumn(detected, names, 0)} is geen getal${source.kind === 'hours' ? ' (uren, met decimale komma of punt)' : ''}.` };
      const hours = source.kind === 'hours' ? v : source.kind === 'minutes' ? v / 60 : (v * periodMinutes) / 60;
      return { hours, shown: quoted(cells[0]) };
    }
    case 'period': {
      const periods = parsePeriods(cells[0]);
      if (!periods || periods.length === 0) return { error: `${quoted(cells[0])}${hoursColumn(detected, names, 0)} is geen lesuur (een getal, of van-tot zoals 3-4).` };
      return { hours: (periods.length * periodMinutes) / 60, shown: quoted(cells[0]), slot: { kind: 'periods', periods } };
    }
    case 'periodRange': {
      const from = parsePeriods(cells[0]);
      const to = parsePeriods(cells[1]);
      if (!from || from.length !== 1) return { error: `${quoted(cells[0])}${hoursColumn(detected, names, 0)} is geen lesuur.` };
      if (!to || to.length !== 1) return { error: `${quoted(cells[1])}${hoursColumn(detected, names, 1)} is geen lesuur.` };
      if (to[0] < from[0]) return { error: `Het laatste lesuur (${to[0]}) ligt voor het eerste (${from[0]}).` };
      const periods = Array.from({ length: to[0] - from[0] + 1 }, (_, i) => from[0] + i);
      return { hours: (periods.length * periodMinutes) / 60, shown: `lesuur ${from[0]}–${to[0]}`, slot: { kind: 'periods', periods } };
    }
    case 'times': {
      const from = parseTime(cells[0]);
      const to = parseTime(cells[1]);
      if (from === null) return { error: `${quoted(cells[0])}${hoursColumn(detected, names, 0)} is geen tijd (UU:MM).` };
      if (to === null) return { error: `${quoted(cells[1])}${hoursColumn(detected, names, 1)} is geen tijd (UU:MM).` };
      if (to <= from) return { error: `De eindtijd ${hhmm(to)} ligt niet na de begintijd ${hhmm(from)}.` };
      return { hours: (to - from) / 60, shown: `${hhmm(from)}–${hhmm(to)}`, slot: { kind: 'time', from, to } };
    }
  }
}
