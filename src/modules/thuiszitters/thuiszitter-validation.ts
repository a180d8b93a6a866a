import { sql } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';
import type { ThuiszitterOffer } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import type { FieldError } from '../../kernel/errors.ts';
import { isIsoDate } from '../../kernel/time.ts';
import { RESPONSIBLE_ROLES } from './thuiszitter-access.ts';

/** The offer as the API takes it. */
export interface OfferInput {
  kind: ThuiszitterOffer;
  hoursPerWeek?: number | null;
  fitting: boolean;
}

/** Checks an offer: hours per week are needed for partial education and make no sense for none or full. */
export function offerErrors(offer: OfferInput, field = 'offer'): FieldError[] {
  const errors: FieldError[] = [];
  const hours = offer.hoursPerWeek ?? null;
  if (offer.kind === 'education_partial' && hours === null) errors.push({ name: `${field}/hoursPerWeek`, code: 'required', reason: 'Vul bij gedeeltelijk onderwijs het aantal uren per week in.' });
  if ((offer.kind === 'none' || offer.kind === 'education_full') && hours !== null)
    errors.push({ name: `${field}/hoursPerWeek`, code: 'not_applicable', reason: 'Uren per week vult u alleen in bij gedeeltelijk onderwijs, zorg of onderwijs met zorg.' });
  if (hours !== null && !(hours > 0 && hours <= 40 && Math.round(hours * 10) === hours * 10))
    errors.push({ name: `${field}/hoursPerWeek`, code: 'range', reason: 'Vul een aantal uren per week in van 0,5 tot en met 40 (op een tiende uur).' });
  if (offer.kind === 'none' && offer.fitting) errors.push({ name: `${field}/fitting`, code: 'none_not_fitting', reason: 'Geen aanbod kan niet passend zijn. Kies het aanbod dat het kind krijgt.' });
  return errors;
}

/** A date that took effect: YYYY-MM-DD, not before `notBefore`, not after today. */
export function effectiveDateErrors(field: string, value: string | undefined, notBefore: string | null, day: string, notBeforeReason?: string): FieldError[] {
  if (!value) return [{ name: field, code: 'required', reason: 'Vul de datum in (JJJJ-MM-DD).' }];
  if (!isIsoDate(value)) return [{ name: field, code: 'date', reason: 'Vul een bestaande datum in als JJJJ-MM-DD.' }];
  if (value > day) return [{ name: field, code: 'future', reason: 'De datum ligt in de toekomst. Leg een wijziging vast als hij is ingegaan.' }];
  if (notBefore && value < notBefore) return [{ name: field, code: 'too_early', reason: notBeforeReason ?? `De datum kan niet vóór ${notBefore} liggen.` }];
  return [];
}

/** The responsible person: a professional of this region with a current membership in a role that can carry it. */
export async function responsibleErrors(tx: Tx, actor: Actor, personId: string | null | undefined, field = 'responsiblePersonId'): Promise<FieldError[]> {
  if (!personId) return [{ name: field, code: 'required', reason: 'Kies wie verantwoordelijk is (bijvoorbeeld de leerplichtambtenaar of de zorgcoördinator).' }];
  const found = await tx
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .where('m.person_id', '=', personId)
    .where('p.region_id', '=', actor.regionId)
    .where('m.ended_at', 'is', null)
    .where('m.role', 'in', RESPONSIBLE_ROLES)
    .select(sql`1`.as('one'))
    .executeTakeFirst();
  return found ? [] : [{ name: field, code: 'unknown_person', reason: 'Deze persoon is geen professional in deze regio die verantwoordelijk kan zijn. Kies iemand uit de lijst.' }];
}

/** The school location the child was enrolled at on a day, if any (the latest-started enrolment). */
export async function enrolmentOn(tx: Tx, childId: string, day: string) {
  return tx
    .selectFrom('enrolments as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .where('e.child_id', '=', childId)
    .where('e.start_date', '<=', day)
    .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', day)]))
    .select(['e.organisation_id', 'o.name', 'e.start_date'])
    .orderBy('e.start_date', 'desc')
    .executeTakeFirst();
}

/** Any enrolment that overlaps the days from `from` up to and including `to`. */
export async function enrolmentBetween(tx: Tx, childId: string, from: string, to: string) {
  return tx
    .selectFrom('enrolments as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .where('e.child_id', '=', childId)
    .where('e.start_date', '<=', to)
    .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', from)]))
    .select(['e.organisation_id', 'o.name', 'e.start_date', 'e.end_date'])
    .orderBy('e.start_date', 'desc')
    .executeTakeFirst();
}
