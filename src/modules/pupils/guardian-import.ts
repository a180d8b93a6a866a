import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database, Db, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { ConflictError, NotFoundError } from '../../kernel/errors.ts';
import { withChildrenAccess } from '../../kernel/policy/gateway.ts';
import type { ImportRowError } from '../../kernel/files/column-mapping.ts';
import { commitImport, previewImport, type ImportSteps, type StoredImport } from '../../kernel/files/import-pipeline.ts';
import type { GuardianRelation } from '../../kernel/db/schema.ts';
import type { GuardianAction } from '../../contracts/values/pupils.ts';
import type { GuardianImportPreview, GuardianImportResult } from '../../contracts/pupils.ts';
import type { FileType } from '../../contracts/values/absence.ts';
import { writeGuardianImport } from '../children/index.ts';
import { lockStoredImportHead, markImportCommitted, materialiseStoredImportRows, storeImportPreview } from '../../kernel/files/import-store.ts';
import { chunks, readImportTable, schoolOf, withPupilsOfImport, type RegistryImportInput } from './import-common.ts';
import { nameKey, numericPupilNumberIndex, parseGuardianTable, type GuardianFileRow, type ParsedFile } from './pupil-file.ts';

/**
 * Importing the parents and carers of the school's pupils, on the one import pipeline
 * (kernel/files/import-pipeline.ts; the steps are `guardianImport` below). Idempotent: a guardian
 * already linked to the child with the same name is updated (contact, relation, gezag); else a
 * guardian of the region with the same e-mail address is linked (a sibling at another school has
 * the same parents); else a new guardian is made. Nothing is ever unlinked or deleted.
 */

export type { GuardianAction } from '../../contracts/values/pupils.ts';

interface PlannedGuardian {
  row: number;
  pupilNumber: string;
  childId: string;
  action: GuardianAction;
  guardianId: string;
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  relation: GuardianRelation;
  hasAuthority: boolean;
  /** Update the guardian's own contact details (only for one already linked to this child). */
  contactChanged: boolean;
  changes: string[];
}

interface LinkedGuardian {
  child_id: string;
  guardian_id: string;
  given_name: string;
  family_name: string;
  email: string | null;
  phone: string | null;
  relation: GuardianRelation;
  has_authority: boolean;
}

interface GuardianRead {
  fileType: FileType | null;
  parsed: ParsedFile<GuardianFileRow>;
  errors: ImportRowError[];
}

interface GuardianPlan {
  planned: PlannedGuardian[];
  errors: ImportRowError[];
  counts: Record<GuardianAction, number>;
}

interface StoredGuardianImport extends StoredImport {
  organisationId: string;
  uploadedAt: Date;
}

export const guardianImport: ImportSteps<RegistryImportInput, string, GuardianRead, GuardianPlan, StoredGuardianImport, GuardianImportPreview, GuardianImportResult> = {
  name: 'guardians',
  authorize: (actor, input) => schoolOf(actor, input.schoolLocationId),
  read: readGuardianFile,
  check: (database, actor, organisationId, read) => checkGuardianFile(database.db, actor, organisationId, read),
  store: storeGuardianCheck,
  present: ({ id, plan, read }) => presentGuardianPreview(id, read, plan),
  authorizeCommit: (actor) => void schoolOf(actor),
  lock: lockGuardianImport,
  write: writeGuardianCommit,
  markCommitted: (tx, actor, stored) => markImportCommitted(tx, stored.id, actor.personId),
  hasErrorsMessage: (n) => `Het bestand heeft ${n} fout(en). Verbeter ze en laad het bestand opnieuw; er is niets opgeslagen.`,
  notFoundMessage: new NotFoundError().message,
};

/** Step 1: read and check the file, and store the check. Nothing is written yet. */
export const previewGuardianImport = (database: Database, actor: Actor, input: RegistryImportInput) => previewImport(guardianImport, database, actor, input);

/**
 * Step 2: all or nothing. Before anything is written the policy is asked for every pupil of the
 * import (kind 'guardians'), which logs each with its ground; a pupil whose enrolment here starts
 * later is asked of the policy on its first day (see withPupilsOfImport).
 * Should the policy refuse a pupil (the enrolment ended since the check), the commit is refused
 * (409) and nothing is written but the refusal: the pipeline's transaction is rolled back with the
 * entries of the pupils it would have used, and the refusal alone is logged — the policy asked again
 * for those pupils in a transaction of its own.
 */
