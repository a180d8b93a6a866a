import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database, Db } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordListed } from '../../kernel/policy/gateway.ts';
import { normaliseName } from '../../kernel/files/cells.ts';
import type { ImportRowError } from '../../kernel/files/column-mapping.ts';
import { schoolYearRange } from '../../kernel/calendar/school-year.ts';
import { resolvePostcodes } from '../setup/index.ts';
import { chunks, nlDate } from './import-common.ts';
import { nameKey, numericPupilNumberIndex, type PupilFileRow } from './pupil-file.ts';
import { emptyCounts, transferLooks, type Leaver, type PlannedPupil, type PupilPlan, type PupilRead, type PupilScope, type TransferLookup, type TransferMatch } from './pupil-import-plan.ts';

/**
 * The pupil import's check (the pipeline's `check` step): every row of the file against what is
 * known, in six named steps — the school (what the rows are checked against), identities (pupil
 * numbers and the region's children with the row's BSN or onderwijsnummer), transfers (children of
 * the region with the row's name and birth date, and the enrolments of every child found), the plan
 * per row (update, transfer, waiting transfer, new child with its probable matches), probable
 * leavers of a full export, and the summary. Each source is read in one query (no query per row).
 *
 * It writes nothing. Every child without a relation to the school that a row was matched to is a
 * look at that child: the lookups are logged with the stored preview (the `store` step) — or, when
 * the check or the store fails after they were made, in a transaction of their own
 * (`logLooksOnFailure`) before the error is passed on.
 */

interface ExistingEnrolment {
  id: string;
  child_id: string;
  pupil_number: string | null;
  start_date: string;
  group_name: string | null;
  group_year: string | null;
  mentor_person_id: string | null;
  school_level: string | null;
  given_name: string;
  family_name: string;
  birth_date: string;
  bsn: string | null;
  onderwijsnummer: string | null;
  gemeente_id: string | null;
}

interface KnownChild {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  bsn: string | null;
  onderwijsnummer: string | null;
  gemeente_id: string | null;
}

interface ChildEnrolment {
  id: string;
  child_id: string;
  organisation_id: string;
  pupil_number: string | null;
  start_date: string;
  end_date: string | null;
}

type Err = (row: number, column: string | null, message: string) => void;

/** The check, start to end: the plan of the file. Lookups made before a failure are logged all the same. */
export async function checkPupilFile(database: Database, actor: Actor, scope: PupilScope, read: PupilRead, fullExport: boolean): Promise<PupilPlan> {
  const importId = randomUUID();
  const lookups: TransferLookup[] = [];
  // Reads only, each statement on its own (no transaction to hold open): independent lookups run side by side.
  const db = database.db;
  return logLooksOnFailure(database, actor, importId, lookups, async () => {
    const errors: ImportRowError[] = [...read.errors];
    const err: Err = (row, column, message) => errors.push({ row, column, message });
    const school = await loadSchool(db, actor, scope, read.parsed.rows);
    const ids = await resolveIdentities(db, actor, scope, read.parsed.rows, school, err);
    const transfers = await matchTransfers(db, actor, scope, ids, school, lookups);
    const plan = planRows({ scope, yearStart: schoolYearRange(scope.schoolYear).start, school, ids, transfers, err, errors }, ids.rows);
    const leavers = fullExport && read.readable ? await findLeavers(db, scope, read, school, plan.planned) : [];
    errors.sort((a, b) => a.row - b.row);
    return { importId, ...plan, errors, leavers, summary: summarise(scope, plan, lookups), gemeenteName: school.gemeenteName };
  });
}

/**
 * Work after which the lookups made so far must be in the access log: should it fail (its
 * transaction, with any entries, is rolled back), the looks are logged in a transaction of their own
 * and the error is passed on.
 */
export async function logLooksOnFailure<T>(database: Database, actor: Actor, importId: string, lookups: TransferLookup[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (lookups.length) {
      try {
        await database.db.transaction().execute((tx) => recordListed(tx, actor, 'registry.transfer_match.view', transferLooks(importId, lookups)));
      } catch (logError) {
        throw new AggregateError([error, logError], 'De controle van het leerlingenbestand is mislukt, en het vastleggen van de opzoekingen in het toegangslog ook.', { cause: logError });
      }
    }
    throw error;
  }
}

