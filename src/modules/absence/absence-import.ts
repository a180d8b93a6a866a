import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { groundsQuery } from '../../kernel/policy/child-policy.ts';
import { withChildrenAccess } from '../../kernel/policy/gateway.ts';
import { isCareCoordinator } from '../../kernel/policy/signal-policy.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import { SCHOOL_GROUNDS } from './absence-reports.ts';
import { evaluateAbsenceReports, RULE_REASONS } from './report-evaluation.ts';
import type { AbsenceReason, RowError } from './absence-csv.ts';
import { readAbsenceFile } from './absence-file.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ResolvedRow {
  row: number;
  childId: string;
  day: string;
  hours: number;
  reason: AbsenceReason;
}

/** Only the school's own care coordinator imports its absence (the school holds this data). */
function schoolOf(actor: Actor, schoolLocationId: string) {
  if (!isCareCoordinator(actor) || actor.membership!.organisationId !== schoolLocationId) {
    throw new ForbiddenError('Verzuim importeert de intern begeleider of zorgcoördinator van deze schoolvestiging.');
  }
  return schoolLocationId;
}

/**
 * The pupils among `childIds` whose absence the school may use today: those the policy gives one
 * of the school's grounds (the school's care, or a case the school owns) — the same the commit
 * asks of the gateway. The preview only checks; it shows nothing of the child the file did not
 * name, so nothing is logged here.
 */
async function pupilsWithGround(database: Database, actor: Actor, childIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < childIds.length; i += 5000) {
    const grounds = groundsQuery(database.db, actor, today());
    if (!grounds) break;
    const rows = await database.db
      .selectFrom(grounds.as('g'))
      .select('g.child_id')
      .where('g.child_id', 'in', childIds.slice(i, i + 5000))
      .where('g.ground', 'in', SCHOOL_GROUNDS)
      .execute();
    for (const r of rows) out.add(r.child_id);
  }
  return out;
}

/**
 * Step 1: parse and check the file, resolve every pupil (child id or the school's pupil number,
 * enrolled at this school on that day, and one the school still has a ground for today) and store
 * the preview. Nothing is written to the absence records yet.
 */
