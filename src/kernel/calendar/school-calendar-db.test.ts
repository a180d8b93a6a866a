import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { seedDemo } from '../../modules/demo/seed-demo.ts';
import type { Database } from '../db/database.ts';
import { addCalendarDays, calendarScopeOf, loadCalendarOf, loadSchoolCalendar } from './school-days.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database, { children: 50 });
});
afterAll(async () => database?.close());

describe('a school location’s calendar read in one statement', () => {
  it('is the calendar of its holiday region and its own free days, for every school of the demo', async () => {
    const db = database.db;
    const schools = await db.selectFrom('organisations').select('id').where('kind', '=', 'school_location').execute();
    // A free day of one school only: it counts for that school, not for another.
    const [own, other] = schools;
    await db.insertInto('school_free_periods').values({ organisation_id: own.id, holiday_region: null, start_date: '2026-03-11', end_date: '2026-03-11', name: 'Studiedag' }).execute();
    // The demo's gemeenten share one holiday region: move one of them to another.
    const gemeenten = await db.selectFrom('gemeenten').select(['id', 'holiday_region']).orderBy('name').execute();
    const elsewhere = gemeenten[0].holiday_region === 'noord' ? 'zuid' : 'noord';
    await db.updateTable('gemeenten').set({ holiday_region: elsewhere }).where('id', '=', gemeenten[0].id).execute();
    // A week off in that region only.
    await db.insertInto('school_free_periods').values({ organisation_id: null, holiday_region: elsewhere, start_date: '2026-03-16', end_date: '2026-03-20', name: 'Regiovakantie' }).execute();
    const regions = new Set<string | null>();
    for (const { id } of schools) {
      const scope = await calendarScopeOf(db, id);
      regions.add(scope.holidayRegion);
      const twoStatements = await loadSchoolCalendar(db, scope, '2025-08-01', '2027-08-01');
      const oneStatement = await loadCalendarOf(db, id, '2025-08-01', '2027-08-01');
      for (let d = '2025-08-01'; d <= '2027-08-01'; d = addCalendarDays(d, 1)) expect(oneStatement.isSchoolDay(d), `${id} on ${d}`).toBe(twoStatements.isSchoolDay(d));
    }
    // Not vacuous: schools in more than one holiday region with other holidays, the study day seen where it applies.
    expect(regions.size).toBeGreaterThan(1);
    const byRegion = new Map<string | null, string>();
    for (const { id } of schools) byRegion.set((await calendarScopeOf(db, id)).holidayRegion, id);
    const week = async (id: string) => (await loadCalendarOf(db, id, '2026-03-01', '2026-03-31')).schoolDaysBetween('2026-03-15', '2026-03-20');
    expect(await week(byRegion.get(elsewhere)!)).toBe(0);
    expect(await week([...byRegion].find(([r]) => r !== elsewhere)![1])).toBe(5);
    expect((await loadCalendarOf(db, own.id, '2026-03-01', '2026-03-31')).isSchoolDay('2026-03-11')).toBe(false);
    expect((await loadCalendarOf(db, other.id, '2026-03-01', '2026-03-31')).isSchoolDay('2026-03-11')).toBe(true);
  });
});