export async function commitGuardianImport(database: Database, actor: Actor, importId: string) {
  try {
    return await commitImport(guardianImport, database, actor, importId);
  } catch (error) {
    if (!(error instanceof PupilsRefused)) throw error;
    await database.db.transaction().execute((tx) =>
      withChildrenAccess(tx, actor, { childIds: error.childIds, kind: 'guardians', event: 'registry.guardian_import', detailOf: (childId) => ({ importId, actions: error.actionsOf.get(childId) }), grounds: ['school_care'] }),
    );
    const n = error.childIds.length;
    throw new ConflictError(`Sinds de controle staan ${n === 1 ? 'één leerling' : `${n} leerlingen`} uit dit bestand niet meer op deze school ingeschreven. Laad het bestand opnieuw; er is niets opgeslagen.`, 'import_outdated');
  }
}

/** The policy refused pupils of the import at its commit: nothing is written. */
class PupilsRefused extends Error {
  constructor(
    readonly childIds: string[],
    readonly actionsOf: Map<string, string[]>,
  ) {
    super('pupils refused');
  }
}

// ---- preview ---------------------------------------------------------------------------------------

async function readGuardianFile(_database: Database, _actor: Actor, _organisationId: string, input: RegistryImportInput): Promise<GuardianRead> {
  const read = await readImportTable(input.content);
  const parsed: ParsedFile<GuardianFileRow> = read.table ? parseGuardianTable(read.table) : { format: null, columns: {}, ignoredColumns: [], rows: [], errors: [], numbersSeen: [] };
  return { fileType: read.fileType, parsed, errors: [...read.errors, ...parsed.errors] };
}

type ResolvedRow = GuardianFileRow & { childId: string };

/**
 * Every row against the school's pupils and the guardians already known: what to create, link or
 * update. Reads only, each statement on its own (no transaction to hold open): independent lookups
 * run side by side.
 */
async function checkGuardianFile(db: Db, actor: Actor, organisationId: string, read: GuardianRead): Promise<GuardianPlan> {
  const errors: ImportRowError[] = [...read.errors];
  const resolved = await resolvePupils(db, organisationId, read.parsed.rows, errors);
  const [linked, byEmail] = await Promise.all([linkedGuardians(db, resolved), guardiansByEmail(db, actor.regionId, resolved)]);
  const planned = planGuardians(resolved, linked, byEmail, errors);
  errors.sort((a, b) => a.row - b.row);
  const counts: Record<GuardianAction, number> = { create: 0, link: 0, update: 0, unchanged: 0 };
  for (const p of planned) counts[p.action]++;
  return { planned, errors, counts };
}

/** The pupil of each row: an open enrolment at this school with that pupil number (Excel numbers matched by value). */
async function resolvePupils(db: Db, organisationId: string, rows: GuardianFileRow[], errors: ImportRowError[]): Promise<ResolvedRow[]> {
  const pupils = await db
    .selectFrom('enrolments')
    .select(['child_id', 'pupil_number'])
    .where('organisation_id', '=', organisationId)
    .where('end_date', 'is', null)
    .where('pupil_number', 'is not', null)
    .execute();
  const childOf = new Map(pupils.map((p) => [p.pupil_number!, p.child_id]));
  const numberOf = numericPupilNumberIndex(childOf.keys());
  const resolved: ResolvedRow[] = [];
  for (const r of rows) {
    const n = numberOf(r.pupilNumber, r.pupilNumberFromNumber);
    if ('error' in n) errors.push({ row: r.row, column: 'pupilNumber', message: n.error });
    else if (!childOf.has(n.number)) errors.push({ row: r.row, column: 'pupilNumber', message: `Leerlingnummer ${n.number} is onbekend op deze school. Importeer eerst de leerlingen, of verbeter het nummer.` });
    else resolved.push(Object.assign({}, r, { pupilNumber: n.number, childId: childOf.get(n.number)! }));
  }
  return resolved;
}

/** The guardians already linked to each pupil of the file. */
async function linkedGuardians(db: Db, rows: ResolvedRow[]): Promise<Map<string, LinkedGuardian[]>> {
  const linked = new Map<string, LinkedGuardian[]>();
  for (const part of chunks([...new Set(rows.map((r) => r.childId))])) {
    const res = await sql<LinkedGuardian>`
      select cg.child_id, g.id as guardian_id, g.given_name, g.family_name, g.email, g.phone, cg.relation, cg.has_authority
      from child_guardians cg join guardians g on g.id = cg.guardian_id where cg.child_id = any(${part}::uuid[])`.execute(db);
    for (const l of res.rows) {
      let list = linked.get(l.child_id);
      if (!list) linked.set(l.child_id, (list = []));
      list.push(l);
    }
  }
  return linked;
}

