import { describe, expect, it } from 'vitest';
import { SchoolCalendar } from './school-days.ts';
import fc from 'fast-check';

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

describe('school days agree with the date-by-date definition', () => {
  // The definition: Monday to Friday, and no free period contains the date (dates as strings).
  const DAY = 86_400_000;
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  const dateIn = fc.integer({ min: Date.UTC(1995, 0, 1) / DAY, max: Date.UTC(2040, 11, 31) / DAY }).map((n) => iso(n * DAY));
  const period = fc.tuple(dateIn, fc.integer({ min: 0, max: 20 })).map(([start, len]) => ({ start, end: iso(Date.parse(`${start}T00:00:00Z`) + len * DAY), name: 'vrij' }));
  const isSchoolDay = (free: { start: string; end: string }[], d: string) => {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !free.some((p) => p.start <= d && d <= p.end);
  };

  it('for any free periods, day, count and span', () => {
    fc.assert(
      fc.property(fc.array(period, { maxLength: 8 }), dateIn, fc.integer({ min: 0, max: 30 }), fc.integer({ min: -5, max: 400 }), (free, from, n, span) => {
        const cal = new SchoolCalendar(free);
        expect(cal.isSchoolDay(from)).toBe(isSchoolDay(free, from));
        // The n-th school day after `from`: each day after it counted by the definition.
        let d = from;
        for (let counted = 0; counted < n; ) {
          d = iso(Date.parse(`${d}T00:00:00Z`) + DAY);
          if (isSchoolDay(free, d)) counted++;
        }
        expect(cal.addSchoolDays(from, n)).toBe(d);
        const to = iso(Date.parse(`${from}T00:00:00Z`) + span * DAY);
        let between = 0;
        for (let x = iso(Date.parse(`${from}T00:00:00Z`) + DAY); x <= to; x = iso(Date.parse(`${x}T00:00:00Z`) + DAY)) if (isSchoolDay(free, x)) between++;
        expect(cal.schoolDaysBetween(from, to)).toBe(between);
      }),
      { numRuns: 300 },
    );
  });
});
