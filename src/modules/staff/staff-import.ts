import { sql } from 'kysely';
import type { Database, Db, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../kernel/errors.ts';
import { createProfessionalAccounts, disableAccountsOfPerson } from '../session/index.ts';
import type { ImportRowError } from '../../kernel/files/column-mapping.ts';
import { schoolYearOf } from '../../kernel/calendar/school-year.ts';
import { today } from '../../kernel/time.ts';
import type { OrganisationKind } from '../../kernel/db/schema.ts';
import { isRole, type Role } from '../../kernel/policy/roles.ts';
import { readStaffFile, type StaffFile, type StaffFileRow } from './staff-file.ts';
import { createInvitations } from './invitations.ts';
import { createPeople, endMembershipsAt, grantRoles, renamePeople } from '../registry/index.ts';
import { assignGroupStaff } from '../children/index.ts';
import { commitImport, fromJson, previewImport, type ImportSteps, type StoredImport } from '../../kernel/files/import-pipeline.ts';
import { lockStoredImport, markImportCommitted, storeImportPreview } from '../../kernel/files/import-store.ts';
import { addStaffLeaverCandidates, decideLeaverCandidate, dismissStaffLeaversInFile } from '../../kernel/files/leavers-store.ts';
import type { AppKeys } from '../../kernel/keys.ts';
import type { GroupRole, StaffRowStatus } from '../../contracts/values/staff.ts';

/**
 * Staff import per organisation (functional administrator), on the one import pipeline
 * (kernel/files/import-pipeline.ts): step 1 reads the file and stores a preview — per row new /
 * update (what changes) / unchanged, and per row and column what to fix — without writing anything
 * else; step 2 writes everything in one transaction or nothing. The e-mail address identifies a
 * person within the region, so importing the same file again changes nothing. Nothing is ever
 * deleted: people missing from a full export become leaver candidates, which end only when the
 * administrator confirms a date.
 *
 * The steps, one function each (`staffImport` below):
 *   authorize  the functional administrator; the scope is their region
 *   read       the organisation (of the region) and the file read for its kind
 *   check      the rows against the register, the leavers of a full export, the same file before
 *   store      the preview in registry_imports (kernel/files/import-store.ts)
 *   present    what the preview screen shows
 *   authorizeCommit  the functional administrator (403 before any import is looked up)
 *   lock       the stored staff import of the actor's region (another region's: 404, as unknown)
 *   write      the plan made again against the register as it is now, then written set-based
 *   markCommitted  committed, with the result in its summary
 */

export type RowStatus = StaffRowStatus;

export interface PlannedRow extends StaffFileRow {
  personId: string | null;
  status: RowStatus;
  changes: {
    name: { from: string; to: string } | null;
    rolesAdded: Role[];
    groupsAdded: { name: string; role: GroupRole }[];
    /** A sign-in account (username = e-mail) and an invitation will be created. */
    account: boolean;
  };
}

export interface Leaver {
  personId: string;
  name: string;
  email: string | null;
  roles: Role[];
}

export function requireFunctionalAdmin(actor: Actor) {
  if (actor.membership?.role !== 'functional_admin') throw new ForbiddenError('Medewerkers importeren doet de functioneel beheerder van de regio.');
}

async function organisationOf(db: Db | Tx, actor: Actor, organisationId: string) {
  const org = await db.selectFrom('organisations').select(['id', 'name', 'kind']).where('id', '=', organisationId).where('region_id', '=', actor.regionId).executeTakeFirst();
  if (!org) throw new ValidationError([{ name: 'organisationId', code: 'unknown_organisation', reason: 'Kies een organisatie van de regio.' }]);
  return org;
}

const chunk = <T>(list: T[], size = 5000) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));
const groupKey = (name: string) => name.toLowerCase();

type Person = { id: string; email: string; given_name: string; family_name: string };

