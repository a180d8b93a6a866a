import { describe, expect, it } from 'vitest';
import { addWorkingDays, easterSunday, isWorkingDay, recognisedHolidays, workingDaysBetween } from './working-days.ts';
import { addCalendarDays } from './school-days.ts';

describe('working days (Algemene termijnenwet)', () => {
  it('Easter Sunday of known years', () => {
    expect([2024, 2025, 2026, 2027, 2028, 2038].map(easterSunday)).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16', '2038-04-25']);
  });

  it('the recognised holidays of 2026, Goede Vrijdag not among them', () => {
    expect([...recognisedHolidays(2026)].sort()).toEqual([
      ['2026-01-01', 'Nieuwjaarsdag'],
      ['2026-04-06', 'Tweede Paasdag'],
      ['2026-04-27', 'Koningsdag'],
      ['2026-05-05', 'Bevrijdingsdag'],
      ['2026-05-14', 'Hemelvaartsdag'],
      ['2026-05-25', 'Tweede Pinksterdag'],
      ['2026-12-25', 'Eerste Kerstdag'],
      ['2026-12-26', 'Tweede Kerstdag'],
    ]);
    expect(isWorkingDay('2026-04-03')).toBe(true); // Goede Vrijdag
  });

  it('Koningsdag moves to Saturday 26 April when the 27th is a Sunday (2025)', () => {
    expect(recognisedHolidays(2025).get('2025-04-26')).toBe('Koningsdag');
    expect(recognisedHolidays(2025).has('2025-04-27')).toBe(false);
  });

  it('five working days from Wednesday 23 December 2026 skip both Christmas days and the weekend; one more skips Nieuwjaarsdag', () => {
    expect(addWorkingDays('2026-12-23', 5)).toBe('2026-12-31');
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(workingDaysBetween('2026-12-23', '2027-01-04')).toBe(6);
  });

  it('across Easter, Koningsdag and Ascension 2027', () => {
    expect(addWorkingDays('2027-03-26', 1)).toBe('2027-03-30'); // Friday → Tuesday after Tweede Paasdag
    expect(addWorkingDays('2027-04-26', 1)).toBe('2027-04-28'); // Koningsdag on Tuesday 27 April
    expect(addWorkingDays('2027-05-05', 1)).toBe('2027-05-07'); // Hemelvaartsdag 6 May
  });

  it('every day of 2025–2027 plus n working days (1, 5, 10, 30) lands on a working day exactly n working days later', () => {
    for (let from = '2025-01-01'; from <= '2027-12-31'; from = addCalendarDays(from, 1)) {
      for (const n of [1, 5, 10, 30]) {
        const to = addWorkingDays(from, n);
        expect(isWorkingDay(to), `${from} + ${n}`).toBe(true);
        expect(workingDaysBetween(from, to), `${from} + ${n}`).toBe(n);
      }
    }
  });
});
