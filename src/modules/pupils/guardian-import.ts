import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { ConflictError, NotFoundError } from '../../kernel/errors.ts';
import { withChildrenAccess } from '../../kernel/policy/gateway.ts';
import type { ImportRowError } from '../../kernel/files/column-mapping.ts';
import type { GuardianRelation } from '../../kernel/db/schema.ts';
import type { GuardianAction } from '../../contracts/values/pupils.ts';
import { writeGuardianImport } from '../children/index.ts';
import { markImportCommitted, storeImportPreview, storedImportRows } from '../../kernel/files/import-store.ts';
import { chunks, json, readImportTable, schoolOf, sha256, withPupilsOfImport, type RegistryImportInput } from './import-common.ts';
import { nameKey, numericPupilNumberIndex, parseGuardianTable, type GuardianFileRow, type ParsedFile } from './pupil-file.ts';

/**
 * Importing the parents and carers of the school's pupils. Idempotent: a guardian already linked
 * to the child with the same name is updated (contact, relation, gezag); else a guardian of the
 * region with the same e-mail address is linked (a sibling at another school has the same
 * parents); else a new guardian is made. Nothing is ever unlinked or deleted.
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

export async function previewGuardianImport(database: Database, actor: Actor, input: RegistryImportInput) {
  const organisationId = schoolOf(actor, input.schoolLocationId);
  const read = await readImportTable(input.content);
  const parsed: ParsedFile<GuardianFileRow> = read.table ? parseGuardianTable(read.table) : { format: null, columns: {}, ignoredColumns: [], rows: [], errors: [], numbersSeen: [] };
  const errors: ImportRowError[] = [...read.errors, ...parsed.errors];
  return database.db.transaction().execute(async (tx) => {
    const pupils = await tx
      .selectFrom('enrolments')
      .select(['child_id', 'pupil_number'])
      .where('organisation_id', '=', organisationId)
      .where('end_date', 'is', null)
      .where('pupil_number', 'is not', null)
      .execute();
    const childOf = new Map(pupils.map((p) => [p.pupil_number!, p.child_id]));
    const numberOf = numericPupilNumberIndex(childOf.keys());
    const resolved: (GuardianFileRow & { childId: string })[] = [];
    for (const r of parsed.rows) {
      const n = numberOf(r.pupilNumber, r.pupilNumberFromNumber);
      if ('error' in n) errors.push({ row: r.row, column: 'pupilNumber', message: n.error });
      else if (!childOf.has(n.number)) errors.push({ row: r.row, column: 'pupilNumber', message: `Leerlingnummer ${n.number} is onbekend op deze school. Importeer eerst de leerlingen, of verbeter het nummer.` });
      else resolved.push({ ...r, pupilNumber: n.number, childId: childOf.get(n.number)! });
    }
    const childIds = [...new Set(resolved.map((r) => r.childId))];
    const linked = new Map<string, LinkedGuardian[]>();
    for (const part of chunks(childIds)) {
      const res = await sql<LinkedGuardian>`
        select cg.child_id, g.id as guardian_id, g.given_name, g.family_name, g.email, g.phone, cg.relation, cg.has_authority
        from child_guardians cg join guardians g on g.id = cg.guardian_id where cg.child_id = any(${part}::uuid[])`.execute(tx);
      for (const l of res.rows) linked.set(l.child_id, [...(linked.get(l.child_id) ?? []), l]);
    }
    const emails = [...new Set(resolved.map((r) => r.email).filter((e): e is string => !!e))];
    const byEmail = new Map<string, string>();
    for (const part of chunks(emails)) {
      const res = await sql<{ id: string; email: string }>`
        select distinct on (lower(email)) id, lower(email) as email from guardians
        where region_id = ${actor.regionId} and lower(email) = any(${part}::text[]) order by lower(email), created_at, id`.execute(tx);
      for (const g of res.rows) byEmail.set(g.email, g.id);
    }

    const planned: PlannedGuardian[] = [];
    // The same parent on several rows (siblings at this school) becomes one guardian.
    const newByEmail = new Map<string, string>();
    const seen = new Map<string, number>();
    for (const r of resolved) {
      const key = `${r.childId}|${nameKey(r.givenName, r.familyName)}`;
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({ row: r.row, column: 'familyName', message: `Deze ouder of verzorger staat voor dezelfde leerling al op regel ${first}. Laat één van de twee regels staan.` });
        continue;
      }
      seen.set(key, r.row);
      const own = (linked.get(r.childId) ?? []).find((l) => nameKey(l.given_name, l.family_name) === nameKey(r.givenName, r.familyName));
      const base = { row: r.row, pupilNumber: r.pupilNumber, childId: r.childId, givenName: r.givenName, familyName: r.familyName, email: r.email, phone: r.phone, relation: r.relation, hasAuthority: r.hasAuthority };
      if (own) {
        const changes: string[] = [];
        if (r.email && r.email !== own.email) changes.push('email');
        if (r.phone && r.phone !== own.phone) changes.push('phone');
        if (r.relation !== own.relation) changes.push('relation');
        if (r.hasAuthority !== own.has_authority) changes.push('authority');
        planned.push({ ...base, action: changes.length ? 'update' : 'unchanged', guardianId: own.guardian_id, contactChanged: changes.includes('email') || changes.includes('phone'), changes });
        continue;
      }
      const existing = r.email ? (byEmail.get(r.email) ?? newByEmail.get(r.email)) : undefined;
      if (existing) {
        if ((linked.get(r.childId) ?? []).some((l) => l.guardian_id === existing)) {
          errors.push({ row: r.row, column: 'email', message: `Dit e-mailadres hoort bij een andere ouder of verzorger van deze leerling. Controleer de naam en het e-mailadres.` });
          continue;
        }
        planned.push({ ...base, action: 'link', guardianId: existing, contactChanged: false, changes: [] });
        continue;
      }
      const id = randomUUID();
      if (r.email) newByEmail.set(r.email, id);
      planned.push({ ...base, action: 'create', guardianId: id, contactChanged: false, changes: [] });
    }
    // A new guardian is made once, even when the file links it to several pupils.
    const createdOnce = new Set<string>();
    for (const p of planned) {
      if (p.action !== 'create') continue;
      if (createdOnce.has(p.guardianId)) p.action = 'link';
      createdOnce.add(p.guardianId);
    }
    errors.sort((a, b) => a.row - b.row);
    const counts: Record<GuardianAction, number> = { create: 0, link: 0, update: 0, unchanged: 0 };
    for (const p of planned) counts[p.action]++;
    const storedId = await storeImportPreview(tx, {
      region_id: actor.regionId,
      organisation_id: organisationId,
      kind: 'guardians',
      uploaded_by_person_id: actor.personId,
      file_name: input.fileName.slice(0, 200),
      file_sha256: sha256(input.content),
      file_type: read.fileType,
      format: parsed.format?.id ?? null,
      full_export: false,
      row_count: parsed.rows.length + new Set(parsed.errors.filter((e) => e.row > 0).map((e) => e.row)).size,
      rows: JSON.stringify(planned),
      errors: JSON.stringify(errors),
      summary: JSON.stringify({ counts }),
    });
    return {
      id: storedId,
      kind: 'guardians' as const,
      format: parsed.format ? { id: parsed.format.id, label: parsed.format.label, assumption: parsed.format.assumption } : null,
      fileType: read.fileType,
      columns: parsed.columns,
      ignoredColumns: parsed.ignoredColumns,
      counts: { new: counts.create + counts.link, updated: counts.update, unchanged: counts.unchanged, created: counts.create, linked: counts.link, errors: errors.length },
      errors,
      changes: planned
        .filter((p) => p.action !== 'unchanged')
        .slice(0, 500)
        .map((p) => ({ row: p.row, pupilNumber: p.pupilNumber, givenName: p.givenName, familyName: p.familyName, action: p.action, changes: p.changes })),
    };
  });
}

const PLANNED_COLUMNS = sql.raw(`r(row int, "childId" uuid, action text, "guardianId" uuid, "givenName" text, "familyName" text, email text, phone text,
  relation text, "hasAuthority" boolean, "contactChanged" boolean)`);

/**
 * Step 2: all or nothing. Before anything is written the policy is asked for every pupil of the
 * import (kind 'guardians'), which logs each with its ground; a pupil whose enrolment here starts
 * later is asked of the policy on its first day (see withPupilsOfImport).
 * Should the policy refuse a pupil (the enrolment ended since the check), the commit is refused
 * (409) and nothing is written but the refusal.
 */
