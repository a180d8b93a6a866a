import { describe, expect, it } from 'vitest';
import { SchoolCalendar } from '../../kernel/calendar/school-days.ts';
import {
  NO_MISSED_HOURS,
  SchoolDayCounter,
  absencePercentage,
  bandOf,
  displayPercentage,
  enrolledSchoolDays,
  evaluationPeriods,
  schoolYearStart,
  summarisePupil,
  trendOf,
  worstBand,
  type MissedHours,
  type Thresholds,
} from './early-warning-math.ts';
import { validateSettings, type SettingsInput } from './early-warning-settings.ts';

const DEFAULTS: Thresholds = { attention: 5, chronic: 10, severe: 20 };

// A calendar with a summer holiday ending Sunday 30 August 2026, the autumn holiday (midden)
// 17–25 October 2026 and Christmas 19 December 2026 – 3 January 2027.
const cal = new SchoolCalendar([
  { start: '2026-07-18', end: '2026-08-30', name: 'Zomervakantie' },
  { start: '2026-10-17', end: '2026-10-25', name: 'Herfstvakantie' },
  { start: '2026-12-19', end: '2027-01-03', name: 'Kerstvakantie' },
]);

describe('band of an absence percentage', () => {
  const cases: [string, number, number, Thresholds, string | null][] = [
    ['nothing missed', 0, 100, DEFAULTS, 'on_track'],
    ['just under 5%', 4.99, 100, DEFAULTS, 'on_track'],
    ['exactly 5% is attention', 5, 100, DEFAULTS, 'attention'],
    ['just under 10%', 9.99, 100, DEFAULTS, 'attention'],
    ['exactly 10.0% is chronic', 10, 100, DEFAULTS, 'chronic'],
    ['exactly 10% where floating point says 9.999…: 11 of 110 hours', 11, 110, DEFAULTS, 'chronic'],
    ['exactly 10%: 3.3 of 33 hours', 3.3, 33, DEFAULTS, 'chronic'],
    ['exactly 10%: 20.9 of 209 hours (8 lesson weeks with a holiday week, po)', 20.9, 209, DEFAULTS, 'chronic'],
    ['just under 10%: 20.89 of 209 hours', 20.89, 209, DEFAULTS, 'attention'],
    ['just under 20%', 19.99, 100, DEFAULTS, 'chronic'],
    ['exactly 20% is severely chronic', 20, 100, DEFAULTS, 'severe'],
    ['everything missed', 100, 100, DEFAULTS, 'severe'],
    ['nothing scheduled: no band', 0, 0, DEFAULTS, null],
    ['thresholds from the settings: 8% chronic at 3/8/15', 8, 100, { attention: 3, chronic: 8, severe: 15 }, 'chronic'],
    ['thresholds from the settings: 7.9% attention at 3/8/15', 7.9, 100, { attention: 3, chronic: 8, severe: 15 }, 'attention'],
    ['thresholds from the settings: 15% severe at 3/8/15', 15, 100, { attention: 3, chronic: 8, severe: 15 }, 'severe'],
    ['a decimal threshold: 7.5% chronic at 2.5/7.5/12.5', 7.5, 100, { attention: 2.5, chronic: 7.5, severe: 12.5 }, 'chronic'],
    ['a decimal threshold: 2.4% on track at 2.5/7.5/12.5', 2.4, 100, { attention: 2.5, chronic: 7.5, severe: 12.5 }, 'on_track'],
  ];
  it.each(cases)('%s', (_name, missed, scheduled, thresholds, band) => {
    expect(bandOf(missed, scheduled, thresholds)).toBe(band);
  });

  it('the percentage is hours missed over scheduled hours; none without scheduled hours', () => {
    expect(absencePercentage(11, 110)).toBeCloseTo(10, 10);
    expect(absencePercentage(5.5, 319)).toBeCloseTo(1.724, 3);
    expect(absencePercentage(3, 0)).toBeNull();
  });

  it('shown percentages are rounded down to one decimal, so a shown 10.0 is always chronic', () => {
    expect(displayPercentage(9.999)).toBe(9.9);
    expect(displayPercentage(absencePercentage(11, 110))).toBe(10);
    expect(displayPercentage(100 / 3)).toBe(33.3);
    expect(displayPercentage(null)).toBeNull();
  });

  it('the worse band wins; an unknown band gives way', () => {
    expect(worstBand('attention', 'chronic')).toBe('chronic');
    expect(worstBand('severe', 'on_track')).toBe('severe');
    expect(worstBand(null, 'attention')).toBe('attention');
    expect(worstBand(null, null)).toBeNull();
  });
});