export async function previewAbsenceImport(database: Database, actor: Actor, input: { schoolLocationId: string; fileName: string; content: Buffer }) {
  const organisationId = schoolOf(actor, input.schoolLocationId);
  const parsed = await readAbsenceFile(database, organisationId, input);
  const errors: RowError[] = [...parsed.errors];
  const db = database.db;
  const ids = [...new Set(parsed.rows.map((r) => r.leerling))];
  const byId = new Set<string>();
  const uuids = ids.filter((x) => UUID.test(x));
  for (let i = 0; i < uuids.length; i += 5000) {
    for (const c of await db.selectFrom('children').select('id').where('id', 'in', uuids.slice(i, i + 5000)).where('region_id', '=', actor.regionId).execute()) byId.add(c.id);
  }
  const numbers = ids.filter((x) => !UUID.test(x));
  const byNumber = new Map<string, string>();
  for (let i = 0; i < numbers.length; i += 5000) {
    const found = await db.selectFrom('enrolments').select(['pupil_number', 'child_id']).where('organisation_id', '=', organisationId).where('pupil_number', 'in', numbers.slice(i, i + 5000)).execute();
    for (const e of found) byNumber.set(e.pupil_number!, e.child_id);
  }
  const enrolmentsOf = new Map<string, { start_date: string; end_date: string | null }[]>();
  for (const e of await db.selectFrom('enrolments').select(['child_id', 'start_date', 'end_date']).where('organisation_id', '=', organisationId).execute()) {
    let list = enrolmentsOf.get(e.child_id);
    if (!list) enrolmentsOf.set(e.child_id, (list = []));
    list.push(e);
  }
  const enrolled = (childId: string, day: string) => (enrolmentsOf.get(childId) ?? []).some((e) => e.start_date <= day && (!e.end_date || e.end_date >= day));
  // A pupil who has left the school (and has no case of the school) is no longer the school's to
  // record absence for: refused here as a row, like entering it by hand, not at the commit.
  const named = [...new Set(parsed.rows.map((r) => (UUID.test(r.leerling) ? (byId.has(r.leerling) ? r.leerling : null) : (byNumber.get(r.leerling) ?? null))).filter((id): id is string => !!id))];
  const withGround = await pupilsWithGround(database, actor, named);
  const resolved: ResolvedRow[] = [];
  // The same pupil may be named by child id on one row and by pupil number on another: after
  // resolving, one pupil, day and reason may still occur only once.
  const firstRowOf = new Map<string, number>();
  for (const r of parsed.rows) {
    const childId = UUID.test(r.leerling) ? (byId.has(r.leerling) ? r.leerling : null) : (byNumber.get(r.leerling) ?? null);
    if (!childId) errors.push({ row: r.row, column: 'leerling', message: `Leerling "${r.leerling}" is onbekend op deze school.` });
    else if (!enrolled(childId, r.day)) errors.push({ row: r.row, column: 'datum', message: `Deze leerling stond op ${r.day} niet ingeschreven op deze school.` });
    else if (!withGround.has(childId)) errors.push({ row: r.row, column: 'leerling', message: 'Deze leerling staat niet meer op deze school ingeschreven. Verzuim van een leerling die de school heeft verlaten, legt u hier niet meer vast.' });
    else {
      const key = `${childId}|${r.day}|${r.reason}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) errors.push({ row: r.row, column: 'leerling', message: `Dezelfde leerling, dag en reden staan al op regel ${first} (met id of leerlingnummer). Voeg de regels samen.` });
      else {
        firstRowOf.set(key, r.row);
        resolved.push({ row: r.row, childId, day: r.day, hours: r.hours, reason: r.reason });
      }
    }
  }
  errors.sort((a, b) => a.row - b.row);
  const sha = createHash('sha256').update(input.content).digest('hex');
  const previous = await db.selectFrom('absence_imports').select(['id', 'committed_at']).where('organisation_id', '=', organisationId).where('file_sha256', '=', sha).where('status', '=', 'committed').executeTakeFirst();
  const stored = await db
    .insertInto('absence_imports')
    .values({
      region_id: actor.regionId,
      organisation_id: organisationId,
      uploaded_by_person_id: actor.personId,
      file_name: input.fileName.slice(0, 200),
      file_sha256: sha,
      row_count: parsed.rows.length + parsed.errors.filter((e) => e.row > 1).length,
      rows: JSON.stringify(resolved),
      errors: JSON.stringify(errors),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: stored.id,
    rows: resolved.length,
    errors,
    alreadyImported: previous ? { importId: previous.id, committedAt: new Date(previous.committed_at!).toISOString() } : null,
    preview: resolved.slice(0, 20),
    format: parsed.format,
    fileType: parsed.fileType,
  };
}

/** The policy refused pupils of an import at its commit: nothing is written. */
class PupilsRefused extends Error {
  constructor(readonly childIds: string[]) {
    super('pupils refused');
  }
}

/**
 * Step 2: write the whole import in one transaction, or nothing. A file with errors is refused
 * until it is fixed. Importing the same rows again changes nothing (one record per pupil, school,
 * day and reason; the newest import sets the hours). Before anything is written the policy is asked
 * for every pupil of the import, which logs each with its ground. Should it refuse one (the pupil
 * left the school since the check), the whole commit is refused (409) and nothing is written; the
 * refusal alone is logged, in a transaction of its own.
 */
export async function commitAbsenceImport(database: Database, actor: Actor, importId: string) {
  try {
    return await writeAbsenceImport(database, actor, importId);
  } catch (error) {
    if (!(error instanceof PupilsRefused)) throw error;
    await database.db.transaction().execute((tx) => withChildrenAccess(tx, actor, error.childIds, 'absence', 'absence.import', () => ({ importId }), SCHOOL_GROUNDS));
    const n = error.childIds.length;
    throw new ConflictError(
      `Sinds de controle staan ${n === 1 ? 'één leerling' : `${n} leerlingen`} uit dit bestand niet meer op deze school ingeschreven. Laad het bestand opnieuw; er is niets opgeslagen.`,
      'import_outdated',
    );
  }
}

async function writeAbsenceImport(database: Database, actor: Actor, importId: string) {
  return database.db.transaction().execute(async (tx) => {
    const imp = await tx.selectFrom('absence_imports').selectAll().where('id', '=', importId).where('region_id', '=', actor.regionId).forUpdate().executeTakeFirst();
    if (!imp) throw new NotFoundError();
    schoolOf(actor, imp.organisation_id);
    if (imp.status === 'committed') throw new ConflictError('Deze import is al verwerkt.', 'already_committed');
    const errors = (typeof imp.errors === 'string' ? JSON.parse(imp.errors) : imp.errors) as RowError[];
    if (errors.length) throw new ConflictError(`Het bestand heeft ${errors.length} fout(en). Verbeter ze en laad het bestand opnieuw; er is niets opgeslagen.`, 'import_has_errors');
    const rows = (typeof imp.rows === 'string' ? JSON.parse(imp.rows) : imp.rows) as ResolvedRow[];
    const children = [...new Set(rows.map((r) => r.childId))];
    const { denied } = await withChildrenAccess(tx, actor, children, 'absence', 'absence.import', () => ({ importId }), SCHOOL_GROUNDS);
    if (denied.length) throw new PupilsRefused(denied);
    // One statement, straight from the stored preview: no rows travel back and forth. The preview
    // holds at most one row per pupil, day and reason (duplicates are errors), so the upsert is safe.
    const res = await sql`
      insert into absence_records (region_id, child_id, organisation_id, day, hours, reason, source, import_id)
      select i.region_id, r."childId"::uuid, i.organisation_id, r.day::date, r.hours, r.reason, 'import', i.id
      from absence_imports i cross join lateral jsonb_to_recordset(i.rows) as r("childId" text, day text, hours numeric, reason text)
      where i.id = ${importId}
      on conflict (child_id, organisation_id, day, reason) do update
        set hours = excluded.hours, import_id = excluded.import_id, source = excluded.source
        where absence_records.hours <> excluded.hours`.execute(tx);
    const written = Number(res.numAffectedRows ?? 0);
    await tx.updateTable('absence_imports').set({ status: 'committed', committed_at: new Date() }).where('id', '=', importId).execute();
    // The legal reports follow from the new absence at once. Only unauthorised and luxury absence
    // feed the rules, so only the pupils with such rows in this import are evaluated again.
    const ruleInput = [...new Set(rows.filter((r) => RULE_REASONS.includes(r.reason)).map((r) => r.childId))];
    const evaluation = await evaluateAbsenceReports(tx, { regionId: actor.regionId, organisationId: imp.organisation_id, childIds: ruleInput });
    return { id: importId, rows: rows.length, changed: written, children: children.length, newReports: evaluation.inserted };
  });
}