// ---- 1. The school: what the rows are checked against ------------------------------------------

interface School {
  existing: ExistingEnrolment[];
  /** This school's open enrolments by pupil number, and by child. */
  byNumber: Map<string, ExistingEnrolment>;
  openByChild: Map<string, ExistingEnrolment>;
  numberOf: (value: string, fromNumber: boolean) => { number: string } | { error: string };
  gemeenteOf: (value: string) => string | null;
  gemeenteName: Map<string, string>;
  postcodes: Map<number, string>;
  /** This school year's groups, by normalised name. */
  groupByKey: Map<string, string>;
  mentorOf: (value: string) => { id: string } | { error: string };
}

const latestResidence = (day: string) =>
  sql<string | null>`(select r.gemeente_id from child_residences r where r.child_id = c.id and r.valid_from <= ${day}::date order by r.valid_from desc, r.recorded_at desc limit 1)`;

async function loadSchool(db: Db, actor: Actor, scope: PupilScope, rows: PupilFileRow[]): Promise<School> {
  const [enrolled, gemeenten, postcodes, groups, staff] = await Promise.all([
    sql<ExistingEnrolment>`
      select e.id, e.child_id, e.pupil_number, e.start_date, sg.name as group_name, sg.school_year as group_year, e.mentor_person_id, e.school_level,
             c.given_name, c.family_name, c.birth_date, c.bsn, c.onderwijsnummer, ${latestResidence(scope.day)} as gemeente_id
      from enrolments e join children c on c.id = e.child_id left join school_groups sg on sg.id = e.group_id
      where e.organisation_id = ${scope.organisationId} and e.end_date is null`.execute(db),
    db.selectFrom('gemeenten').select(['id', 'name', 'cbs_code']).where('region_id', '=', actor.regionId).execute(),
    resolvePostcodes(db, actor.regionId, rows.filter((r) => !r.gemeente && r.pc4 !== null).map((r) => r.pc4!)),
    db.selectFrom('school_groups').select('name').where('organisation_id', '=', scope.organisationId).where('school_year', '=', scope.schoolYear).execute(),
    db
      .selectFrom('memberships as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .where('m.organisation_id', '=', scope.organisationId)
      .where('m.ended_at', 'is', null)
      .select(['p.id', 'p.given_name', 'p.family_name', 'p.email'])
      .distinct()
      .execute(),
  ]);
  const existing = enrolled.rows;
  const byNumber = new Map<string, ExistingEnrolment>();
  const openByChild = new Map<string, ExistingEnrolment>();
  for (const e of existing) {
    if (e.pupil_number) byNumber.set(e.pupil_number, e);
    openByChild.set(e.child_id, e);
  }
  return {
    existing,
    byNumber,
    openByChild,
    numberOf: numericPupilNumberIndex(byNumber.keys()),
    gemeenteOf: gemeenteResolver(gemeenten),
    gemeenteName: new Map(gemeenten.map((g) => [g.id, g.name])),
    postcodes,
    groupByKey: new Map(groups.map((g) => [normaliseName(g.name), g.name])),
    mentorOf: mentorResolver(staff),
  };
}

function gemeenteResolver(gemeenten: { id: string; name: string; cbs_code: string }[]) {
  const byName = new Map(gemeenten.map((g) => [normaliseName(g.name), g.id]));
  const byCode = new Map(gemeenten.map((g) => [g.cbs_code, g.id]));
  return (value: string): string | null => {
    const code = /^\s*(?:gm)?\s*(\d{1,4})\s*$/i.exec(value);
    if (code) return byCode.get(`GM${code[1].padStart(4, '0')}`) ?? null;
    return byName.get(normaliseName(value)) ?? null;
  };
}

function mentorResolver(people: { id: string; given_name: string; family_name: string; email: string | null }[]) {
  const byEmail = new Map<string, string>();
  const byName = new Map<string, Set<string>>();
  const addName = (n: string, id: string) => {
    let s = byName.get(n);
    if (!s) byName.set(n, (s = new Set()));
    s.add(id);
  };
  for (const p of people) {
    if (p.email) byEmail.set(p.email.toLowerCase(), p.id);
    addName(normaliseName(`${p.given_name} ${p.family_name}`), p.id);
    addName(normaliseName(`${p.family_name}, ${p.given_name}`), p.id);
  }
  return (value: string): { id: string } | { error: string } => {
    if (value.includes('@')) {
      const id = byEmail.get(value.trim().toLowerCase());
      return id ? { id } : { error: `Mentor "${value}" is onbekend: er werkt niemand met dit e-mailadres op deze school. Voeg de mentor eerst toe bij de medewerkers, of verbeter het e-mailadres.` };
    }
    const ids = [...(byName.get(normaliseName(value)) ?? [])];
    if (ids.length === 1) return { id: ids[0] };
    if (ids.length > 1) return { error: `Er werken meer mensen met de naam "${value}" op deze school. Gebruik het e-mailadres van de mentor.` };
    return { error: `Mentor "${value}" is onbekend: er werkt niemand met deze naam op deze school. Voeg de mentor eerst toe bij de medewerkers, of gebruik het e-mailadres.` };
  };
}

// ---- 2. Identities: each pupil once, and the region's children with the row's numbers --------------

interface Identities {
  /** The rows with a usable pupil number, each pupil (and each BSN, onderwijsnummer) once. */
  rows: PupilFileRow[];
  byBsn: Map<string, KnownChild>;
  byOwn: Map<string, KnownChild>;
}

async function resolveIdentities(db: Db, actor: Actor, scope: PupilScope, parsedRows: PupilFileRow[], school: School, err: Err): Promise<Identities> {
  const rows = uniqueRows(parsedRows, school, err);
  // Children of the region with the same BSN or onderwijsnummer.
  const [withBsn, withOwn] = await Promise.all([
    childrenWhere(db, actor.regionId, 'bsn', rows.filter((r) => r.bsn).map((r) => r.bsn!), scope.day),
    childrenWhere(db, actor.regionId, 'onderwijsnummer', rows.filter((r) => r.onderwijsnummer).map((r) => r.onderwijsnummer!), scope.day),
  ]);
  return { rows, byBsn: new Map(withBsn.map((c) => [c.bsn!, c])), byOwn: new Map(withOwn.map((c) => [c.onderwijsnummer!, c])) };
}

/** Pupil numbers: Excel numbers matched by value; each pupil once in the file, and each BSN and onderwijsnummer. */
function uniqueRows(parsedRows: PupilFileRow[], school: School, err: Err): PupilFileRow[] {
  const rows: PupilFileRow[] = [];
  const firstRowOfNumber = new Map<string, number>();
  const firstRowOfId = new Map<string, number>();
  for (const r of parsedRows) {
    const n = school.numberOf(r.pupilNumber, r.pupilNumberFromNumber);
    if ('error' in n) {
      err(r.row, 'pupilNumber', n.error);
      continue;
    }
    const first = firstRowOfNumber.get(n.number);
    if (first !== undefined) {
      err(r.row, 'pupilNumber', `Leerlingnummer ${n.number} staat op regel ${first} en op regel ${r.row}. Elke leerling mag één keer in het bestand staan.`);
      continue;
    }
    firstRowOfNumber.set(n.number, r.row);
    let duplicateId = false;
    for (const [kind, v] of [['BSN', r.bsn], ['onderwijsnummer', r.onderwijsnummer]] as const) {
      if (!v) continue;
      const firstId = firstRowOfId.get(`${kind}|${v}`);
      if (firstId !== undefined) {
        err(r.row, kind === 'BSN' ? 'bsn' : 'onderwijsnummer', `Hetzelfde ${kind} staat op regel ${firstId} en op regel ${r.row}. Eén kind staat één keer in het bestand; controleer beide regels.`);
        duplicateId = true;
      } else firstRowOfId.set(`${kind}|${v}`, r.row);
    }
    if (!duplicateId) rows.push({ ...r, pupilNumber: n.number });
  }
  return rows;
}

async function childrenWhere(db: Db, regionId: string, column: 'bsn' | 'onderwijsnummer', values: string[], day: string): Promise<KnownChild[]> {
  const out: KnownChild[] = [];
  for (const part of chunks([...new Set(values)])) {
    const res = await sql<KnownChild>`
      select c.id, c.given_name, c.family_name, c.birth_date, c.bsn, c.onderwijsnummer, ${latestResidence(day)} as gemeente_id
      from children c where c.region_id = ${regionId} and c.${sql.ref(column)} = any(${part}::text[])`.execute(db);
    out.push(...res.rows);
  }
  return out;
}

// ---- 3. Transfers: children of the region with the row's name and birth date; their enrolments ------

interface Transfers {
  /** The region's children with the row's name and birth date whose numbers do not contradict the row's. */
  nameMatches: (r: PupilFileRow) => KnownChild[];
  /** Every enrolment (any school) of each child a row was matched to. */
  enrolments: Map<string, ChildEnrolment[]>;
}

async function matchTransfers(db: Db, actor: Actor, scope: PupilScope, ids: Identities, school: School, lookups: TransferLookup[]): Promise<Transfers> {
  // Candidates for a name + birth date match: only for rows new to this school without a known identifier.
  const unmatched = ids.rows.filter((r) => !school.byNumber.has(r.pupilNumber) && !(r.bsn && ids.byBsn.has(r.bsn)) && !(r.onderwijsnummer && ids.byOwn.has(r.onderwijsnummer)));
  const byNameBirth = await childrenByNameAndBirth(db, actor.regionId, scope.day, unmatched, school);
  const nameMatches = (r: PupilFileRow) =>
    (byNameBirth.get(`${nameKey(r.givenName, r.familyName)}|${r.birthDate}`) ?? []).filter(
      (c) => !(c.bsn && r.bsn && c.bsn !== r.bsn) && !(c.onderwijsnummer && r.onderwijsnummer && c.onderwijsnummer !== r.onderwijsnummer),
    );
  // Every child without a relation to this school that a row was matched to is a look at that
  // child (ground transfer_match), whatever becomes of the row — also when it has an error.
  const unmatchedRows = new Set(unmatched.map((r) => r.row));
  for (const r of ids.rows) {
    for (const [match, child] of [
      ['bsn', r.bsn ? ids.byBsn.get(r.bsn) : undefined],
      ['onderwijsnummer', r.onderwijsnummer ? ids.byOwn.get(r.onderwijsnummer) : undefined],
    ] as const) {
      if (child && !school.openByChild.has(child.id)) lookups.push({ childId: child.id, row: r.row, match });
    }
    if (unmatchedRows.has(r.row)) for (const c of nameMatches(r)) lookups.push({ childId: c.id, row: r.row, match: 'name_birth_date' });
  }
  const related = [...ids.byBsn.values(), ...ids.byOwn.values(), ...[...byNameBirth.values()].flat()].map((c) => c.id);
  return { nameMatches, enrolments: await enrolmentsOf(db, related) };
}

/**
 * The region's children (not enrolled here) with the name and birth date of a row, by that key. The
 * birth dates are looked up first with only the name columns (a birth date is shared by many
 * children of a region); the residence is read only for the children whose name matches too.
 */
async function childrenByNameAndBirth(db: Db, regionId: string, day: string, rows: PupilFileRow[], school: School): Promise<Map<string, KnownChild[]>> {
  const byKey = new Map<string, KnownChild[]>();
  if (!rows.length) return byKey;
  const wanted = new Set(rows.map((r) => `${nameKey(r.givenName, r.familyName)}|${r.birthDate}`));
  const found: Omit<KnownChild, 'gemeente_id'>[] = [];
  for (const part of chunks([...new Set(rows.map((r) => r.birthDate))])) {
    const res = await sql<Omit<KnownChild, 'gemeente_id'>>`
      select c.id, c.given_name, c.family_name, c.birth_date, c.bsn, c.onderwijsnummer
      from children c where c.region_id = ${regionId} and c.birth_date = any(${part}::date[])`.execute(db);
    for (const c of res.rows) if (wanted.has(`${nameKey(c.given_name, c.family_name)}|${c.birth_date}`) && !school.openByChild.has(c.id)) found.push(c);
  }
  const residence = await residencesOf(db, found.map((c) => c.id), day);
  for (const c of found) {
    const key = `${nameKey(c.given_name, c.family_name)}|${c.birth_date}`;
    byKey.set(key, [...(byKey.get(key) ?? []), { ...c, gemeente_id: residence.get(c.id) ?? null }]);
  }
  return byKey;
}

/** The gemeente each child lives in on `day` (its latest residence from then). */
async function residencesOf(db: Db, childIds: string[], day: string): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const part of chunks([...new Set(childIds)])) {
    const res = await sql<{ id: string; gemeente_id: string | null }>`select c.id, ${latestResidence(day)} as gemeente_id from children c where c.id = any(${part}::uuid[])`.execute(db);
    for (const r of res.rows) out.set(r.id, r.gemeente_id);
  }
  return out;
}

