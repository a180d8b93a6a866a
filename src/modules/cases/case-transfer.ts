import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { consentKindsInForce } from '../../kernel/policy/child-policy.ts';
import { SCHOOL_CARE_ROLES } from '../../kernel/policy/signal-policy.ts';
import { ConflictError, ProblemError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import type { CaseTransferred, TransferCaseBody, TransferTarget } from '../../contracts/cases.ts';
import { moveRequestsOfCase } from '../requests/index.ts';
import { caseEvent, claimCase, withManageableCase } from './case-commands.ts';
import { notifyAboutCase } from './case-notifications.ts';

/*
 * A case follows the child (issue 13): when a child changes school, the open case and its plan go
 * to the new school's care coordinator — with the family's consent — instead of staying with the
 * old school. docs/cases-and-consent.md §2b.
 */

/** The transfer's checks that need no database (also when the schema refuses the body: the route's fieldChecks). */
export function transferFieldChecks(input: { reason?: unknown }): FieldError[] {
  return typeof input.reason === 'string' && input.reason.trim()
    ? []
    : [{ name: 'reason', code: 'required', reason: 'Schrijf waarom de casus naar de nieuwe school gaat. De reden komt in de geschiedenis van de casus.' }];
}

/** The child's enrolment `e` runs today (the current enrolment). */
const enrolledToday = (day: string) => sql<boolean>`e.start_date <= ${day}::date and (e.end_date is null or e.end_date >= ${day}::date)`;

/**
 * Transfers an open case to the child's new school, based on the case's `version`, by who manages
 * it (the school's care coordinator, the case manager: withManageableCase). Refused with a field
 * error each (422, nothing changed) unless: the target is another school location in the region,
 * the child is enrolled there today, `toPersonId` is one of its care coordinators today, and a
 * consent in force of this case names the new school. Then, in one transaction: the case's school
 * becomes the new school, its coordinator the case manager (on the team); the old school's team
 * members leave the team (recorded, not deleted) — other organisations stay; the plan follows (it
 * belongs to the case); the open requests the old school sent from this case are the new school's
 * (requests module); the history says so with the reason, and the new coordinator is told.
 */
export async function transferCase(database: Database, actor: Actor, caseId: string, input: TransferCaseBody, opts: { linkBase: string }): Promise<CaseTransferred> {
  const errors = transferFieldChecks(input);
  if (errors.length) throw new ValidationError(errors);
  return withManageableCase(
    database,
    actor,
    caseId,
    'case.transfer',
    async (tx, k) => {
      const version = await claimCase(tx, caseId, input.version);
      if (k.status !== 'open') throw new ConflictError('Deze casus is gesloten: hij gaat niet meer over naar een andere school.', 'case_closed');
      const day = today();
      const to = await tx.selectFrom('organisations').select(['id', 'kind', 'name']).where('id', '=', input.toOrganisationId).where('region_id', '=', actor.regionId).executeTakeFirst();
      const refusals: FieldError[] = [];
      let coordinator: { role: string } | undefined;
      if (!to) {
        refusals.push({ name: 'toOrganisationId', code: 'unknown_organisation', reason: 'Deze school bestaat niet in de regio. Kies de nieuwe school van het kind uit de lijst.' });
      } else if (to.kind !== 'school_location') {
        refusals.push({ name: 'toOrganisationId', code: 'not_a_school', reason: `${to.name} is geen school. Een casus gaat alleen mee naar de nieuwe school van het kind.` });
      } else if (to.id === k.organisation_id) {
        refusals.push({ name: 'toOrganisationId', code: 'same_school', reason: 'De casus hoort al bij deze school. Kies de nieuwe school van het kind.' });
      } else {
        const enrolled = await tx.selectFrom('enrolments as e').select('e.id').where('e.child_id', '=', k.child_id).where('e.organisation_id', '=', to.id).where(enrolledToday(day)).executeTakeFirst();
        if (!enrolled) {
          refusals.push({
            name: 'toOrganisationId',
            code: 'not_enrolled',
            reason: `Het kind staat vandaag niet ingeschreven op ${to.name}. De casus gaat mee zodra de nieuwe school de inschrijving heeft vastgelegd.`,
          });
        }
        if (!(await consentKindsInForce(tx, { caseId, childId: k.child_id, organisationId: to.id, today: day })).length) {
          refusals.push({
            name: 'toOrganisationId',
            code: 'no_consent',
            reason: `Er is geen geldige toestemming in deze casus die ${to.name} noemt. Leg eerst de toestemming van het gezin vast (met ${to.name} als ontvanger) en draag de casus daarna over.`,
          });
        }
        coordinator = await coordinatorOf(tx, input.toPersonId, to.id);
        if (!coordinator) {
          refusals.push({ name: 'toPersonId', code: 'not_care_coordinator', reason: `Deze persoon is nu geen intern begeleider of zorgcoördinator van ${to.name}. Kies een van hen.` });
        }
      }
      if (!to || !coordinator || refusals.length) {
        throw new ProblemError(422, 'Overdracht niet mogelijk', 'De casus is niet overgedragen. Controleer de gemarkeerde velden.', 'transfer_not_possible', refusals);
      }
      const school = to;

      // The old school's team members leave the team; those of other organisations stay.
      await tx.updateTable('case_members').set({ removed_at: new Date() }).where('case_id', '=', caseId).where('organisation_id', '=', k.organisation_id).where('removed_at', 'is', null).execute();
      // One active team row per person: the new coordinator on the team for another organisation makes way.
      const onTeam = await tx.selectFrom('case_members').select(['id', 'organisation_id']).where('case_id', '=', caseId).where('person_id', '=', input.toPersonId).where('removed_at', 'is', null).executeTakeFirst();
      if (onTeam && onTeam.organisation_id !== school.id) await tx.updateTable('case_members').set({ removed_at: new Date() }).where('id', '=', onTeam.id).execute();
      if (!onTeam || onTeam.organisation_id !== school.id) {
        await tx.insertInto('case_members').values({ case_id: caseId, person_id: input.toPersonId, organisation_id: school.id, role: coordinator.role }).execute();
      }
      await tx.updateTable('cases').set({ organisation_id: school.id, case_manager_person_id: input.toPersonId, case_manager_organisation_id: school.id }).where('id', '=', caseId).execute();
      const requestsMoved = await moveRequestsOfCase(tx, actor, { caseId, fromOrganisationId: k.organisation_id, toOrganisationId: school.id, toPersonId: input.toPersonId });
      await caseEvent(tx, caseId, actor, 'transferred', {
        fromOrganisationId: k.organisation_id,
        toOrganisationId: school.id,
        from: { personId: k.case_manager_person_id, organisationId: k.case_manager_organisation_id },
        to: { personId: input.toPersonId, organisationId: school.id },
        reason: input.reason.trim(),
        requestsMoved,
      });
      if (input.toPersonId !== actor.personId) {
        await notifyAboutCase(tx, { kind: 'case_transferred', caseId, regionId: k.region_id, organisationId: school.id, personIds: [input.toPersonId] }, opts.linkBase);
      }
      return { caseId, organisationId: school.id, organisationName: school.name, caseManager: { personId: input.toPersonId, organisationId: school.id }, requestsMoved, version };
    },
    { toOrganisationId: input.toOrganisationId },
  );
}

/** A care coordinator (IB / zorgcoördinator) of the school today, with the role; undefined when not. */
function coordinatorOf(tx: Tx, personId: string, organisationId: string) {
  return tx
    .selectFrom('memberships')
    .select('role')
    .where('person_id', '=', personId)
    .where('organisation_id', '=', organisationId)
    .where('role', 'in', SCHOOL_CARE_ROLES)
    .where('ended_at', 'is', null)
    .orderBy('role')
    .executeTakeFirst();
}

/**
 * The schools an open case can go to, for who may transfer it (the caller checked that in the
 * case's transaction): each school location where the child is enrolled today other than the one
 * keeping the case, its current care coordinators, and whether a consent in force of this case
 * names it.
 */
export async function transferTargetsOf(tx: Tx, k: { id: string; child_id: string; organisation_id: string }, day: string): Promise<TransferTarget[]> {
  const schools = await tx
    .selectFrom('enrolments as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .where('e.child_id', '=', k.child_id)
    .where('e.organisation_id', '!=', k.organisation_id)
    .where('o.kind', '=', 'school_location')
    .where(enrolledToday(day))
    .select(['o.id', 'o.name'])
    .distinct()
    .orderBy('o.name')
    .execute();
  const targets: TransferTarget[] = [];
  for (const s of schools) {
    const coordinators = await tx
      .selectFrom('memberships as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .where('m.organisation_id', '=', s.id)
      .where('m.role', 'in', SCHOOL_CARE_ROLES)
      .where('m.ended_at', 'is', null)
      .select(['p.id as personId', sql<string>`p.given_name || ' ' || p.family_name`.as('name')])
      .distinct()
      .orderBy('name')
      .execute();
    const consent = await consentKindsInForce(tx, { caseId: k.id, childId: k.child_id, organisationId: s.id, today: day });
    targets.push({ organisationId: s.id, name: s.name, coordinators, consentNamesIt: consent.length > 0 });
  }
  return targets;
}
