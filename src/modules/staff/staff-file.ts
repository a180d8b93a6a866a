import { readTableFile } from '../../kernel/files/table-file.ts';
import { familyNameOf, mapColumns, parseEmail, textOf, type ImportRowError } from '../../kernel/files/column-mapping.ts';
import { cellText, shown, type Cell } from '../../kernel/files/cells.ts';
import { ROLE_ORGANISATION_KINDS, type Role } from '../../kernel/policy/roles.ts';
import type { OrganisationKind } from '../../kernel/db/schema.ts';
import { ACCEPTED_ROLE_WORDS, ORGANISATION_KIND_NL, ROLE_LABELS_NL, STAFF_FIELD_LABELS, STAFF_FORMATS, roleOf, rolesForKind, splitList, type StaffField } from './staff-formats.ts';

/** One person from the file, checked on its own (not yet against the register). */
export interface StaffFileRow {
  row: number;
  email: string;
  givenName: string;
  familyName: string;
  roles: Role[];
  taught: string[];
  mentored: string[];
}

export interface StaffFile {
  format: string | null;
  formatLabel: string | null;
  assumption: boolean;
  fileType: 'csv' | 'xlsx' | null;
  columns: Partial<Record<StaffField, string>>;
  ignoredColumns: string[];
  rows: StaffFileRow[];
  errors: ImportRowError[];
  /** Data rows in the file (with and without errors). */
  rowCount: number;
  /** Every valid e-mail address in the file, also of rows with errors (they are not leavers). */
  emails: string[];
}

const MAX_NAME = 100;
const MAX_GROUP = 40;

/** What every row of one file is checked against: the organisation's kind, and the errors so far. */
interface RowCheck {
  errors: ImportRowError[];
  organisationKind: OrganisationKind;
  /** The roles an organisation of this kind can have. */
  fitting: Role[];
  /** The rows each valid e-mail address is on. */
  rowsOfEmail: Map<string, number[]>;
}

/** A cell with an Excel error (#N/A, …) in any column: the row is not read any further. */
function hasExcelErrors(check: RowCheck, row: number, cells: Partial<Record<StaffField, Cell>>) {
  let found = false;
  for (const field of Object.keys(cells) as StaffField[]) {
    const cell = cells[field];
    if (cell?.kind !== 'error') continue;
    check.errors.push({ row, column: field, message: `De cel voor ${STAFF_FIELD_LABELS[field]} bevat een Excel-fout (${shown(cell.text)}). Vul de waarde zelf in.` });
    found = true;
  }
  return found;
}

function namesOf({ errors }: RowCheck, row: number, c: Partial<Record<StaffField, Cell>>) {
  const given = textOf(c.givenName, 500);
  const family = familyNameOf(textOf(c.tussenvoegsel, 500), textOf(c.familyName, 500));
  if (!given) errors.push({ row, column: 'givenName', message: 'Vul de voornaam in.' });
  else if (given.length > MAX_NAME) errors.push({ row, column: 'givenName', message: `De voornaam is langer dan ${MAX_NAME} tekens.` });
  if (!textOf(c.familyName)) errors.push({ row, column: 'familyName', message: 'Vul de achternaam in.' });
  else if (family.length > MAX_NAME) errors.push({ row, column: 'familyName', message: `De achternaam is langer dan ${MAX_NAME} tekens.` });
  return { given, family };
}

/** The e-mail address (lower case), remembered with its row to find the same person twice. */
function emailOf({ errors, rowsOfEmail }: RowCheck, row: number, cell: Cell | undefined) {
  const rawEmail = cellText(cell).replace(/^mailto:/i, '');
  const email = parseEmail({ kind: 'text', text: rawEmail });
  if (!rawEmail) errors.push({ row, column: 'email', message: 'Vul het e-mailadres in: het is de gebruikersnaam, en aan het e-mailadres herkent Samenspel de medewerker bij een volgende import.' });
  else if (!email) errors.push({ row, column: 'email', message: `"${shown(rawEmail)}" is geen geldig e-mailadres. Schrijf het als naam@school.nl.` });
  else rowsOfEmail.set(email, [...(rowsOfEmail.get(email) ?? []), row]);
  return email;
}

