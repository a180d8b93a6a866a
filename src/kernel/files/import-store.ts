import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { RegistryImportsTable } from '../db/schema.ts';

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
