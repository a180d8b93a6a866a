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
    const rowErrors: ImportRowError[] = [];
    const row = readPupilRow(table, today, r.row, r.cells, rowErrors, numbersSeen);
    if (rowErrors.length) errors.push(...rowErrors);
    else rows.push(row);
  }
  return { format: mapped.format, columns: mapped.columns, ignoredColumns: mapped.ignoredColumns, rows, errors, numbersSeen };
}

// The row readers are plain functions, not closures made per row: a file has thousands of rows.
const rowError = (errors: ImportRowError[], row: number, column: string | null, message: string) => errors.push({ row, column, message });

/** One row of a pupil file; its problems are added to `rowErrors` (the row is then not used). */
function readPupilRow(table: Table, today: string, row: number, c: Partial<Record<PupilField, Cell>>, rowErrors: ImportRowError[], numbersSeen: { value: string; fromNumber: boolean }[]): PupilFileRow {
  const number = identifierOf(c.pupilNumber);
  if (number?.value) numbersSeen.push(number);
  if (!number || !number.value) rowError(rowErrors, row, 'pupilNumber', isEmpty(c.pupilNumber) ? 'Vul het leerlingnummer in.' : `Het leerlingnummer "${shown(cellText(c.pupilNumber))}" is geen nummer of code.`);
  else if (number.value.length > 30) rowError(rowErrors, row, 'pupilNumber', 'Het leerlingnummer is langer dan 30 tekens.');
  const givenName = textOf(c.givenName, 100);
  const familyName = familyNameOf(textOf(c.prefix, 50), textOf(c.familyName, 150));
  if (!givenName) rowError(rowErrors, row, 'givenName', 'Vul de voornaam (roepnaam) in.');
  if (!familyName) rowError(rowErrors, row, 'familyName', 'Vul de achternaam in.');
  const birthDate = parseDay(c.birthDate, table.date1904);
  if (isEmpty(c.birthDate)) rowError(rowErrors, row, 'birthDate', 'Vul de geboortedatum in (DD-MM-JJJJ).');
  else if (!birthDate) rowError(rowErrors, row, 'birthDate', dayProblem(c.birthDate, 'geboortedatum'));
  else if (birthDate > today) rowError(rowErrors, row, 'birthDate', `De geboortedatum ${birthDate} ligt in de toekomst.`);
  const ids: { bsn: string | null; onderwijsnummer: string | null } = { bsn: null, onderwijsnummer: null };
  takeIdentifier(ids, c, 'identifier', 'either', row, rowErrors);
  takeIdentifier(ids, c, 'bsn', 'bsn', row, rowErrors);
  takeIdentifier(ids, c, 'onderwijsnummer', 'onderwijsnummer', row, rowErrors);
  const gemeente = textOf(c.gemeente, 100) || null;
  let pc4: number | null = null;
  if (!isEmpty(c.postcode)) {
    pc4 = pc4Of(c.postcode!.kind === 'number' ? c.postcode!.value : cellText(c.postcode));
    if (pc4 === null && !gemeente) rowError(rowErrors, row, 'postcode', `De postcode "${shown(cellText(c.postcode))}" is geen Nederlandse postcode (1234 AB). Verbeter de postcode of vul de gemeente in.`);
  }
  const group = textOf(c.group, 50) || null;
  const mentor = textOf(c.mentor, 200) || null;
  if (mentor && mentor.includes('@') && !parseEmail(c.mentor)) rowError(rowErrors, row, 'mentor', `Het e-mailadres van de mentor "${shown(mentor)}" klopt niet.`);
  let startDate: string | null = null;
  if (!isEmpty(c.startDate)) {
    startDate = parseDay(c.startDate, table.date1904);
    if (!startDate) rowError(rowErrors, row, 'startDate', dayProblem(c.startDate, 'inschrijfdatum'));
    else if (birthDate && startDate < birthDate) rowError(rowErrors, row, 'startDate', 'De inschrijfdatum ligt vóór de geboortedatum.');
  }
  const level = textOf(c.level, 50) || null;
  return {
    row,
    pupilNumber: number?.value ?? '',
    pupilNumberFromNumber: number?.fromNumber ?? false,
    givenName,
    familyName,
    birthDate: birthDate ?? '',
    bsn: ids.bsn,
    onderwijsnummer: ids.onderwijsnummer,
    gemeente,
    pc4,
    group,
    mentor,
    startDate,
    level,
  };
}

