import { describe, expect, it } from 'vitest';
import { parseQuestionId, periodQuestionId, teacherPeriodOf } from './survey-periods.ts';

describe("a teacher's quarter", () => {
  it('is August–October, November–January, February–April or May–July', () => {
    expect(teacherPeriodOf('2026-08-01')).toEqual({ start: '2026-08-01', end: '2026-10-31' });
    expect(teacherPeriodOf('2026-10-31')).toEqual({ start: '2026-08-01', end: '2026-10-31' });
    expect(teacherPeriodOf('2026-11-01')).toEqual({ start: '2026-11-01', end: '2027-01-31' });
    expect(teacherPeriodOf('2026-12-07')).toEqual({ start: '2026-11-01', end: '2027-01-31' });
    // January belongs to the quarter that started in November of the year before.
    expect(teacherPeriodOf('2027-01-31')).toEqual({ start: '2026-11-01', end: '2027-01-31' });
    expect(teacherPeriodOf('2028-02-29')).toEqual({ start: '2028-02-01', end: '2028-04-30' });
    expect(teacherPeriodOf('2027-04-30')).toEqual({ start: '2027-02-01', end: '2027-04-30' });
    expect(teacherPeriodOf('2027-05-01')).toEqual({ start: '2027-05-01', end: '2027-07-31' });
    expect(teacherPeriodOf('2027-07-31')).toEqual({ start: '2027-05-01', end: '2027-07-31' });
  });

  it('has an id that reads back; anything else is no question', () => {
    expect(periodQuestionId('2026-11-01')).toBe('period-2026-11');
    expect(parseQuestionId('period-2026-11')).toEqual({ type: 'period', start: '2026-11-01' });
    expect(parseQuestionId('evaluation-42')).toEqual({ type: 'evaluation', eventId: 42 });
    for (const bad of ['period-2026-12', 'evaluation-0', 'evaluation-01', 'evaluation-99999999999999999', 'x']) expect(parseQuestionId(bad), bad).toBeNull();
  });
});
