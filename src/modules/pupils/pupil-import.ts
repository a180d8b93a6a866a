import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordListed, withChildrenAccess, TRANSFER_MATCH_GROUND, type Listed } from '../../kernel/policy/gateway.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../kernel/errors.ts';
import { normaliseName } from '../../kernel/files/cells.ts';
import type { ImportRowError } from '../../kernel/files/column-mapping.ts';
import { schoolYearOf, schoolYearRange } from '../../kernel/calendar/school-year.ts';
import { today } from '../../kernel/time.ts';
import { resolvePostcodes } from '../setup/index.ts';
import { writePupilImport } from '../children/index.ts';
import { markImportCommitted, storeImportPreview, storedImportRows, updateImportPreview } from '../../kernel/files/import-store.ts';
import { addPupilLeaverCandidates, dismissPupilLeaversInFile } from '../../kernel/files/leavers-store.ts';
import { chunks, json, nlDate, readImportTable, schoolOf, sha256, withPupilsOfImport, type RegistryImportInput } from './import-common.ts';
import { nameKey, numericPupilNumberIndex, parsePupilTable, type ParsedFile, type PupilFileRow } from './pupil-file.ts';
import { PUPIL_FORMATS } from './pupil-formats.ts';
import type { FileType } from '../../contracts/values/absence.ts';
import type { PupilRowStatus, TransferDecision, TransferIdentifier } from '../../contracts/values/pupils.ts';
import type { PupilImportPreview } from '../../contracts/pupils.ts';

/**
 * Importing the pupils of a school location from its own administration (ParnasSys, Magister,
 * SOMtoday, Esis or the generic format): preview first (nothing is written), then commit all or
 * nothing. Pupils are identified at the school by the school's pupil number; a pupil new to the
 * school who is already known in the region (a transfer) keeps ONE child record: matched on BSN or
 * onderwijsnummer, or — without one — proposed as a probable match on name and birth date that a
 * person must review. Nothing is ever deleted: a changed gemeente appends a residence, a pupil
 * missing from a full export becomes a probable leaver whose enrolment ends only when confirmed.
 *
 * Enrolment date when the file has none: a new child is enrolled from the first day of the current
 * school year (1 August); a child who comes from another school in the region (a transfer) from
 * the day of the import. A re-import never changes the start date of an existing enrolment.
 *
 * A school never learns anything about a child it has no relation with beyond "this BSN (or
 * onderwijsnummer) is enrolled at another school in the region": no name, no school, no dates. And
 * a school never ends another school's enrolment: while the child is enrolled elsewhere on or after
 * the start date here, the row waits ('pending': nothing is written for it) until the other school
 * has recorded the end date — in its own import (a leaver) or on its leavers page; the next import
 * then makes it a transfer (one child record). Every lookup of such a child — on BSN, onderwijsnummer
 * or name and birth date — is in the access log with the ground 'transfer_match', also when the
 * preview ends with errors.
 */

export type { PupilRowStatus } from '../../contracts/values/pupils.ts';

/** The planned change for one row; stored in registry_imports.rows and read back by the commit's SQL. */
export interface PlannedPupil {
  row: number;
  pupilNumber: string;
  status: PupilRowStatus;
  /** The existing child (updated, unchanged, transfer); null for a new child. */
  childId: string | null;
  /** The id a new child gets (generated in the preview; an import commits once). */
  newChildId: string;
  /** The open enrolment at this school (updated, unchanged). */
  enrolmentId: string | null;
  givenName: string;
  familyName: string;
  birthDate: string;
  bsn: string | null;
  onderwijsnummer: string | null;
  /** A residence to append (new child: from the birth date; a move: from the import date). */
  gemeenteId: string | null;
  residenceFrom: string | null;
  groupName: string | null;
  mentorPersonId: string | null;
  level: string | null;
  startDate: string | null;
  identityChanged: boolean;
  enrolmentChanged: boolean;
  changes: string[];
  /**
   * What the preview shows of the row, from the FILE: for a transfer or a waiting transfer the
   * stored child keeps the identity and residence the region knows, which the school may not see
   * before it has a relation with the child.
   */
  shown?: { givenName: string; familyName: string; gemeenteId: string | null };
  /** For a waiting transfer: which number named a child enrolled at another school. */
  pendingOn?: TransferIdentifier;
}

export interface TransferMatch {
  id: string;
  row: number;
  pupilNumber: string;
  file: { givenName: string; familyName: string; birthDate: string };
  candidateChildId: string;
  /**
   * The minimum to decide "zelfde kind" or "ander kind": name and birth date, and whether the child
   * is enrolled at another school of the region (then "zelfde kind" waits for that school's end
   * date). Never which school, nor any date of it. Viewing it is logged.
   */
  candidate: { givenName: string; familyName: string; birthDate: string; enrolledElsewhere: boolean };
  decision: TransferDecision | null;
  /** When "zelfde kind" is chosen: the enrolment start here and the residence. */
  same: { startDate: string; gemeenteId: string | null; bsn: string | null; onderwijsnummer: string | null } | null;
  /** Why "zelfde kind" cannot be chosen as the file is (a conflict with this school's own enrolments). */
  sameError: string | null;
}

