import { familyNameOf, identifierOf, mapColumns, parseEmail, textOf, type ImportFormat, type ImportRowError } from '../../kernel/files/column-mapping.ts';
import { cellText, dayProblem, isEmpty, normaliseName, parseDay, parseFlag, shown, type Cell, type Table } from '../../kernel/files/cells.ts';
import { isValidBsn, isValidOnderwijsnummer, normaliseBsn } from '../../kernel/identifiers.ts';
import type { GuardianRelation } from '../../kernel/db/schema.ts';
import { pc4Of } from '../setup/index.ts';
import { GUARDIAN_FIELD_LABELS, GUARDIAN_FORMATS, PUPIL_FIELD_LABELS, PUPIL_FORMATS, type GuardianField, type PupilField } from './pupil-formats.ts';

/**
 * Reading a pupil or guardian file into checked rows, without the database: every value is read
 * the same way (dates, identifiers, yes/no) and each problem becomes a row error saying what to
 * fix. What needs the database (is the pupil known, the gemeente, the mentor) is the import's work.
 */

export interface PupilFileRow {
  row: number;
  pupilNumber: string;
  /** The pupil number was an Excel number: leading zeros may have been lost. */
  pupilNumberFromNumber: boolean;
  givenName: string;
  familyName: string;
  birthDate: string;
  bsn: string | null;
  onderwijsnummer: string | null;
  /** A gemeente name or CBS code as in the file. */
  gemeente: string | null;
  pc4: number | null;
  group: string | null;
  mentor: string | null;
  startDate: string | null;
  level: string | null;
}

export interface ParsedFile<R> {
  format: ImportFormat<string> | null;
  columns: Record<string, string>;
  ignoredColumns: string[];
  rows: R[];
  errors: ImportRowError[];
  /** Every pupil number in the file, also of rows with errors (so such a pupil is no probable leaver). */
  numbersSeen: { value: string; fromNumber: boolean }[];
}

/** A name compared across files and schools: case, accents, punctuation and spacing do not count. */
export const nameKey = (given: string, family: string) => `${normaliseName(given)}|${normaliseName(family)}`;

/** A BSN or onderwijsnummer from a cell; an Excel number lost its leading zeros, so it is padded to 9 digits. */
function identifierDigits(cell: Cell | undefined): string | null {
  const id = identifierOf(cell);
  if (!id) return isEmpty(cell) ? null : cellText(cell);
  let v = normaliseBsn(id.value);
  if (id.fromNumber && /^\d{1,8}$/.test(v)) v = v.padStart(9, '0');
  return v;
}