/** What the register knows of the people in the file: a handful of set-based queries, whatever the number of rows. */
interface Register {
  peopleByEmail: Map<string, Person[]>;
  /** `personId|role` of the active memberships at the organisation. */
  memberships: Set<string>;
  accountOf: Map<string, string>;
  /** `personId|group|role` of the groups of the school year at the organisation. */
  groupsOf: Set<string>;
  /** Usernames taken, with the person of their account. */
  usernames: Map<string, string | null>;
}

async function peopleWithEmails(db: Db | Tx, regionId: string, emails: string[]) {
  const people: Person[] = [];
  for (const part of chunk(emails)) {
    people.push(
      ...(await db
        .selectFrom('people')
        .select(['id', sql<string>`lower(email)`.as('email'), 'given_name', 'family_name'])
        .where('region_id', '=', regionId)
        .where(sql<string>`lower(email)`, 'in', part)
        .orderBy('created_at')
        .execute()),
    );
  }
  return people;
}

async function registerOf(db: Db | Tx, regionId: string, orgId: string, emails: string[], schoolYear: string): Promise<Register> {
  const people = await peopleWithEmails(db, regionId, emails);
  const register: Register = { peopleByEmail: new Map(), memberships: new Set(), accountOf: new Map(), groupsOf: new Set(), usernames: new Map() };
  for (const p of people) register.peopleByEmail.set(p.email, [...(register.peopleByEmail.get(p.email) ?? []), p]);
  for (const part of chunk(people.map((p) => p.id))) {
    for (const m of await db.selectFrom('memberships').select(['person_id', 'role']).where('organisation_id', '=', orgId).where('ended_at', 'is', null).where('person_id', 'in', part).execute()) {
      register.memberships.add(`${m.person_id}|${m.role}`);
    }
    for (const a of await db.selectFrom('accounts').select(['id', 'person_id']).where('person_id', 'in', part).execute()) register.accountOf.set(a.person_id!, a.id);
    for (const g of await db
      .selectFrom('group_staff as gs')
      .innerJoin('school_groups as g', 'g.id', 'gs.group_id')
      .select(['gs.person_id', 'g.name', 'gs.role'])
      .where('g.organisation_id', '=', orgId)
      .where('g.school_year', '=', schoolYear)
      .where('gs.person_id', 'in', part)
      .execute()) {
      register.groupsOf.add(`${g.person_id}|${groupKey(g.name)}|${g.role}`);
    }
  }
  // Usernames taken by an account of someone else.
  for (const part of chunk(emails)) {
    for (const a of await db.selectFrom('accounts').select(['username', 'person_id']).where('username', 'in', part).execute()) register.usernames.set(a.username, a.person_id);
  }
  return register;
}

/** One row against the register: what changes for this person, or why the row cannot be used. */
function planRow(r: StaffFileRow, register: Register, actorPersonId: string | null): PlannedRow | ImportRowError {
  const matches = register.peopleByEmail.get(r.email) ?? [];
  if (matches.length > 1) {
    return { row: r.row, column: 'email', message: `Er staan ${matches.length} personen met het e-mailadres ${r.email} in de regio. Geef elke persoon een eigen e-mailadres (via Beheer → Mensen) en laad het bestand opnieuw.` };
  }
  const person = matches[0];
  const needsAccount = !person || !register.accountOf.has(person.id);
  if (needsAccount && register.usernames.has(r.email) && register.usernames.get(r.email) !== person?.id) {
    return { row: r.row, column: 'email', message: `De gebruikersnaam ${r.email} is al in gebruik door een ander account. Gebruik een ander e-mailadres of pas dat account aan.` };
  }
  const rolesAdded = r.roles.filter((role) => !person || !register.memberships.has(`${person.id}|${role}`));
  if (person && actorPersonId && person.id === actorPersonId && rolesAdded.length) {
    // Nobody gives themselves a role (registry/role-grants.ts).
    return { row: r.row, column: 'roles', message: `Dit bent u zelf (${r.email}): u kunt uzelf geen rol geven. Laat een andere functioneel beheerder dit bestand importeren, of haal uw eigen regel eruit.` };
  }
  const groupsAdded = [
    ...r.taught.map((name) => ({ name, role: 'teacher' as const })),
    ...r.mentored.map((name) => ({ name, role: 'mentor' as const })),
  ].filter((g) => !person || !register.groupsOf.has(`${person.id}|${groupKey(g.name)}|${g.role}`));
  const name = person && (person.given_name !== r.givenName || person.family_name !== r.familyName) ? { from: `${person.given_name} ${person.family_name}`, to: `${r.givenName} ${r.familyName}` } : null;
  const changed = !!name || rolesAdded.length > 0 || groupsAdded.length > 0 || needsAccount;
  return { ...r, personId: person?.id ?? null, status: !person ? 'new' : changed ? 'update' : 'unchanged', changes: { name, rolesAdded, groupsAdded, account: needsAccount } };
}

