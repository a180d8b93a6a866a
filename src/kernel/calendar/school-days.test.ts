import { describe, expect, it } from 'vitest';
import { SchoolCalendar } from './school-days.ts';

// Autumn holiday (midden) 2026: Saturday 17 – Sunday 25 October; Christmas 19 Dec – 3 Jan.
const midden = new SchoolCalendar([
  { start: '2026-10-17', end: '2026-10-25', name: 'Herfstvakantie' },
  { start: '2026-12-19', end: '2027-01-03', name: 'Kerstvakantie' },
  { start: '2027-04-27', end: '2027-04-27', name: 'Koningsdag' },
]);

describe('school days', () => {
  it('weekends are not school days', () => {
    expect(midden.isSchoolDay('2026-11-27')).toBe(true); // Friday
    expect(midden.isSchoolDay('2026-11-28')).toBe(false); // Saturday
    expect(midden.isSchoolDay('2026-11-29')).toBe(false); // Sunday
  });

  it('5 school days from a Wednesday end the next Wednesday', () => {
    expect(midden.addSchoolDays('2026-11-25', 5)).toBe('2026-12-02');
  });

  it('5 school days from a Friday end the next Friday (the weekend does not count)', () => {
    expect(midden.addSchoolDays('2026-11-27', 5)).toBe('2026-12-04');
  });

  it('a signal raised on Saturday counts from Monday', () => {
    expect(midden.addSchoolDays('2026-11-28', 1)).toBe('2026-11-30');
    expect(midden.addSchoolDays('2026-11-28', 5)).toBe('2026-12-04');
  });

  it('a holiday week is skipped: raised on the Thursday before the autumn holiday', () => {
    // Thu 15 Oct → Fri 16 (1), holiday, Mon 26 (2), Tue 27 (3), Wed 28 (4), Thu 29 (5)
    expect(midden.addSchoolDays('2026-10-15', 5)).toBe('2026-10-29');
  });

  it('raised during the holiday: the term starts after it', () => {
    expect(midden.addSchoolDays('2026-10-20', 5)).toBe('2026-10-30');
  });

  it('across Christmas and New Year', () => {
    // Thu 17 Dec → Fri 18 (1), holiday until Sun 3 Jan, Mon 4 (2) … Thu 7 (5)
    expect(midden.addSchoolDays('2026-12-17', 5)).toBe('2027-01-07');
  });

  it('a single free day (Koningsdag) is skipped', () => {
    // Mon 26 Apr 2027 → Tue 27 is Koningsdag → Wed 28 (1) … Tue 4 May (5)
    expect(midden.addSchoolDays('2027-04-26', 5)).toBe('2027-05-04');
  });

  it('counts school days between two dates, the start day excluded', () => {
    expect(midden.schoolDaysBetween('2026-11-25', '2026-11-25')).toBe(0);
    expect(midden.schoolDaysBetween('2026-11-25', '2026-12-02')).toBe(5);
    expect(midden.schoolDaysBetween('2026-10-15', '2026-10-29')).toBe(5);
    expect(midden.schoolDaysBetween('2026-12-02', '2026-11-25')).toBe(0);
  });
});