export function parsePupilTable(table: Table, today: string): ParsedFile<PupilFileRow> {
  const mapped = mapColumns(table, PUPIL_FORMATS, PUPIL_FIELD_LABELS);
  const errors: ImportRowError[] = [...mapped.errors];
  const rows: PupilFileRow[] = [];
  const numbersSeen: { value: string; fromNumber: boolean }[] = [];
  for (const r of mapped.rows) {
    const c = r.cells;
    const rowErrors: ImportRowError[] = [];
    const err = (column: PupilField | null, message: string) => rowErrors.push({ row: r.row, column, message });
    const number = identifierOf(c.pupilNumber);
    if (number?.value) numbersSeen.push(number);
    if (!number || !number.value) err('pupilNumber', isEmpty(c.pupilNumber) ? 'Vul het leerlingnummer in.' : `Het leerlingnummer "${shown(cellText(c.pupilNumber))}" is geen nummer of code.`);
    else if (number.value.length > 30) err('pupilNumber', 'Het leerlingnummer is langer dan 30 tekens.');
    const givenName = textOf(c.givenName, 100);
    const familyName = familyNameOf(textOf(c.prefix, 50), textOf(c.familyName, 150));
    if (!givenName) err('givenName', 'Vul de voornaam (roepnaam) in.');
    if (!familyName) err('familyName', 'Vul de achternaam in.');
    const birthDate = parseDay(c.birthDate, table.date1904);
    if (isEmpty(c.birthDate)) err('birthDate', 'Vul de geboortedatum in (DD-MM-JJJJ).');
    else if (!birthDate) err('birthDate', dayProblem(c.birthDate, 'geboortedatum'));
    else if (birthDate > today) err('birthDate', `De geboortedatum ${birthDate} ligt in de toekomst.`);
    let bsn: string | null = null;
    let onderwijsnummer: string | null = null;
    const take = (field: PupilField, kind: 'bsn' | 'onderwijsnummer' | 'either') => {
      const v = identifierDigits(c[field]);
      if (!v) return;
      if ((kind === 'onderwijsnummer' || kind === 'either') && isValidOnderwijsnummer(v)) onderwijsnummer = v;
      else if ((kind === 'bsn' || kind === 'either') && isValidBsn(v)) bsn = v;
      else if (kind === 'bsn') err(field, `Het BSN "${shown(v)}" klopt niet: een BSN heeft 9 cijfers en moet de elfproef doorstaan. Controleer het nummer in de administratie.`);
      else if (kind === 'onderwijsnummer') err(field, `Het onderwijsnummer "${shown(v)}" klopt niet: het heeft 9 cijfers, begint met 10 en moet de elfproef doorstaan.`);
      else err(field, `"${shown(v)}" is geen geldig BSN en geen geldig onderwijsnummer (9 cijfers, elfproef). Controleer het nummer in de administratie.`);
    };
    take('identifier', 'either');
    take('bsn', 'bsn');
    take('onderwijsnummer', 'onderwijsnummer');
    const gemeente = textOf(c.gemeente, 100) || null;
    let pc4: number | null = null;
    if (!isEmpty(c.postcode)) {
      pc4 = pc4Of(c.postcode!.kind === 'number' ? c.postcode!.value : cellText(c.postcode));
      if (pc4 === null && !gemeente) err('postcode', `De postcode "${shown(cellText(c.postcode))}" is geen Nederlandse postcode (1234 AB). Verbeter de postcode of vul de gemeente in.`);
    }
    const group = textOf(c.group, 50) || null;
    const mentor = textOf(c.mentor, 200) || null;
    if (mentor && mentor.includes('@') && !parseEmail(c.mentor)) err('mentor', `Het e-mailadres van de mentor "${shown(mentor)}" klopt niet.`);
    let startDate: string | null = null;
    if (!isEmpty(c.startDate)) {
      startDate = parseDay(c.startDate, table.date1904);
      if (!startDate) err('startDate', dayProblem(c.startDate, 'inschrijfdatum'));
      else if (birthDate && startDate < birthDate) err('startDate', 'De inschrijfdatum ligt vóór de geboortedatum.');
    }
    const level = textOf(c.level, 50) || null;
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      row: r.row,
      pupilNumber: number!.value,
      pupilNumberFromNumber: number!.fromNumber,
      givenName,
      familyName,
      birthDate: birthDate!,
      bsn,
      onderwijsnummer,
      gemeente,
      pc4,
      group,
      mentor,
      startDate,
      level,
    });
  }
  return { format: mapped.format, columns: mapped.columns, ignoredColumns: mapped.ignoredColumns, rows, errors, numbersSeen };
}

export interface GuardianFileRow {
  row: number;
  pupilNumber: string;
  pupilNumberFromNumber: boolean;
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  relation: GuardianRelation;
  hasAuthority: boolean;
}

const RELATIONS: Record<string, GuardianRelation> = {
  ouder: 'parent',
  vader: 'parent',
  moeder: 'parent',
  parent: 'parent',
  pleegouder: 'foster_parent',
  pleegvader: 'foster_parent',
  pleegmoeder: 'foster_parent',
  voogd: 'guardian',
  anders: 'other',
  overig: 'other',
  other: 'other',
};