async function enrolmentsOf(db: Db, childIds: string[]): Promise<Map<string, ChildEnrolment[]>> {
  const by = new Map<string, ChildEnrolment[]>();
  for (const part of chunks([...new Set(childIds)])) {
    const res = await sql<ChildEnrolment>`
      select e.id, e.child_id, e.organisation_id, e.pupil_number, e.start_date, e.end_date
      from enrolments e
      where e.child_id = any(${part}::uuid[]) order by e.start_date`.execute(db);
    for (const e of res.rows) {
      let list = by.get(e.child_id);
      if (!list) by.set(e.child_id, (list = []));
      list.push(e);
    }
  }
  return by;
}

/**
 * A pupil of this school who comes from elsewhere in the region, enrolled here from `start`.
 * - 'ready': every other enrolment ended before `start` — the transfer can be written.
 * - 'pending': the child is enrolled at another school on or after `start` (no end date yet, or a
 *   later one). This school may not end it; the row waits for that school's end date.
 * - an error: a conflict with an enrolment at THIS school (its own data, so it may name the dates).
 * Nothing about the other school (name, dates) leaves this function.
 */
function transferState(organisationId: string, enrolments: ChildEnrolment[], start: string): { ready: true } | { pending: true } | { error: string } {
  let pending = false;
  for (const e of enrolments) {
    const overlaps = e.end_date === null || e.end_date >= start;
    if (e.organisation_id === organisationId) {
      if (e.end_date === null) return { error: `Dit kind staat al ingeschreven op deze school (leerlingnummer ${e.pupil_number ?? 'onbekend'}).` };
      if (overlaps) return { error: `Dit kind stond tot en met ${nlDate(e.end_date)} op deze school ingeschreven. Vul een inschrijfdatum in ná ${nlDate(e.end_date)}.` };
    } else if (overlaps) pending = true;
  }
  return pending ? { pending: true } : { ready: true };
}

