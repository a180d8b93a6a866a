import type { Database } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import type { SurveyQuestion, SurveyQuestions } from '../../contracts/surveys.ts';
import { familyQuestions, teacherQuestion } from './survey-questions.ts';
import { parseQuestionId } from './survey-periods.ts';

/**
 * What the signed-in user may answer now: a parent or young person the evaluations of the last 30
 * days not yet answered, a teacher or mentor the quarter's question. Empty for everyone else.
 */
export async function listOpenSurveys(database: Database, actor: Actor): Promise<SurveyQuestions> {
  const day = today();
  return database.db.transaction().execute(async (tx) => {
    const family = await familyQuestions(tx, actor, day, { event: 'survey.list' });
    const teacher = await teacherQuestion(tx, actor, day);
    return { today: day, items: [...family.map((f) => f.question), ...(teacher ? [teacher.question] : [])] };
  });
}

/** One open question of the signed-in user (its own page); 404 when it is not theirs or no longer open. */
export async function getSurveyQuestion(database: Database, actor: Actor, id: string): Promise<SurveyQuestion> {
  const ref = parseQuestionId(id);
  if (!ref) throw new NotFoundError();
  const day = today();
  const found = await database.db.transaction().execute(async (tx) => {
    if (ref.type === 'evaluation') return (await familyQuestions(tx, actor, day, { only: ref.eventId, event: 'survey.read' }))[0]?.question ?? null;
    const teacher = await teacherQuestion(tx, actor, day);
    return teacher && teacher.periodStart === ref.start ? teacher.question : null;
  });
  if (!found) throw new NotFoundError('Deze vraag is niet (meer) voor u.');
  return found;
}