/** Compare the file with the register: who is new, what changes for whom, and which e-mail addresses cannot be used. */
async function planRows(db: Db | Tx, regionId: string, org: { id: string; kind: OrganisationKind }, rows: StaffFileRow[], schoolYear: string, actorPersonId: string | null) {
  const register = await registerOf(db, regionId, org.id, rows.map((r) => r.email), schoolYear);
  const planned: PlannedRow[] = [];
  const errors: ImportRowError[] = [];
  for (const r of rows) {
    const p = planRow(r, register, actorPersonId);
    if ('status' in p) planned.push(p);
    else errors.push(p);
  }
  return { planned, errors };
}

/** People with an active membership at the organisation who are not in the file. */
async function findLeavers(db: Db | Tx, organisationId: string, emails: Set<string>): Promise<Leaver[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.given_name', 'p.family_name', 'p.email', 'm.role'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.ended_at', 'is', null)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute();
  const byPerson = new Map<string, Leaver>();
  for (const r of rows) {
    if (r.email && emails.has(r.email.toLowerCase())) continue;
    const l = byPerson.get(r.id) ?? { personId: r.id, name: `${r.given_name} ${r.family_name}`, email: r.email, roles: [] };
    if (isRole(r.role)) l.roles.push(r.role);
    byPerson.set(r.id, l);
  }
  return [...byPerson.values()];
}

const summaryOf = (planned: PlannedRow[], leavers: Leaver[]) => ({
  new: planned.filter((r) => r.status === 'new').length,
  update: planned.filter((r) => r.status === 'update').length,
  unchanged: planned.filter((r) => r.status === 'unchanged').length,
  invitations: planned.filter((r) => r.changes.account).length,
  leavers: leavers.length,
});

/** The last committed staff import of this organisation with the same file (by its hash). */
async function sameFileBefore(db: Db, organisationId: string, sha256: string) {
  const previous = await db
    .selectFrom('registry_imports')
    .select(['id', 'committed_at'])
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', 'staff')
    .where('file_sha256', '=', sha256)
    .where('status', '=', 'committed')
    .orderBy('committed_at', 'desc')
    .executeTakeFirst();
  return previous ? { importId: previous.id, committedAt: new Date(previous.committed_at!).toISOString() } : null;
}

// ——— The steps ———

interface StaffImportInput {
  organisationId: string;
  fileName: string;
  content: Buffer;
  fullExport: boolean;
}
/** The functional administrator imports for any organisation of their region. */
interface StaffScope {
  regionId: string;
}
interface StaffRead {
  org: { id: string; name: string; kind: OrganisationKind };
  file: StaffFile;
}
interface StaffPlan {
  planned: PlannedRow[];
  errors: ImportRowError[];
  leavers: Leaver[];
  summary: ReturnType<typeof summaryOf> & { errors: number; schoolYear: string };
  alreadyImported: { importId: string; committedAt: string } | null;
}
interface StoredStaffImport extends StoredImport {
  organisationId: string;
  fullExport: boolean;
  rows: PlannedRow[];
  leavers: Leaver[];
  summary: object;
}
type StaffPreview = ReturnType<typeof presentStaffPreview>;
type StaffCommitResult = Awaited<ReturnType<typeof writeStaffImport>>;
type StaffImportSteps = ImportSteps<StaffImportInput, StaffScope, StaffRead, StaffPlan, StoredStaffImport, StaffPreview, StaffCommitResult>;

