import { describe, expect, it } from 'vitest';
import { addMonths, monthEndsBefore, monthsAndDays, stateOn, type EntryEvent, type EntryFacts } from './thuiszitter-state.ts';

let nextId = 1;
const ev = (kind: EntryEvent['kind'], effectiveOn: string, fields: Partial<EntryEvent> = {}): EntryEvent => ({
  id: nextId++,
  kind,
  effectiveOn,
  category: null,
  schoolLocationId: null,
  responsiblePersonId: null,
  offer: null,
  offerHours: null,
  offerFitting: null,
  endReason: null,
  note: null,
  ...fields,
});

/** An entry as registration writes it: category, responsible and "no offer" on the start date. */
function entry(startDate: string, category: EntryEvent['category'] = 'lrv', more: EntryEvent[] = []): EntryFacts {
  return {
    startDate,
    events: [
      ev('category', startDate, { category, schoolLocationId: category === 'lrv' ? 'school-a' : null }),
      ev('responsible', startDate, { responsiblePersonId: 'officer' }),
      ev('offer', startDate, { offer: 'none', offerFitting: false }),
      ...more,
    ],
  };
}

describe('calendar months', () => {
  it.each([
    ['2026-01-15', 3, '2026-04-15'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2026-08-31', 3, '2026-11-30'],
    ['2026-10-31', 3, '2027-01-31'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('%s plus %i months is %s', (day, n, expected) => {
    expect(addMonths(day, n)).toBe(expected);
  });

  it('counts whole months from the first day, then the days', () => {
    expect(monthsAndDays('2026-01-15', '2026-04-15')).toEqual({ months: 3, remainderDays: 0 });
    expect(monthsAndDays('2026-01-15', '2026-04-16')).toEqual({ months: 3, remainderDays: 1 });
    expect(monthsAndDays('2026-01-15', '2026-04-14')).toEqual({ months: 2, remainderDays: 30 });
    expect(monthsAndDays('2026-01-15', '2026-01-15')).toEqual({ months: 0, remainderDays: 0 });
  });

  it('the last 12 month ends are those of the whole months before this month, oldest first', () => {
    const ends = monthEndsBefore('2026-11-25');
    expect(ends).toHaveLength(12);
    expect(ends[0]).toBe('2025-11-30');
    expect(ends[3]).toBe('2026-02-28');
    expect(ends[11]).toBe('2026-10-31');
    expect(monthEndsBefore('2026-03-01', 2)).toEqual(['2026-01-31', '2026-02-28']);
  });
});

describe('the Thuiszitterspact norm: longer than 3 months without a fitting offer', () => {
  const start = '2026-01-15';

  it('exactly 3 months at home on the day before the boundary date is not longer than 3 months', () => {
    const s = stateOn(entry(start), '2026-04-14');
    expect(s.normDate).toBe('2026-04-15');
    expect(s.duration).toEqual({ days: 90, months: 3, remainderDays: 0 });
    expect(s.over3Months).toBe(false);
  });

  it('on the boundary date (start + 3 calendar months) the child is flagged', () => {
    const s = stateOn(entry(start), '2026-04-15');
    expect(s.duration).toEqual({ days: 91, months: 3, remainderDays: 1 });
    expect(s.over3Months).toBe(true);
  });

  it('a start on the 30th of November reaches the norm on the last day of February', () => {
    expect(stateOn(entry('2025-11-30'), '2026-02-27').over3Months).toBe(false);
    expect(stateOn(entry('2025-11-30'), '2026-02-28').over3Months).toBe(true);
  });

  it('an offer that is partial but fitting stops the clock, from the day it starts', () => {
    const e = entry(start, 'lrv', [ev('offer', '2026-05-04', { offer: 'education_partial', offerHours: 12, offerFitting: true })]);
    expect(stateOn(e, '2026-05-03').over3Months).toBe(true);
    const s = stateOn(e, '2026-05-04');
    expect(s.over3Months).toBe(false);
    expect(s.offer).toEqual({ kind: 'education_partial', hoursPerWeek: 12, fitting: true, since: '2026-05-04' });
    expect(s.open).toBe(true);
  });

  it('an offer that is not fitting does not stop the clock; when a fitting offer stops again, the flag is back', () => {
    const e = entry(start, 'lrv', [
      ev('offer', '2026-02-01', { offer: 'care', offerFitting: false }),
      ev('offer', '2026-03-01', { offer: 'education_care', offerHours: 20, offerFitting: true }),
      ev('offer', '2026-06-01', { offer: 'none', offerFitting: false }),
    ]);
    expect(stateOn(e, '2026-04-20').over3Months).toBe(false);
    expect(stateOn(e, '2026-06-01').over3Months).toBe(true);
    expect(stateOn(e, '2026-06-01').offer?.kind).toBe('none');
  });

  it('an ended entry is closed from its end date on: not flagged, and its duration stops', () => {
    const e = entry(start, 'absoluut', [ev('end', '2026-05-11', { endReason: 'back_to_school' })]);
    const before = stateOn(e, '2026-05-10');
    expect(before.open).toBe(true);
    expect(before.over3Months).toBe(true);
    const after = stateOn(e, '2026-08-01');
    expect(after.open).toBe(false);
    expect(after.over3Months).toBe(false);
    expect(after.end).toEqual({ on: '2026-05-11', reason: 'back_to_school', note: null });
    expect(after.duration.days).toBe(116);
  });

  it('5a is watched like a thuiszitter; 5b, 5c and art. 15 are lawful alternatives and never flagged', () => {
    expect(stateOn(entry(start, '5a'), '2026-06-01').over3Months).toBe(true);
    for (const c of ['5b', '5c', 'art15'] as const) {
      const s = stateOn(entry(start, c), '2026-06-01');
      expect(s.normApplies).toBe(false);
      expect(s.over3Months).toBe(false);
    }
  });

  it('the state follows the events effective on the date: a later category, a late-recorded earlier change', () => {
    const e = entry(start, 'lrv', [ev('category', '2026-03-01', { category: '5a' }), ev('responsible', '2026-02-01', { responsiblePersonId: 'coordinator' })]);
    expect(stateOn(e, '2026-02-28')).toMatchObject({ category: 'lrv', schoolLocationId: 'school-a', responsiblePersonId: 'coordinator' });
    expect(stateOn(e, '2026-03-01')).toMatchObject({ category: '5a', schoolLocationId: null });
  });

  it('before its start an entry is not open and has no duration', () => {
    const s = stateOn(entry(start), '2026-01-14');
    expect(s.open).toBe(false);
    expect(s.duration.days).toBe(0);
    expect(stateOn(entry(start), start).duration.days).toBe(1);
  });
});
