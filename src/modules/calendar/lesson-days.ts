import type { Db, Tx } from '../../kernel/db/database.ts';
import { calendarScopeOf, freePeriodsOf } from '../../kernel/calendar/school-days.ts';

/**
 * Why a day has no lessons at a school location, in Dutch words for a message ("weekend",
 * "kerstvakantie", "Tweede Paasdag", "studiedag van de school"), or null for a lesson day. The same
 * calendar as every school-day count (docs/school-calendar.md): weekends, the official holidays of
 * the school's holiday region, the national free days and the school's own free days.
 */
export type NoLessonsReason = (day: string) => string | null;

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** "Studiedag" → "studiedag"; a name with more capitals (Goede Vrijdag) stays as it is. */
const asWord = (name: string) => (/^\p{Lu}[^\p{Lu}]*$/u.test(name) ? name[0].toLowerCase() + name.slice(1) : name);

/** The free periods of a school location between two days, as one lookup. */
export async function noLessonsReason(db: Db | Tx, organisationId: string, from: string, to: string): Promise<NoLessonsReason> {
  const scope = await calendarScopeOf(db, organisationId);
  const rows = await freePeriodsOf(db, { ...scope, organisationId }, from, to).select(['start_date', 'end_date', 'name', 'kind', 'vacation_type']).execute();
  // The school's own day is named first when it falls in a holiday too (it is the school's choice).
  const order = { school_free_day: 0, vacation: 1, national_free_day: 2 } as const;
  rows.sort((a, b) => order[a.kind] - order[b.kind]);
  return (day) => {
    const wd = weekday(day);
    if (wd === 0 || wd === 6) return 'weekend';
    const free = rows.find((r) => r.start_date <= day && day <= r.end_date);
    if (!free) return null;
    if (free.kind === 'school_free_day') return `${asWord(free.name)} van de school`;
    if (free.kind === 'vacation') return free.vacation_type ?? asWord(free.name);
    return free.name;
  };
}
