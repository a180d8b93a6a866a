import { TEACHER_PERIOD_START_MONTHS } from '../../contracts/values/surveys.ts';

/** A teacher's quarter: its first and last day. */
export interface TeacherPeriod {
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a month (month 1–12). */
function lastDayOf(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * The quarter a day falls in: August–October, November–January, February–April, May–July (the
 * school year in four). January belongs to the quarter that started in November of the year before.
 */
export function teacherPeriodOf(day: string): TeacherPeriod {
  const [y, m] = day.split('-').map(Number);
  const startMonth = [...TEACHER_PERIOD_START_MONTHS].reverse().find((s) => s <= m) ?? 11;
  const startYear = m < TEACHER_PERIOD_START_MONTHS[0] ? y - 1 : y;
  const endMonth = ((startMonth + 1) % 12) + 1;
  const endYear = endMonth < startMonth ? startYear + 1 : startYear;
  return { start: `${startYear}-${pad(startMonth)}-01`, end: lastDayOf(endYear, endMonth) };
}

/** The first day of a day's month. */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/** A question's id, and back (null: not a question's id). */
export const evaluationQuestionId = (eventId: number | string) => `evaluation-${eventId}`;
export const periodQuestionId = (periodStart: string) => `period-${periodStart.slice(0, 7)}`;

export type QuestionRef = { type: 'evaluation'; eventId: number } | { type: 'period'; start: string };

export function parseQuestionId(id: string): QuestionRef | null {
  const e = /^evaluation-([1-9][0-9]{0,15})$/.exec(id);
  if (e) {
    const eventId = Number(e[1]);
    return Number.isSafeInteger(eventId) ? { type: 'evaluation', eventId } : null;
  }
  const p = /^period-([0-9]{4})-(02|05|08|11)$/.exec(id);
  return p ? { type: 'period', start: `${p[1]}-${p[2]}-01` } : null;
}
