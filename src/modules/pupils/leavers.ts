import type { Database } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { accessIn, rules, subject, withChildrenAccess } from '../../kernel/policy/gateway.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../kernel/errors.ts';
import { isIsoDate } from '../../kernel/time.ts';
import { decideLeaverCandidate } from '../../kernel/files/leavers-store.ts';
import { endEnrolmentOfLeaver } from '../children/index.ts';
import { nlDate, schoolOf } from './import-common.ts';
import type { LeaverDecision } from '../../contracts/values/pupils.ts';

/** The ground through which the school administers its pupils' enrolments. */
const SCHOOL_CARE = ['school_care'] as const;

/**
 * Probable leavers: pupils with an open enrolment at the school who were missing from a full
 * export. Nothing changes until the school's care coordinator confirms a date per pupil (the
 * enrolment ends on it) or says the pupil stays. The list and each decision ask the policy (the
 * school's care of the pupil, kind 'school'), which logs them with the ground it found.
 */
export async function listPupilLeavers(database: Database, actor: Actor, schoolLocationId?: string | null) {
  const organisationId = schoolOf(actor, schoolLocationId);
  return database.db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('leaver_candidates as l')
      .innerJoin('enrolments as e', 'e.id', 'l.enrolment_id')
      .innerJoin('children as c', 'c.id', 'e.child_id')
      .leftJoin('school_groups as g', 'g.id', 'e.group_id')
      .innerJoin('registry_imports as i', 'i.id', 'l.import_id')
      .where('l.organisation_id', '=', organisationId)
      .where('l.kind', '=', 'pupil')
      .where('l.status', '=', 'open')
      .select(['l.id', 'l.created_at', 'e.child_id', 'e.pupil_number', 'e.start_date', 'c.given_name', 'c.family_name', 'g.name as group_name', 'i.file_name'])
      .orderBy('c.family_name')
      .orderBy('c.given_name')
      .orderBy('l.id')
      .execute();
    const candidateOf = new Map<string, string>();
    for (const r of rows) if (!candidateOf.has(r.child_id)) candidateOf.set(r.child_id, r.id);
    // A pupil the school no longer has a ground for (the enrolment ended otherwise) is left off.
    const { allowed } = await withChildrenAccess(tx, actor, { childIds: rows.map((r) => r.child_id), kind: 'school', event: 'registry.pupil_leaver.list', detailOf: (childId) => ({ candidateId: candidateOf.get(childId) }), grounds: SCHOOL_CARE });
    return {
      items: rows.filter((r) => allowed.has(r.child_id)).map((r) => ({
        id: r.id,
        childId: r.child_id,
        pupilNumber: r.pupil_number,
        givenName: r.given_name,
        familyName: r.family_name,
        groupName: r.group_name,
        startDate: r.start_date,
        listedAt: new Date(r.created_at).toISOString(),
        fileName: r.file_name,
      })),
    };
  });
}

/** "Uitschrijven per datum" (confirmed, with the end date) or "Blijft ingeschreven" (dismissed). */
export async function decidePupilLeaver(database: Database, actor: Actor, candidateId: string, input: { decision: LeaverDecision; endDate?: string | null }) {
  const organisationId = schoolOf(actor);
  const event = input.decision === 'confirmed' ? 'registry.pupil_leaver.confirm' : 'registry.pupil_leaver.dismiss';
  const result = await database.db.transaction().execute(async (tx) => {
    const l = await tx
      .selectFrom('leaver_candidates as l')
      .innerJoin('enrolments as e', 'e.id', 'l.enrolment_id')
      .where('l.id', '=', candidateId)
      .where('l.kind', '=', 'pupil')
      .where('l.organisation_id', '=', organisationId)
      .select(['l.id', 'l.status', 'l.enrolment_id', 'e.child_id', 'e.start_date', 'e.end_date'])
      .forUpdate()
      .executeTakeFirst();
    if (!l) throw new NotFoundError();
    if (l.status !== 'open') throw new ConflictError('Over deze leerling is al besloten.', 'already_decided');
    // The policy, for the pupil behind the candidate (read in this transaction), before anything of
    // the enrolment is shown or changed. Refused: only the denied entry is committed, then 404.
    const detail = { candidateId, enrolmentId: l.enrolment_id, endDate: input.decision === 'confirmed' ? input.endDate : null, kind: 'school' };
    if (!(await accessIn(tx, actor, subject.child(l.child_id), rules.childData('school', SCHOOL_CARE), event, { detail }))) return null;
    if (input.decision === 'confirmed') {
      const endDate = input.endDate ?? '';
      if (!isIsoDate(endDate)) throw new ValidationError([{ name: 'endDate', code: 'date', reason: 'Vul de datum van uitschrijving in (DD-MM-JJJJ).' }]);
      if (endDate < l.start_date) throw new ValidationError([{ name: 'endDate', code: 'end_before_start', reason: `De datum van uitschrijving ligt vóór de inschrijfdatum (${nlDate(l.start_date)}).` }]);
      if (l.end_date !== null) throw new ConflictError('Deze inschrijving is al beëindigd.', 'already_ended');
      await endEnrolmentOfLeaver(tx, l.enrolment_id!, endDate);
      await decideLeaverCandidate(tx, candidateId, { status: 'confirmed', endDate, decidedByPersonId: actor.personId, decidedAt: new Date() });
    } else {
      await decideLeaverCandidate(tx, candidateId, { status: 'dismissed', decidedByPersonId: actor.personId, decidedAt: new Date() });
    }
    return { id: candidateId, status: input.decision, endDate: input.decision === 'confirmed' ? input.endDate! : null };
  });
  if (!result) throw new NotFoundError();
  return result;
}
