import { describe, expect, it } from 'vitest';
import { SchoolCalendar } from '../../kernel/calendar/school-days.ts';
import { addWorkingDays, lessonWeekIndex, luxuryReports, sixteenHourReports, type AbsenceDay } from './absence-rules.ts';

// Region midden, autumn 2026: holiday Saturday 17 – Sunday 25 October. 2 November is a Monday.
const cal = new SchoolCalendar([{ start: '2026-10-17', end: '2026-10-25', name: 'Herfstvakantie' }]);
const CHILD = '2014-03-01'; // 12 in autumn 2026
const U = (day: string, hours: number): AbsenceDay => ({ day, hours, reason: 'unauthorised' });

describe('lesson weeks', () => {
  it('a holiday week is not a lesson week; a week with one free day is', () => {
    const idx = lessonWeekIndex(cal, '2026-10-05', '2026-11-01');
    expect([...idx.entries()]).toEqual([
      ['2026-10-05', 0],
      ['2026-10-12', 1],
      ['2026-10-26', 2], // 19 October (holiday) skipped
    ]);
  });
});

describe('16 uur in 4 weken (table)', () => {
  const cases: { name: string; days: AbsenceDay[]; birth?: string; expected: { startDate: string; endDate: string; hours: number }[] }[] = [
    {
      name: 'exactly 16 hours within 4 lesson weeks: a report, start = first day, end = the day of the 16th hour',
      days: [U('2026-11-02', 4), U('2026-11-09', 4), U('2026-11-16', 4), U('2026-11-23', 4)],
      expected: [{ startDate: '2026-11-02', endDate: '2026-11-23', hours: 16 }],
    },
    {
      name: '15.5 hours: no report',
      days: [U('2026-11-02', 4), U('2026-11-09', 4), U('2026-11-16', 4), U('2026-11-23', 3.5)],
      expected: [],
    },
    {
      name: '16 hours but spread over 5 lesson weeks: no report',
      days: [U('2026-11-02', 4), U('2026-11-09', 4), U('2026-11-16', 4), U('2026-11-30', 4)],
      expected: [],
    },
    {
      name: 'a window spanning the holiday week: 5 calendar weeks but 4 lesson weeks',
      days: [U('2026-10-05', 4), U('2026-10-12', 4), U('2026-10-26', 4), U('2026-11-02', 4)],
      expected: [{ startDate: '2026-10-05', endDate: '2026-11-02', hours: 16 }],
    },
    {
      name: 'authorised hours mixed in do not count',
      days: [U('2026-11-02', 6), { day: '2026-11-03', hours: 6, reason: 'ill' }, { day: '2026-11-04', hours: 6, reason: 'authorised' }, U('2026-11-05', 6)],
      expected: [],
    },
    {
      name: 'sliding: the early hours drop out, a later window still reaches 16',
      days: [U('2026-11-02', 6), U('2026-11-30', 8), U('2026-12-07', 8)],
      expected: [{ startDate: '2026-11-30', endDate: '2026-12-07', hours: 16 }],
    },
    {
      name: 'a report followed by more absence: a new window starts after the report',
      days: [U('2026-11-02', 8), U('2026-11-03', 8), U('2026-11-04', 8), U('2026-11-05', 8), U('2026-11-06', 2)],
      expected: [
        { startDate: '2026-11-02', endDate: '2026-11-03', hours: 16 },
        { startDate: '2026-11-04', endDate: '2026-11-05', hours: 16 },
      ],
    },
    {
      name: 'turning 18 mid-window: absence from the birthday on does not count',
      birth: '2008-11-10',
      days: [U('2026-11-02', 8), U('2026-11-09', 7.5), U('2026-11-10', 8)],
      expected: [],
    },
    {
      name: 'turning 16 mid-window changes nothing (kwalificatieplicht goes on)',
      birth: '2010-11-10',
      days: [U('2026-11-02', 8), U('2026-11-10', 8)],
      expected: [{ startDate: '2026-11-02', endDate: '2026-11-10', hours: 16 }],
    },
  ];
  it.each(cases)('$name', ({ days, birth, expected }) => {
    expect(sixteenHourReports(days, cal, birth ?? CHILD).map(({ startDate, endDate, hours }) => ({ startDate, endDate, hours }))).toEqual(expected);
  });

  it('the deadline is 5 working days after the 16th hour', () => {
    const [r] = sixteenHourReports([U('2026-11-05', 8), U('2026-11-06', 8)], cal, CHILD); // 16th hour on Friday
    expect(r.dueOn).toBe('2026-11-06');
    expect(r.deadline).toBe('2026-11-13'); // the next Friday
  });
  it('working days count through a school holiday (it is a working day for the school)', () => {
    expect(addWorkingDays('2026-10-16', 5)).toBe('2026-10-23');
  });
  it('an enrolment change mid-window: each school counts its own hours', () => {
    // 10 hours at the old school, 8 at the new one, within 4 weeks: neither reaches 16.
    expect(sixteenHourReports([U('2026-11-02', 5), U('2026-11-03', 5)], cal, CHILD)).toEqual([]);
    expect(sixteenHourReports([U('2026-11-09', 8)], cal, CHILD)).toEqual([]);
  });
});

describe('luxury absence', () => {
  it('is always reported, one report per stretch of consecutive school days, also in the first two lesson weeks', () => {
    const L = (day: string): AbsenceDay => ({ day, hours: 6, reason: 'luxury' });
    // Friday 28 August 2026 (a first school week), and Thursday 15 – Friday 16 October plus Monday 26
    // October: the holiday week between them has no school days, so it is one stretch
    const reports = luxuryReports([L('2026-08-28'), L('2026-10-15'), L('2026-10-16'), L('2026-10-26')], cal, CHILD);
    expect(reports.map(({ startDate, endDate, hours }) => ({ startDate, endDate, hours }))).toEqual([
      { startDate: '2026-08-28', endDate: '2026-08-28', hours: 6 },
      // 16 October (Friday) and 26 October (first school day after the holiday) are consecutive school days
      { startDate: '2026-10-15', endDate: '2026-10-26', hours: 18 },
    ]);
  });
});
