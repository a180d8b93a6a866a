import { describe, expect, it } from 'vitest';
import { HOLIDAYS_NL, NATIONAL_FREE_DAYS_NL, VACATION_TYPES, shippedRows, type OfficialSchoolYear } from './holidays-nl.ts';
import { addCalendarDays } from './school-days.ts';
import { schoolYearOf, schoolYearRange } from './school-year.ts';

const REGIONS = ['noord', 'midden', 'zuid'] as const;
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** The period of a vacation for one region ("heel Nederland" counts for every region). */
function periodsOf(year: OfficialSchoolYear, region: (typeof REGIONS)[number]) {
  return year.vacations.flatMap((v) => v.regions.filter((r) => r.region === region || r.region === 'heel Nederland').map((r) => ({ type: v.type, ...r })));
}

/** Easter Sunday (anonymous Gregorian algorithm), to check the movable free days independently. */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('the shipped official school holidays', () => {
  it('cover the school years 2024-2025 through 2026-2027, each with the sources it was checked against', () => {
    expect(HOLIDAYS_NL.map((y) => y.schoolyear)).toEqual(['2024-2025', '2025-2026', '2026-2027']);
    for (const year of HOLIDAYS_NL) expect(year.sources.length).toBeGreaterThanOrEqual(3);
  });

  it('every holiday ends on or after it starts, runs Saturday to Sunday and lies in its school year', () => {
    for (const year of HOLIDAYS_NL) {
      const { start, end } = schoolYearRange(year.schoolyear);
      for (const v of year.vacations) {
        for (const r of v.regions) {
          const where = `${year.schoolyear} ${v.type} ${r.region}`;
          expect(r.enddate >= r.startdate, where).toBe(true);
          expect(weekday(r.startdate), `${where} starts on a Saturday`).toBe(6);
          expect(weekday(r.enddate), `${where} ends on a Sunday`).toBe(0);
          expect(r.startdate >= start && r.startdate <= end, `${where} starts in the school year`).toBe(true);
        }
      }
    }
  });

  it('each region has exactly one of each vacation type per school year', () => {
    for (const year of HOLIDAYS_NL) {
      for (const region of REGIONS) {
        const types = periodsOf(year, region).map((p) => p.type).sort();
        expect(types, `${year.schoolyear} ${region}`).toEqual([...VACATION_TYPES].sort());
      }
      // and never both "heel Nederland" and a region for the same vacation
      for (const v of year.vacations) {
        if (v.regions.some((r) => r.region === 'heel Nederland')) expect(v.regions).toHaveLength(1);
      }
    }
  });

  it('the zomervakantie is 6 weeks in every region, and the three regions start in different weeks', () => {
    for (const year of HOLIDAYS_NL) {
      const summer = REGIONS.map((region) => periodsOf(year, region).find((p) => p.type === 'zomervakantie')!);
      for (const s of summer) expect(s.enddate, `${year.schoolyear} ${s.region}`).toBe(addCalendarDays(s.startdate, 6 * 7 + 1));
      expect(new Set(summer.map((s) => s.startdate)).size, year.schoolyear).toBe(3);
    }
  });

  it('the kerstvakantie is the same for all regions, two weeks over Christmas and New Year', () => {
    for (const year of HOLIDAYS_NL) {
      const christmas = REGIONS.map((region) => periodsOf(year, region).find((p) => p.type === 'kerstvakantie')!);
      expect(new Set(christmas.map((c) => `${c.startdate}/${c.enddate}`)).size).toBe(1);
      const [c] = christmas;
      expect(days(c.startdate, c.enddate)).toBe(16);
      const first = year.schoolyear.slice(0, 4);
      expect(c.startdate <= `${first}-12-25` && c.enddate >= `${Number(first) + 1}-01-01`).toBe(true);
    }
  });

  it('herfst-, voorjaars- and meivakantie are one week (9 days); noord and zuid never share the herfst- or voorjaarsvakantie', () => {
    for (const year of HOLIDAYS_NL) {
      for (const type of ['herfstvakantie', 'voorjaarsvakantie', 'meivakantie'] as const) {
        const per = REGIONS.map((region) => periodsOf(year, region).find((p) => p.type === type)!);
        for (const p of per) expect(days(p.startdate, p.enddate), `${year.schoolyear} ${type} ${p.region}`).toBe(9);
        if (type !== 'meivakantie') expect(per[0].startdate, `${year.schoolyear} ${type}`).not.toBe(per[2].startdate);
      }
    }
  });

  it('has the dates the sources agree on', () => {
    const date = (schoolyear: string, type: string, region: (typeof REGIONS)[number]) => {
      const p = periodsOf(HOLIDAYS_NL.find((y) => y.schoolyear === schoolyear)!, region).find((x) => x.type === type)!;
      return `${p.startdate}/${p.enddate}`;
    };
    expect(date('2025-2026', 'herfstvakantie', 'noord')).toBe('2025-10-18/2025-10-26');
    expect(date('2025-2026', 'herfstvakantie', 'midden')).toBe('2025-10-18/2025-10-26');
    expect(date('2025-2026', 'kerstvakantie', 'zuid')).toBe('2025-12-20/2026-01-04');
    expect(date('2025-2026', 'voorjaarsvakantie', 'midden')).toBe('2026-02-14/2026-02-22');
    expect(date('2025-2026', 'voorjaarsvakantie', 'noord')).toBe('2026-02-21/2026-03-01');
    expect(date('2025-2026', 'zomervakantie', 'midden')).toBe('2026-07-18/2026-08-30');
    expect(date('2024-2025', 'herfstvakantie', 'zuid')).toBe('2024-10-19/2024-10-27');
    expect(date('2026-2027', 'herfstvakantie', 'noord')).toBe('2026-10-10/2026-10-18');
  });

  it('ships only the official week of the meivakantie, not the extra week many schools add', () => {
    for (const year of HOLIDAYS_NL) {
      const may = year.vacations.find((v) => v.type === 'meivakantie')!;
      expect(may.regions).toHaveLength(1);
      expect(days(may.regions[0].startdate, may.regions[0].enddate)).toBe(9);
    }
  });

  it('marks exactly the entries no unambiguous source confirmed, each with a note', () => {
    const unverified = shippedRows().filter((r) => !r.verified);
    expect(unverified.map((r) => `${r.schoolYear} ${r.vacationType} ${r.holidayRegion ?? 'heel Nederland'}`)).toEqual([
      '2026-2027 meivakantie heel Nederland',
      '2026-2027 zomervakantie zuid',
    ]);
    for (const r of unverified) expect(r.note).toMatch(/Importeer het Rijksoverheid-bestand/);
  });
});