/** A child without a relation to the school that a row of the file was matched to: logged, shown at most as allowed above. */
export interface TransferLookup {
  childId: string;
  row: number;
  match: TransferIdentifier;
}

export interface Leaver {
  enrolmentId: string;
  childId: string;
  pupilNumber: string | null;
  givenName: string;
  familyName: string;
  groupName: string | null;
  startDate: string;
  alreadyListed: boolean;
}

interface Summary {
  day: string;
  schoolYear: string;
  counts: Record<PupilRowStatus, number>;
  newGroups: string[];
  /** Every child without a relation the rows were matched to (stored so a reload logs the same looks). */
  lookups?: TransferLookup[];
}

/** The one thing a school is told about a child enrolled at another school (plain Dutch for the intern begeleider). */
export const enrolledElsewhereMessage = (identifier: TransferIdentifier) =>
  `${identifier === 'name_birth_date' ? 'Dit kind' : `Dit ${identifier === 'bsn' ? 'BSN' : 'onderwijsnummer'}`} staat in de regio ingeschreven op een andere school. ` +
  'De overstap kan pas als die school de einddatum van de inschrijving heeft vastgelegd. Dat is geen fout in uw bestand: de andere leerlingen worden gewoon opgeslagen, ' +
  'en bij een volgende import nadat de vorige school de leerling heeft uitgeschreven, gaat de overstap vanzelf door. ' +
  'Weet u niet welke school dat is, vraag het de ouders; vraag de vorige school dan de leerling uit te schrijven.';

const SAMPLE = 500;

/**
 * A look at a child without a relation to the school that a row was matched to: recorded with the
 * ground 'transfer_match' (a recorded look, never a standing relation; no query of the policy gives
 * it), kind 'identity'.
 */
const transferLooks = (importId: string, lookups: TransferLookup[]): Listed[] =>
  lookups.map((v) => ({ childId: v.childId, ground: TRANSFER_MATCH_GROUND, detail: { importId, row: v.row, match: v.match, kind: 'identity' } }));

/**
 * The school's pupils shown as probable leavers: the policy is asked for each (the school's care,
 * kind 'school') and logs it with its ground; a pupil it refuses (an enrolment that has not started
 * yet, or ended otherwise) is not shown.
 */
async function shownLeavers(tx: Tx, actor: Actor, importId: string, leavers: Leaver[]): Promise<Leaver[]> {
  const { allowed } = await withChildrenAccess(tx, actor, leavers.map((l) => l.childId), 'school', 'registry.pupil_import.leaver_view', () => ({ importId }), ['school_care']);
  return leavers.filter((l) => allowed.has(l.childId));
}

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

const latestResidence = (day: string) =>
  sql<string | null>`(select r.gemeente_id from child_residences r where r.child_id = c.id and r.valid_from <= ${day}::date order by r.valid_from desc, r.recorded_at desc limit 1)`;

async function childrenWhere(db: Tx, regionId: string, column: 'bsn' | 'onderwijsnummer' | 'birth_date', values: string[], day: string): Promise<KnownChild[]> {
  const out: KnownChild[] = [];
  const type = column === 'birth_date' ? sql.raw('date[]') : sql.raw('text[]');
  for (const part of chunks([...new Set(values)])) {
    const res = await sql<KnownChild>`
      select c.id, c.given_name, c.family_name, c.birth_date, c.bsn, c.onderwijsnummer, ${latestResidence(day)} as gemeente_id
      from children c where c.region_id = ${regionId} and c.${sql.ref(column)} = any(${part}::${type})`.execute(db);
    out.push(...res.rows);
  }
  return out;
}

