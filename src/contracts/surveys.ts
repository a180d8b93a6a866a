/**
 * The contract of the satisfaction questions (issue 14, docs/monitor-satisfaction.md): what the
 * signed-in user may answer now, one question, and the answer. An answer is stored without anyone's
 * id and without a time finer than the month: nothing here reads an answer back.
 */
import { Day, Nullable, OneOf, Type, Uuid, type Static } from './common.ts';
import { SURVEY_KINDS, SURVEY_OPEN_ANSWER_MAX, SURVEY_QUESTION_ID_PATTERN } from './values/surveys.ts';

export const SurveyQuestionParams = Type.Object(
  { id: Type.String({ pattern: SURVEY_QUESTION_ID_PATTERN, maxLength: 40, description: 'evaluation-<nummer> (na een evaluatie van het plan) of period-JJJJ-MM (het kwartaal van een leerkracht)' }) },
  { additionalProperties: false },
);
export type SurveyQuestionParams = Static<typeof SurveyQuestionParams>;

export const SurveyQuestion = Type.Object({
  id: Type.String(),
  /** family: a parent with authority; youth: the young person (12+); teacher: a teacher or mentor on a case team. */
  kind: OneOf(SURVEY_KINDS),
  /** The highest score (the lowest is 1): 10 for families, 5 for teachers. */
  scaleMax: Type.Integer({ minimum: 2 }),
  /** The last day it may be answered. */
  openUntil: Day,
  /** The day the plan was evaluated (family, youth). */
  evaluatedOn: Nullable(Day),
  /** The quarter asked about (teacher). */
  period: Nullable(Type.Object({ from: Day, to: Day })),
  /** The child whose plan was evaluated, for a parent (who sees the child in the portal anyway); null for the young person and a teacher. */
  child: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  /** The school of the case, or the teacher's school. */
  organisationName: Type.String(),
});
export type SurveyQuestion = Static<typeof SurveyQuestion>;

export const SurveyQuestions = Type.Object({
  /** The day the list was made for ("today" in the Netherlands). */
  today: Day,
  items: Type.Array(SurveyQuestion),
});
export type SurveyQuestions = Static<typeof SurveyQuestions>;

export const AnswerSurveyBody = Type.Object(
  {
    /** "Liever niet": no score, no open answer; only that the question was answered is kept. */
    declined: Type.Optional(Type.Boolean({ description: 'Liever niet antwoorden' })),
    score: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'Het cijfer: 1 tot en met 10 (ouders, jongeren) of 1 tot en met 5 (leerkrachten)' })),
    openAnswer: Type.Optional(Type.String({ maxLength: SURVEY_OPEN_ANSWER_MAX, description: `Wat kan beter? Wat ging goed? Hoogstens ${SURVEY_OPEN_ANSWER_MAX} tekens, niet verplicht` })),
  },
  { additionalProperties: false },
);
export type AnswerSurveyBody = Static<typeof AnswerSurveyBody>;

export const SurveyAnswered = Type.Object({
  /** The question answered (it is no longer open). */
  id: Type.String(),
  declined: Type.Boolean(),
});
export type SurveyAnswered = Static<typeof SurveyAnswered>;