describe('the national free days for every school', () => {
  it('follow Easter, Koningsdag and the lustrum rule for Bevrijdingsdag', () => {
    for (const year of NATIONAL_FREE_DAYS_NL) {
      const calendarYear = Number(year.schoolyear.slice(5));
      const e = easter(calendarYear);
      const byName = Object.fromEntries(year.days.map((d) => [d.name, d.date]));
      expect(byName['Tweede Paasdag']).toBe(addCalendarDays(e, 1));
      expect(byName['Hemelvaartsdag']).toBe(addCalendarDays(e, 39));
      expect(byName['Tweede Pinksterdag']).toBe(addCalendarDays(e, 50));
      const kingsDay = `${calendarYear}-04-27`;
      expect(byName['Koningsdag']).toBe(weekday(kingsDay) === 0 ? `${calendarYear}-04-26` : kingsDay);
      if (calendarYear % 5 === 0) expect(byName['Bevrijdingsdag']).toBe(`${calendarYear}-05-05`);
      else expect(byName['Bevrijdingsdag']).toBeUndefined();
      expect(byName['Goede Vrijdag']).toBeUndefined();
      for (const d of year.days) expect(schoolYearOf(d.date)).toBe(year.schoolyear);
    }
  });

  it('Koningsdag 2025 is on Saturday 26 April because 27 April 2025 is a Sunday', () => {
    expect(NATIONAL_FREE_DAYS_NL[0].days.find((d) => d.name === 'Koningsdag')!.date).toBe('2025-04-26');
  });

  it('are shipped without a region (for every school)', () => {
    const rows = shippedRows().filter((r) => r.kind === 'national_free_day');
    expect(rows).toHaveLength(13);
    for (const r of rows) expect(r).toMatchObject({ holidayRegion: null, vacationType: null, start: r.end });
  });
});