export function parseGuardianTable(table: Table): ParsedFile<GuardianFileRow> {
  const mapped = mapColumns(table, GUARDIAN_FORMATS, GUARDIAN_FIELD_LABELS);
  const errors: ImportRowError[] = [...mapped.errors];
  const rows: GuardianFileRow[] = [];
  for (const r of mapped.rows) {
    const c = r.cells;
    const rowErrors: ImportRowError[] = [];
    const err = (column: GuardianField | null, message: string) => rowErrors.push({ row: r.row, column, message });
    const number = identifierOf(c.pupilNumber);
    if (!number || !number.value) err('pupilNumber', 'Vul het leerlingnummer van het kind in.');
    const givenName = textOf(c.givenName, 100);
    const familyName = familyNameOf(textOf(c.prefix, 50), textOf(c.familyName, 150));
    if (!givenName) err('givenName', 'Vul de voornaam (of voorletters) van de ouder of verzorger in.');
    if (!familyName) err('familyName', 'Vul de achternaam van de ouder of verzorger in.');
    let email: string | null = null;
    if (!isEmpty(c.email)) {
      email = parseEmail(c.email);
      if (!email) err('email', `Het e-mailadres "${shown(cellText(c.email))}" klopt niet.`);
    }
    const phone = textOf(c.phone, 30).replace(/^'/, '') || null;
    if (phone && !/^[+0-9][0-9 ()-]{5,}$/.test(phone)) err('phone', `Het telefoonnummer "${shown(phone)}" klopt niet (alleen cijfers, spaties, +, - en haakjes).`);
    const relationText = normaliseName(cellText(c.relation));
    const relation = relationText ? RELATIONS[relationText] : undefined;
    if (!relationText) err('relation', 'Vul de relatie tot het kind in: ouder, vader, moeder, pleegouder, voogd of anders.');
    else if (!relation) err('relation', `Onbekende relatie "${shown(cellText(c.relation))}". Kies uit ouder, vader, moeder, pleegouder, voogd of anders.`);
    const flag = parseFlag(c.authority);
    if (flag === undefined) err('authority', 'Vul bij gezag "ja" of "nee" in.');
    else if (flag === null) err('authority', `Bij gezag staat "${shown(cellText(c.authority))}"; vul "ja" of "nee" in.`);
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({ row: r.row, pupilNumber: number!.value, pupilNumberFromNumber: number!.fromNumber, givenName, familyName, email, phone, relation: relation!, hasAuthority: flag as boolean });
  }
  return { format: mapped.format, columns: mapped.columns, ignoredColumns: mapped.ignoredColumns, rows, errors, numbersSeen: [] };
}

/**
 * Pupil numbers from Excel number cells lost their leading zeros: match them by value to the
 * numbers the school already uses ("123" → "000123"). A value that fits more than one number is a
 * row error. Returns the number to use, or an error message.
 */
export function numericPupilNumberIndex(known: Iterable<string>) {
  const byValue = new Map<string, Set<string>>();
  for (const n of known) {
    if (!/^\d+$/.test(n)) continue;
    const key = n.replace(/^0+(?=\d)/, '');
    let s = byValue.get(key);
    if (!s) byValue.set(key, (s = new Set()));
    s.add(n);
  }
  return (value: string, fromNumber: boolean): { number: string } | { error: string } => {
    if (!fromNumber) return { number: value };
    const candidates = [...(byValue.get(value) ?? [])];
    if (candidates.length > 1) {
      return {
        error: `Leerlingnummer ${value} staat in Excel als getal, zonder voorloopnullen, en past bij meer leerlingen van deze school (${candidates.sort((a, b) => a.length - b.length || a.localeCompare(b)).join(', ')}). Zet de kolom in Excel op Tekst en exporteer opnieuw.`,
      };
    }
    return { number: candidates[0] ?? value };
  };
}
