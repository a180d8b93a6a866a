import type { Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import type { DataKind } from '../../kernel/policy/child-policy.ts';
import { withChildrenAccess } from '../../kernel/policy/gateway.ts';
import { isCareCoordinator } from '../../kernel/policy/signal-policy.ts';
import { today } from '../../kernel/time.ts';
import { ForbiddenError } from '../../kernel/errors.ts';
import { readTableFile } from '../../kernel/files/table-file.ts';
import type { ImportRowError } from '../../kernel/files/column-mapping.ts';
import type { Table } from '../../kernel/files/cells.ts';

/** What an import of the school's administration needs, with or without HTTP (the benchmark calls it directly). */
export interface RegistryImportInput {
  schoolLocationId: string;
  fileName: string;
  content: Buffer;
  /** The file is a full export of the school's pupils: pupils missing from it are probable leavers. */
  fullExport?: boolean;
}

/**
 * Only the school's own intern begeleider / zorgcoördinator imports the pupils of THEIR school
 * location: the school holds this data (domain.md §7). The functional administrator has no child
 * data and may not import pupils.
 */
export function schoolOf(actor: Actor, schoolLocationId?: string | null): string {
  if (!isCareCoordinator(actor) || (schoolLocationId && actor.membership!.organisationId !== schoolLocationId)) {
    throw new ForbiddenError('Leerlingen en ouders importeert de intern begeleider of zorgcoördinator van deze schoolvestiging.');
  }
  return actor.membership!.organisationId;
}

/** Reads the file; a refused file becomes one error on row 0 (the file). */
export async function readImportTable(content: Buffer): Promise<{ table: Table | null; fileType: 'csv' | 'xlsx' | null; errors: ImportRowError[] }> {
  const read = await readTableFile(content);
  if ('error' in read) return { table: null, fileType: read.fileType, errors: [{ row: read.row ?? 0, column: null, message: read.error }] };
  return { table: read.table, fileType: read.table.fileType, errors: [] };
}

/** Splits a list for `= any(...)` lookups, so one statement never carries an unbounded parameter. */
export function chunks<T>(list: T[], size = 10_000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Dutch date for messages: 2026-09-01 → 01-09-2026. */
export const nlDate = (day: string) => `${day.slice(8, 10)}-${day.slice(5, 7)}-${day.slice(0, 4)}`;

/**
 * The pupils an import commit writes for, asked of the policy inside the commit's transaction: only
 * the school's care counts (the school's administration of its own pupils), and each is logged with
 * the ground the policy found (`event`, `kind`, the import's id and `detailOf`).
 *
 * A pupil whose enrolment at this school starts after today has no ground yet: the policy gives the
 * school its pupils from the first day of the enrolment, so it is asked on that day (the entry says
 * `groundOn`), never under a ground it did not give. Returns the pupils the policy refused (the
 * caller refuses the commit).
 */
export async function withPupilsOfImport(
  tx: Tx,
  actor: Actor,
  what: { organisationId: string; kind: DataKind; event: string; importId: string },
  childIds: string[],
  detailOf: (childId: string) => Record<string, unknown> = () => ({}),
): Promise<{ denied: string[] }> {
  const ids = [...new Set(childIds)];
  const startsLater = new Map<string, string>();
  const day = today();
  for (const part of chunks(ids)) {
    const rows = await tx
      .selectFrom('enrolments')
      .select(['child_id', 'start_date'])
      .where('organisation_id', '=', what.organisationId)
      .where('end_date', 'is', null)
      .where('start_date', '>', day)
      .where('child_id', 'in', part)
      .execute();
    for (const r of rows) startsLater.set(r.child_id, r.start_date);
  }
  const { denied } = await withChildrenAccess(tx, actor, {
    childIds: ids,
    kind: what.kind,
    event: what.event,
    detailOf: (childId) => Object.assign({ importId: what.importId }, detailOf(childId)),
    grounds: ['school_care'],
    dayOf: (childId) => startsLater.get(childId) ?? day,
  });
  return { denied };
}