/** The roles in the cell, each known and fitting the organisation. */
function rolesOf({ errors, organisationKind, fitting }: RowCheck, row: number, cell: Cell | undefined) {
  const roles: Role[] = [];
  const roleWords = splitList(cellText(cell));
  if (!roleWords.length) errors.push({ row, column: 'roles', message: `Vul minstens één rol in, bijvoorbeeld ${fitting.length ? fitting.map((x) => ROLE_LABELS_NL[x]).slice(0, 3).join(', ') : 'leerkracht'}.` });
  for (const word of roleWords) {
    const role = roleOf(word);
    if (!role) errors.push({ row, column: 'roles', message: `Onbekende rol "${shown(word)}". Gebruik een van: ${ACCEPTED_ROLE_WORDS}.` });
    else if (!ROLE_ORGANISATION_KINDS[role].includes(organisationKind)) {
      errors.push({
        row,
        column: 'roles',
        message: `De rol ${ROLE_LABELS_NL[role]} hoort niet bij een ${ORGANISATION_KIND_NL[organisationKind]}. ${
          fitting.length ? `Rollen bij deze organisatie: ${fitting.map((x) => ROLE_LABELS_NL[x]).join(', ')}.` : 'Bij dit soort organisatie kan Samenspel geen rollen toekennen.'
        }`,
      });
    } else if (!roles.includes(role)) roles.push(role);
  }
  return roles;
}

/** The groups taught and mentored: only at a school location, each name not too long. */
function groupsOf({ errors, organisationKind }: RowCheck, row: number, c: Partial<Record<StaffField, Cell>>) {
  const taught = splitList(cellText(c.taught));
  const mentored = splitList(cellText(c.mentored));
  for (const [field, groups] of [['taught', taught], ['mentored', mentored]] as const) {
    if (!groups.length) continue;
    if (organisationKind !== 'school_location') {
      errors.push({ row, column: field, message: `Alleen een schoolvestiging heeft groepen of klassen; laat de kolom ${STAFF_FIELD_LABELS[field]} leeg voor een ${ORGANISATION_KIND_NL[organisationKind]}.` });
    } else {
      const long = groups.find((g) => g.length > MAX_GROUP);
      if (long) errors.push({ row, column: field, message: `De groepsnaam "${shown(long)}" is langer dan ${MAX_GROUP} tekens. Scheid groepen met een komma, bijvoorbeeld "5A, 5B".` });
    }
  }
  return { taught, mentored };
}

/** One row checked on its own: the person, or null when the row has errors (added to `check.errors`). */
function checkRow(check: RowCheck, row: number, c: Partial<Record<StaffField, Cell>>): StaffFileRow | null {
  const before = check.errors.length;
  if (hasExcelErrors(check, row, c)) return null;
  const { given, family } = namesOf(check, row, c);
  const email = emailOf(check, row, c.email);
  const roles = rolesOf(check, row, c.roles);
  const { taught, mentored } = groupsOf(check, row, c);
  return check.errors.length === before ? { row, email: email!, givenName: given, familyName: family, roles, taught, mentored } : null;
}

/** The same person twice: name both rows, on each of them. Returns the addresses that are on more than one row. */
function sameEmailTwice({ errors, rowsOfEmail }: RowCheck) {
  const duplicated = new Set<string>();
  for (const [email, at] of rowsOfEmail) {
    if (at.length < 2) continue;
    duplicated.add(email);
    for (const row of at) {
      errors.push({ row, column: 'email', message: `Het e-mailadres ${email} staat op meer dan één regel (regels ${at.join(', ')}). Eén medewerker staat één keer in het bestand: voeg de regels samen en zet de rollen en groepen met een komma in één cel.` });
    }
  }
  return duplicated;
}

/**
 * Read a staff file (CSV or XLSX) for an organisation of the given kind: every row is checked on
 * its own (names, e-mail, roles fitting the organisation, groups only at a school) and the same
 * e-mail address on two rows is an error on both. A value that looks like a formula ("=...") is
 * text: nothing in a file is evaluated.
 */
export async function readStaffFile(content: Buffer, organisationKind: OrganisationKind): Promise<StaffFile> {
  const empty = { format: null, formatLabel: null, assumption: false, columns: {}, ignoredColumns: [], rows: [], rowCount: 0, emails: [] };
  const read = await readTableFile(content);
  if ('error' in read) return { ...empty, fileType: read.fileType, errors: [{ row: read.row ?? 0, column: null, message: read.error }] };
  const mapped = mapColumns(read.table, STAFF_FORMATS, STAFF_FIELD_LABELS);
  const base = {
    format: mapped.format?.id ?? null,
    formatLabel: mapped.format?.label ?? null,
    assumption: mapped.format?.assumption ?? false,
    fileType: read.table.fileType,
    columns: mapped.columns,
    ignoredColumns: mapped.ignoredColumns,
  };
  const check: RowCheck = { errors: [...mapped.errors], organisationKind, fitting: rolesForKind(organisationKind), rowsOfEmail: new Map() };
  const rows: StaffFileRow[] = [];
  for (const r of mapped.rows) {
    const row = checkRow(check, r.row, r.cells);
    if (row) rows.push(row);
  }
  const duplicated = sameEmailTwice(check);
  const errors = check.errors.sort((a, b) => a.row - b.row);
  return { ...base, rows: rows.filter((r) => !duplicated.has(r.email)), errors, rowCount: mapped.rows.length, emails: [...check.rowsOfEmail.keys()] };
}
