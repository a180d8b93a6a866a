import { isSchoolYear, schoolYearOf, schoolYearRange, shiftSchoolYear } from '../../kernel/calendar/school-year.ts';
import type { MonitorPeriodKind } from '../../contracts/values/monitor.ts';

/** A month's first day, `n` months later (or earlier). */
export function addMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 10);
}

/** The first day of the last month that has ended before `day`. */
export const lastCompletedMonth = (day: string) => addMonth(`${day.slice(0, 7)}-01`, -1);

export interface MonitorPeriod {
  kind: MonitorPeriodKind;
  /** '2026-03', '2026-Q1' or '2025-2026'. */
  id: string;
  /** First days of the first and last month. */
  from: string;
  to: string;
  /** A school year still running: up to the last completed month. */
  partial: boolean;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/**
 * A period by its name, made of whole completed months only (docs/monitor.md, "Perioden"): a
 * month, a calendar quarter, or a school year (August to July). A school year still running counts
 * up to the last completed month; a month or quarter that has not ended is refused.
 */
export function monitorPeriodOf(id: string, day: string): MonitorPeriod | { error: 'format' | 'not_complete' } {
  const last = lastCompletedMonth(day);
  if (MONTH.test(id)) {
    const from = `${id}-01`;
    return from <= last ? { kind: 'month', id, from, to: from, partial: false } : { error: 'not_complete' };
  }
  const q = QUARTER.exec(id);
  if (q) {
    const from = `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
    const to = addMonth(from, 2);
    return to <= last ? { kind: 'quarter', id, from, to, partial: false } : { error: 'not_complete' };
  }
  if (isSchoolYear(id)) {
    const { start, end } = schoolYearRange(id);
    const from = `${start.slice(0, 7)}-01`;
    const to = `${end.slice(0, 7)}-01`;
    if (from > last) return { error: 'not_complete' };
    return to <= last ? { kind: 'school_year', id, from, to, partial: false } : { kind: 'school_year', id, from, to: last, partial: true };
  }
  return { error: 'format' };
}

/** The same months a year earlier, for the comparison beside every figure. */
export const yearEarlier = (p: MonitorPeriod): MonitorPeriod => ({
  kind: p.kind,
  id: p.kind === 'school_year' ? shiftSchoolYear(p.id, -1) : p.kind === 'quarter' ? `${Number(p.id.slice(0, 4)) - 1}${p.id.slice(4)}` : addMonth(p.from, -12).slice(0, 7),
  from: addMonth(p.from, -12),
  to: addMonth(p.to, -12),
  partial: p.partial,
});

/** The months of a period, oldest first. */
export function monthsIn(p: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let m = p.from; m <= p.to; m = addMonth(m, 1)) out.push(m);
  return out;
}

/**
 * The periods the dashboard offers: this school year so far (when a month of it has ended) and the
 * two before it, the last four completed quarters, the last twelve completed months; newest first.
 */
export function offeredMonitorPeriods(day: string) {
  const last = lastCompletedMonth(day);
  const current = schoolYearOf(day);
  const years = [current, shiftSchoolYear(current, -1), shiftSchoolYear(current, -2)].filter((y) => `${schoolYearRange(y).start.slice(0, 7)}-01` <= last);
  const quarters: string[] = [];
  let q = addMonth(`${last.slice(0, 4)}-${String(Math.floor((Number(last.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`, 0);
  if (addMonth(q, 2) > last) q = addMonth(q, -3);
  for (let i = 0; i < 4; i++, q = addMonth(q, -3)) quarters.push(`${q.slice(0, 4)}-Q${Math.floor((Number(q.slice(5, 7)) - 1) / 3) + 1}`);
  const months = Array.from({ length: 12 }, (_, i) => addMonth(last, -i).slice(0, 7));
  return { schoolYears: years, quarters, months, default: years[0] ?? months[0] };
}
