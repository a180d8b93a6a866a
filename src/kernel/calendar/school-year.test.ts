import { describe, expect, it } from 'vitest';
import { SchoolCalendar } from './school-days.ts';
import { isSchoolYear, lessonWeeks, lessonWeeksInSchoolYear, mondayOf, schoolDaysIn, schoolYearOf, schoolYearRange, shiftSchoolYear } from './school-year.ts';
import { shippedRows } from './holidays-nl.ts';

describe('school years', () => {
  it('run from 1 August to 31 July', () => {
    expect(schoolYearOf('2025-07-31')).toBe('2024-2025');
    expect(schoolYearOf('2025-08-01')).toBe('2025-2026');
    expect(schoolYearOf('2025-12-31')).toBe('2025-2026');
    expect(schoolYearOf('2026-01-01')).toBe('2025-2026');
    expect(schoolYearOf('2026-07-31')).toBe('2025-2026');
    expect(schoolYearRange('2025-2026')).toEqual({ start: '2025-08-01', end: '2026-07-31' });
    expect(shiftSchoolYear('2025-2026', 1)).toBe('2026-2027');
    expect(shiftSchoolYear('2025-2026', -1)).toBe('2024-2025');
  });

  it('are written as two consecutive years', () => {
    expect(isSchoolYear('2025-2026')).toBe(true);
    expect(isSchoolYear('2025-2027')).toBe(false);
    expect(isSchoolYear('2025/2026')).toBe(false);
    expect(isSchoolYear('25-26')).toBe(false);
    expect(() => schoolYearRange('2025')).toThrow(RangeError);
  });

  it('the Monday of a week', () => {
    expect(mondayOf('2026-03-16')).toBe('2026-03-16');
    expect(mondayOf('2026-03-22')).toBe('2026-03-16'); // Sunday
    expect(mondayOf('2026-03-21')).toBe('2026-03-16'); // Saturday
  });
});

describe('lesson weeks', () => {
  const midden = new SchoolCalendar([
    { start: '2025-10-18', end: '2025-10-26', name: 'Herfstvakantie' },
    { start: '2026-04-27', end: '2026-04-27', name: 'Koningsdag' },
  ]);

  it('a holiday week is no lesson week; a week with one free day still is, with four school days', () => {
    const weeks = lessonWeeks(midden, '2025-10-13', '2025-11-02');
    expect(weeks).toEqual([
      { monday: '2025-10-13', schoolDays: 5 },
      { monday: '2025-10-27', schoolDays: 5 },
    ]);
    expect(lessonWeeks(midden, '2026-04-27', '2026-05-01')).toEqual([{ monday: '2026-04-27', schoolDays: 4 }]);
  });

  it('only counts the school days inside the range', () => {
    expect(lessonWeeks(midden, '2025-10-15', '2025-10-16')).toEqual([{ monday: '2025-10-13', schoolDays: 2 }]);
    expect(lessonWeeks(midden, '2025-10-18', '2025-10-26')).toEqual([]);
  });

  it('school year 2025-2026 in region midden: 41 lesson weeks with the shipped holidays', () => {
    const periods = shippedRows()
      .filter((r) => r.holidayRegion === 'midden' || r.holidayRegion === null)
      .map((r) => ({ start: r.start, end: r.end, name: r.name }));
    const cal = new SchoolCalendar(periods);
    const weeks = lessonWeeksInSchoolYear(cal, '2025-2026');
    // From Monday 1 September 2025 (after the summer) to the week of 13 July 2026 (the summer
    // starts 18 July): 46 weeks, of which herfst, 2 weeks kerst, voorjaar and mei are no lesson weeks.
    expect(weeks[0].monday).toBe('2025-09-01');
    expect(weeks.at(-1)!.monday).toBe('2026-07-13');
    expect(weeks.some((w) => w.monday === '2025-10-20')).toBe(false);
    expect(weeks.some((w) => w.monday === '2025-12-22' || w.monday === '2025-12-29')).toBe(false);
    expect(weeks.length).toBe(46 - 5);
    // Tweede Paasdag (6 Apr), Koningsdag falls in the meivakantie, Hemelvaart (14 May), Pinkstermaandag (25 May)
    expect(schoolDaysIn(cal, '2025-08-01', '2026-07-31')).toBe(41 * 5 - 3);
  });
});
