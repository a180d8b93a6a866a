import type { Db, Tx } from '../../kernel/db/database.ts';
import type { Lateness } from '../../contracts/values/signals.ts';
import { addCalendarDays, loadCalendarOf, type SchoolCalendar } from '../../kernel/calendar/school-days.ts';

/**
 * Whether a signal is urgent: marked "Dringend", or about safety (every safety signal, whatever
 * urgency was chosen: the Meldcode does not wait). Urgent signals have their own pick-up term, go
 * to the top of the queue and notify the school's care coordinators at once.
 */
export const isUrgentSignal = (s: { urgency: string; category: string }) => s.urgency === 'urgent' || s.category === 'safety';

/** The deadline rule subject of a signal's pick-up term: urgent signals have their own. */
export const termSubject = (urgent: boolean) => (urgent ? ('signal_pickup_urgent' as const) : ('signal_pickup' as const));

/**
 * The pick-up term in school days for a signal category in a region: the most specific rule wins.
 * An urgent signal takes the urgent rules (by default 0: picked up the same school day).
 */
export async function pickupTerm(db: Db | Tx, regionId: string, category: string, urgent = false): Promise<number> {
  const rules = await db
    .selectFrom('deadline_rules')
    .select(['region_id', 'category', 'school_days'])
    .where('subject', '=', termSubject(urgent))
    .where((eb) => eb.or([eb('region_id', 'is', null), eb('region_id', '=', regionId)]))
    .where((eb) => eb.or([eb('category', 'is', null), eb('category', '=', category)]))
    .execute();
  const score = (r: { region_id: string | null; category: string | null }) => (r.region_id ? 2 : 0) + (r.category ? 1 : 0);
  rules.sort((a, b) => score(b) - score(a));
  if (!rules.length) throw new Error(`no default ${termSubject(urgent)} deadline rule`);
  return rules[0].school_days;
}

/**
 * The pick-up deadline: `term` school days after the day it was raised. A term of 0 is the same
 * school day; raised on a day without school, the next school day.
 */
export function pickupDeadline(cal: SchoolCalendar, raisedOn: string, term: number): string {
  if (term > 0) return cal.addSchoolDays(raisedOn, term);
  return cal.isSchoolDay(raisedOn) ? raisedOn : cal.addSchoolDays(raisedOn, 1);
}

/** Calendar of a school location for a window around a date (enough for terms up to 60 school days ×3). */
export async function calendarAround(db: Db | Tx, organisationId: string, from: string, to: string): Promise<SchoolCalendar> {
  return loadCalendarOf(db, organisationId, addCalendarDays(from, -7), addCalendarDays(to, 400));
}

export type { Lateness } from '../../contracts/values/signals.ts';

/**
 * How late a signal is. Open: by the school days elapsed since it was raised, against the term
 * (late past it, very late past three times it). Picked up: whether that happened by the deadline.
 */
export function latenessOf(cal: SchoolCalendar, s: { raised_on: string; pickup_school_days: number; pickup_deadline: string; triaged_on: string | null }, today: string): Lateness {
  const until = s.triaged_on ?? today;
  const elapsed = cal.schoolDaysBetween(s.raised_on, until);
  // An urgent term of 0 school days: very late after more than 3 school days.
  if (until > s.pickup_deadline && elapsed > 3 * Math.max(1, s.pickup_school_days)) return 'very_late';
  if (until > s.pickup_deadline) return 'late';
  return 'on_time';
}
