import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../db/database.ts';

/**
 * Leaver candidates: who was missing from a full export of the school's administration (a pupil's
 * enrolment, a member of staff). Nothing ends until a person decides. The table `leaver_candidates`
 * is owned here (kernel/db/owners.ts), next to the stored imports that produce the candidates.
 */

/**
 * A full pupil export: a candidate for each enrolment the stored import lists as a probable leaver
 * (`registry_imports.leavers`) that is still open and has no open candidate yet. Returns how many.
 */
export async function addPupilLeaverCandidates(tx: Tx, p: { regionId: string; organisationId: string; importId: string }): Promise<number> {
  const res = await sql`
    insert into leaver_candidates (region_id, organisation_id, import_id, kind, enrolment_id)
    select ${p.regionId}::uuid, ${p.organisationId}::uuid, i.id, 'pupil', l."enrolmentId"
    from registry_imports i cross join lateral jsonb_to_recordset(i.leavers) as l("enrolmentId" uuid)
    join enrolments e on e.id = l."enrolmentId" and e.end_date is null
    where i.id = ${p.importId} and not exists (select 1 from leaver_candidates c where c.enrolment_id = l."enrolmentId" and c.status = 'open')`.execute(tx);
  return Number(res.numAffectedRows ?? 0);
}

/** Pupils back in the file are no probable leavers any more: `rows` is a row source with an `"enrolmentId"` column. */
export async function dismissPupilLeaversInFile(tx: Tx, rows: RawBuilder<unknown>, decidedByPersonId: string | null): Promise<void> {
  await sql`
    update leaver_candidates l set status = 'dismissed', decided_at = now(), decided_by_person_id = ${decidedByPersonId}
    from ${rows} r where l.enrolment_id = r."enrolmentId" and l.status = 'open'`.execute(tx);
}

/**
 * A full staff export: a candidate for each person who still has an active membership at the
 * organisation (an open candidate is not duplicated). Returns how many.
 */
export async function addStaffLeaverCandidates(tx: Tx, p: { regionId: string; organisationId: string; importId: string; personIds: string[] }): Promise<number> {
  const res = await sql`insert into leaver_candidates (region_id, organisation_id, import_id, kind, person_id)
    select ${p.regionId}::uuid, ${p.organisationId}::uuid, ${p.importId}::uuid, 'staff', x.person
    from jsonb_to_recordset(${JSON.stringify(p.personIds.map((person) => ({ person })))}::jsonb) as x(person uuid)
    where exists (select 1 from memberships m where m.person_id = x.person and m.organisation_id = ${p.organisationId} and m.ended_at is null)
    on conflict do nothing`.execute(tx);
  return Number(res.numAffectedRows ?? 0);
}

/** People in the staff file are no probable leavers of the organisation any more. Returns how many were open. */
export async function dismissStaffLeaversInFile(tx: Tx, p: { organisationId: string; personIds: string[]; decidedByPersonId: string | null }): Promise<number> {
  let dismissed = 0;
  for (let i = 0; i < p.personIds.length; i += 5000) {
    const res = await tx
      .updateTable('leaver_candidates')
      .set({ status: 'dismissed', decided_at: sql`now()`, decided_by_person_id: p.decidedByPersonId })
      .where('organisation_id', '=', p.organisationId)
      .where('kind', '=', 'staff')
      .where('status', '=', 'open')
      .where('person_id', 'in', p.personIds.slice(i, i + 5000))
      .executeTakeFirst();
    dismissed += Number(res.numUpdatedRows);
  }
  return dismissed;
}

/** A person's decision on one candidate: left (confirmed, with the end date) or stays (dismissed). */
export async function decideLeaverCandidate(tx: Tx, candidateId: string, d: { status: 'confirmed' | 'dismissed'; endDate?: string | null; decidedByPersonId: string | null; decidedAt?: Date }): Promise<void> {
  await tx
    .updateTable('leaver_candidates')
    .set({
      status: d.status,
      ...(d.status === 'confirmed' ? { end_date: d.endDate ?? null } : {}),
      decided_at: d.decidedAt ?? sql`now()`,
      decided_by_person_id: d.decidedByPersonId,
    })
    .where('id', '=', candidateId)
    .execute();
}
