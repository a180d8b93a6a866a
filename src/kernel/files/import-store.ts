import { sql, type Insertable, type RawBuilder, type Selectable } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { RegistryImportKind, RegistryImportsTable } from '../db/schema.ts';

/**
 * The stored imports of the school's administration (staff, pupils, guardians): the uploaded file by
 * its hash, its preview (planned rows, errors, matches, leavers, summary) and its commit state. The
 * table `registry_imports` is owned here (kernel/db/owners.ts); the staff and pupil modules read it
 * and write it only through these functions.
 */

/** Step 1: the checked file and its preview, stored as one row; returns its id. */
export async function storeImportPreview(db: Db | Tx, values: Insertable<RegistryImportsTable>): Promise<string> {
  const stored = await db.insertInto('registry_imports').values(values).returning('id').executeTakeFirstOrThrow();
  return stored.id;
}

/**
 * A stored import locked for the commit (FOR UPDATE), found only within the actor's scope: its
 * region and kind, and its organisation (school) when given. Another region's or school's import
 * is undefined, exactly like one that does not exist (the pipeline answers 404 for both).
 */
export async function lockStoredImport(
  tx: Tx,
  scope: { id: string; regionId: string; organisationId?: string; kind: RegistryImportKind },
): Promise<Selectable<RegistryImportsTable> | undefined> {
  let q = tx.selectFrom('registry_imports').selectAll().where('id', '=', scope.id).where('region_id', '=', scope.regionId).where('kind', '=', scope.kind);
  if (scope.organisationId !== undefined) q = q.where('organisation_id', '=', scope.organisationId);
  return q.forUpdate().executeTakeFirst();
}

/**
 * As lockStoredImport, without the stored import's large JSON columns (its planned rows, errors and
 * leavers, which a commit's set-based SQL reads in the database): its state, matches and summary,
 * and how many errors the preview found. Same scope: another region's or school's import is undefined.
 */
export async function lockStoredImportHead(
  tx: Tx,
  scope: { id: string; regionId: string; organisationId?: string; kind: RegistryImportKind },
): Promise<(Omit<Selectable<RegistryImportsTable>, 'rows' | 'errors' | 'leavers'> & { error_count: number }) | undefined> {
  let q = tx
    .selectFrom('registry_imports')
    .select(['id', 'region_id', 'organisation_id', 'kind', 'uploaded_by_person_id', 'uploaded_at', 'file_name', 'file_sha256', 'file_type', 'format', 'full_export', 'row_count'])
    .select(['matches', 'summary', 'status', 'committed_at', 'committed_by_person_id'])
    .select(sql<number>`jsonb_array_length(errors)`.as('error_count'))
    .where('id', '=', scope.id)
    .where('region_id', '=', scope.regionId)
    .where('kind', '=', scope.kind);
  if (scope.organisationId !== undefined) q = q.where('organisation_id', '=', scope.organisationId);
  return q.forUpdate().executeTakeFirst();
}

/** The preview changed before the commit (a decision on a match, the rows those decisions rewrote): JSON strings. */
export async function updateImportPreview(tx: Tx, importId: string, changes: { rows?: string; matches?: string }): Promise<void> {
  await tx.updateTable('registry_imports').set(changes).where('id', '=', importId).execute();
}

/** Step 2 done: the import is committed (by whom, when; optionally its summary with the result). */
export async function markImportCommitted(tx: Tx, importId: string, committedByPersonId: string | null, summary?: string): Promise<void> {
  await tx
    .updateTable('registry_imports')
    .set({ status: 'committed', committed_at: new Date(), committed_by_person_id: committedByPersonId, ...(summary === undefined ? {} : { summary }) })
    .where('id', '=', importId)
    .execute();
}

/**
 * The planned rows of a stored import as a table for set-based SQL (`from ${rows} r`): the JSON array
 * `rows` read with the given record definition, e.g. sql.raw('r(row int, "childId" uuid, …)').
 */
export const storedImportRows = (importId: string, columns: RawBuilder<unknown>) =>
  sql`(select r.* from registry_imports i cross join lateral jsonb_to_recordset(i.rows) as ${columns} where i.id = ${importId})`;

/**
 * The planned rows of a stored import, as storedImportRows, copied once into a temporary table of
 * the caller's transaction (dropped when it ends): for a commit whose statements each read the
 * rows, so that the stored JSON is unpacked once instead of once per statement. `name` is the
 * table's name within the transaction; use the result as `from ${rows} r`.
 */
export async function materialiseStoredImportRows(tx: Tx, importId: string, columns: RawBuilder<unknown>, name: string): Promise<RawBuilder<unknown>> {
  // The table's columns from the record definition (no parameters in a utility statement), then the rows.
  await sql`create temporary table ${sql.id(name)} on commit drop as select r.* from jsonb_to_recordset('[]'::jsonb) as ${columns} with no data`.execute(tx);
  await sql`insert into ${sql.id(name)} select * from ${storedImportRows(importId, columns)} r`.execute(tx);
  return sql`${sql.id(name)}`;
}