// ---- 4. The plan per row -------------------------------------------------------------------------

interface Checking {
  scope: PupilScope;
  /** The first day of the school year: a new pupil's enrolment starts then when the file gives no date. */
  yearStart: string;
  school: School;
  ids: Identities;
  transfers: Transfers;
  err: Err;
  errors: ImportRowError[];
}

interface Planned {
  planned: PlannedPupil[];
  matches: TransferMatch[];
  newGroups: Set<string>;
}

/** What a row says about the enrolment here, resolved: gemeente (or postcode), mentor, group. */
type RowBase = Pick<PlannedPupil, 'row' | 'pupilNumber' | 'newChildId' | 'groupName' | 'mentorPersonId' | 'level'> & { gemeenteId: string | null };

function planRows(c: Checking, rows: PupilFileRow[]): Planned {
  const out: Planned = { planned: [], matches: [], newGroups: new Set() };
  for (const r of rows) planRow(c, out, r);
  return out;
}

function planRow(c: Checking, out: Planned, r: PupilFileRow): void {
  const before = c.errors.length;
  const base = rowBase(c, r);
  const { byBsn, byOwn } = c.ids;
  // The pupil this school already has under this number, or an enrolment here without a number that the BSN names.
  let ex = c.school.byNumber.get(r.pupilNumber) ?? null;
  const idChild = (r.bsn ? byBsn.get(r.bsn) : undefined) ?? (r.onderwijsnummer ? byOwn.get(r.onderwijsnummer) : undefined) ?? null;
  if (r.bsn && r.onderwijsnummer && byBsn.get(r.bsn) && byOwn.get(r.onderwijsnummer) && byBsn.get(r.bsn)!.id !== byOwn.get(r.onderwijsnummer)!.id) {
    c.err(r.row, 'onderwijsnummer', 'Het BSN en het onderwijsnummer horen in Samenspel bij twee verschillende kinderen. Controleer beide nummers.');
  }
  if (!ex && idChild) {
    const here = c.school.openByChild.get(idChild.id);
    if (here && here.pupil_number === null) ex = here;
    else if (here) c.err(r.row, r.bsn ? 'bsn' : 'onderwijsnummer', `Dit ${r.bsn ? 'BSN' : 'onderwijsnummer'} hoort bij een andere leerling van deze school (leerlingnummer ${here.pupil_number}). Controleer het leerlingnummer en het nummer.`);
  }
  if (ex) {
    identifierConflicts(c, r, ex);
    if (c.errors.length === before) out.planned.push(planKnownPupil(c, out, r, ex, base));
    return;
  }
  if (c.errors.length > before) return;
  if (base.groupName && !c.school.groupByKey.has(normaliseName(base.groupName))) out.newGroups.add(base.groupName);
  if (idChild) planTransfer(c, out, r, idChild, base);
  else planNewChild(c, out, r, base);
}