/** Guardians of the region by e-mail address (the first one made, for an address used twice). */
async function guardiansByEmail(db: Db, regionId: string, rows: ResolvedRow[]): Promise<Map<string, string>> {
  const byEmail = new Map<string, string>();
  for (const part of chunks([...new Set(rows.map((r) => r.email).filter((e): e is string => !!e))])) {
    const res = await sql<{ id: string; email: string }>`
      select distinct on (lower(email)) id, lower(email) as email from guardians
      where region_id = ${regionId} and lower(email) = any(${part}::text[]) order by lower(email), created_at, id`.execute(db);
    for (const g of res.rows) byEmail.set(g.email, g.id);
  }
  return byEmail;
}

/** Per row: update the guardian linked under this name, else link the region's guardian with this e-mail, else create one. */
function planGuardians(rows: ResolvedRow[], linked: Map<string, LinkedGuardian[]>, byEmail: Map<string, string>, errors: ImportRowError[]): PlannedGuardian[] {
  const planned: PlannedGuardian[] = [];
  // The same parent on several rows (siblings at this school) becomes one guardian.
  const newByEmail = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.childId}|${nameKey(r.givenName, r.familyName)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row: r.row, column: 'familyName', message: `Deze ouder of verzorger staat voor dezelfde leerling al op regel ${first}. Laat één van de twee regels staan.` });
      continue;
    }
    seen.set(key, r.row);
    const p = planGuardian(r, linked.get(r.childId) ?? [], r.email ? (byEmail.get(r.email) ?? newByEmail.get(r.email)) : undefined, errors);
    if (!p) continue;
    if (p.action === 'create' && r.email) newByEmail.set(r.email, p.guardianId);
    planned.push(p);
  }
  // A new guardian is made once, even when the file links it to several pupils.
  const createdOnce = new Set<string>();
  for (const p of planned) {
    if (p.action !== 'create') continue;
    if (createdOnce.has(p.guardianId)) p.action = 'link';
    createdOnce.add(p.guardianId);
  }
  return planned;
}

function planGuardian(r: ResolvedRow, linked: LinkedGuardian[], existing: string | undefined, errors: ImportRowError[]): PlannedGuardian | null {
  const own = linked.find((l) => nameKey(l.given_name, l.family_name) === nameKey(r.givenName, r.familyName));
  if (own) {
    const changes: string[] = [];
    if (r.email && r.email !== own.email) changes.push('email');
    if (r.phone && r.phone !== own.phone) changes.push('phone');
    if (r.relation !== own.relation) changes.push('relation');
    if (r.hasAuthority !== own.has_authority) changes.push('authority');
    return plannedGuardian(r, changes.length ? 'update' : 'unchanged', own.guardian_id, changes.includes('email') || changes.includes('phone'), changes);
  }
  if (existing) {
    if (linked.some((l) => l.guardian_id === existing)) {
      errors.push({ row: r.row, column: 'email', message: `Dit e-mailadres hoort bij een andere ouder of verzorger van deze leerling. Controleer de naam en het e-mailadres.` });
      return null;
    }
    return plannedGuardian(r, 'link', existing, false, []);
  }
  return plannedGuardian(r, 'create', randomUUID(), false, []);
}

/** One planned row, every field named (an object spread followed by more properties is slow to build in V8). */
function plannedGuardian(r: ResolvedRow, action: GuardianAction, guardianId: string, contactChanged: boolean, changes: string[]): PlannedGuardian {
  return {
    row: r.row,
    pupilNumber: r.pupilNumber,
    childId: r.childId,
    action,
    guardianId,
    givenName: r.givenName,
    familyName: r.familyName,
    email: r.email,
    phone: r.phone,
    relation: r.relation,
    hasAuthority: r.hasAuthority,
    contactChanged,
    changes,
  };
}

