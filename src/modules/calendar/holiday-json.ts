import { VACATION_TYPES, type VacationType } from '../../kernel/calendar/holidays-nl.ts';
import { isSchoolYear } from '../../kernel/calendar/school-year.ts';
import type { HolidayRegion } from '../../kernel/db/schema.ts';
import { isIsoDate } from '../../kernel/time.ts';

/**
 * Reads the Rijksoverheid open-data JSON of the school holidays
 * (opendata.rijksoverheid.nl/v1/infotypes/schoolholidays[/schoolyear/2027-2028]?output=json):
 *
 *   { "content": [ { "schoolyear": "2027-2028", "vacations": [
 *       { "type": "Herfstvakantie ", "compulsorydates": "false", "regions": [
 *           { "region": "noord", "startdate": "2027-10-16T00:00:00.000Z", "enddate": "2027-10-24T21:59:00.000Z" } ] } ] } ] }
 *
 * Accepted variants, all seen in the published data: the list endpoint's array of such documents;
 * a single content item; type names with surrounding spaces, newlines or capitals; the region
 * "heel Nederland" (same dates for all regions); timestamps such as "2023-10-21T22:00:00.000Z" and
 * "2023-10-29T21:59:00.000Z"; and plain YYYY-MM-DD dates.
 *
 * A timestamp's own date (its first ten characters) is the day: in the captured 2023-2024 response
 * every start and end date read that way is the official first and last day (herfstvakantie noord
 * 21 to 29 October 2023, kerstvakantie 23 December to 7 January), while reading the timestamp as a
 * time in Amsterdam would move the starts a day later (22 October, 24 December) and turn a single
 * free day into an end before its start. Errors say where (a path into the file) and what is wrong,
 * in Dutch.
 */

export interface ParsedPeriod {
  schoolYear: string;
  vacationType: VacationType;
  /** null: "heel Nederland". */
  region: HolidayRegion | null;
  start: string;
  end: string;
}

export interface ImportError {
  path: string;
  message: string;
}

export interface ParseResult {
  schoolYears: string[];
  periods: ParsedPeriod[];
  errors: ImportError[];
  /**
   * Set when the file as a whole is unusable (empty, no JSON, not the Rijksoverheid structure,
   * nested too deep, a character that cannot be stored): the import answers 422 for the field
   * "file" instead of a preview. `errors` then holds the same message.
   */
  fileError?: { code: string; message: string };
}

/** The real file is nested 8 levels deep; far deeper is no schoolvakantiebestand. */
export const MAX_DEPTH = 32;
/** School years outside these years are a mistake (and year 0 does not exist for the database). */
const FIRST_YEAR = 1990;
const LAST_YEAR = 2100;

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** The calendar day (YYYY-MM-DD) of an open-data date, or null when it is no date. */
export function openDataDay(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return isIsoDate(s) ? s : null;
  const m = TIMESTAMP.exec(s);
  if (!m || !isIsoDate(m[1]) || Number.isNaN(Date.parse(s))) return null;
  return m[1];
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A value from the file for a message: cut short (a file may hold anything). */
function show(v: unknown): string {
  let text: string;
  try {
    text = typeof v === 'string' ? `"${v.trim()}"` : (JSON.stringify(v) ?? 'niets');
  } catch {
    text = Array.isArray(v) ? 'een lijst' : 'een object';
  }
  return cut(text, 60);
}

/** At most `max` characters, never half a character. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const part = text.slice(0, max - 1);
  return `${/[\uD800-\uDBFF]$/.test(part) ? part.slice(0, -1) : part}…`;
}
const REGIONS: Record<string, HolidayRegion | null> = { noord: 'noord', midden: 'midden', zuid: 'zuid', 'heel nederland': null };
const isRegion = (name: string) => Object.prototype.hasOwnProperty.call(REGIONS, name);

const DOWNLOAD = 'Download de schoolvakanties opnieuw als JSON (output=json) van opendata.rijksoverheid.nl.';

/**
 * The whole file checked before it is read: not nested deeper than {@link MAX_DEPTH}, and no
 * text with a NUL character or half a Unicode character (which the database cannot store).
 */
function checkStructure(root: unknown): { code: string; message: string } | null {
  const stack: [unknown, string, number][] = [[root, '', 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) return { code: 'too_deep', message: `Het bestand is dieper genest dan ${MAX_DEPTH} niveaus; dat is geen schoolvakantiebestand van de Rijksoverheid. ${DOWNLOAD}` };
    const texts = typeof v === 'string' ? [v] : v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
    for (const text of texts) {
      if (text.includes('\u0000') || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) {
        return { code: 'invalid_character', message: `Het bestand bevat een ongeldig teken (zoals een NUL-teken, \\u0000)${path ? ` bij ${cut(path, 200)}` : ''}. ${DOWNLOAD}` };
      }
    }
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, `${path}[${i}]`, depth + 1]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) stack.push([x, path ? `${path}.${k}` : k, depth + 1]);
  }
  return null;
}