/** The row's gemeente (the gemeente column first, else the postcode), mentor and group; an error for what is unknown. */
function rowBase(c: Checking, r: PupilFileRow): RowBase {
  let gemeenteId: string | null = null;
  if (r.gemeente) {
    gemeenteId = c.school.gemeenteOf(r.gemeente);
    if (!gemeenteId) c.err(r.row, 'gemeente', `De gemeente "${r.gemeente}" hoort niet bij de regio. Controleer de naam (of CBS-code), of vraag de functioneel beheerder de gemeente toe te voegen in de inrichting.`);
  } else if (r.pc4 !== null) {
    gemeenteId = c.school.postcodes.get(r.pc4) ?? null;
    if (!gemeenteId) c.err(r.row, 'postcode', `Postcode ${r.pc4} ligt in geen gemeente van de regio. Vraag de functioneel beheerder dit postcodegebied toe te voegen in de inrichting, of vul de gemeente in.`);
  }
  let mentorPersonId: string | null = null;
  if (r.mentor) {
    const m = c.school.mentorOf(r.mentor);
    if ('error' in m) c.err(r.row, 'mentor', m.error);
    else mentorPersonId = m.id;
  }
  const groupName = r.group ? (c.school.groupByKey.get(normaliseName(r.group)) ?? r.group) : null;
  return { row: r.row, pupilNumber: r.pupilNumber, newChildId: randomUUID(), groupName, mentorPersonId, level: r.level, gemeenteId };
}

