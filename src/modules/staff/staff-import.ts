import { createHash } from 'node:crypto';
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
import { readStaffFile, type StaffFileRow } from './staff-file.ts';
import { createInvitations } from './invitations.ts';
import { createPeople, endMembershipsAt, grantRoles, renamePeople } from '../registry/index.ts';
import { assignGroupStaff } from '../children/index.ts';
import { markImportCommitted, storeImportPreview } from '../../kernel/files/import-store.ts';
import { addStaffLeaverCandidates, decideLeaverCandidate, dismissStaffLeaversInFile } from '../../kernel/files/leavers-store.ts';
import type { AppKeys } from '../../kernel/keys.ts';
import type { GroupRole, StaffRowStatus } from '../../contracts/values/staff.ts';

/**
 * Staff import per organisation (functional administrator): step 1 reads the file and stores a
 * preview — per row new / update (what changes) / unchanged, and per row and column what to fix —
 * without writing anything else; step 2 writes everything in one transaction or nothing. The
 * e-mail address identifies a person within the region, so importing the same file again changes
 * nothing. Nothing is ever deleted: people missing from a full export become leaver candidates,
 * which end only when the administrator confirms a date.
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

/**
 * Compare the file with the register: who is new, what changes for whom, and which e-mail
 * addresses cannot be used. A handful of set-based queries, whatever the number of rows.
 */
