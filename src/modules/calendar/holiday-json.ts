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
 * "heel Nederland" (same dates for all regions); timestamps at midnight UTC, at 22:00/23:00 UTC of
 * the day before (midnight in Amsterdam) or at 21:59/22:59 UTC (23:59 in Amsterdam on the last day);
 * and plain YYYY-MM-DD dates. A timestamp is read as the calendar day in Europe/Amsterdam.
 * Errors say where (a path into the file) and what is wrong, in Dutch.
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
}

const amsterdamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** The calendar day (YYYY-MM-DD) of an open-data date, or null when it is no date. */
export function openDataDay(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return isIsoDate(s) ? s : null;
  const m = TIMESTAMP.exec(s);
  if (!m || !isIsoDate(m[1])) return null;
  if (!m[2]) return m[1]; // no zone: a floating date-time, its date is the day
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : amsterdamDay.format(new Date(t));
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (typeof v === 'string' ? `"${v.trim()}"` : JSON.stringify(v) ?? 'niets');
const REGIONS: Record<string, HolidayRegion | null> = { noord: 'noord', midden: 'midden', zuid: 'zuid', 'heel nederland': null };

/** Parses the bytes or text of a file, or an already parsed JSON value (a request body). */
export function parseRijksoverheidJson(input: Buffer | string | unknown): ParseResult {
  let root: unknown = input;
  if (typeof input === 'string' || Buffer.isBuffer(input)) {
    const text = (Buffer.isBuffer(input) ? input.toString('utf8') : input).replace(/^\uFEFF/, '');
    if (!text.trim()) return fail('', 'Het bestand is leeg. Download de schoolvakanties als JSON van opendata.rijksoverheid.nl.');
    try {
      root = JSON.parse(text);
    } catch (err) {
      return fail('', `Het bestand is geen geldige JSON (${(err as Error).message}). Download de schoolvakanties opnieuw als JSON (output=json) van opendata.rijksoverheid.nl.`);
    }
  }

  // The list endpoint answers an array of documents; the school-year endpoint one document.
  const documents: { doc: unknown; path: string }[] = Array.isArray(root) ? root.map((doc, i) => ({ doc, path: `[${i}]` })) : [{ doc: root, path: '' }];
  const items: { item: unknown; path: string }[] = [];
  for (const { doc, path } of documents) {
    if (isObject(doc) && Array.isArray(doc.content)) doc.content.forEach((item, i) => items.push({ item, path: `${path}${path ? '.' : ''}content[${i}]` }));
    else if (isObject(doc) && 'vacations' in doc) items.push({ item: doc, path: path || '' });
  }
  if (!items.length) {
    return fail(
      '',
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
    schoolYears.push(schoolYear);
    const first = Number(schoolYear.slice(0, 4));
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
        if (!(regionName in REGIONS)) {
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

function fail(path: string, message: string): ParseResult {
  return { schoolYears: [], periods: [], errors: [{ path, message }] };
}