async function storeGuardianCheck(database: Database, actor: Actor, organisationId: string, s: { sha256: string; plan: GuardianPlan; read: GuardianRead; input: RegistryImportInput }): Promise<string> {
  const { parsed } = s.read;
  return storeImportPreview(database.db, {
    region_id: actor.regionId,
    organisation_id: organisationId,
    kind: 'guardians',
    uploaded_by_person_id: actor.personId,
    file_name: s.input.fileName.slice(0, 200),
    file_sha256: s.sha256,
    file_type: s.read.fileType,
    format: parsed.format?.id ?? null,
    full_export: false,
    row_count: parsed.rows.length + new Set(parsed.errors.filter((e) => e.row > 0).map((e) => e.row)).size,
    rows: JSON.stringify(s.plan.planned),
    errors: JSON.stringify(s.plan.errors),
    summary: JSON.stringify({ counts: s.plan.counts }),
  });
}

function presentGuardianPreview(id: string, read: GuardianRead, plan: GuardianPlan): GuardianImportPreview {
  const { counts, errors } = plan;
  const format = read.parsed.format;
  return {
    id,
    kind: 'guardians' as const,
    format: format ? { id: format.id, label: format.label, assumption: format.assumption } : null,
    fileType: read.fileType,
    columns: read.parsed.columns,
    ignoredColumns: read.parsed.ignoredColumns,
    counts: { new: counts.create + counts.link, updated: counts.update, unchanged: counts.unchanged, created: counts.create, linked: counts.link, errors: errors.length },
    errors,
    changes: plan.planned
      .filter((p) => p.action !== 'unchanged')
      .slice(0, 500)
      .map((p) => ({ row: p.row, pupilNumber: p.pupilNumber, givenName: p.givenName, familyName: p.familyName, action: p.action, changes: p.changes })),
  };
}

// ---- commit ----------------------------------------------------------------------------------------

/** The stored guardian import in the actor's scope (region, the school acted for), locked; null for any other. */
async function lockGuardianImport(tx: Tx, actor: Actor, importId: string): Promise<StoredGuardianImport | null> {
  const organisationId = actor.membership?.organisationId;
  if (!organisationId) return null;
  const imp = await lockStoredImportHead(tx, { id: importId, regionId: actor.regionId, organisationId, kind: 'guardians' });
  if (!imp) return null;
  return { id: imp.id, status: imp.status, errorCount: Number(imp.error_count), organisationId: imp.organisation_id, uploadedAt: imp.uploaded_at };
}

const PLANNED_COLUMNS = sql.raw(`r(row int, "childId" uuid, action text, "guardianId" uuid, "givenName" text, "familyName" text, email text, phone text,
  relation text, "hasAuthority" boolean, "contactChanged" boolean)`);

async function writeGuardianCommit(tx: Tx, actor: Actor, stored: StoredGuardianImport): Promise<GuardianImportResult> {
  await refuseIfOutdated(tx, stored);
  // The stored rows, unpacked once for the statements below.
  const rows = await materialiseStoredImportRows(tx, stored.id, PLANNED_COLUMNS, 'guardian_import_rows');
  const touched = (await sql<{ child_id: string; action: GuardianAction }>`select r."childId" as child_id, r.action from ${rows} r order by r.row`.execute(tx)).rows;
  const children = new Map<string, string[]>();
  for (const t of touched) {
    const actions = children.get(t.child_id);
    if (actions) actions.push(t.action);
    else children.set(t.child_id, [t.action]);
  }
  const what = { organisationId: stored.organisationId, kind: 'guardians' as const, event: 'registry.guardian_import', importId: stored.id };
  const { denied } = await withPupilsOfImport(tx, actor, what, [...children.keys()], (childId) => ({ actions: children.get(childId) }));
  if (denied.length) throw new PupilsRefused(denied, children);
  const created = await writeGuardianImport(tx, { rows, regionId: actor.regionId });
  const counts: Record<GuardianAction, number> = { create: 0, link: 0, update: 0, unchanged: 0 };
  for (const t of touched) counts[t.action]++;
  return { id: stored.id, created, linked: counts.link + counts.create, updated: counts.update, unchanged: counts.unchanged, children: children.size };
}

/** A pupil or guardian import of the school saved after this one was checked: the check no longer holds. */
async function refuseIfOutdated(tx: Tx, stored: StoredGuardianImport): Promise<void> {
  const later = await tx
    .selectFrom('registry_imports')
    .select('id')
    .where('organisation_id', '=', stored.organisationId)
    .where('kind', 'in', ['guardians', 'pupils'])
    .where('status', '=', 'committed')
    .where('committed_at', '>', stored.uploadedAt)
    .executeTakeFirst();
  if (later) throw new ConflictError('Na deze controle is een andere import opgeslagen. Laad het bestand opnieuw; er is niets opgeslagen.', 'import_outdated');
}