/** A pupil of this school whose row gives a BSN or onderwijsnummer of another child of the region. */
function identifierConflicts(c: Checking, r: PupilFileRow, ex: ExistingEnrolment): void {
  for (const [kind, v, map, current] of [
    ['BSN', r.bsn, c.ids.byBsn, ex.bsn],
    ['onderwijsnummer', r.onderwijsnummer, c.ids.byOwn, ex.onderwijsnummer],
  ] as const) {
    if (!v || v === current) continue;
    const other = map.get(v);
    if (!other || other.id === ex.child_id) continue;
    const here = c.school.openByChild.get(other.id);
    c.err(
      r.row,
      kind === 'BSN' ? 'bsn' : 'onderwijsnummer',
      here
        ? `Dit ${kind} hoort bij een andere leerling van deze school (leerlingnummer ${here.pupil_number ?? 'zonder nummer'}). Controleer het nummer.`
        : `Dit ${kind} hoort in Samenspel bij een ander kind dan deze leerling. Controleer het ${kind} in uw administratie; klopt het, neem dan contact op met de functioneel beheerder.`,
    );
  }
}

/** A pupil this school already has: what changes in the identity, the residence and the enrolment. */
function planKnownPupil(c: Checking, out: Planned, r: PupilFileRow, ex: ExistingEnrolment, base: RowBase): PlannedPupil {
  const { gemeenteId } = base;
  const changes: string[] = [];
  if (r.givenName !== ex.given_name) changes.push('givenName');
  if (r.familyName !== ex.family_name) changes.push('familyName');
  if (r.birthDate !== ex.birth_date) changes.push('birthDate');
  if (r.bsn && r.bsn !== ex.bsn) changes.push('bsn');
  if (r.onderwijsnummer && r.onderwijsnummer !== ex.onderwijsnummer) changes.push('onderwijsnummer');
  const identityChanged = changes.length > 0;
  const moved = gemeenteId !== null && gemeenteId !== ex.gemeente_id;
  if (moved) changes.push('gemeente');
  const enrolmentChanges: string[] = [];
  if (base.groupName && (base.groupName !== ex.group_name || ex.group_year !== c.scope.schoolYear)) enrolmentChanges.push('group');
  if (base.mentorPersonId && base.mentorPersonId !== ex.mentor_person_id) enrolmentChanges.push('mentor');
  if (r.level && r.level !== ex.school_level) enrolmentChanges.push('level');
  if (ex.pupil_number === null) enrolmentChanges.push('pupilNumber');
  changes.push(...enrolmentChanges);
  if (enrolmentChanges.includes('group') && !c.school.groupByKey.has(normaliseName(base.groupName!))) out.newGroups.add(base.groupName!);
  return plannedPupil(base, {
    status: changes.length ? 'updated' : 'unchanged',
    childId: ex.child_id,
    enrolmentId: ex.id,
    givenName: r.givenName,
    familyName: r.familyName,
    birthDate: r.birthDate,
    bsn: r.bsn,
    onderwijsnummer: r.onderwijsnummer,
    gemeenteId: moved ? gemeenteId : null,
    residenceFrom: moved ? c.scope.day : null,
    startDate: null,
    identityChanged,
    enrolmentChanged: enrolmentChanges.length > 0,
    changes,
  });
}

