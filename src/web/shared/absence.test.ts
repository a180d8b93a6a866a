import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, deadlineState, parseHours, todayNl, workingDaysBetween } from './absence.ts';

describe('hours as people type them', () => {
  it.each([
    ['2,5', 2.5],
    ['2.5', 2.5],
    [' 3 ', 3],
    ['0,5', 0.5],
    [',5', 0.5],
    ['12', 12],
  ])('%s is %d', (text, hours) => expect(parseHours(text)).toBe(hours));

  it.each(['', 'drie', '2,5,1', '1e2', '-1', '2 uur', '2,'])('%j is not a number of hours', (text) => expect(parseHours(text)).toBeNaN());
});

describe('working days and the deadline text', () => {
  it('counts Monday to Friday after the first day up to and including the last', () => {
    // Wednesday 25 November 2026 → Wednesday 2 December 2026: Thu, Fri, Mon, Tue, Wed.
    expect(workingDaysBetween('2026-11-25', '2026-12-02')).toBe(5);
    // Friday → Monday is one working day; the weekend does not count.
    expect(workingDaysBetween('2026-11-27', '2026-11-30')).toBe(1);
    expect(workingDaysBetween('2026-11-27', '2026-11-29')).toBe(0);
    expect(workingDaysBetween('2026-11-25', '2026-11-25')).toBe(0);
    expect(workingDaysBetween('2026-11-26', '2026-11-25')).toBe(0);
  });

  it('counts calendar days across a month and a DST change', () => {
    expect(calendarDaysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(calendarDaysBetween('2026-11-30', '2026-12-01')).toBe(1);
    expect(calendarDaysBetween('2026-12-01', '2026-11-30')).toBe(-1);
  });

  it('says how much time is left, how late, or whether it was reported in time', () => {
    const report = { deadline: '2026-12-02', reportedOn: null };
    expect(deadlineState({ ...report, status: 'due' }, '2026-11-25')).toEqual({ kind: 'left', workingDays: 5 });
    expect(deadlineState({ ...report, status: 'due' }, '2026-12-02')).toEqual({ kind: 'left', workingDays: 0 });
    expect(deadlineState({ ...report, status: 'overdue' }, '2026-12-05')).toEqual({ kind: 'late', days: 3 });
    expect(deadlineState({ ...report, status: 'reported', reportedOn: '2026-12-02' }, '2026-12-10')).toEqual({ kind: 'reported', onTime: true });
    expect(deadlineState({ ...report, status: 'reported', reportedOn: '2026-12-03' }, '2026-12-10')).toEqual({ kind: 'reported', onTime: false });
    expect(deadlineState({ ...report, status: 'dismissed' }, '2026-12-10')).toEqual({ kind: 'none' });
    expect(deadlineState({ ...report, status: 'withdrawn' }, '2026-12-10')).toEqual({ kind: 'none' });
  });

  it('today is the day in the Netherlands, not in the browser’s time zone', () => {
    // 23:30 UTC on 31 December is already 1 January in Amsterdam.
    expect(todayNl(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(todayNl(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });
});
