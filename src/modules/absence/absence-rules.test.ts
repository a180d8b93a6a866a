import { describe, expect, it } from 'vitest';
import { SchoolCalendar } from '../../kernel/calendar/school-days.ts';
import { addWorkingDays, compulsoryWindow, isCompulsoryOn, isRmcOn, LessonCalendar, legalReports, lessonWeekIndex, lrvReports, luxuryReports, rmcReports, rmcWindow, sixteenHourReports, type AbsenceDay } from './absence-rules.ts';

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
      name: 'a report followed by more absence a week later: a new window starts after the report',
      days: [U('2026-11-02', 8), U('2026-11-03', 8), U('2026-11-16', 8), U('2026-11-17', 8)],
      expected: [
        { startDate: '2026-11-02', endDate: '2026-11-03', hours: 16 },
        { startDate: '2026-11-16', endDate: '2026-11-17', hours: 16 },
      ],
    },
    {
      name: 'continuous absence: at most one report per 7 days; the follow-up waits and covers the whole period',
      // 16 hours again on Thursday 5 November, only 2 days after the first report (due 3 November):
      // the follow-up collects until Tuesday 10 November and covers 4–9 November; the next one waits
      // until 17 November.
      days: [U('2026-11-02', 8), U('2026-11-03', 8), U('2026-11-04', 8), U('2026-11-05', 8), U('2026-11-06', 8), U('2026-11-09', 8), U('2026-11-10', 8), U('2026-11-11', 8)],
      expected: [
        { startDate: '2026-11-02', endDate: '2026-11-03', hours: 16 },
        { startDate: '2026-11-04', endDate: '2026-11-09', hours: 32 },
        { startDate: '2026-11-10', endDate: '2026-11-11', hours: 16 },
      ],
    },
    {
      name: 'under 5: not yet leerplichtig (leerplicht starts the first day of the month after the 5th birthday)',
      birth: '2021-10-15',
      days: [U('2026-10-26', 8), U('2026-10-27', 8), U('2026-11-02', 8), U('2026-11-03', 8)],
      expected: [{ startDate: '2026-11-02', endDate: '2026-11-03', hours: 16 }],
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

describe('7-day rule: the waiting report', () => {
  it('is due 7 days after the previous report, with its deadline 5 working days after that', () => {
    const days = [U('2026-11-02', 8), U('2026-11-03', 8), U('2026-11-04', 8), U('2026-11-05', 8)];
    const [first, second] = sixteenHourReports(days, cal, CHILD);
    expect(first.dueOn).toBe('2026-11-03');
    expect(second).toMatchObject({ startDate: '2026-11-04', endDate: '2026-11-05', hours: 16, dueOn: '2026-11-10', deadline: '2026-11-17' });
  });
});

describe('who is leerplichtig or kwalificatieplichtig', () => {
  const cases: { name: string; birth: string; kwal?: string; day: string; expected: boolean }[] = [
    { name: 'the day before the first of the month after the 5th birthday', birth: '2021-10-15', day: '2026-10-31', expected: false },
    { name: 'the first of the month after the 5th birthday', birth: '2021-10-15', day: '2026-11-01', expected: true },
    { name: 'born on the first: leerplichtig from the next month', birth: '2021-10-01', day: '2026-10-30', expected: false },
    { name: '17 years old', birth: '2009-11-10', day: '2026-11-09', expected: true },
    { name: 'the 18th birthday', birth: '2008-11-10', day: '2026-11-10', expected: false },
    { name: 'startkwalificatie at 17: no longer kwalificatieplichtig', birth: '2009-06-01', kwal: '2026-07-01', day: '2026-11-02', expected: false },
    { name: 'startkwalificatie at 15 (leerplicht goes on until the end of the school year of the 16th birthday)', birth: '2011-03-01', kwal: '2026-07-01', day: '2026-11-02', expected: true },
    { name: 'startkwalificatie, after the school year of the 16th birthday', birth: '2010-03-01', kwal: '2026-07-01', day: '2026-11-02', expected: false },
  ];
  it.each(cases)('$name', ({ birth, kwal, day, expected }) => {
    const pupil = { birthDate: birth, startkwalificatieOn: kwal ?? null };
    expect(isCompulsoryOn(pupil, day)).toBe(expected);
    // the precomputed window used by the evaluation says the same
    const w = compulsoryWindow(pupil);
    expect(w.from <= day && day < w.until).toBe(expected);
  });
});

describe('langdurig relatief verzuim (LRV)', () => {
  /** Unauthorised absence of `hours` on every school day from `from` to `to`. */
  const every = (from: string, to: string, hours = 6): AbsenceDay[] => {
    const out: AbsenceDay[] = [];
    for (let d = from; d <= to; d = new Date(Date.parse(d + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10)) if (cal.isSchoolDay(d)) out.push(U(d, hours));
    return out;
  };
  it('absent every school day for more than 4 lesson weeks: LRV on the same weekday 4 lesson weeks later', () => {
    const [r] = lrvReports(every('2026-11-04', '2026-12-11'), cal, CHILD);
    expect(r).toMatchObject({ type: 'lrv', startDate: '2026-11-04', endDate: '2026-12-02', dueOn: '2026-12-02' });
  });
  it('the holiday week does not count as one of the 4 weeks', () => {
    const [r] = lrvReports(every('2026-10-07', '2026-11-20'), cal, CHILD);
    // Lesson weeks: 5 Oct (start Wednesday), 12 Oct, [holiday], 26 Oct, 2 Nov, 9 Nov -> Wednesday 11 November
    expect(r).toMatchObject({ startDate: '2026-10-07', endDate: '2026-11-11' });
  });
  it('one school day present breaks the run: no LRV', () => {
    const days = every('2026-11-04', '2026-12-11').filter((d) => d.day !== '2026-11-20');
    expect(lrvReports(days, cal, CHILD)).toEqual([]);
  });
  it('an ill day breaks the run too (illness is authorised)', () => {
    const days = every('2026-11-04', '2026-12-11').map((d) => (d.day === '2026-11-20' ? { ...d, reason: 'ill' as const } : d));
    expect(lrvReports(days, cal, CHILD)).toEqual([]);
  });
  it('a day with only a lesson hour missed does not count as a day out of school', () => {
    const days = every('2026-11-04', '2026-12-11').map((d) => (d.day === '2026-11-20' ? { ...d, hours: 1 } : d));
    expect(lrvReports(days, cal, CHILD)).toEqual([]);
  });
  it('with continuous absence: 16-uur reports at most weekly until the LRV, and none after it for the same stretch', () => {
    const reports = legalReports(every('2026-11-02', '2026-12-18'), cal, CHILD);
    const sixteen = reports.filter((r) => r.type === '16-uur');
    const lrv = reports.filter((r) => r.type === 'lrv');
    expect(lrv).toHaveLength(1);
    expect(lrv[0].dueOn).toBe('2026-11-30');
    for (let i = 1; i < sixteen.length; i++) {
      const gap = (Date.parse(sixteen[i].dueOn) - Date.parse(sixteen[i - 1].dueOn)) / 86_400_000;
      expect(gap).toBeGreaterThanOrEqual(7);
    }
    expect(sixteen.every((r) => r.dueOn <= lrv[0].dueOn)).toBe(true);
    // every unauthorised hour before the LRV is in exactly one 16-uur report
    expect(sixteen[0]).toMatchObject({ startDate: '2026-11-02', endDate: '2026-11-04', hours: 18 });
  });
});

describe('the precomputed calendar used for region-wide evaluation', () => {
  it('finds exactly the same reports as the plain school calendar', () => {
    const fast = new LessonCalendar(cal, '2026-08-01', '2027-01-31');
    const days: AbsenceDay[] = [];
    let seed = 7;
    const r = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let t = Date.parse('2026-08-24'); t < Date.parse('2027-01-15'); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      if (!cal.isSchoolDay(day) || r() > 0.45) continue;
      days.push({ day, hours: 1 + Math.floor(r() * 6), reason: r() < 0.8 ? 'unauthorised' : r() < 0.5 ? 'luxury' : 'ill' });
    }
    const plain = legalReports(days, cal, CHILD);
    expect(plain.length).toBeGreaterThan(5);
    expect(legalReports(days, fast, CHILD)).toEqual(plain);
  });
});

describe('RMC: 18 up to 23 without a startkwalificatie (table)', () => {
  /** Unauthorised absence of 6 hours on every school day from `from` to `to`. */
  const every = (from: string, to: string): AbsenceDay[] => {
    const out: AbsenceDay[] = [];
    for (let d = from; d <= to; d = new Date(Date.parse(d + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10)) if (cal.isSchoolDay(d)) out.push(U(d, 6));
    return out;
  };
  const AWAY = every('2026-11-04', '2026-12-11'); // Wednesday 4 November to Friday 11 December
  const shape = (r: { type: string; startDate: string; endDate: string; dueOn: string; hours: number }) => ({ type: r.type, startDate: r.startDate, endDate: r.endDate, dueOn: r.dueOn, hours: r.hours });
  const cases: { name: string; birth: string; kwal?: string; expected: { type: string; startDate: string; endDate: string; dueOn: string; hours: number }[] }[] = [
    {
      name: '18 on the first day: RMC on the day the stretch has lasted 4 lesson weeks (20 school days)',
      birth: '2008-11-04',
      expected: [{ type: 'rmc', startDate: '2026-11-04', endDate: '2026-12-01', dueOn: '2026-12-01', hours: 120 }],
    },
    {
      name: '18 on the second day: the day before the birthday does not count, the stretch starts on the birthday',
      birth: '2008-11-05',
      expected: [{ type: 'rmc', startDate: '2026-11-05', endDate: '2026-12-02', dueOn: '2026-12-02', hours: 120 }],
    },
    {
      name: '22, the 23rd birthday the day after the 4 weeks are full: RMC',
      birth: '2003-12-02',
      expected: [{ type: 'rmc', startDate: '2026-11-04', endDate: '2026-12-01', dueOn: '2026-12-01', hours: 120 }],
    },
    {
      name: 'the 23rd birthday on the last day of the 4 weeks: that day no longer counts, no RMC',
      birth: '2003-12-01',
      expected: [],
    },
    { name: '23 and older: nothing', birth: '2003-06-01', expected: [] },
    {
      name: 'startkwalificatie on the day after the 4 weeks are full: RMC',
      birth: '2006-06-01',
      kwal: '2026-12-02',
      expected: [{ type: 'rmc', startDate: '2026-11-04', endDate: '2026-12-01', dueOn: '2026-12-01', hours: 120 }],
    },
    { name: 'startkwalificatie on the last day of the 4 weeks: no RMC', birth: '2006-06-01', kwal: '2026-12-01', expected: [] },
    { name: 'startkwalificatie before the absence: nothing', birth: '2006-06-01', kwal: '2026-07-01', expected: [] },
  ];
  it.each(cases)('$name', ({ birth, kwal, expected }) => {
    const pupil = { birthDate: birth, startkwalificatieOn: kwal ?? null };
    expect(rmcReports(AWAY, cal, pupil).map(shape)).toEqual(expected);
    // Nothing else for an adult: no LRV, no 16-uur (unless the region has switched it on).
    expect(legalReports(AWAY, cal, pupil).map(shape)).toEqual(expected);
  });

  it('still 17 throughout: LRV and 16-uur reports, no RMC', () => {
    const reports = legalReports(AWAY, cal, '2008-12-12');
    expect(reports.filter((r) => r.type === 'rmc')).toEqual([]);
    expect(reports.filter((r) => r.type === 'lrv').map(shape)).toEqual([{ type: 'lrv', startDate: '2026-11-04', endDate: '2026-12-02', dueOn: '2026-12-02', hours: 126 }]);
    expect(reports.some((r) => r.type === '16-uur')).toBe(true);
  });

  it('a present day breaks the stretch: no RMC', () => {
    expect(rmcReports(AWAY.filter((d) => d.day !== '2026-11-20'), cal, '2006-06-01')).toEqual([]);
  });

  it('the holiday week is not one of the 4 weeks', () => {
    const [r] = rmcReports(every('2026-10-07', '2026-11-20'), cal, '2006-06-01');
    // Lesson weeks: 5 Oct (start Wednesday), 12 Oct, [holiday], 26 Oct, 2 Nov; the 4 weeks are full on Tuesday 10 November
    expect(r).toMatchObject({ type: 'rmc', startDate: '2026-10-07', endDate: '2026-11-10' });
  });

  describe('the optional "16 uur in 4 weken" from 18 (region setting)', () => {
    const TWO = [U('2026-11-02', 8), U('2026-11-03', 8)];
    const sixteen = (birth: string, on: boolean, kwal: string | null = null) =>
      legalReports(TWO, cal, { birthDate: birth, startkwalificatieOn: kwal }, { sixteenHoursFrom18: on }).map(shape);
    it.each([
      { name: 'off (the default): nothing at 20', birth: '2006-06-01', on: false, expected: [] },
      { name: 'on: a 16-uur report at 20', birth: '2006-06-01', on: true, expected: [{ type: '16-uur', startDate: '2026-11-02', endDate: '2026-11-03', dueOn: '2026-11-03', hours: 16 }] },
      { name: 'on, 18 on the second day: both days count (the first under kwalificatieplicht)', birth: '2008-11-03', on: true, expected: [{ type: '16-uur', startDate: '2026-11-02', endDate: '2026-11-03', dueOn: '2026-11-03', hours: 16 }] },
      { name: 'off, 18 on the second day: the birthday no longer counts', birth: '2008-11-03', on: false, expected: [] },
      { name: 'on, 23 on the second day: the birthday no longer counts', birth: '2003-11-03', on: true, expected: [] },
    ])('$name', ({ birth, on, expected }) => {
      expect(sixteen(birth, on)).toEqual(expected);
    });
    it('on, with a startkwalificatie: nothing', () => {
      expect(sixteen('2006-06-01', true, '2026-07-01')).toEqual([]);
    });
    it('on, with continuous absence: 16-uur reports until the RMC, none after it for the same stretch', () => {
      const reports = legalReports(AWAY, cal, '2006-06-01', { sixteenHoursFrom18: true });
      const rmc = reports.filter((r) => r.type === 'rmc');
      expect(rmc.map((r) => r.dueOn)).toEqual(['2026-12-01']);
      const after = reports.filter((r) => r.type === '16-uur' && r.dueOn > '2026-12-01');
      expect(after).toEqual([]);
      expect(reports.filter((r) => r.type === '16-uur').length).toBeGreaterThan(0);
    });
  });

  it.each([
    { birth: '2008-11-10', day: '2026-11-09', expected: false },
    { birth: '2008-11-10', day: '2026-11-10', expected: true },
    { birth: '2003-11-10', day: '2026-11-09', expected: true },
    { birth: '2003-11-10', day: '2026-11-10', expected: false },
    { birth: '2006-06-01', kwal: '2026-11-10', day: '2026-11-09', expected: true },
    { birth: '2006-06-01', kwal: '2026-11-10', day: '2026-11-10', expected: false },
    { birth: '2009-06-01', kwal: '2026-07-01', day: '2027-06-01', expected: false },
  ])('who counts for RMC: born $birth, startkwalificatie $kwal, on $day → $expected', ({ birth, kwal, day, expected }) => {
    const pupil = { birthDate: birth, startkwalificatieOn: kwal ?? null };
    expect(isRmcOn(pupil, day)).toBe(expected);
    const w = rmcWindow(pupil);
    expect(w.from <= day && day < w.until).toBe(expected);
  });
});