function authorizeStaffImport(actor: Actor): StaffScope {
  requireFunctionalAdmin(actor);
  return { regionId: actor.regionId };
}

/** The organisation of the region (400 otherwise) and the file read for its kind. */
async function readStaffImport(database: Database, actor: Actor, _scope: StaffScope, input: StaffImportInput): Promise<StaffRead> {
  const org = await organisationOf(database.db, actor, input.organisationId);
  return { org, file: await readStaffFile(input.content, org.kind) };
}

/** The rows against the register, the leavers of a full export and the same file before. Writes nothing. */
async function checkStaffImport(database: Database, actor: Actor, scope: StaffScope, { org, file }: StaffRead, input: StaffImportInput, sha256: string): Promise<StaffPlan> {
  const { db } = database;
  const schoolYear = schoolYearOf(today());
  const plan = await planRows(db, scope.regionId, org, file.rows, schoolYear, actor.personId);
  const errors = [...file.errors, ...plan.errors].sort((a, b) => a.row - b.row);
  // Leavers only from a full export that could be read: a file that was not recognised would
  // otherwise make everyone a leaver.
  const readable = file.format !== null && !file.errors.some((e) => e.row === 0);
  const leavers = input.fullExport && readable ? await findLeavers(db, org.id, new Set(file.emails)) : [];
  const summary = { ...summaryOf(plan.planned, leavers), errors: errors.length, schoolYear };
  const alreadyImported = await sameFileBefore(db, org.id, sha256);
  return { planned: plan.planned, errors, leavers, summary, alreadyImported };
}

async function storeStaffImport(database: Database, actor: Actor, scope: StaffScope, { sha256, plan, read, input }: { sha256: string; plan: StaffPlan; read: StaffRead; input: StaffImportInput }) {
  return storeImportPreview(database.db, {
    region_id: scope.regionId,
    organisation_id: read.org.id,
    kind: 'staff',
    uploaded_by_person_id: actor.personId,
    file_name: input.fileName.slice(0, 200),
    file_sha256: sha256,
    file_type: read.file.fileType,
    format: read.file.format,
    full_export: input.fullExport,
    row_count: read.file.rowCount,
    rows: JSON.stringify(plan.planned),
    errors: JSON.stringify(plan.errors),
    leavers: JSON.stringify(plan.leavers),
    summary: JSON.stringify(plan.summary),
  });
}

const presentRow = (r: PlannedRow) => ({
  row: r.row,
  email: r.email,
  givenName: r.givenName,
  familyName: r.familyName,
  roles: r.roles,
  taught: r.taught,
  mentored: r.mentored,
  personId: r.personId,
  status: r.status,
  changes: r.changes,
});

function presentStaffPreview({ id, plan, read: { org, file }, input }: { id: string; plan: StaffPlan; read: StaffRead; input: StaffImportInput }) {
  return {
    id,
    organisation: org,
    format: file.format,
    formatLabel: file.formatLabel,
    assumption: file.assumption,
    fileType: file.fileType,
    columns: file.columns,
    ignoredColumns: file.ignoredColumns,
    rowCount: file.rowCount,
    fullExport: input.fullExport,
    summary: plan.summary,
    errors: plan.errors,
    rows: plan.planned.map(presentRow),
    leavers: plan.leavers,
    alreadyImported: plan.alreadyImported,
  };
}

/** The stored staff import of the actor's region, locked; another region's is not found, like an unknown id. */
async function lockStaffImport(tx: Tx, actor: Actor, importId: string): Promise<StoredStaffImport | null> {
  const imp = await lockStoredImport(tx, { id: importId, regionId: actor.regionId, kind: 'staff' });
  if (!imp) return null;
  return {
    id: imp.id,
    status: imp.status,
    errorCount: fromJson<ImportRowError[]>(imp.errors).length,
    organisationId: imp.organisation_id,
    fullExport: imp.full_export,
    rows: fromJson<PlannedRow[]>(imp.rows),
    leavers: fromJson<Leaver[] | null>(imp.leavers) ?? [],
    summary: fromJson<object>(imp.summary),
  };
}

