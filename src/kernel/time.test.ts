import { describe, expect, it } from 'vitest';
import { ageOn, isIsoDate, today } from './time.ts';

describe('ageOn', () => {
  it('counts the birthday itself (11 → 12 and 15 → 16 on the exact day)', () => {
    expect(ageOn('2014-11-25', '2026-11-24')).toBe(11);
    expect(ageOn('2014-11-25', '2026-11-25')).toBe(12);
    expect(ageOn('2010-11-25', '2026-11-24')).toBe(15);
    expect(ageOn('2010-11-25', '2026-11-25')).toBe(16);
  });
  it('a 29 February child is a year older only from 1 March in a common year (as PostgreSQL age())', () => {
    expect(ageOn('2012-02-29', '2025-02-28')).toBe(12);
    expect(ageOn('2012-02-29', '2025-03-01')).toBe(13);
    expect(ageOn('2012-02-29', '2024-02-29')).toBe(12);
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar days only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-01-01')).toBe(false);
    expect(isIsoDate('2026-1-1')).toBe(false);
  });
});

describe('isIsoDate: the year 0000 does not exist', () => {
  it('refuses it (PostgreSQL would), and accepts the first day of year 1', () => {
    expect(isIsoDate('0000-01-01')).toBe(false);
    expect(isIsoDate('0001-01-01')).toBe(true);
  });
});

describe('today', () => {
  it('is the day in the Netherlands, not UTC', () => {
    const prev = process.env.SAMENSPEL_TODAY;
    delete process.env.SAMENSPEL_TODAY;
    // 23:30 UTC on 31 December is already 1 January in Amsterdam (UTC+1)
    expect(today(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    // 22:30 UTC on 30 June is 00:30 on 1 July in summer time (UTC+2)
    expect(today(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    if (prev) process.env.SAMENSPEL_TODAY = prev;
  });
});
