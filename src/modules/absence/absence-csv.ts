import { parse } from 'csv-parse/sync';
import { isIsoDate } from '../../kernel/time.ts';

/**
 * The generic absence import format (issue contract): CSV in UTF-8 with a header row, separated by
 * "," or ";", columns `leerling` (the child id or the school's own pupil number), `datum`
 * (YYYY-MM-DD), `uren` (hours missed; decimal comma or point) and `reden`.
 */
export const REASONS = {
  ziek: 'ill',
  geoorloofd: 'authorised',
  schorsing: 'suspension',
  ongeoorloofd: 'unauthorised',
  'te-laat': 'late',
  luxeverzuim: 'luxury',
  overig: 'other',
} as const;
export type AbsenceReason = (typeof REASONS)[keyof typeof REASONS];

export interface AbsenceRow {
  /** Line number in the file (the header is line 1). */
  row: number;
  leerling: string;
  day: string;
  hours: number;
  reason: AbsenceReason;
}

export interface RowError {
  row: number;
  column: string | null;
  message: string;
}

const REQUIRED = ['leerling', 'datum', 'uren', 'reden'] as const;

export function parseAbsenceCsv(content: Buffer | string): { rows: AbsenceRow[]; errors: RowError[] } {
  let text = typeof content === 'string' ? content : content.toString('utf8');
  if (typeof content !== 'string' && text.includes('\uFFFD')) {
    return { rows: [], errors: [{ row: 0, column: null, message: 'Het bestand is niet in UTF-8 opgeslagen. Sla het op als "CSV UTF-8" en probeer het opnieuw.' }] };
  }
  text = text.replace(/^\uFEFF/, '');
  if (!text.trim()) return { rows: [], errors: [{ row: 0, column: null, message: 'Het bestand is leeg.' }] };
  const firstLine = text.split(/\r?\n/, 1)[0];
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    return { rows: [], errors: [{ row: 0, column: null, message: `Het bestand is geen geldige CSV: ${(err as Error).message}` }] };
  }
  const header = records[0].map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) {
    return { rows: [], errors: [{ row: 1, column: null, message: `Kolom(men) ontbreken in de kopregel: ${missing.join(', ')}. Verwacht: leerling, datum, uren, reden.` }] };
  }
  const at = Object.fromEntries(REQUIRED.map((c) => [c, header.indexOf(c)])) as Record<(typeof REQUIRED)[number], number>;
  const rows: AbsenceRow[] = [];
  const errors: RowError[] = [];
  records.slice(1).forEach((rec, i) => {
    const row = i + 2;
    const get = (c: (typeof REQUIRED)[number]) => (rec[at[c]] ?? '').trim();
    const before = errors.length;
    const leerling = get('leerling');
    if (!leerling) errors.push({ row, column: 'leerling', message: 'Vul het leerlingnummer of de id van het kind in.' });
    const day = get('datum');
    if (!isIsoDate(day)) errors.push({ row, column: 'datum', message: `"${day}" is geen datum als JJJJ-MM-DD.` });
    const rawHours = get('uren').replace(',', '.');
    const hours = Number(rawHours);
    if (!/^\d+(\.\d+)?$/.test(rawHours) || !(hours > 0) || hours > 12) errors.push({ row, column: 'uren', message: `"${get('uren')}" is geen aantal uren tussen 0 en 12.` });
    const reden = get('reden').toLowerCase();
    const reason = REASONS[reden as keyof typeof REASONS];
    if (!reason) errors.push({ row, column: 'reden', message: `Onbekende reden "${get('reden')}". Kies uit: ${Object.keys(REASONS).join(', ')}.` });
    if (errors.length === before) rows.push({ row, leerling, day, hours: Math.round(hours * 100) / 100, reason });
  });
  // The same pupil, day and reason twice in one file is ambiguous: which hours count?
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.leerling}|${r.day}|${r.reason}`;
    if (seen.has(key)) errors.push({ row: r.row, column: 'leerling', message: `Dubbel: dezelfde leerling, datum en reden staan ook op regel ${seen.get(key)}.` });
    else seen.set(key, r.row);
  }
  return { rows: rows.filter((r) => !errors.some((e) => e.row === r.row)), errors };
}