/** A BSN or onderwijsnummer column ('identifier': either of the two, told apart by their checks). */
function takeIdentifier(ids: { bsn: string | null; onderwijsnummer: string | null }, c: Partial<Record<PupilField, Cell>>, field: PupilField, kind: 'bsn' | 'onderwijsnummer' | 'either', row: number, rowErrors: ImportRowError[]): void {
  const v = identifierDigits(c[field]);
  if (!v) return;
  if ((kind === 'onderwijsnummer' || kind === 'either') && isValidOnderwijsnummer(v)) ids.onderwijsnummer = v;
  else if ((kind === 'bsn' || kind === 'either') && isValidBsn(v)) ids.bsn = v;
  else if (kind === 'bsn') rowError(rowErrors, row, field, `Het BSN "${shown(v)}" klopt niet: een BSN heeft 9 cijfers en moet de elfproef doorstaan. Controleer het nummer in de administratie.`);
  else if (kind === 'onderwijsnummer') rowError(rowErrors, row, field, `Het onderwijsnummer "${shown(v)}" klopt niet: het heeft 9 cijfers, begint met 10 en moet de elfproef doorstaan.`);
  else rowError(rowErrors, row, field, `"${shown(v)}" is geen geldig BSN en geen geldig onderwijsnummer (9 cijfers, elfproef). Controleer het nummer in de administratie.`);
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
  // OSO's relatietotkind, code list 41 (the words above are taken too).
  '1': 'parent',
  '2': 'parent',
  '3': 'guardian',
  anders: 'other',
  overig: 'other',
  other: 'other',
};

export function parseGuardianTable(table: Table): ParsedFile<GuardianFileRow> {
  const mapped = mapColumns(table, GUARDIAN_FORMATS, GUARDIAN_FIELD_LABELS);
  const errors: ImportRowError[] = [...mapped.errors];
  const rows: GuardianFileRow[] = [];
  for (const r of mapped.rows) {
    const rowErrors: ImportRowError[] = [];
    const row = readGuardianRow(r.row, r.cells, rowErrors);
    if (rowErrors.length) errors.push(...rowErrors);
    else rows.push(row);
  }
  return { format: mapped.format, columns: mapped.columns, ignoredColumns: mapped.ignoredColumns, rows, errors, numbersSeen: [] };
}

/** One row of a guardian file; its problems are added to `rowErrors` (the row is then not used). */
function readGuardianRow(row: number, c: Partial<Record<GuardianField, Cell>>, rowErrors: ImportRowError[]): GuardianFileRow {
  const number = identifierOf(c.pupilNumber);
  if (!number || !number.value) rowError(rowErrors, row, 'pupilNumber', 'Vul het leerlingnummer van het kind in.');
  const givenName = textOf(c.givenName, 100);
  const familyName = familyNameOf(textOf(c.prefix, 50), textOf(c.familyName, 150));
  if (!givenName) rowError(rowErrors, row, 'givenName', 'Vul de voornaam (of voorletters) van de ouder of verzorger in.');
  if (!familyName) rowError(rowErrors, row, 'familyName', 'Vul de achternaam van de ouder of verzorger in.');
  let email: string | null = null;
  if (!isEmpty(c.email)) {
    email = parseEmail(c.email);
    if (!email) rowError(rowErrors, row, 'email', `Het e-mailadres "${shown(cellText(c.email))}" klopt niet.`);
  }
  const phone = textOf(c.phone, 30).replace(/^'/, '') || null;
  if (phone && !/^[+0-9][0-9 ()-]{5,}$/.test(phone)) rowError(rowErrors, row, 'phone', `Het telefoonnummer "${shown(phone)}" klopt niet (alleen cijfers, spaties, +, - en haakjes).`);
  const relationText = normaliseName(cellText(c.relation));
  const relation = relationText ? RELATIONS[relationText] : undefined;
  if (!relationText) rowError(rowErrors, row, 'relation', 'Vul de relatie tot het kind in: ouder, vader, moeder, pleegouder, voogd of anders.');
  else if (!relation) rowError(rowErrors, row, 'relation', `Onbekende relatie "${shown(cellText(c.relation))}". Kies uit ouder, vader, moeder, pleegouder, voogd of anders.`);
  const flag = parseFlag(c.authority);
  if (flag === undefined) rowError(rowErrors, row, 'authority', 'Vul bij gezag "ja" of "nee" in.');
  else if (flag === null) rowError(rowErrors, row, 'authority', `Bij gezag staat "${shown(cellText(c.authority))}"; vul "ja" of "nee" in.`);
  return { row, pupilNumber: number?.value ?? '', pupilNumberFromNumber: number?.fromNumber ?? false, givenName, familyName, email, phone, relation: relation!, hasAuthority: flag === true };
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