describe('trend of the rolling percentage', () => {
  const cases: [string, number | null, number | null, { direction: string; differencePp: number } | null][] = [
    ['two points up', 12, 10, { direction: 'up', differencePp: 2 }],
    ['two points down', 10, 12, { direction: 'down', differencePp: -2 }],
    ['half a point is stable', 10.5, 10, { direction: 'stable', differencePp: 0.5 }],
    ['exactly one point is a change', 11, 10, { direction: 'up', differencePp: 1 }],
    ['no change', 7, 7, { direction: 'stable', differencePp: 0 }],
    ['nothing to compare with (not enrolled a week ago)', 10, null, null],
  ];
  it.each(cases)('%s', (_name, now, before, expected) => {
    expect(trendOf(now, before)).toEqual(expected);
  });
});

describe('the periods of an evaluation', () => {
  it('school years run from 1 August to 31 July', () => {
    expect(schoolYearStart('2026-08-01')).toBe('2026-08-01');
    expect(schoolYearStart('2026-07-31')).toBe('2025-08-01');
    expect(schoolYearStart('2027-01-15')).toBe('2026-08-01');
  });

  it('the last 8 lesson weeks skip the autumn holiday week; a lesson week earlier is the Sunday before', () => {
    const p = evaluationPeriods(cal, '2026-11-25');
    expect(p.schoolYear).toEqual({ from: '2026-08-01', to: '2026-11-25' });
    expect(p.rolling.lessonWeeks).toEqual(['2026-09-28', '2026-10-05', '2026-10-12', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(p.rolling.from).toBe('2026-09-28');
    expect(p.previous).toEqual({
      asOf: '2026-11-22',
      schoolYear: { from: '2026-08-01', to: '2026-11-22' },
      rolling: { from: '2026-09-21', to: '2026-11-22', lessonWeeks: ['2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16'] },
    });
  });

  it('as of a day in a holiday week, the current lesson week is the one before the holiday', () => {
    const p = evaluationPeriods(cal, '2026-10-21');
    expect(p.rolling.lessonWeeks.at(-1)).toBe('2026-10-12');
    // Before 12 October: 5 September weeks and 31 August, then the summer holiday, then 13 July.
    expect(p.rolling.lessonWeeks).toEqual(['2026-07-13', '2026-08-31', '2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12']);
    expect(p.previous?.asOf).toBe('2026-10-11');
  });

  it('in the first lesson week of a school year the rolling weeks reach back over the summer; the year to date has no week before', () => {
    const p = evaluationPeriods(cal, '2026-09-02');
    expect(p.rolling.lessonWeeks).toEqual(['2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29', '2026-07-06', '2026-07-13', '2026-08-31']);
    expect(p.previous?.asOf).toBe('2026-07-19');
    expect(p.previous?.schoolYear).toBeNull();
    expect(p.earliest).toBe('2026-05-25');
  });

  it('counts the school days on which the pupil was enrolled', () => {
    const counter = new SchoolDayCounter(cal, '2026-08-01', '2026-11-25');
    const year = { from: '2026-08-01', to: '2026-11-25' };
    // 31 Aug – 25 Nov: 12 lesson weeks minus the autumn week: 11 full weeks + Mon–Wed.
    expect(enrolledSchoolDays(counter, [{ start: '2020-08-01', end: null }], year)).toBe(58);
    expect(enrolledSchoolDays(counter, [{ start: '2026-11-02', end: null }], year)).toBe(18);
    // Left on Friday 2 October, came back on Monday 2 November: 25 + 18.
    expect(
      enrolledSchoolDays(
        counter,
        [
          { start: '2025-08-01', end: '2026-10-02' },
          { start: '2026-11-02', end: null },
        ],
        year,
      ),
    ).toBe(43);
    expect(enrolledSchoolDays(counter, [{ start: '2026-12-01', end: null }], year)).toBe(0);
    expect(counter.count('2026-10-17', '2026-10-25')).toBe(0);
    expect(counter.count('2026-01-01', '2026-08-31')).toBe(1);
  });
});

describe("a pupil's summary", () => {
  const asOf = '2026-11-25';
  const periods = evaluationPeriods(cal, asOf);
  const counter = new SchoolDayCounter(cal, periods.earliest, asOf);
  const whole = [{ start: '2020-08-01', end: null }];
  const summary = (missed: Partial<MissedHours>, enrolments = whole, hoursPerDay = 5.5, thresholds = DEFAULTS) =>
    summarisePupil({ missed: { ...NO_MISSED_HOURS, ...missed }, enrolments, counter, periods, hoursPerDay, thresholds });

  it('scheduled hours are enrolled school days × lesson hours per day; holiday weeks are not in the 8 weeks', () => {
    const s = summary({ schoolYearAll: 31.9, rollingAll: 20.9, rollingUnauthorised: 5.5, schoolYearUnauthorised: 5.5 });
    expect(s.schoolYear).toMatchObject({ scheduledDays: 58, scheduledHours: 319, all: { missedHours: 31.9, percentage: 10, band: 'chronic' }, unauthorised: { percentage: 1.7, band: 'on_track' } });
    // 8 lesson weeks from 28 September, without the autumn week: 7 full weeks + Mon–Wed = 38 days.
    expect(s.rolling).toMatchObject({ scheduledDays: 38, scheduledHours: 209, all: { percentage: 10, band: 'chronic' }, unauthorised: { percentage: 2.6, band: 'on_track' } });
    expect(s.band).toBe('chronic');
  });

  it('a pupil enrolled mid-year counts only the days since enrolment', () => {
    // Enrolled Monday 2 November: 18 school days × 5.5 = 99 hours; 9.9 hours missed is 10%.
    const s = summary({ schoolYearAll: 9.9, rollingAll: 9.9 }, [{ start: '2026-11-02', end: null }]);
    expect(s.schoolYear).toMatchObject({ scheduledDays: 18, scheduledHours: 99, all: { percentage: 10, band: 'chronic' } });
    expect(s.rolling).toMatchObject({ scheduledDays: 18, all: { band: 'chronic' } });
    // The same hours for a pupil enrolled all year: 3.1% (on track).
    expect(summary({ schoolYearAll: 9.9 }).schoolYear.all).toMatchObject({ percentage: 3.1, band: 'on_track' });
  });

  it('lesson hours per day come from the settings (vo: 6)', () => {
    const s = summary({ schoolYearAll: 34.8 }, whole, 6);
    expect(s.schoolYear).toMatchObject({ scheduledHours: 348, all: { percentage: 10, band: 'chronic' } });
  });

  it('the band is the worse of the two periods (all reasons)', () => {
    expect(summary({ schoolYearAll: 3, rollingAll: 45 }).band).toBe('severe');
    expect(summary({ schoolYearAll: 40, rollingAll: 3 }).band).toBe('chronic');
    expect(summary({ schoolYearUnauthorised: 40, rollingUnauthorised: 40 }).band).toBe('on_track');
  });

  it('trend: the rolling percentage now against a lesson week earlier', () => {
    // A lesson week earlier: 8 lesson weeks from 21 September to Sunday 22 November = 40 days, 220 hours.
    const s = summary({ rollingAll: 20.9, previousRollingAll: 11 });
    expect(s.trend).toEqual({ direction: 'up', differencePp: 5, previousPercentage: 5 });
    expect(summary({ rollingAll: 10.45, previousRollingAll: 11 }).trend).toMatchObject({ direction: 'stable', differencePp: 0 });
    expect(summary({ rollingAll: 0, previousRollingAll: 22 }).trend).toMatchObject({ direction: 'down', differencePp: -10 });
  });

  it('became chronic this lesson week: below the threshold a week ago, at or above it now', () => {
    // Year: 319 h now, 55 days × 5.5 = 302.5 h a week ago; rolling: 209 h now, 220 h a week ago.
    expect(summary({ schoolYearAll: 31.9, previousSchoolYearAll: 29, rollingAll: 20.9, previousRollingAll: 21.9 }).becameChronic).toEqual(['schoolYear', 'rolling']);
    expect(summary({ schoolYearAll: 31.9, previousSchoolYearAll: 30.25, rollingAll: 20.9, previousRollingAll: 22 }).becameChronic).toEqual([]); // both already 10% a week ago
    expect(summary({ schoolYearAll: 31.8, previousSchoolYearAll: 20, rollingAll: 20.8, previousRollingAll: 10 }).becameChronic).toEqual([]); // still just under 10%
    expect(summary({ schoolYearAll: 10, previousSchoolYearAll: 0, rollingAll: 42, previousRollingAll: 0 }).becameChronic).toEqual(['rolling']); // straight to severe
  });

  it('a pupil enrolled this week has nothing a week ago: no trend and not "became chronic"', () => {
    const s = summary({ schoolYearAll: 11, rollingAll: 11 }, [{ start: '2026-11-23', end: null }]);
    expect(s.schoolYear.scheduledHours).toBe(16.5);
    expect(s.band).toBe('severe');
    expect(s.trend).toBeNull();
    expect(s.becameChronic).toEqual([]);
  });

  it('no school days enrolled: no percentage and no band', () => {
    const s = summary({}, [{ start: '2026-11-26', end: null }]);
    expect(s.schoolYear.all).toEqual({ missedHours: 0, percentage: null, band: null });
    expect(s.band).toBeNull();
  });
});

describe('settings validation', () => {
  const valid: SettingsInput = { thresholds: { attention: 5, chronic: 10, severe: 20 }, lessonHoursPerDay: { po: 5.5, so: 5.5, sbo: 5.5, vo: 6, vso: 6, mbo: 5 }, version: 1 };
  const withT = (t: Partial<SettingsInput['thresholds']>) => ({ ...valid, thresholds: { ...valid.thresholds, ...t } });
  const cases: [string, SettingsInput, [string, string][]][] = [
    ['the defaults are valid', valid, []],
    ['decimal thresholds are valid', withT({ attention: 2.5, chronic: 7.5, severe: 12.5 }), []],
    ['chronic not above attention', withT({ attention: 10, chronic: 10 }), [['thresholds/chronic', 'not_increasing']]],
    ['severe below chronic', withT({ severe: 8 }), [['thresholds/severe', 'not_increasing']]],
    ['zero', withT({ attention: 0 }), [['thresholds/attention', 'range']]],
    ['over 100', withT({ severe: 101 }), [['thresholds/severe', 'range']]],
    ['two decimals', withT({ chronic: 9.75 }), [['thresholds/chronic', 'decimals']]],
    ['hours out of range', { ...valid, lessonHoursPerDay: { ...valid.lessonHoursPerDay, vo: 0, mbo: 13 } }, [['lessonHoursPerDay/vo', 'range'], ['lessonHoursPerDay/mbo', 'range']]],
    ['hours with three decimals', { ...valid, lessonHoursPerDay: { ...valid.lessonHoursPerDay, po: 5.125 } }, [['lessonHoursPerDay/po', 'decimals']]],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    const errors = validateSettings(input);
    expect(errors.map((e) => [e.name, e.code])).toEqual(expected);
    for (const e of errors) expect(e.reason).toMatch(/[a-z]/); // a Dutch sentence for the user
  });

  it('says what to fix, in Dutch', () => {
    expect(validateSettings(withT({ chronic: 4 }))[0].reason).toBe('De grens voor chronisch verzuim moet hoger zijn dan die voor aandacht (5%).');
  });
});