async function planRows(db: Db | Tx, regionId: string, org: { id: string; kind: OrganisationKind }, rows: StaffFileRow[], schoolYear: string, actorPersonId: string | null) {
  const errors: ImportRowError[] = [];
  const emails = rows.map((r) => r.email);
  const people: { id: string; email: string; given_name: string; family_name: string }[] = [];
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
  const peopleByEmail = new Map<string, typeof people>();
  for (const p of people) peopleByEmail.set(p.email, [...(peopleByEmail.get(p.email) ?? []), p]);
  const personIds = people.map((p) => p.id);
  const memberships = new Set<string>();
  const accountOf = new Map<string, string>();
  const groupsOf = new Set<string>();
  for (const part of chunk(personIds)) {
    for (const m of await db.selectFrom('memberships').select(['person_id', 'role']).where('organisation_id', '=', org.id).where('ended_at', 'is', null).where('person_id', 'in', part).execute()) {
      memberships.add(`${m.person_id}|${m.role}`);
    }
    for (const a of await db.selectFrom('accounts').select(['id', 'person_id']).where('person_id', 'in', part).execute()) accountOf.set(a.person_id!, a.id);
    for (const g of await db
      .selectFrom('group_staff as gs')
      .innerJoin('school_groups as g', 'g.id', 'gs.group_id')
      .select(['gs.person_id', 'g.name', 'gs.role'])
      .where('g.organisation_id', '=', org.id)
      .where('g.school_year', '=', schoolYear)
      .where('gs.person_id', 'in', part)
      .execute()) {
      groupsOf.add(`${g.person_id}|${groupKey(g.name)}|${g.role}`);
    }
  }
  // Usernames taken by an account of someone else.
  const usernames = new Map<string, string | null>();
  for (const part of chunk(emails)) {
    for (const a of await db.selectFrom('accounts').select(['username', 'person_id']).where('username', 'in', part).execute()) usernames.set(a.username, a.person_id);
  }
  const planned: PlannedRow[] = [];
  for (const r of rows) {
    const matches = peopleByEmail.get(r.email) ?? [];
    if (matches.length > 1) {
      errors.push({ row: r.row, column: 'email', message: `Er staan ${matches.length} personen met het e-mailadres ${r.email} in de regio. Geef elke persoon een eigen e-mailadres (via Beheer → Mensen) en laad het bestand opnieuw.` });
      continue;
    }
    const person = matches[0];
    const needsAccount = !person || !accountOf.has(person.id);
    if (needsAccount && usernames.has(r.email) && usernames.get(r.email) !== person?.id) {
      errors.push({ row: r.row, column: 'email', message: `De gebruikersnaam ${r.email} is al in gebruik door een ander account. Gebruik een ander e-mailadres of pas dat account aan.` });
      continue;
    }
    const rolesAdded = r.roles.filter((role) => !person || !memberships.has(`${person.id}|${role}`));
    if (person && actorPersonId && person.id === actorPersonId && rolesAdded.length) {
      // Nobody gives themselves a role (registry/role-grants.ts).
      errors.push({ row: r.row, column: 'roles', message: `Dit bent u zelf (${r.email}): u kunt uzelf geen rol geven. Laat een andere functioneel beheerder dit bestand importeren, of haal uw eigen regel eruit.` });
      continue;
    }
    const groupsAdded = [
      ...r.taught.map((name) => ({ name, role: 'teacher' as const })),
      ...r.mentored.map((name) => ({ name, role: 'mentor' as const })),
    ].filter((g) => !person || !groupsOf.has(`${person.id}|${groupKey(g.name)}|${g.role}`));
    const name = person && (person.given_name !== r.givenName || person.family_name !== r.familyName) ? { from: `${person.given_name} ${person.family_name}`, to: `${r.givenName} ${r.familyName}` } : null;
    const changed = !!name || rolesAdded.length > 0 || groupsAdded.length > 0 || needsAccount;
    planned.push({ ...r, personId: person?.id ?? null, status: !person ? 'new' : changed ? 'update' : 'unchanged', changes: { name, rolesAdded, groupsAdded, account: needsAccount } });
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

/** Step 1: check the file against the register and store the preview. Nothing else is written. */
export async function previewStaffImport(database: Database, actor: Actor, input: { organisationId: string; fileName: string; content: Buffer; fullExport: boolean }) {
  requireFunctionalAdmin(actor);
  const { db } = database;
  const org = await organisationOf(db, actor, input.organisationId);
  const file = await readStaffFile(input.content, org.kind);
  const schoolYear = schoolYearOf(today());
  const plan = await planRows(db, actor.regionId, org, file.rows, schoolYear, actor.personId);
  const errors = [...file.errors, ...plan.errors].sort((a, b) => a.row - b.row);
  // Leavers only from a full export that could be read: a file that was not recognised would
  // otherwise make everyone a leaver.
  const readable = file.format !== null && !file.errors.some((e) => e.row === 0);
  const leavers = input.fullExport && readable ? await findLeavers(db, org.id, new Set(file.emails)) : [];
  const summary = { ...summaryOf(plan.planned, leavers), errors: errors.length, schoolYear };
  const sha = createHash('sha256').update(input.content).digest('hex');
  const previous = await db
    .selectFrom('registry_imports')
    .select(['id', 'committed_at'])
    .where('organisation_id', '=', org.id)
    .where('kind', '=', 'staff')
    .where('file_sha256', '=', sha)
    .where('status', '=', 'committed')
    .orderBy('committed_at', 'desc')
    .executeTakeFirst();
  const storedId = await storeImportPreview(db, {
    region_id: actor.regionId,
    organisation_id: org.id,
    kind: 'staff',
    uploaded_by_person_id: actor.personId,
    file_name: input.fileName.slice(0, 200),
    file_sha256: sha,
    file_type: file.fileType,
    format: file.format,
    full_export: input.fullExport,
    row_count: file.rowCount,
    rows: JSON.stringify(plan.planned),
    errors: JSON.stringify(errors),
    leavers: JSON.stringify(leavers),
    summary: JSON.stringify(summary),
  });
  return {
    id: storedId,
    organisation: org,
    format: file.format,
    formatLabel: file.formatLabel,
    assumption: file.assumption,
    fileType: file.fileType,
    columns: file.columns,
    ignoredColumns: file.ignoredColumns,
    rowCount: file.rowCount,
    fullExport: input.fullExport,
    summary,
    errors,
    rows: plan.planned.map(presentRow),
    leavers,
    alreadyImported: previous ? { importId: previous.id, committedAt: new Date(previous.committed_at!).toISOString() } : null,
  };
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

/**
 * Step 2: everything in one transaction, or nothing. The plan is made again against the register
 * as it is now (someone may have changed it since the preview), then written with a few set-based
 * statements: people, memberships (an ended one is reopened), groups of the current school year,
 * accounts with their invitations and e-mails, leaver candidates and the access log.
 */
export async function commitStaffImport(database: Database, actor: Actor, importId: string, keys: AppKeys) {
  requireFunctionalAdmin(actor);
  return database.db.transaction().execute(async (tx) => {
    const imp = await tx.selectFrom('registry_imports').selectAll().where('id', '=', importId).where('region_id', '=', actor.regionId).where('kind', '=', 'staff').forUpdate().executeTakeFirst();
    if (!imp) throw new NotFoundError();
    if (imp.status !== 'preview') throw new ConflictError('Deze import is al verwerkt.', 'already_committed');
    const storedErrors = imp.errors as ImportRowError[];
    if (storedErrors.length) throw new ConflictError(`Het bestand heeft ${storedErrors.length} fout(en). Verbeter ze en laad het bestand opnieuw; er is niets opgeslagen.`, 'import_has_errors');
    // One staff import of a region at a time: two imports naming the same new person would
    // otherwise both create them.
    await tx.selectFrom('regions').select('id').where('id', '=', actor.regionId).forUpdate().execute();
    const org = await organisationOf(tx, actor, imp.organisation_id);
    const schoolYear = schoolYearOf(today());
    const fileRows = (imp.rows as PlannedRow[]).map(({ row, email, givenName, familyName, roles, taught, mentored }) => ({ row, email, givenName, familyName, roles, taught, mentored }));
    const plan = await planRows(tx, actor.regionId, org, fileRows, schoolYear, actor.personId);
    if (plan.errors.length) {
      throw new ConflictError(`Het register is veranderd sinds de controle: ${plan.errors[0].message} Laad het bestand opnieuw; er is niets opgeslagen.`, 'import_stale');
    }
    const rows = plan.planned;

    // 1. New people.
    const created = await createPeople(tx, actor.regionId, rows.filter((r) => r.status === 'new'));
    const personOf = (r: PlannedRow) => r.personId ?? created.get(r.email)!;

    // 2. Names that changed.
    const renames = rows.filter((r) => r.changes.name).map((r) => ({ id: r.personId, given: r.givenName, family: r.familyName }));
    await renamePeople(tx, actor.regionId, renames);

    // 3. Memberships: new ones inserted, an ended one for the same role reopened. Roles that see
    // children's data go through the ledger the privacy officer reads and, where the region requires
    // it, wait for a second administrator.
    const roles = await grantRoles(
      tx,
      actor,
      actor.regionId,
      rows.flatMap((r) => r.changes.rolesAdded.map((role) => ({ personId: personOf(r), organisationId: org.id, role }))),
      { importId },
    );

    // 4. Groups of the current school year (created when missing) and who teaches or mentors them.
    const groupRows = rows.flatMap((r) => r.changes.groupsAdded.map((g) => ({ person: personOf(r), name: g.name, role: g.role })));
    const groupsCreated = await assignGroupStaff(tx, { organisationId: org.id, schoolYear, assignments: groupRows });

    // 5. Accounts (username = e-mail, no password yet) and an invitation with its e-mail for each.
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

    // 6. Leavers of a full export: a candidate each (an open one is not duplicated). Someone back
    // in the file is no longer a probable leaver.
    const leavers = (imp.leavers as Leaver[]) ?? [];
    const leaverCandidates =
      imp.full_export && leavers.length ? await addStaffLeaverCandidates(tx, { regionId: actor.regionId, organisationId: org.id, importId, personIds: leavers.map((l) => l.personId) }) : 0;
    const candidatesWithdrawn = await dismissStaffLeaversInFile(tx, { organisationId: org.id, personIds: rows.map(personOf), decidedByPersonId: actor.personId });

    const result = {
      id: importId,
      rows: rows.length,
      created: rows.filter((r) => r.status === 'new').length,
      updated: rows.filter((r) => r.status === 'update').length,
      unchanged: rows.filter((r) => r.status === 'unchanged').length,
      membershipsAdded: roles.granted.length,
      /** Roles that see children's data, waiting for a second administrator (region setting). */
      rolesPending: roles.pending.length,
      groupsCreated,
      groupAssignments: groupRows.length,
      invitations: accounts.length,
      leaverCandidates,
      candidatesWithdrawn,
    };
    await markImportCommitted(tx, importId, actor.personId, JSON.stringify({ ...(imp.summary as object), result }));
    for (const r of rows) {
      await recordEvent(tx, actor, {
        event: 'registry.staff_import',
        detail: { importId, organisationId: org.id, personId: personOf(r), status: r.status, rolesAdded: r.changes.rolesAdded, invited: r.changes.account },
      });
    }
    return result;
  });
}

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