/**
 * A transfer on BSN / onderwijsnummer: the same child, enrolled here from the start date — once no
 * other school has the child enrolled on or after that date (until then the row waits).
 */
function planTransfer(c: Checking, out: Planned, r: PupilFileRow, child: KnownChild, base: RowBase): void {
  const { gemeenteId } = base;
  const start = r.startDate ?? c.scope.day;
  const state = transferState(c.scope.organisationId, c.transfers.enrolments.get(child.id) ?? [], start);
  if ('error' in state) return c.err(r.row, 'startDate', state.error);
  const shown = { givenName: r.givenName, familyName: r.familyName, gemeenteId };
  if ('pending' in state) {
    // Waits for the other school's end date: nothing is written for this row.
    const pendingOn = r.bsn && c.ids.byBsn.get(r.bsn) ? 'bsn' : 'onderwijsnummer';
    const { givenName, familyName, birthDate } = r;
    const nothing = { enrolmentId: null, bsn: null, onderwijsnummer: null, gemeenteId: null, residenceFrom: null, startDate: null, identityChanged: false, enrolmentChanged: false };
    out.planned.push(plannedPupil(base, { status: 'pending', childId: child.id, givenName, familyName, birthDate, changes: [], shown, pendingOn, ...nothing }));
    return;
  }
  const moved = gemeenteId !== null && gemeenteId !== child.gemeente_id;
  const transfer = plannedPupil(base, {
    status: 'transfer',
    childId: child.id,
    // The child's identity stays as the region knows it; a missing identifier is added.
    givenName: child.given_name,
    familyName: child.family_name,
    birthDate: child.birth_date,
    bsn: child.bsn ?? r.bsn,
    onderwijsnummer: child.onderwijsnummer ?? r.onderwijsnummer,
    gemeenteId: moved ? gemeenteId : null,
    residenceFrom: moved ? c.scope.day : null,
    startDate: start,
    identityChanged: (!child.bsn && !!r.bsn) || (!child.onderwijsnummer && !!r.onderwijsnummer),
    enrolmentId: null,
    enrolmentChanged: false,
    changes: [],
    shown,
  });
  out.planned.push(transfer);
}

