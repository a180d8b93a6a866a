import type { Db, Tx } from '../../kernel/db/database.ts';
import type { Lateness } from '../../contracts/values/signals.ts';
import { addCalendarDays, calendarScopeOf, loadSchoolCalendar, type SchoolCalendar } from '../../kernel/calendar/school-days.ts';

/** The pick-up term in school days for a signal category in a region: the most specific rule wins. */
export async function pickupTerm(db: Db | Tx, regionId: string, category: string): Promise<number> {
  const rules = await db
    .selectFrom('deadline_rules')
    .select(['region_id', 'category', 'school_days'])
    .where('subject', '=', 'signal_pickup')
    .where((eb) => eb.or([eb('region_id', 'is', null), eb('region_id', '=', regionId)]))
    .where((eb) => eb.or([eb('category', 'is', null), eb('category', '=', category)]))
    .execute();
  const score = (r: { region_id: string | null; category: string | null }) => (r.region_id ? 2 : 0) + (r.category ? 1 : 0);
  rules.sort((a, b) => score(b) - score(a));
  if (!rules.length) throw new Error('no default signal_pickup deadline rule');
  return rules[0].school_days;
}

/** Calendar of a school location for a window around a date (enough for terms up to 60 school days ×3). */
export async function calendarAround(db: Db | Tx, organisationId: string, from: string, to: string): Promise<SchoolCalendar> {
  return loadSchoolCalendar(db, await calendarScopeOf(db, organisationId), addCalendarDays(from, -7), addCalendarDays(to, 400));
}

export type { Lateness } from '../../contracts/values/signals.ts';

/**
 * How late a signal is. Open: by the school days elapsed since it was raised, against the term
 * (late past it, very late past three times it). Picked up: whether that happened by the deadline.
 */
export function latenessOf(cal: SchoolCalendar, s: { raised_on: string; pickup_school_days: number; pickup_deadline: string; triaged_on: string | null }, today: string): Lateness {
  const until = s.triaged_on ?? today;
  const elapsed = cal.schoolDaysBetween(s.raised_on, until);
  if (elapsed > 3 * s.pickup_school_days) return 'very_late';
  if (until > s.pickup_deadline) return 'late';
  return 'on_time';
}
