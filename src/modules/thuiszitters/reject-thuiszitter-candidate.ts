import { sql } from 'kysely';
import type { Database } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { withChildAccess } from '../../kernel/policy/gateway.ts';
import { ConflictError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import { compulsoryStatusOn } from './thuiszitter-queries.ts';
import { REGISTER_GROUNDS, withCandidateAccess } from './thuiszitter-access.ts';
import { ensureNoOpenEntry, lockChild, notEnrolledSince } from './register-thuiszitter.ts';
import { enrolmentBetween } from './thuiszitter-validation.ts';

export interface RejectInput {
  /** An LRV candidate: the absence report. */
  absenceReportId?: string;
  /** A not-enrolled candidate: the child. */
  childId?: string;
  reason: string;
}

/**
 * A person judges that a candidate is not a thuiszitter and says why (e.g. ill with a doctor's
 * statement, enrolled at a school outside the region). The decision is appended: the candidate
 * leaves the list and the reason stays. An LRV candidate is decided once per report; a not-enrolled
 * candidate once per period of not being enrolled (a new period makes it a candidate again).
 */
export async function rejectThuiszitterCandidate(database: Database, actor: Actor, input: RejectInput): Promise<{ decided: 'rejected' }> {
  const day = today();
  const reason = input.reason?.trim() ?? '';
  const errors: FieldError[] = [];
  if (!reason) errors.push({ name: 'reason', code: 'required', reason: 'Licht toe waarom dit kind geen thuiszitter is.' });
  if (!!input.absenceReportId === !!input.childId)
    errors.push({ name: 'absenceReportId', code: 'one_of', reason: 'Geef de verzuimmelding (LRV-kandidaat) of het kind (niet ingeschreven) op, niet allebei.' });
  if (errors.length) throw new ValidationError(errors);

  if (input.absenceReportId) {
    return withCandidateAccess(database, actor, input.absenceReportId, 'thuiszitter.candidate.reject', async ({ tx }, report) => {
      await lockChild(tx, report.child_id);
      const decided = await tx.selectFrom('thuiszitter_candidate_decisions').select('decision').where('absence_report_id', '=', report.id).executeTakeFirst();
      if (decided) throw new ConflictError('Over deze kandidaat is al besloten.', 'candidate_decided');
      const withdrawn = await tx.selectFrom('absence_report_events').select('id').where('report_id', '=', report.id).where('kind', '=', 'withdrawn').executeTakeFirst();
      if (withdrawn) throw new ConflictError('Deze verzuimmelding is ingetrokken; er is geen kandidaat meer.', 'report_withdrawn');
      await tx
        .insertInto('thuiszitter_candidate_decisions')
        .values({ region_id: actor.regionId, child_id: report.child_id, kind: 'lrv', absence_report_id: report.id, decision: 'rejected', reason, person_id: actor.personId, organisation_id: actor.membership?.organisationId ?? null })
        .execute();
      return { decided: 'rejected' as const };
    });
  }

  const childId = input.childId!;
  return withChildAccess(
    database,
    actor,
    childId,
    'thuiszitter',
    'thuiszitter.candidate.reject',
    async ({ tx }) => {
      await lockChild(tx, childId);
      await ensureNoOpenEntry(tx, childId, day);
      const child = await tx.selectFrom('children').select(['birth_date', 'startkwalificatie_on']).where('id', '=', childId).executeTakeFirstOrThrow();
      const enrolled = await enrolmentBetween(tx, childId, day, '9999-12-31');
      if (enrolled || !compulsoryStatusOn({ birthDate: child.birth_date, startkwalificatieOn: child.startkwalificatie_on }, day))
        throw new ConflictError('Dit kind is geen kandidaat (meer): het staat ingeschreven of is niet van leerplichtige leeftijd.', 'not_a_candidate');
      const since = await notEnrolledSince(tx, childId);
      const already = await tx
        .selectFrom('thuiszitter_candidate_decisions')
        .select('id')
        .where('child_id', '=', childId)
        .where('kind', '=', 'absoluut')
        .where(sql<boolean>`not_enrolled_since is not distinct from ${since}::date`)
        .executeTakeFirst();
      if (already) throw new ConflictError('Over deze kandidaat is al besloten.', 'candidate_decided');
      await tx
        .insertInto('thuiszitter_candidate_decisions')
        .values({ region_id: actor.regionId, child_id: childId, kind: 'absoluut', not_enrolled_since: since, decision: 'rejected', reason, person_id: actor.personId, organisation_id: actor.membership?.organisationId ?? null })
        .execute();
      return { decided: 'rejected' as const };
    },
    { candidate: 'absoluut' },
    REGISTER_GROUNDS,
  );
}
