import { createHash } from 'node:crypto';
import type { Database, Db, Tx } from '../db/database.ts';
import { analyzeChangedTables } from '../db/statistics.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';

/**
 * The one import pipeline (absence, staff, pupils, guardians, school holidays). Every import walks
 * the same steps, in two requests:
 *
 *   preview:  authorize → hash → read (file → rows, with the column mapping) → check (rows → plan
 *             with row errors) → store (the plan by the file's hash) → present
 *   decide:   optional changes to the stored plan before the commit (a transfer match, a leaver)
 *   commit:   authorize (the function, 403) → lock the stored import in the actor's scope (another
 *             school's is 404, like one that does not exist) → refuse a committed one (409
 *             already_committed) and one with errors (409 import_has_errors) → write everything in
 *             one transaction → mark it committed → ANALYZE the tables it changed enough
 *
 * All or nothing: the commit writes in one transaction, and a refusal writes nothing. Idempotent:
 * committing twice is refused; the same file again is recognised by its hash (`alreadyImported`),
 * and its rows change nothing that is already so. Each import supplies its steps; this file holds
 * their order and the rules every import shares, so that a new import cannot forget one.
 */

/** What every stored import has: the pipeline decides on these. */
export interface StoredImport {
  id: string;
  status: 'preview' | 'committed' | 'discarded';
  /** How many row or file errors the preview found: an import with errors is never committed. */
  errorCount: number;
}

export interface ImportSteps<Input, Scope, Read, Plan, Stored extends StoredImport, Preview, Result> {
  /** Which import this is, for messages and logs (e.g. 'absence'). */
  name: string;
  /** Who may import this, where: returns the scope (e.g. the school location) or throws 403. */
  authorize(actor: Actor, input: Input): Scope | Promise<Scope>;
  /** The file read and its columns mapped: rows, or a refusal of the whole file (a 4xx). */
  read(database: Database, actor: Actor, scope: Scope, input: Input): Promise<Read>;
  /**
   * Every row checked against what is known: the plan, with row errors. Writes nothing. `sha256`
   * is the file's hash: the same file committed before is recognised by it (`alreadyImported`).
   */
  check(database: Database, actor: Actor, scope: Scope, read: Read, input: Input, sha256: string): Promise<Plan>;
  /** The plan stored by the file's hash; returns the stored import's id. */
  store(database: Database, actor: Actor, scope: Scope, stored: { sha256: string; plan: Plan; read: Read; input: Input }): Promise<string>;
  /** What the preview answers. */
  present(p: { id: string; sha256: string; plan: Plan; read: Read; scope: Scope; input: Input }): Preview | Promise<Preview>;

  /**
   * Who may commit imports of this kind at all (403 otherwise), asked before any import is looked
   * up: the answer never depends on which imports exist.
   */
  authorizeCommit(actor: Actor): void;
  /**
   * The stored import, locked for the commit (FOR UPDATE), within the actor's own scope (region,
   * school): null when there is none — another school's import is answered as one that does not
   * exist (404).
   */
  lock(tx: Tx, actor: Actor, importId: string): Promise<Stored | null>;
  /** Write the whole import. Throws to refuse; nothing is then written. */
  write(tx: Tx, actor: Actor, stored: Stored): Promise<Result>;
  /** Mark the stored import committed (with its result, when the import keeps one). */
  markCommitted(tx: Tx, actor: Actor, stored: Stored, result: Result): Promise<void>;
  /** The message for a commit refused because of errors (plain Dutch, what to do). */
  hasErrorsMessage?(count: number): string;
  notFoundMessage?: string;
}

export const sha256Of = (content: Buffer | string) => createHash('sha256').update(content).digest('hex');

/** Step 1: read, check and store the file; nothing of its rows is written yet. */
export async function previewImport<Input extends { content: Buffer | string }, Scope, Read, Plan, Stored extends StoredImport, Preview, Result>(
  steps: ImportSteps<Input, Scope, Read, Plan, Stored, Preview, Result>,
  database: Database,
  actor: Actor,
  input: Input,
): Promise<Preview> {
  const scope = await steps.authorize(actor, input);
  const sha256 = sha256Of(input.content);
  const read = await steps.read(database, actor, scope, input);
  const plan = await steps.check(database, actor, scope, read, input, sha256);
  const id = await steps.store(database, actor, scope, { sha256, plan, read, input });
  return steps.present({ id, sha256, plan, read, scope, input });
}

const plural = (n: number) => (n === 1 ? 'één fout' : `${n} fouten`);

/** Step 2: all or nothing, once. */
export async function commitImport<Input, Scope, Read, Plan, Stored extends StoredImport, Preview, Result>(
  steps: ImportSteps<Input, Scope, Read, Plan, Stored, Preview, Result>,
  database: Database,
  actor: Actor,
  importId: string,
): Promise<Result> {
  steps.authorizeCommit(actor);
  // One connection for the commit and the ANALYZE after it, so that the ANALYZE sees what the
  // commit changed (the counts of a connection reach pg_stat_user_tables when it flushes them).
  return database.db.connection().execute(async (db) => {
    const result = await commitInTransaction(steps, db, actor, importId);
    // The planner's statistics of the tables the import changed (issue 15), after the commit and
    // outside its transaction. The import is in; a failed ANALYZE does not undo or fail it.
    await analyzeChangedTables(db).catch((err: Error) => console.error(`ANALYZE after the ${steps.name} import failed:`, err.message));
    return result;
  });
}

async function commitInTransaction<Input, Scope, Read, Plan, Stored extends StoredImport, Preview, Result>(
  steps: ImportSteps<Input, Scope, Read, Plan, Stored, Preview, Result>,
  db: Db,
  actor: Actor,
  importId: string,
): Promise<Result> {
  return db.transaction().execute(async (tx) => {
    const stored = await steps.lock(tx, actor, importId);
    if (!stored) throw new NotFoundError(steps.notFoundMessage ?? 'Deze import bestaat niet (meer). Laad het bestand opnieuw.');
    if (stored.status === 'committed') throw new ConflictError('Deze import is al verwerkt.', 'already_committed');
    if (stored.status === 'discarded') throw new ConflictError('Deze import is vervangen door een nieuwere. Laad het bestand opnieuw.', 'import_discarded');
    if (stored.errorCount > 0) {
      throw new ConflictError(
        steps.hasErrorsMessage?.(stored.errorCount) ?? `Het bestand heeft ${plural(stored.errorCount)}. Verbeter ${stored.errorCount === 1 ? 'die' : 'ze'} en laad het bestand opnieuw; er is niets opgeslagen.`,
        'import_has_errors',
      );
    }
    const result = await steps.write(tx, actor, stored);
    await steps.markCommitted(tx, actor, stored, result);
    return result;
  });
}

/** A JSON column as it arrives: an object from pg and PGlite, or a string. */
export const fromJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