/** Parses the bytes or text of a file, or an already parsed JSON value (a request body). */
export function parseRijksoverheidJson(input: Buffer | string | unknown): ParseResult {
  let root: unknown = input;
  if (typeof input === 'string' || Buffer.isBuffer(input)) {
    const text = (Buffer.isBuffer(input) ? input.toString('utf8') : input).replace(/^\uFEFF/, '');
    if (!text.trim()) return fail('empty', 'Het bestand is leeg. Download de schoolvakanties als JSON van opendata.rijksoverheid.nl.');
    try {
      root = JSON.parse(text);
    } catch (err) {
      // The parser's message quotes the file: keep it short and without characters that cannot be stored.
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is taken out
      const why = (err as Error).message.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/[\uD800-\uDFFF]/g, '\uFFFD').slice(0, 120);
      return fail('not_json', `Het bestand is geen geldige JSON (${why}). ${DOWNLOAD}`);
    }
  }
  const structure = checkStructure(root);
  if (structure) return fail(structure.code, structure.message);

  // The list endpoint answers an array of documents; the school-year endpoint one document.
  const documents: { doc: unknown; path: string }[] = Array.isArray(root) ? root.map((doc, i) => ({ doc, path: `[${i}]` })) : [{ doc: root, path: '' }];
  const items: { item: unknown; path: string }[] = [];
  for (const { doc, path } of documents) {
    if (isObject(doc) && Array.isArray(doc.content)) doc.content.forEach((item, i) => items.push({ item, path: `${path}${path ? '.' : ''}content[${i}]` }));
    else if (isObject(doc) && 'vacations' in doc) items.push({ item: doc, path: path || '' });
  }
  if (!items.length) {
    return fail(
      'not_holiday_file',
      'Dit is geen schoolvakantiebestand van de Rijksoverheid: er staat geen "content" met "schoolyear" en "vacations" in. Download het bestand via opendata.rijksoverheid.nl (schoolvakanties, JSON).',
    );
  }

  const errors: ImportError[] = [];
  const periods: ParsedPeriod[] = [];
  const schoolYears: string[] = [];
  const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

  for (const { item, path } of items) {
    if (!isObject(item)) {
      errors.push({ path, message: 'Hier hoort een schooljaar met "schoolyear" en "vacations" te staan.' });
      continue;
    }
    const schoolYear = typeof item.schoolyear === 'string' ? item.schoolyear.trim() : '';
    if (!isSchoolYear(schoolYear)) {
      errors.push({ path: at(path, 'schoolyear'), message: `Schooljaar ${show(item.schoolyear)} klopt niet: schrijf het als twee opeenvolgende jaren, bijvoorbeeld "2027-2028".` });
      continue;
    }
    if (schoolYears.includes(schoolYear)) {
      errors.push({ path: at(path, 'schoolyear'), message: `Schooljaar ${schoolYear} staat twee keer in het bestand.` });
      continue;
    }
    const first = Number(schoolYear.slice(0, 4));
    if (first < FIRST_YEAR || first >= LAST_YEAR) {
      errors.push({ path: at(path, 'schoolyear'), message: `Schooljaar ${schoolYear} ligt niet tussen ${FIRST_YEAR} en ${LAST_YEAR}; controleer het bestand.` });
      continue;
    }
    schoolYears.push(schoolYear);
    const earliest = `${first}-08-01`;
    const latestStart = `${first + 1}-07-31`;
    const latestEnd = `${first + 1}-09-30`;
    if (!Array.isArray(item.vacations) || item.vacations.length === 0) {
      errors.push({ path: at(path, 'vacations'), message: `Schooljaar ${schoolYear} heeft geen vakanties ("vacations" ontbreekt of is leeg).` });
      continue;
    }
    const seen = new Map<string, string>();
    item.vacations.forEach((vacation, j) => {
      const vPath = at(path, `vacations[${j}]`);
      if (!isObject(vacation)) {
        errors.push({ path: vPath, message: 'Hier hoort een vakantie met "type" en "regions" te staan.' });
        return;
      }
      const type = typeof vacation.type === 'string' ? normalise(vacation.type) : '';
      if (!(VACATION_TYPES as readonly string[]).includes(type)) {
        errors.push({ path: `${vPath}.type`, message: `Onbekend vakantietype ${show(vacation.type)}. Bekend zijn: ${VACATION_TYPES.join(', ')}.` });
        return;
      }
      if (!Array.isArray(vacation.regions) || vacation.regions.length === 0) {
        errors.push({ path: `${vPath}.regions`, message: `De ${type} ${schoolYear} heeft geen regio's met data ("regions" ontbreekt of is leeg).` });
        return;
      }
      vacation.regions.forEach((r, k) => {
        const rPath = `${vPath}.regions[${k}]`;
        if (!isObject(r)) {
          errors.push({ path: rPath, message: 'Hier hoort een regio met "region", "startdate" en "enddate" te staan.' });
          return;
        }
        const regionName = typeof r.region === 'string' ? normalise(r.region) : '';
        if (!isRegion(regionName)) {
          errors.push({ path: `${rPath}.region`, message: `Onbekende regio ${show(r.region)} bij de ${type} ${schoolYear}. Bekend zijn: noord, midden, zuid en heel Nederland.` });
          return;
        }
        const region = REGIONS[regionName];
        const label = region ?? 'heel Nederland';
        const start = openDataDay(r.startdate);
        const end = openDataDay(r.enddate);
        let ok = true;
        if (!start) {
          errors.push({ path: `${rPath}.startdate`, message: `Begindatum ${show(r.startdate)} van de ${type} (${label}) is geen geldige datum; verwacht bijvoorbeeld "2027-10-16T00:00:00.000Z".` });
          ok = false;
        }
        if (!end) {
          errors.push({ path: `${rPath}.enddate`, message: `Einddatum ${show(r.enddate)} van de ${type} (${label}) is geen geldige datum; verwacht bijvoorbeeld "2027-10-24T00:00:00.000Z".` });
          ok = false;
        }
        if (!ok) return;
        if (end! < start!) {
          errors.push({ path: `${rPath}.enddate`, message: `De ${type} (${label}, ${schoolYear}) eindigt op ${end}, vóór de begindatum ${start}.` });
          return;
        }
        if (start! < earliest || start! > latestStart || end! > latestEnd) {
          errors.push({ path: rPath, message: `De ${type} (${label}) van ${start} tot en met ${end} valt niet in schooljaar ${schoolYear} (1 augustus ${first} – 31 juli ${first + 1}).` });
          return;
        }
        const key = `${type}|${region ?? 'heel Nederland'}`;
        const mixed = region === null ? [...seen.keys()].some((x) => x.startsWith(`${type}|`)) : seen.has(`${type}|heel Nederland`);
        if (seen.has(key)) {
          errors.push({ path: rPath, message: `De ${type} ${schoolYear} staat twee keer in het bestand voor ${label}.` });
          return;
        }
        if (mixed) {
          errors.push({ path: rPath, message: `De ${type} ${schoolYear} heeft zowel data voor "heel Nederland" als voor losse regio's; dat is dubbel.` });
          return;
        }
        seen.set(key, rPath);
        periods.push({ schoolYear, vacationType: type as VacationType, region, start: start!, end: end! });
      });
    });
  }
  return { schoolYears, periods, errors };
}

function fail(code: string, message: string): ParseResult {
  return { schoolYears: [], periods: [], errors: [{ path: '', message }], fileError: { code, message } };
}
