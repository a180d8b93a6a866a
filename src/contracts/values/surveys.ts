/**
 * The satisfaction questions of the regional monitor (issue 14, docs/monitor-satisfaction.md): one
 * definition, used by the server's schemas and by the web app at runtime.
 */

/** Who answers: a parent with authority, the young person (12+), a teacher or mentor on a case team. */
export const SURVEY_KINDS = ['family', 'youth', 'teacher'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** The highest score of each kind's scale (the lowest is 1): 1–10 for families, 1–5 for teachers. */
export const SURVEY_SCALE_MAX: Record<SurveyKind, number> = { family: 10, youth: 10, teacher: 5 };

/** The longest open answer, in characters. */
export const SURVEY_OPEN_ANSWER_MAX = 1000;

/** A family is asked for this many days after the plan's evaluation (the evaluation day is day 0). */
export const FAMILY_SURVEY_DAYS = 30;

/** The young person is asked from this age on the evaluation day. */
export const YOUTH_SURVEY_MIN_AGE = 12;

/** The first months of the teachers' quarters: Aug–Oct, Nov–Jan, Feb–Apr, May–Jul. */
export const TEACHER_PERIOD_START_MONTHS = [2, 5, 8, 11] as const;

/**
 * A question's id: `evaluation-<id of the plan evaluation>` (a family or a young person) or
 * `period-<year>-<first month>` (a teacher's quarter, e.g. period-2026-11 for Nov 2026–Jan 2027).
 */
export const SURVEY_QUESTION_ID_PATTERN = '^(evaluation-[1-9][0-9]{0,15}|period-[0-9]{4}-(02|05|08|11))$';