export async function commitGuardianImport(database: Database, actor: Actor, importId: string) {
  try {
    return await writeGuardianImportCommit(database, actor, importId);
  } catch (error) {
    if (!(error instanceof PupilsRefused)) throw error;
    // Nothing of the import was written, nor the entries of the pupils it would have used: the
    // refusal alone is logged, the policy asked again for those pupils in a transaction of its own.
    await database.db.transaction().execute((tx) =>
      withChildrenAccess(tx, actor, error.childIds, 'guardians', 'registry.guardian_import', (childId) => ({ importId, actions: error.actionsOf.get(childId) }), ['school_care']),
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

async function writeGuardianImportCommit(database: Database, actor: Actor, importId: string) {
  return database.db.transaction().execute(async (tx) => {
    const imp = await tx.selectFrom('registry_imports').selectAll().where('id', '=', importId).where('region_id', '=', actor.regionId).where('kind', '=', 'guardians').forUpdate().executeTakeFirst();
    if (!imp) throw new NotFoundError();
    schoolOf(actor, imp.organisation_id);
    if (imp.status !== 'preview') throw new ConflictError('Deze import is al verwerkt.', 'already_committed');
    const errors = json<ImportRowError[]>(imp.errors);
    if (errors.length) throw new ConflictError(`Het bestand heeft ${errors.length} fout(en). Verbeter ze en laad het bestand opnieuw; er is niets opgeslagen.`, 'import_has_errors');
    const later = await tx
      .selectFrom('registry_imports')
      .select('id')
      .where('organisation_id', '=', imp.organisation_id)
      .where('kind', 'in', ['guardians', 'pupils'])
      .where('status', '=', 'committed')
      .where('committed_at', '>', imp.uploaded_at)
      .executeTakeFirst();
    if (later) throw new ConflictError('Na deze controle is een andere import opgeslagen. Laad het bestand opnieuw; er is niets opgeslagen.', 'import_outdated');
    const R = storedImportRows(importId, PLANNED_COLUMNS);
    const touched = (await sql<{ child_id: string; action: string }>`select r."childId" as child_id, r.action from ${R} r`.execute(tx)).rows;
    const children = new Map<string, string[]>();
    for (const t of touched) children.set(t.child_id, [...(children.get(t.child_id) ?? []), t.action]);
    const { denied } = await withPupilsOfImport(tx, actor, { organisationId: imp.organisation_id, kind: 'guardians', event: 'registry.guardian_import', importId }, [...children.keys()], (childId) => ({ actions: children.get(childId) }));
    if (denied.length) throw new PupilsRefused(denied, children);
    const created = await writeGuardianImport(tx, { rows: R, regionId: actor.regionId });
    await markImportCommitted(tx, importId, actor.personId);
    const counts: Record<GuardianAction, number> = { create: 0, link: 0, update: 0, unchanged: 0 };
    for (const t of touched) counts[t.action as GuardianAction]++;
    return { id: importId, created, linked: counts.link + counts.create, updated: counts.update, unchanged: counts.unchanged, children: children.size };
  });
}