/** A child new to this school (and, as far as the numbers go, to the region): a new child, with its probable matches on name and birth date. */
function planNewChild(c: Checking, out: Planned, r: PupilFileRow, base: RowBase): void {
  if (!base.gemeenteId) return c.err(r.row, 'gemeente', 'Vul de gemeente of de postcode in: daarmee weet Samenspel in welke gemeente het kind woont.');
  const start = r.startDate ?? c.scope.day;
  for (const child of c.transfers.nameMatches(r)) {
    const state = transferState(c.scope.organisationId, c.transfers.enrolments.get(child.id) ?? [], start);
    out.matches.push({
      id: randomUUID(),
      row: r.row,
      pupilNumber: r.pupilNumber,
      file: { givenName: r.givenName, familyName: r.familyName, birthDate: r.birthDate },
      candidateChildId: child.id,
      candidate: { givenName: child.given_name, familyName: child.family_name, birthDate: child.birth_date, enrolledElsewhere: 'pending' in state },
      decision: null,
      same:
        'error' in state ? null : { startDate: start, gemeenteId: base.gemeenteId !== child.gemeente_id ? base.gemeenteId : null, bsn: child.bsn ? null : r.bsn, onderwijsnummer: child.onderwijsnummer ? null : r.onderwijsnummer },
      sameError: 'error' in state ? state.error : null,
    });
  }
  out.planned.push(
    plannedPupil(base, {
      status: 'new',
      childId: null,
      enrolmentId: null,
      givenName: r.givenName,
      familyName: r.familyName,
      birthDate: r.birthDate,
      bsn: r.bsn,
      onderwijsnummer: r.onderwijsnummer,
      gemeenteId: base.gemeenteId,
      residenceFrom: r.birthDate,
      startDate: r.startDate ?? c.yearStart,
      identityChanged: false,
      enrolmentChanged: false,
      changes: [],
    }),
  );
}

/**
 * One planned row, every field named in one order. (Not `{ ...base, status, … }`: an object spread
 * followed by many more properties is slow to build in V8 — tens of microseconds a row — and every
 * row gets the same shape this way. The stored JSON is the same.)
 */
function plannedPupil(base: RowBase, p: Omit<PlannedPupil, 'row' | 'pupilNumber' | 'newChildId' | 'groupName' | 'mentorPersonId' | 'level'>): PlannedPupil {
  return {
    row: base.row,
    pupilNumber: base.pupilNumber,
    status: p.status,
    childId: p.childId,
    newChildId: base.newChildId,
    enrolmentId: p.enrolmentId,
    givenName: p.givenName,
    familyName: p.familyName,
    birthDate: p.birthDate,
    bsn: p.bsn,
    onderwijsnummer: p.onderwijsnummer,
    gemeenteId: p.gemeenteId,
    residenceFrom: p.residenceFrom,
    groupName: base.groupName,
    mentorPersonId: base.mentorPersonId,
    level: base.level,
    startDate: p.startDate,
    identityChanged: p.identityChanged,
    enrolmentChanged: p.enrolmentChanged,
    changes: p.changes,
    shown: p.shown,
    pendingOn: p.pendingOn,
  };
}

// ---- 5. Probable leavers of a full export ----------------------------------------------------------

/**
 * Pupils with an open enrolment here who are missing from a full export (a pupil whose row has an
 * error is in the file too), by name. The policy is asked for them when the check is stored.
 */
async function findLeavers(db: Db, scope: PupilScope, read: PupilRead, school: School, planned: PlannedPupil[]): Promise<Leaver[]> {
  if (read.parsed.errors.some((e) => e.row === 0)) return [];
  const inFile = new Set(planned.map((p) => p.enrolmentId).filter(Boolean));
  for (const seen of read.parsed.numbersSeen) {
    const n = school.numberOf(seen.value, seen.fromNumber);
    const e = 'number' in n ? school.byNumber.get(n.number) : undefined;
    if (e) inFile.add(e.id);
  }
  const missing = school.existing.filter((e) => !inFile.has(e.id));
  const open = new Set<string>();
  for (const part of chunks(missing.map((e) => e.id))) {
    for (const l of await db.selectFrom('leaver_candidates').select('enrolment_id').where('enrolment_id', 'in', part).where('status', '=', 'open').execute()) open.add(l.enrolment_id!);
  }
  return missing
    .map((e) => ({
      enrolmentId: e.id,
      childId: e.child_id,
      pupilNumber: e.pupil_number,
      givenName: e.given_name,
      familyName: e.family_name,
      groupName: e.group_year === scope.schoolYear ? e.group_name : null,
      startDate: e.start_date,
      alreadyListed: open.has(e.id),
    }))
    .sort((a, b) => a.familyName.localeCompare(b.familyName, 'nl') || a.givenName.localeCompare(b.givenName, 'nl'));
}

// ---- 6. The summary --------------------------------------------------------------------------------

function summarise(scope: PupilScope, plan: Planned, lookups: TransferLookup[]): PupilPlan['summary'] {
  const counts = emptyCounts();
  for (const p of plan.planned) counts[p.status]++;
  return { day: scope.day, schoolYear: scope.schoolYear, counts, newGroups: [...plan.newGroups].sort(), lookups };
}