/**
 * The plan made again against the register as it is now (someone may have changed it since the
 * preview): a row that no longer fits refuses the whole commit.
 */
async function planAgain(tx: Tx, actor: Actor, org: StaffRead['org'], stored: StoredStaffImport, schoolYear: string) {
  const fileRows = stored.rows.map(({ row, email, givenName, familyName, roles, taught, mentored }) => ({ row, email, givenName, familyName, roles, taught, mentored }));
  const plan = await planRows(tx, actor.regionId, org, fileRows, schoolYear, actor.personId);
  if (plan.errors.length) {
    throw new ConflictError(`Het register is veranderd sinds de controle: ${plan.errors[0].message} Laad het bestand opnieuw; er is niets opgeslagen.`, 'import_stale');
  }
  return plan.planned;
}

/** Accounts (username = e-mail, no password yet) and an invitation with its e-mail for each. */
async function inviteNewAccounts(tx: Tx, keys: AppKeys, actor: Actor, rows: PlannedRow[], personOf: (r: PlannedRow) => string) {
  const accountRows = rows.filter((r) => r.changes.account);
  const accounts: { id: string; person_id: string | null; username: string }[] = [];
  for (const part of chunk(accountRows, 1000)) {
    accounts.push(...(await createProfessionalAccounts(tx, part.map((r) => ({ regionId: actor.regionId, username: r.email, personId: personOf(r), passwordHash: null })))));
  }
  const givenOf = new Map(rows.map((r) => [r.email, r.givenName]));
  await createInvitations(tx, keys, {
    regionId: actor.regionId,
    createdByPersonId: actor.personId,
    invitations: accounts.map((a) => ({ accountId: a.id, email: a.username, givenName: givenOf.get(a.username) })),
  });
  return accounts.length;
}

/**
 * Leavers of a full export: a candidate each (an open one is not duplicated). Someone back in the
 * file is no longer a probable leaver.
 */
async function recordLeavers(tx: Tx, actor: Actor, organisationId: string, stored: StoredStaffImport, personIds: string[]) {
  const leaverCandidates =
    stored.fullExport && stored.leavers.length
      ? await addStaffLeaverCandidates(tx, { regionId: actor.regionId, organisationId, importId: stored.id, personIds: stored.leavers.map((l) => l.personId) })
      : 0;
  const candidatesWithdrawn = await dismissStaffLeaversInFile(tx, { organisationId, personIds, decidedByPersonId: actor.personId });
  return { leaverCandidates, candidatesWithdrawn };
}

/** One access-log event per row of the file, with the person it was about. */
async function logStaffImport(tx: Tx, actor: Actor, importId: string, organisationId: string, rows: PlannedRow[], personOf: (r: PlannedRow) => string) {
  for (const r of rows) {
    await recordEvent(tx, actor, {
      event: 'registry.staff_import',
      detail: { importId, organisationId, personId: personOf(r), status: r.status, rolesAdded: r.changes.rolesAdded, invited: r.changes.account },
    });
  }
}

/**
 * Step 2's write, in the pipeline's one transaction: the plan made again, then a few set-based
 * statements — people, names, memberships (an ended one is reopened), groups of the current school
 * year, accounts with their invitations and e-mails, leaver candidates — and the access log.
 */