async function enrolmentsOf(db: Tx, childIds: string[]): Promise<Map<string, ChildEnrolment[]>> {
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
function planTransfer(organisationId: string, enrolments: ChildEnrolment[], start: string): { ready: true } | { pending: true } | { error: string } {
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

/**
 * Step 1: read and check the file, work out per row what would change, find transfers, probable
 * matches and (with a full export) probable leavers, and store the preview. Nothing else is written
 * except the access log: every child of another school a row was matched to (transfer_match), and
 * this school's pupils listed as probable leavers. The lookups are logged in the same transaction as
 * the stored preview; should that transaction fail after the lookups were made, they are logged in
 * a transaction of their own before the error is passed on.
 */
export async function previewPupilImport(database: Database, actor: Actor, input: RegistryImportInput) {
  const organisationId = schoolOf(actor, input.schoolLocationId);
  const day = today();
  const schoolYear = schoolYearOf(day);
  const yearStart = schoolYearRange(schoolYear).start;
  const read = await readImportTable(input.content);
  const parsed: ParsedFile<PupilFileRow> = read.table ? parsePupilTable(read.table, day) : { format: null, columns: {}, ignoredColumns: [], rows: [], errors: [], numbersSeen: [] };
  const errors: ImportRowError[] = [...read.errors, ...parsed.errors];
  const err = (row: number, column: string | null, message: string) => errors.push({ row, column, message });
  const importId = randomUUID();
  const lookups: TransferLookup[] = [];

  try {
    return await database.db.transaction().execute(async (tx) => {
      // Everything the rows are checked against, each in one query (no query per row).
      const existing = (
        await sql<ExistingEnrolment>`
          select e.id, e.child_id, e.pupil_number, e.start_date, sg.name as group_name, sg.school_year as group_year, e.mentor_person_id, e.school_level,
                 c.given_name, c.family_name, c.birth_date, c.bsn, c.onderwijsnummer, ${latestResidence(day)} as gemeente_id
          from enrolments e join children c on c.id = e.child_id left join school_groups sg on sg.id = e.group_id
          where e.organisation_id = ${organisationId} and e.end_date is null`.execute(tx)
      ).rows;
      const byNumber = new Map<string, ExistingEnrolment>();
      const openByChild = new Map<string, ExistingEnrolment>();
      for (const e of existing) {
        if (e.pupil_number) byNumber.set(e.pupil_number, e);
        openByChild.set(e.child_id, e);
      }
      const numberOf = numericPupilNumberIndex(byNumber.keys());
      const gemeenten = await tx.selectFrom('gemeenten').select(['id', 'name', 'cbs_code']).where('region_id', '=', actor.regionId).execute();
      const gemeenteOf = gemeenteResolver(gemeenten);
      const gemeenteName = new Map(gemeenten.map((g) => [g.id, g.name]));
      const postcodes = await resolvePostcodes(tx, actor.regionId, parsed.rows.filter((r) => !r.gemeente && r.pc4 !== null).map((r) => r.pc4!));
      const groups = await tx.selectFrom('school_groups').select('name').where('organisation_id', '=', organisationId).where('school_year', '=', schoolYear).execute();
      const groupByKey = new Map(groups.map((g) => [normaliseName(g.name), g.name]));
      const staff = await tx
        .selectFrom('memberships as m')
        .innerJoin('people as p', 'p.id', 'm.person_id')
        .where('m.organisation_id', '=', organisationId)
        .where('m.ended_at', 'is', null)
        .select(['p.id', 'p.given_name', 'p.family_name', 'p.email'])
        .distinct()
        .execute();
      const mentorOf = mentorResolver(staff);

      // Pupil numbers: Excel numbers matched by value; each pupil once in the file.
      const rows: PupilFileRow[] = [];
      const firstRowOfNumber = new Map<string, number>();
      const firstRowOfId = new Map<string, number>();
      for (const r of parsed.rows) {
        const n = numberOf(r.pupilNumber, r.pupilNumberFromNumber);
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

      // Children of the region with the same BSN or onderwijsnummer.
      const byBsn = new Map((await childrenWhere(tx, actor.regionId, 'bsn', rows.filter((r) => r.bsn).map((r) => r.bsn!), day)).map((c) => [c.bsn!, c]));
      const byOwn = new Map((await childrenWhere(tx, actor.regionId, 'onderwijsnummer', rows.filter((r) => r.onderwijsnummer).map((r) => r.onderwijsnummer!), day)).map((c) => [c.onderwijsnummer!, c]));
      // Candidates for a name + birth date match: only for rows new to this school without a known identifier.
      const unmatched = rows.filter((r) => !byNumber.has(r.pupilNumber) && !(r.bsn && byBsn.has(r.bsn)) && !(r.onderwijsnummer && byOwn.has(r.onderwijsnummer)));
      const byNameBirth = new Map<string, KnownChild[]>();
      if (unmatched.length) {
        const wanted = new Set(unmatched.map((r) => `${nameKey(r.givenName, r.familyName)}|${r.birthDate}`));
        for (const c of await childrenWhere(tx, actor.regionId, 'birth_date', unmatched.map((r) => r.birthDate), day)) {
          const key = `${nameKey(c.given_name, c.family_name)}|${c.birth_date}`;
          if (!wanted.has(key) || openByChild.has(c.id)) continue;
          byNameBirth.set(key, [...(byNameBirth.get(key) ?? []), c]);
        }
      }
      const nameMatches = (r: PupilFileRow) =>
        (byNameBirth.get(`${nameKey(r.givenName, r.familyName)}|${r.birthDate}`) ?? []).filter(
          (c) => !(c.bsn && r.bsn && c.bsn !== r.bsn) && !(c.onderwijsnummer && r.onderwijsnummer && c.onderwijsnummer !== r.onderwijsnummer),
        );
      // Every child without a relation to this school that a row was matched to is a look at that
      // child (ground transfer_match), whatever becomes of the row — also when it has an error.
      const unmatchedRows = new Set(unmatched.map((r) => r.row));
      for (const r of rows) {
        for (const [match, child] of [
          ['bsn', r.bsn ? byBsn.get(r.bsn) : undefined],
          ['onderwijsnummer', r.onderwijsnummer ? byOwn.get(r.onderwijsnummer) : undefined],
        ] as const) {
          if (child && !openByChild.has(child.id)) lookups.push({ childId: child.id, row: r.row, match });
        }
        if (unmatchedRows.has(r.row)) for (const c of nameMatches(r)) lookups.push({ childId: c.id, row: r.row, match: 'name_birth_date' });
      }
      const related = [...byBsn.values(), ...byOwn.values(), ...[...byNameBirth.values()].flat()].map((c) => c.id);
      const enrolments = await enrolmentsOf(tx, related);

      const planned: PlannedPupil[] = [];
      const matches: TransferMatch[] = [];
      const newGroups = new Set<string>();

      for (const r of rows) {
        const before = errors.length;
        // Gemeente of residence: the gemeente column first, else the postcode.
        let gemeenteId: string | null = null;
        if (r.gemeente) {
          gemeenteId = gemeenteOf(r.gemeente);
          if (!gemeenteId) err(r.row, 'gemeente', `De gemeente "${r.gemeente}" hoort niet bij de regio. Controleer de naam (of CBS-code), of vraag de functioneel beheerder de gemeente toe te voegen in de inrichting.`);
        } else if (r.pc4 !== null) {
          gemeenteId = postcodes.get(r.pc4) ?? null;
          if (!gemeenteId) err(r.row, 'postcode', `Postcode ${r.pc4} ligt in geen gemeente van de regio. Vraag de functioneel beheerder dit postcodegebied toe te voegen in de inrichting, of vul de gemeente in.`);
        }
        let mentorPersonId: string | null = null;
        if (r.mentor) {
          const m = mentorOf(r.mentor);
          if ('error' in m) err(r.row, 'mentor', m.error);
          else mentorPersonId = m.id;
        }
        const groupName = r.group ? (groupByKey.get(normaliseName(r.group)) ?? r.group) : null;
        const base = {
          row: r.row,
          pupilNumber: r.pupilNumber,
          newChildId: randomUUID(),
          groupName,
          mentorPersonId,
          level: r.level,
        };

        // The pupil this school already has under this number, or an enrolment here without a number that the BSN names.
        let ex = byNumber.get(r.pupilNumber) ?? null;
        const idChild = (r.bsn ? byBsn.get(r.bsn) : undefined) ?? (r.onderwijsnummer ? byOwn.get(r.onderwijsnummer) : undefined) ?? null;
        if (r.bsn && r.onderwijsnummer && byBsn.get(r.bsn) && byOwn.get(r.onderwijsnummer) && byBsn.get(r.bsn)!.id !== byOwn.get(r.onderwijsnummer)!.id) {
          err(r.row, 'onderwijsnummer', 'Het BSN en het onderwijsnummer horen in Samenspel bij twee verschillende kinderen. Controleer beide nummers.');
        }
        if (!ex && idChild) {
          const here = openByChild.get(idChild.id);
          if (here && here.pupil_number === null) ex = here;
          else if (here) err(r.row, r.bsn ? 'bsn' : 'onderwijsnummer', `Dit ${r.bsn ? 'BSN' : 'onderwijsnummer'} hoort bij een andere leerling van deze school (leerlingnummer ${here.pupil_number}). Controleer het leerlingnummer en het nummer.`);
        }
        if (ex) {
          // Identifiers that belong to another child of the region.
          for (const [kind, v, map, current] of [
            ['BSN', r.bsn, byBsn, ex.bsn],
            ['onderwijsnummer', r.onderwijsnummer, byOwn, ex.onderwijsnummer],
          ] as const) {
            if (!v || v === current) continue;
            const other = map.get(v);
            if (other && other.id !== ex.child_id) {
              const here = openByChild.get(other.id);
              err(
                r.row,
                kind === 'BSN' ? 'bsn' : 'onderwijsnummer',
                here
                  ? `Dit ${kind} hoort bij een andere leerling van deze school (leerlingnummer ${here.pupil_number ?? 'zonder nummer'}). Controleer het nummer.`
                  : `Dit ${kind} hoort in Samenspel bij een ander kind dan deze leerling. Controleer het ${kind} in uw administratie; klopt het, neem dan contact op met de functioneel beheerder.`,
              );
            }
          }
          if (errors.length > before) continue;
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
          if (groupName && (groupName !== ex.group_name || ex.group_year !== schoolYear)) enrolmentChanges.push('group');
          if (mentorPersonId && mentorPersonId !== ex.mentor_person_id) enrolmentChanges.push('mentor');
          if (r.level && r.level !== ex.school_level) enrolmentChanges.push('level');
          if (ex.pupil_number === null) enrolmentChanges.push('pupilNumber');
          changes.push(...enrolmentChanges);
          if (enrolmentChanges.includes('group') && !groupByKey.has(normaliseName(groupName!))) newGroups.add(groupName!);
          planned.push({
            ...base,
            status: changes.length ? 'updated' : 'unchanged',
            childId: ex.child_id,
            enrolmentId: ex.id,
            givenName: r.givenName,
            familyName: r.familyName,
            birthDate: r.birthDate,
            bsn: r.bsn,
            onderwijsnummer: r.onderwijsnummer,
            gemeenteId: moved ? gemeenteId : null,
            residenceFrom: moved ? day : null,
            startDate: null,
            identityChanged,
            enrolmentChanged: enrolmentChanges.length > 0,
            changes,
          });
          continue;
        }
        if (errors.length > before) continue;
        if (groupName && !groupByKey.has(normaliseName(groupName))) newGroups.add(groupName);

        if (idChild) {
          // A transfer on BSN / onderwijsnummer: the same child, enrolled here from the start date —
          // once no other school has the child enrolled on or after that date.
          const start = r.startDate ?? day;
          const plan = planTransfer(organisationId, enrolments.get(idChild.id) ?? [], start);
          if ('error' in plan) {
            err(r.row, 'startDate', plan.error);
            continue;
          }
          const shown = { givenName: r.givenName, familyName: r.familyName, gemeenteId };
          const on = r.bsn && byBsn.get(r.bsn) ? 'bsn' : 'onderwijsnummer';
          if ('pending' in plan) {
            // Waits for the other school's end date: nothing is written for this row.
            planned.push({
              ...base,
              status: 'pending',
              childId: idChild.id,
              enrolmentId: null,
              givenName: r.givenName,
              familyName: r.familyName,
              birthDate: r.birthDate,
              bsn: null,
              onderwijsnummer: null,
              gemeenteId: null,
              residenceFrom: null,
              startDate: null,
              identityChanged: false,
              enrolmentChanged: false,
              changes: [],
              shown,
              pendingOn: on,
            });
            continue;
          }
          const moved = gemeenteId !== null && gemeenteId !== idChild.gemeente_id;
          planned.push({
            ...base,
            status: 'transfer',
            childId: idChild.id,
            enrolmentId: null,
            // The child's identity stays as the region knows it; a missing identifier is added.
            givenName: idChild.given_name,
            familyName: idChild.family_name,
            birthDate: idChild.birth_date,
            bsn: idChild.bsn ?? r.bsn,
            onderwijsnummer: idChild.onderwijsnummer ?? r.onderwijsnummer,
            gemeenteId: moved ? gemeenteId : null,
            residenceFrom: moved ? day : null,
            startDate: start,
            identityChanged: (!idChild.bsn && !!r.bsn) || (!idChild.onderwijsnummer && !!r.onderwijsnummer),
            enrolmentChanged: false,
            changes: [],
            shown,
          });
          continue;
        }

        // A child new to this school.
        if (!gemeenteId) {
          err(r.row, 'gemeente', 'Vul de gemeente of de postcode in: daarmee weet Samenspel in welke gemeente het kind woont.');
          continue;
        }
        for (const c of nameMatches(r)) {
          const start = r.startDate ?? day;
          const plan = planTransfer(organisationId, enrolments.get(c.id) ?? [], start);
          matches.push({
            id: randomUUID(),
            row: r.row,
            pupilNumber: r.pupilNumber,
            file: { givenName: r.givenName, familyName: r.familyName, birthDate: r.birthDate },
            candidateChildId: c.id,
            candidate: { givenName: c.given_name, familyName: c.family_name, birthDate: c.birth_date, enrolledElsewhere: 'pending' in plan },
            decision: null,
            same: 'error' in plan ? null : { startDate: start, gemeenteId: gemeenteId !== c.gemeente_id ? gemeenteId : null, bsn: c.bsn ? null : r.bsn, onderwijsnummer: c.onderwijsnummer ? null : r.onderwijsnummer },
            sameError: 'error' in plan ? plan.error : null,
          });
        }
        planned.push({
          ...base,
          status: 'new',
          childId: null,
          enrolmentId: null,
          givenName: r.givenName,
          familyName: r.familyName,
          birthDate: r.birthDate,
          bsn: r.bsn,
          onderwijsnummer: r.onderwijsnummer,
          gemeenteId,
          residenceFrom: r.birthDate,
          startDate: r.startDate ?? yearStart,
          identityChanged: false,
          enrolmentChanged: false,
          changes: [],
        });
      }

      // Every child without a relation that a row was matched to was looked at (transfer_match).
      await recordListed(tx, actor, 'registry.transfer_match.view', transferLooks(importId, lookups));
      // Pupils with an open enrolment here who are missing from a full export: probable leavers.
      let leavers: Leaver[] = [];
      if (input.fullExport && read.table && !parsed.errors.some((e) => e.row === 0)) {
        const inFile = new Set(planned.map((p) => p.enrolmentId).filter(Boolean));
        // A pupil whose row has an error is in the file too: not a leaver.
        for (const seen of parsed.numbersSeen) {
          const n = numberOf(seen.value, seen.fromNumber);
          const e = 'number' in n ? byNumber.get(n.number) : undefined;
          if (e) inFile.add(e.id);
        }
        const missing = existing.filter((e) => !inFile.has(e.id));
        const open = new Set<string>();
        for (const part of chunks(missing.map((e) => e.id))) {
          for (const l of await tx.selectFrom('leaver_candidates').select('enrolment_id').where('enrolment_id', 'in', part).where('status', '=', 'open').execute()) open.add(l.enrolment_id!);
        }
        leavers = await shownLeavers(
          tx,
          actor,
          importId,
          missing
            .map((e) => ({ enrolmentId: e.id, childId: e.child_id, pupilNumber: e.pupil_number, givenName: e.given_name, familyName: e.family_name, groupName: e.group_year === schoolYear ? e.group_name : null, startDate: e.start_date, alreadyListed: open.has(e.id) }))
            .sort((a, b) => a.familyName.localeCompare(b.familyName, 'nl') || a.givenName.localeCompare(b.givenName, 'nl')),
        );
      }

      errors.sort((a, b) => a.row - b.row);
      const counts: Record<PupilRowStatus, number> = { new: 0, updated: 0, unchanged: 0, transfer: 0, pending: 0 };
      for (const p of planned) counts[p.status]++;
      const summary: Summary = { day, schoolYear, counts, newGroups: [...newGroups].sort(), lookups };
      const storedId = await storeImportPreview(tx, {
        id: importId,
        region_id: actor.regionId,
        organisation_id: organisationId,
        kind: 'pupils',
        uploaded_by_person_id: actor.personId,
        file_name: input.fileName.slice(0, 200),
        file_sha256: sha256(input.content),
        file_type: read.fileType,
        format: parsed.format?.id ?? null,
        full_export: !!input.fullExport,
        row_count: parsed.rows.length + new Set(parsed.errors.filter((e) => e.row > 0).map((e) => e.row)).size,
        rows: JSON.stringify(planned),
        errors: JSON.stringify(errors),
        matches: JSON.stringify(matches),
        leavers: JSON.stringify(leavers),
        summary: JSON.stringify(summary),
      });
      return presentPupilPreview({ id: storedId, format: parsed.format, fileType: read.fileType, fullExport: !!input.fullExport, columns: parsed.columns, ignoredColumns: parsed.ignoredColumns, planned, errors, matches, leavers, summary, gemeenteName });
    });
  } catch (error) {
    // The preview failed after children of other schools were looked up (its transaction, with the
    // log entries, is rolled back): the looks are logged all the same, in a transaction of their own.
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

function presentPupilPreview(p: {
  id: string;
  format: { id: string; label: string; assumption: boolean } | null;
  fileType: FileType | null;
  fullExport: boolean;
  columns: Record<string, string>;
  ignoredColumns: string[];
  planned: PlannedPupil[];
  errors: ImportRowError[];
  matches: TransferMatch[];
  leavers: Leaver[];
  summary: Summary;
  gemeenteName: Map<string, string>;
}): PupilImportPreview {
  // A transfer or waiting transfer shows the row as the FILE has it, never the stored child of the region.
  const shownOf = (r: PlannedPupil) =>
    r.shown ?? (r.status === 'transfer' || r.status === 'pending' ? { givenName: '–', familyName: '', gemeenteId: null } : { givenName: r.givenName, familyName: r.familyName, gemeenteId: r.gemeenteId });
  return {
    id: p.id,
    kind: 'pupils' as const,
    format: p.format ? { id: p.format.id, label: p.format.label, assumption: p.format.assumption } : null,
    fileType: p.fileType,
    fullExport: p.fullExport,
    columns: p.columns,
    ignoredColumns: p.ignoredColumns,
    counts: { ...p.summary.counts, pending: p.summary.counts.pending ?? 0, errors: p.errors.length, matches: p.matches.length, leavers: p.leavers.length },
    errors: p.errors,
    /** The rows that change something (at most 500), with what changes; the BSN is never echoed. */
    changes: p.planned
      .filter((r) => r.status !== 'unchanged')
      .slice(0, SAMPLE)
      .map((r) => {
        const shown = shownOf(r);
        return {
          row: r.row,
          pupilNumber: r.pupilNumber,
          givenName: shown.givenName,
          familyName: shown.familyName,
          status: r.status,
          changes: r.changes,
          groupName: r.groupName,
          gemeente: shown.gemeenteId ? (p.gemeenteName.get(shown.gemeenteId) ?? null) : null,
          startDate: r.startDate,
        };
      }),
    /** Rows that wait for another school's end date: the one sentence the school may be told, per row. */
    pending: p.planned
      .filter((r) => r.status === 'pending')
      .slice(0, SAMPLE)
      .map((r) => {
        const shown = shownOf(r);
        const identifier = r.pendingOn ?? 'bsn';
        return { row: r.row, pupilNumber: r.pupilNumber, givenName: shown.givenName, familyName: shown.familyName, identifier, message: enrolledElsewhereMessage(identifier) };
      }),
    newGroups: p.summary.newGroups,
    matches: p.matches.map(presentMatch),
    leavers: p.leavers.map(({ childId: _childId, ...l }) => l),
  };
}

/**
 * A stored preview again (the page was reloaded, or the user came back later): what the check
 * found, the transfer decisions taken so far, and whether it has been saved. What it shows of
 * children already in Samenspel is logged again, like the first time.
 */
export async function getPupilImport(database: Database, actor: Actor, importId: string) {
  return database.db.transaction().execute(async (tx) => {
    const imp = await tx
      .selectFrom('registry_imports')
      .selectAll()
      .where('id', '=', importId)
      .where('region_id', '=', actor.regionId)
      .where('kind', '=', 'pupils')
      // The file type is stored as the reader found it.
      .$narrowType<{ file_type: FileType | null }>()
      .executeTakeFirst();
    if (!imp) throw new NotFoundError();
    schoolOf(actor, imp.organisation_id);
    const matches = json<TransferMatch[]>(imp.matches);
    const leavers = json<Leaver[]>(imp.leavers);
    const planned = json<PlannedPupil[]>(imp.rows);
    const gemeenten = await tx.selectFrom('gemeenten').select(['id', 'name']).where('region_id', '=', actor.regionId).execute();
    const format = PUPIL_FORMATS.find((f) => f.id === imp.format) ?? null;
    const summary = json<Summary>(imp.summary);
    // Showing the check again is looking again: the same children as the first time (a check stored
    // before the lookups were kept: its matches and transfer rows).
    const lookups: TransferLookup[] = summary.lookups ?? [
      ...matches.map((m) => ({ childId: m.candidateChildId, row: m.row, match: 'name_birth_date' as const })),
      ...planned.filter((r) => (r.status === 'transfer' || r.status === 'pending') && r.childId).map((r) => ({ childId: r.childId!, row: r.row, match: r.bsn ? ('bsn' as const) : ('onderwijsnummer' as const) })),
    ];
    await recordListed(tx, actor, 'registry.transfer_match.view', transferLooks(importId, lookups));
    // The leavers it shows are looked at again too (also once committed: the page still lists them).
    const shown = await shownLeavers(tx, actor, importId, leavers);
    return {
      ...presentPupilPreview({
        id: imp.id,
        format,
        fileType: imp.file_type,
        fullExport: imp.full_export,
        columns: {},
        ignoredColumns: [],
        planned,
        errors: json<ImportRowError[]>(imp.errors),
        matches,
        leavers: shown,
        summary,
        gemeenteName: new Map(gemeenten.map((g) => [g.id, g.name])),
      }),
      status: imp.status,
      fileName: imp.file_name,
      uploadedAt: new Date(imp.uploaded_at).toISOString(),
      committedAt: imp.committed_at ? new Date(imp.committed_at).toISOString() : null,
    };
  });
}

/** A probable match as the school may see it: the row of its file, and the candidate's name and birth date — never the other school or its dates. */
const presentMatch = (m: TransferMatch) => ({
  id: m.id,
  row: m.row,
  pupilNumber: m.pupilNumber,
  file: m.file,
  candidate: { givenName: m.candidate.givenName, familyName: m.candidate.familyName, birthDate: m.candidate.birthDate, enrolledElsewhere: !!m.candidate.enrolledElsewhere },
  decision: m.decision,
  sameError: m.sameError,
  startDate: m.same?.startDate ?? null,
});

async function loadImport(tx: Tx, actor: Actor, importId: string) {
  const imp = await tx.selectFrom('registry_imports').selectAll().where('id', '=', importId).where('region_id', '=', actor.regionId).where('kind', '=', 'pupils').forUpdate().executeTakeFirst();
  if (!imp) throw new NotFoundError();
  schoolOf(actor, imp.organisation_id);
  return imp;
}

/**
 * The user decides about one probable match: "zelfde kind" (the pupil is that child: one record,
 * enrolled here — or, while the child is enrolled at another school, waiting for that school's end
 * date) or "ander kind" (a new child is made).
 */
export async function decideTransferMatch(database: Database, actor: Actor, importId: string, matchId: string, decision: TransferDecision) {
  return database.db.transaction().execute(async (tx) => {
    const imp = await loadImport(tx, actor, importId);
    if (imp.status !== 'preview') throw new ConflictError('Deze import is al verwerkt.', 'already_committed');
    const matches = json<TransferMatch[]>(imp.matches);
    const m = matches.find((x) => x.id === matchId);
    if (!m) throw new NotFoundError('Deze mogelijke overstap bestaat niet in deze import.');
    if (decision === 'same') {
      if (m.sameError) throw new ValidationError([{ name: 'decision', code: 'transfer_dates', reason: m.sameError }], m.sameError);
      const other = matches.find((x) => x.id !== m.id && x.decision === 'same' && (x.row === m.row || x.candidateChildId === m.candidateChildId));
      if (other) {
        const reason = other.row === m.row ? `Voor regel ${m.row} is al een ander kind als "zelfde kind" gekozen.` : `Dit kind is al gekozen als "zelfde kind" voor regel ${other.row}.`;
        throw new ConflictError(reason, 'match_taken', [{ name: 'decision', code: 'match_taken', reason }]);
      }
    }
    m.decision = decision;
    await updateImportPreview(tx, importId, { matches: JSON.stringify(matches) });
    await recordListed(tx, actor, 'registry.transfer_match.decide', [{ childId: m.candidateChildId, ground: TRANSFER_MATCH_GROUND, detail: { importId, row: m.row, decision, kind: 'identity' } }]);
    return { match: presentMatch(m), open: matches.filter((x) => x.decision === null).length };
  });
}

const PLANNED_COLUMNS = sql.raw(`r(row int, status text, "childId" uuid, "newChildId" uuid, "enrolmentId" uuid, "pupilNumber" text, "givenName" text, "familyName" text, "birthDate" date,
  bsn text, onderwijsnummer text, "gemeenteId" uuid, "residenceFrom" date, "groupName" text, "mentorPersonId" uuid, level text, "startDate" date,
  "identityChanged" boolean, "enrolmentChanged" boolean)`);

/**
 * Step 2: write the whole import in one transaction, or nothing; set-based SQL straight from the
 * stored preview. Refused while the file has errors or a probable match is not decided.
 */
export async function commitPupilImport(database: Database, actor: Actor, importId: string) {
  return database.db.transaction().execute(async (tx) => {
    const imp = await loadImport(tx, actor, importId);
    if (imp.status !== 'preview') throw new ConflictError('Deze import is al verwerkt.', 'already_committed');
    const errors = json<ImportRowError[]>(imp.errors);
    if (errors.length) throw new ConflictError(`Het bestand heeft ${errors.length} fout(en). Verbeter ze en laad het bestand opnieuw; er is niets opgeslagen.`, 'import_has_errors');
    const matches = json<TransferMatch[]>(imp.matches);
    const open = matches.filter((m) => m.decision === null).length;
    if (open) throw new ConflictError(`${open} mogelijke overstap${open === 1 ? '' : 'pen'} nog beoordelen: kies per leerling "zelfde kind" of "ander kind". Er is niets opgeslagen.`, 'matches_open');
    const later = await tx
      .selectFrom('registry_imports')
      .select('id')
      .where('organisation_id', '=', imp.organisation_id)
      .where('kind', '=', 'pupils')
      .where('status', '=', 'committed')
      .where('committed_at', '>', imp.uploaded_at)
      .executeTakeFirst();
    if (later) throw new ConflictError('Na deze controle is een andere leerlingenimport opgeslagen. Laad het bestand opnieuw om de actuele wijzigingen te zien; er is niets opgeslagen.', 'import_outdated');
    const summary = json<Summary>(imp.summary);
    const organisationId = imp.organisation_id;
    // "Zelfde kind": the row becomes a transfer to that child — or waits, while the child is enrolled
    // at another school (this school does not end another school's enrolment).
    const same = matches.filter((m) => m.decision === 'same');
    if (same.length) {
      const rows = json<PlannedPupil[]>(imp.rows);
      const byRow = new Map(same.map((m) => [m.row, m]));
      for (const r of rows) {
        const m = byRow.get(r.row);
        if (!m || !m.same) continue;
        const shown = r.shown ?? { givenName: r.givenName, familyName: r.familyName, gemeenteId: r.gemeenteId };
        if (m.candidate.enrolledElsewhere) {
          Object.assign(r, {
            status: 'pending',
            childId: m.candidateChildId,
            bsn: null,
            onderwijsnummer: null,
            identityChanged: false,
            gemeenteId: null,
            residenceFrom: null,
            startDate: null,
            shown,
            pendingOn: 'name_birth_date',
          } satisfies Partial<PlannedPupil>);
          continue;
        }
        Object.assign(r, {
          shown,
          status: 'transfer',
          childId: m.candidateChildId,
          givenName: m.candidate.givenName,
          familyName: m.candidate.familyName,
          birthDate: m.candidate.birthDate,
          bsn: m.same.bsn,
          onderwijsnummer: m.same.onderwijsnummer,
          identityChanged: !!(m.same.bsn || m.same.onderwijsnummer),
          gemeenteId: m.same.gemeenteId,
          residenceFrom: m.same.gemeenteId ? summary.day : null,
          startDate: m.same.startDate,
        } satisfies Partial<PlannedPupil>);
      }
      await updateImportPreview(tx, importId, { rows: JSON.stringify(rows) });
    }
    const R = storedImportRows(importId, PLANNED_COLUMNS);
    const year = summary.schoolYear;
    // A transfer is written only while no enrolment of the child (here or at another school) runs on
    // or after its start: the other school may have enrolled the child since the check.
    const clash = await sql<{ row: number }>`
      select r.row from ${R} r join enrolments e on e.child_id = r."childId"
      where r.status = 'transfer' and (e.end_date is null or e.end_date >= r."startDate") order by r.row limit 1`.execute(tx);
    if (clash.rows.length) {
      throw new ConflictError(
        `Sinds de controle is de inschrijving veranderd van de leerling op regel ${clash.rows[0].row}, die van een andere school komt. Laad het bestand opnieuw; er is niets opgeslagen.`,
        'import_outdated',
      );
    }

    const { childrenCreated, residencesAdded } = await writePupilImport(tx, { rows: R, regionId: actor.regionId, organisationId, schoolYear: year });
    // A pupil back in the file is no probable leaver any more.
    await dismissPupilLeaversInFile(tx, R, actor.personId);
    const leavers = imp.full_export ? await addPupilLeaverCandidates(tx, { regionId: actor.regionId, organisationId, importId }) : 0;
    await markImportCommitted(tx, importId, actor.personId);
    // Written for these children (a waiting transfer wrote nothing: no relation, no entry). Asked of
    // the policy now that their enrolments are written, so a pupil new to the school has the school's
    // care as its ground; a pupil whose enrolment starts later is recorded as the school's own
    // registration, without a ground (withPupilsOfImport).
    const touched = (await sql<{ child_id: string; status: string }>`select coalesce(r."childId", r."newChildId") as child_id, r.status from ${R} r where r.status <> 'pending'`.execute(tx)).rows;
    const statusOf = new Map(touched.map((t) => [t.child_id, t.status]));
    const { denied } = await withPupilsOfImport(tx, actor, { organisationId, kind: 'identity', event: 'registry.pupil_import', importId }, [...statusOf.keys()], (childId) => ({ status: statusOf.get(childId) }));
    // Every pupil written has an enrolment here that runs today or starts later: a refusal would be a
    // fault of the import itself, and nothing is saved.
    if (denied.length) throw new Error(`pupil import ${importId}: the policy gives no ground on ${denied.length} pupil(s) just enrolled`);
    const counts: Record<PupilRowStatus, number> = { new: 0, updated: 0, unchanged: 0, transfer: 0, pending: 0 };
    for (const t of touched) counts[t.status as PupilRowStatus]++;
    counts.pending = Number((await sql<{ n: number }>`select count(*)::int as n from ${R} r where r.status = 'pending'`.execute(tx)).rows[0].n);
    return { id: importId, ...counts, childrenCreated, residencesAdded, leavers };
  });
}
