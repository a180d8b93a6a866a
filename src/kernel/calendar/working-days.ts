import { addCalendarDays } from './school-days.ts';

/**
 * Working days as the law counts them (Algemene termijnenwet, art. 3): Monday to Friday, except
 * the generally recognised holidays — Nieuwjaarsdag, Tweede Paasdag, Koningsdag (26 April when
 * the 27th is a Sunday), 5 mei (Bevrijdingsdag, every year for terms), Hemelvaartsdag, Tweede
 * Pinksterdag and both Christmas days. Goede Vrijdag is not one. Deadlines between organisations
 * (a request to answer, a decision to take) count these; deadlines inside a school count school
 * days (school-days.ts).
 */

const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
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
  return iso(year, month, day);
}

const holidayMemo = new Map<number, Map<string, string>>();

/** The generally recognised holidays of a calendar year that can fall on a weekday, by date, with their Dutch names. */
export function recognisedHolidays(year: number): Map<string, string> {
  let out = holidayMemo.get(year);
  if (!out) {
    const easter = easterSunday(year);
    const kingsDay = weekday(iso(year, 4, 27)) === 0 ? iso(year, 4, 26) : iso(year, 4, 27);
    out = new Map([
      [iso(year, 1, 1), 'Nieuwjaarsdag'],
      [addCalendarDays(easter, 1), 'Tweede Paasdag'],
      [kingsDay, 'Koningsdag'],
      [iso(year, 5, 5), 'Bevrijdingsdag'],
      [addCalendarDays(easter, 39), 'Hemelvaartsdag'],
      [addCalendarDays(easter, 50), 'Tweede Pinksterdag'],
      [iso(year, 12, 25), 'Eerste Kerstdag'],
      [iso(year, 12, 26), 'Tweede Kerstdag'],
    ]);
    holidayMemo.set(year, out);
  }
  return out;
}

export function isWorkingDay(day: string): boolean {
  const wd = weekday(day);
  return wd !== 0 && wd !== 6 && !recognisedHolidays(Number(day.slice(0, 4))).has(day);
}

/** The day `n` working days after `day` (n ≥ 0; 0 is `day` itself). */
export function addWorkingDays(day: string, n: number): string {
  let d = day;
  for (let i = 0; i < n; ) {
    d = addCalendarDays(d, 1);
    if (isWorkingDay(d)) i++;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}