async function writeStaffImport(tx: Tx, actor: Actor, stored: StoredStaffImport, keys: AppKeys) {
  // One staff import of a region at a time: two imports naming the same new person would
  // otherwise both create them.
  await tx.selectFrom('regions').select('id').where('id', '=', actor.regionId).forUpdate().execute();
  const org = await organisationOf(tx, actor, stored.organisationId);
  const schoolYear = schoolYearOf(today());
  const rows = await planAgain(tx, actor, org, stored, schoolYear);
  const created = await createPeople(tx, actor.regionId, rows.filter((r) => r.status === 'new'));
  const personOf = (r: PlannedRow) => r.personId ?? created.get(r.email)!;
  await renamePeople(tx, actor.regionId, rows.filter((r) => r.changes.name).map((r) => ({ id: r.personId, given: r.givenName, family: r.familyName })));
  // Roles that see children's data go through the ledger the privacy officer reads and, where the
  // region requires it, wait for a second administrator.
  const grants = rows.flatMap((r) => r.changes.rolesAdded.map((role) => ({ personId: personOf(r), organisationId: org.id, role })));
  const roles = await grantRoles(tx, actor, actor.regionId, grants, { importId: stored.id });
  const groupRows = rows.flatMap((r) => r.changes.groupsAdded.map((g) => ({ person: personOf(r), name: g.name, role: g.role })));
  const groupsCreated = await assignGroupStaff(tx, { organisationId: org.id, schoolYear, assignments: groupRows });
  const invitations = await inviteNewAccounts(tx, keys, actor, rows, personOf);
  const leavers = await recordLeavers(tx, actor, org.id, stored, rows.map(personOf));
  await logStaffImport(tx, actor, stored.id, org.id, rows, personOf);
  return {
    id: stored.id,
    rows: rows.length,
    created: rows.filter((r) => r.status === 'new').length,
    updated: rows.filter((r) => r.status === 'update').length,
    unchanged: rows.filter((r) => r.status === 'unchanged').length,
    membershipsAdded: roles.granted.length,
    /** Roles that see children's data, waiting for a second administrator (region setting). */
    rolesPending: roles.pending.length,
    groupsCreated,
    groupAssignments: groupRows.length,
    invitations,
    ...leavers,
  };
}

async function markStaffImportCommitted(tx: Tx, actor: Actor, stored: StoredStaffImport, result: StaffCommitResult) {
  await markImportCommitted(tx, stored.id, actor.personId, JSON.stringify({ ...stored.summary, result }));
}

/** Every step of the staff import but the commit's write, which needs the installation key. */
const staffImportSteps: Omit<StaffImportSteps, 'write'> = {
  name: 'staff',
  authorize: authorizeStaffImport,
  read: readStaffImport,
  check: checkStaffImport,
  store: storeStaffImport,
  present: presentStaffPreview,
  authorizeCommit: requireFunctionalAdmin,
  lock: lockStaffImport,
  markCommitted: markStaffImportCommitted,
  hasErrorsMessage: (count) => `Het bestand heeft ${count} fout(en). Verbeter ze en laad het bestand opnieuw; er is niets opgeslagen.`,
  notFoundMessage: 'Niet gevonden, of u heeft er geen toegang toe.',
};

const withKeys = new WeakMap<AppKeys, StaffImportSteps>();
/**
 * The staff import's steps for this installation. The invitations the commit writes are tokens made
 * with the installation key, and the pipeline's `write(tx, actor, stored)` carries no context: the
 * key is bound here, once per key.
 */
export function staffImport(keys: AppKeys): StaffImportSteps {
  let steps = withKeys.get(keys);
  if (!steps) {
    steps = { ...staffImportSteps, write: (tx, actor, stored) => writeStaffImport(tx, actor, stored, keys) };
    withKeys.set(keys, steps);
  }
  return steps;
}

/** Step 1: check the file against the register and store the preview. Nothing else is written. */
export const previewStaffImport = (database: Database, actor: Actor, input: StaffImportInput, keys: AppKeys) => previewImport(staffImport(keys), database, actor, input);

/** Step 2: everything in one transaction, or nothing. */
export const commitStaffImport = (database: Database, actor: Actor, importId: string, keys: AppKeys) => commitImport(staffImport(keys), database, actor, importId);

