import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { ConflictError } from '../../kernel/errors.ts';
import { fromJson } from '../../kernel/files/import-pipeline.ts';
import { lockStoredImport, lockStoredImportHead, materialiseStoredImportRows, updateImportPreview } from '../../kernel/files/import-store.ts';
import { addPupilLeaverCandidates, dismissPupilLeaversInFile } from '../../kernel/files/leavers-store.ts';
import { writePupilImport } from '../children/index.ts';
import { withPupilsOfImport } from './import-common.ts';
import { emptyCounts, type PlannedPupil, type PupilRowStatus, type StoredPupilImport, type TransferMatch } from './pupil-import-plan.ts';
import type { PupilImportResult } from '../../contracts/pupils.ts';

/**
 * The pupil import's commit (the pipeline's `lock` and `write` steps): the stored import of the
 * actor's own school, locked; then, in the pipeline's one transaction, refused while a probable
 * match is undecided or a newer import was saved since the check, the "zelfde kind" decisions
 * applied to the stored rows, refused when a transfer's enrolment changed since the check, and
 * written with set-based SQL straight from the stored rows — every pupil written asked of the policy
 * and logged.
 */

/** The stored pupil import in the actor's scope (region, the school acted for), locked; null for any other. */
export async function lockPupilImport(tx: Tx, actor: Actor, importId: string): Promise<StoredPupilImport | null> {
  const organisationId = actor.membership?.organisationId;
  if (!organisationId) return null;
  // Its state, matches and summary: the planned rows stay in the database, where the commit's SQL reads them.
  const imp = await lockStoredImportHead(tx, { id: importId, regionId: actor.regionId, organisationId, kind: 'pupils' });
  if (!imp) return null;
  return {
    id: imp.id,
    status: imp.status,
    errorCount: Number(imp.error_count),
    organisationId: imp.organisation_id,
    uploadedAt: imp.uploaded_at,
    fullExport: imp.full_export,
    matches: fromJson(imp.matches),
    summary: fromJson(imp.summary),
  };
}

const PLANNED_COLUMNS = sql.raw(`r(row int, status text, "childId" uuid, "newChildId" uuid, "enrolmentId" uuid, "pupilNumber" text, "givenName" text, "familyName" text, "birthDate" date,
  bsn text, onderwijsnummer text, "gemeenteId" uuid, "residenceFrom" date, "groupName" text, "mentorPersonId" uuid, level text, "startDate" date,
  "identityChanged" boolean, "enrolmentChanged" boolean)`);

/** Write the whole import (the pipeline holds the transaction and marks it committed after). */
export async function writePupilCommit(tx: Tx, actor: Actor, stored: StoredPupilImport): Promise<PupilImportResult> {
  refuseOpenMatches(stored.matches);
  await refuseIfOutdated(tx, stored);
  await applySameDecisions(tx, actor, stored);
  // The stored rows, unpacked once for the statements below.
  const rows = await materialiseStoredImportRows(tx, stored.id, PLANNED_COLUMNS, 'pupil_import_rows');
  await refuseChangedTransfers(tx, rows);
  const written = await writeRows(tx, actor, stored, rows);
  const statuses = (await sql<{ child_id: string; status: PupilRowStatus }>`select coalesce(r."childId", r."newChildId") as child_id, r.status from ${rows} r order by r.row`.execute(tx)).rows;
  await logWrittenPupils(tx, actor, stored, statuses);
  const counts = emptyCounts();
  for (const r of statuses) counts[r.status]++;
  return { id: stored.id, ...counts, ...written };
}

function refuseOpenMatches(matches: TransferMatch[]): void {
  const open = matches.filter((m) => m.decision === null).length;
  if (open) throw new ConflictError(`${open} mogelijke overstap${open === 1 ? '' : 'pen'} nog beoordelen: kies per leerling "zelfde kind" of "ander kind". Er is niets opgeslagen.`, 'matches_open');
}

/** A pupil import of the school saved after this one was checked: the check no longer holds. */
async function refuseIfOutdated(tx: Tx, stored: StoredPupilImport): Promise<void> {
  const later = await tx
    .selectFrom('registry_imports')
    .select('id')
    .where('organisation_id', '=', stored.organisationId)
    .where('kind', '=', 'pupils')
    .where('status', '=', 'committed')
    .where('committed_at', '>', stored.uploadedAt)
    .executeTakeFirst();
  if (later) throw new ConflictError('Na deze controle is een andere leerlingenimport opgeslagen. Laad het bestand opnieuw om de actuele wijzigingen te zien; er is niets opgeslagen.', 'import_outdated');
}

