import { sql } from 'kysely';
import type { Client, TestApp } from './test-app.ts';
import { multipart } from './multipart.ts';
import { addCalendarDays, calendarScopeOf, loadSchoolCalendar } from '../../src/kernel/calendar/school-days.ts';

/**
 * What the absence API tests share: sending an absence file, recording absence by hand, and finding
 * pupils of a school whose demo absence will not interfere with what a test records.
 */

/** Uploads an absence file for a school (CSV by default) to be checked. */
export function uploadAbsence(c: Client, schoolId: string, content: string | Buffer, file: { name: string; type: string } = { name: 'verzuim.csv', type: 'text/csv' }) {
  const m = multipart({ schoolLocationId: schoolId }, { name: file.name, content, type: file.type });
  return c.request('POST', '/api/v1/absence-imports', m.payload, m.headers);
}

/** Records absence of one pupil on one day by hand, as the entry form sends it. */
export function recordAbsence(c: Client, a: { childId: string; schoolId: string; day: string; hours: number; reason?: string }) {
  return c.post('/api/v1/absence-records', { childId: a.childId, schoolLocationId: a.schoolId, day: a.day, hours: a.hours, reason: a.reason ?? 'unauthorised' });
}

/**
 * Pupils enrolled at the school (still, and since `enrolledBy`), born in the window when given,
 * without demo absence since `quietSince` (of the given reasons, or any), ordered by id, each with
 * the gemeente where they live today. The demo's mix varies per seed, so tests filter by gemeente
 * and check that enough are found.
 */
export async function quietPupils(
  t: TestApp,
  opts: { schoolId: string; enrolledBy: string; quietSince: string; bornAfter?: string; bornOnOrBefore?: string; reasons?: string[]; limit?: number },
): Promise<{ childId: string; gemeente: string | null }[]> {
  let q = t.database.db
    .selectFrom('enrolments as e')
    .innerJoin('children as c', 'c.id', 'e.child_id')
    .select([
      'e.child_id',
      sql<string | null>`(select g.name from child_residences r join gemeenten g on g.id = r.gemeente_id where r.child_id = e.child_id order by r.valid_from desc, r.recorded_at desc limit 1)`.as('gemeente'),
    ])
    .where('e.organisation_id', '=', opts.schoolId)
    .where('e.end_date', 'is', null)
    .where('e.start_date', '<=', opts.enrolledBy)
    .where(({ not, exists, selectFrom }) => {
      let recent = selectFrom('absence_records as a').select('a.id').whereRef('a.child_id', '=', 'e.child_id').where('a.day', '>=', opts.quietSince);
      if (opts.reasons) recent = recent.where('a.reason', 'in', opts.reasons);
      return not(exists(recent));
    });
  if (opts.bornAfter) q = q.where('c.birth_date', '>', opts.bornAfter);
  if (opts.bornOnOrBefore) q = q.where('c.birth_date', '<=', opts.bornOnOrBefore);
  q = q.orderBy('e.child_id');
  if (opts.limit) q = q.limit(opts.limit);
  return (await q.execute()).map((r) => ({ childId: r.child_id, gemeente: r.gemeente }));
}

/** The two lesson days of the school before `day` (weekends, holidays and the school's own free days skipped): absence exists only on lesson days. */
export async function lessonDaysBefore(t: TestApp, schoolId: string, day: string): Promise<[string, string]> {
  const cal = await loadSchoolCalendar(t.database.db, await calendarScopeOf(t.database.db, schoolId), addCalendarDays(day, -60), day);
  const before = (d0: string) => {
    let d = addCalendarDays(d0, -1);
    while (!cal.isSchoolDay(d)) d = addCalendarDays(d, -1);
    return d;
  };
  const d1 = before(day);
  return [d1, before(d1)];
}
