import type { Db, Tx } from '../../kernel/db/database.ts';
import { noLessonsReason } from '../calendar/index.ts';

/**
 * Absence exists only on a lesson day: absence recorded on a weekend, in a holiday of the school's
 * region, on a national free day or on one of the school's own free days is a mistake (a wrong
 * date, or a free day the school forgot to enter). The message names the day and why, e.g.
 * "za 5 december 2026 is geen lesdag (weekend)" or "… (kerstvakantie)" or "… (studiedag van de school)".
 */
const nlDay = new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export const noLessonsMessage = (day: string, why: string) => `${nlDay.format(new Date(`${day}T00:00:00Z`))} is geen lesdag (${why}).`;

/** For the days given: the message for each day without lessons at the school, or null. */
export async function lessonDayCheck(db: Db | Tx, organisationId: string, days: string[]): Promise<(day: string) => string | null> {
  if (!days.length) return () => null;
  const sorted = [...days].sort();
  const why = await noLessonsReason(db, organisationId, sorted[0], sorted[sorted.length - 1]);
  return (day) => {
    const reason = why(day);
    return reason ? noLessonsMessage(day, reason) : null;
  };
}