/**
 * "Zelfde kind": the row becomes a transfer to that child — or waits, while the child is enrolled at
 * another school (this school does not end another school's enrolment). The stored rows are
 * rewritten, so the set-based SQL reads the decisions.
 */
async function applySameDecisions(tx: Tx, actor: Actor, stored: StoredPupilImport): Promise<void> {
  const same = new Map(stored.matches.filter((m) => m.decision === 'same' && m.same).map((m) => [m.row, m]));
  if (!same.size) return;
  // The planned rows themselves (the import is locked already, by this transaction).
  const imp = await lockStoredImport(tx, { id: stored.id, regionId: actor.regionId, organisationId: stored.organisationId, kind: 'pupils' });
  const rows = fromJson<PlannedPupil[]>(imp!.rows);
  for (const r of rows) {
    const m = same.get(r.row);
    if (m) Object.assign(r, sameChild(r, m, stored.summary.day));
  }
  await updateImportPreview(tx, stored.id, { rows: JSON.stringify(rows) });
}

function sameChild(r: PlannedPupil, m: TransferMatch, day: string): Partial<PlannedPupil> {
  const shown = r.shown ?? { givenName: r.givenName, familyName: r.familyName, gemeenteId: r.gemeenteId };
  if (m.candidate.enrolledElsewhere) {
    return { status: 'pending', childId: m.candidateChildId, bsn: null, onderwijsnummer: null, identityChanged: false, gemeenteId: null, residenceFrom: null, startDate: null, shown, pendingOn: 'name_birth_date' };
  }
  const same = m.same!;
  return {
    shown,
    status: 'transfer',
    childId: m.candidateChildId,
    givenName: m.candidate.givenName,
    familyName: m.candidate.familyName,
    birthDate: m.candidate.birthDate,
    bsn: same.bsn,
    onderwijsnummer: same.onderwijsnummer,
    identityChanged: !!(same.bsn || same.onderwijsnummer),
    gemeenteId: same.gemeenteId,
    residenceFrom: same.gemeenteId ? day : null,
    startDate: same.startDate,
  };
}

/**
 * A transfer is written only while no enrolment of the child (here or at another school) runs on or
 * after its start: the other school may have enrolled the child since the check.
 */
async function refuseChangedTransfers(tx: Tx, rows: RawBuilder<unknown>): Promise<void> {
  const clash = await sql<{ row: number }>`
    select r.row from ${rows} r join enrolments e on e.child_id = r."childId"
    where r.status = 'transfer' and (e.end_date is null or e.end_date >= r."startDate") order by r.row limit 1`.execute(tx);
  if (clash.rows.length) {
    throw new ConflictError(
      `Sinds de controle is de inschrijving veranderd van de leerling op regel ${clash.rows[0].row}, die van een andere school komt. Laad het bestand opnieuw; er is niets opgeslagen.`,
      'import_outdated',
    );
  }
}

/** The children, residences, groups and enrolments; the probable leavers of a full export. */
async function writeRows(tx: Tx, actor: Actor, stored: StoredPupilImport, rows: RawBuilder<unknown>) {
  const { organisationId } = stored;
  const { childrenCreated, residencesAdded } = await writePupilImport(tx, { rows, regionId: actor.regionId, organisationId, schoolYear: stored.summary.schoolYear });
  // A pupil back in the file is no probable leaver any more.
  await dismissPupilLeaversInFile(tx, rows, actor.personId);
  const leavers = stored.fullExport ? await addPupilLeaverCandidates(tx, { regionId: actor.regionId, organisationId, importId: stored.id }) : 0;
  return { childrenCreated, residencesAdded, leavers };
}

/**
 * Written for these children (a waiting transfer wrote nothing: no relation, no entry). Asked of the
 * policy now that their enrolments are written, so a pupil new to the school has the school's care
 * as its ground; a pupil whose enrolment starts later is recorded as the school's own registration,
 * on its first day (withPupilsOfImport). Every pupil written has an enrolment here that runs today
 * or starts later: a refusal would be a fault of the import itself, and nothing is saved.
 */
async function logWrittenPupils(tx: Tx, actor: Actor, stored: StoredPupilImport, rows: { child_id: string; status: PupilRowStatus }[]): Promise<void> {
  const statusOf = new Map<string, string>();
  for (const r of rows) if (r.status !== 'pending') statusOf.set(r.child_id, r.status);
  const what = { organisationId: stored.organisationId, kind: 'identity' as const, event: 'registry.pupil_import', importId: stored.id };
  const { denied } = await withPupilsOfImport(tx, actor, what, [...statusOf.keys()], (childId) => ({ status: statusOf.get(childId) }));
  if (denied.length) throw new Error(`pupil import ${stored.id}: the policy gives no ground on ${denied.length} pupil(s) just enrolled`);
}