/** Open leaver candidates (staff) of the region, or of one organisation. */
export async function listStaffLeavers(database: Database, actor: Actor, organisationId?: string) {
  requireFunctionalAdmin(actor);
  let q = database.db
    .selectFrom('leaver_candidates as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .innerJoin('registry_imports as i', 'i.id', 'c.import_id')
    .select(['c.id', 'c.person_id', 'p.given_name', 'p.family_name', 'p.email', 'c.organisation_id', 'o.name as organisation_name', 'c.created_at', 'i.file_name'])
    .where('c.region_id', '=', actor.regionId)
    .where('c.kind', '=', 'staff')
    .where('c.status', '=', 'open');
  if (organisationId) q = q.where('c.organisation_id', '=', organisationId);
  const rows = await q.orderBy('o.name').orderBy('p.family_name').orderBy('p.given_name').execute();
  const roles = rows.length
    ? await database.db
        .selectFrom('memberships')
        .select(['person_id', 'organisation_id', 'role'])
        .where('person_id', 'in', rows.map((r) => r.person_id!))
        .where('ended_at', 'is', null)
        // A membership's role is one of the roles (registry/role-grants.ts writes them).
        .$narrowType<{ role: Role }>()
        .execute()
    : [];
  return {
    items: rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      name: `${r.given_name} ${r.family_name}`,
      email: r.email,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      roles: roles.filter((m) => m.person_id === r.person_id && m.organisation_id === r.organisation_id).map((m) => m.role),
      since: new Date(r.created_at).toISOString(),
      fileName: r.file_name,
    })),
  };
}

async function openCandidate(tx: Tx, actor: Actor, id: string) {
  const c = await tx.selectFrom('leaver_candidates').selectAll().where('id', '=', id).where('region_id', '=', actor.regionId).where('kind', '=', 'staff').forUpdate().executeTakeFirst();
  if (!c) throw new NotFoundError();
  if (c.status !== 'open') throw new ConflictError(c.status === 'confirmed' ? 'Het vertrek van deze medewerker is al bevestigd.' : 'Deze melding is al afgewezen.', 'candidate_decided');
  return c;
}

/**
 * The administrator confirms that a person left on `endDate`: their memberships at this
 * organisation end; when they have no other active membership their account is disabled (and
 * their sessions end). The person and their access log stay.
 */
export async function confirmStaffLeaver(database: Database, actor: Actor, id: string, endDate: string) {
  requireFunctionalAdmin(actor);
  if (endDate > today()) throw new ValidationError([{ name: 'endDate', code: 'in_future', reason: 'Bevestig het vertrek op of na de laatste werkdag: de datum mag niet in de toekomst liggen.' }]);
  return database.db.transaction().execute(async (tx) => {
    const c = await openCandidate(tx, actor, id);
    const membershipsEnded = await endMembershipsAt(tx, c.person_id!, c.organisation_id, endDate);
    await decideLeaverCandidate(tx, id, { status: 'confirmed', endDate, decidedByPersonId: actor.personId });
    const other = await tx.selectFrom('memberships').select('id').where('person_id', '=', c.person_id!).where('ended_at', 'is', null).executeTakeFirst();
    let accountDisabled = false;
    if (!other) {
      const accounts = await disableAccountsOfPerson(tx, c.person_id!);
      accountDisabled = accounts.length > 0;
      if (accounts.length) {
        await tx.updateTable('invitations').set({ revoked_at: sql`now()` }).where('account_id', 'in', accounts).where('used_at', 'is', null).where('revoked_at', 'is', null).execute();
      }
    }
    await recordEvent(tx, actor, {
      event: 'registry.staff_leaver.confirm',
      detail: { candidateId: id, personId: c.person_id, organisationId: c.organisation_id, endDate, membershipsEnded, accountDisabled },
    });
    return { id, status: 'confirmed' as const, endDate, membershipsEnded, accountDisabled };
  });
}

/** The person did not leave: the candidate is dismissed, nothing else changes. */
export async function dismissStaffLeaver(database: Database, actor: Actor, id: string) {
  requireFunctionalAdmin(actor);
  return database.db.transaction().execute(async (tx) => {
    const c = await openCandidate(tx, actor, id);
    await decideLeaverCandidate(tx, id, { status: 'dismissed', decidedByPersonId: actor.personId });
    await recordEvent(tx, actor, { event: 'registry.staff_leaver.dismiss', detail: { candidateId: id, personId: c.person_id, organisationId: c.organisation_id } });
    return { id, status: 'dismissed' as const };
  });
}
