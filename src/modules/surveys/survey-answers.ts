/**
 * Answering a satisfaction question (docs/monitor-satisfaction.md): once per person per evaluation
 * or quarter, a score or "liever niet", and an optional open answer.
 *
 * Two rows, in one transaction, that share nothing but the region:
 * - survey_participations: that this guardian / young person / teacher answered this evaluation or
 *   quarter (not whether they declined), so that nobody answers twice;
 * - survey_answers: what was answered, with the month, the school, the gemeente and the kind, and
 *   no one's id.
 *
 * The answer row gets a random id, and every answer writes all answer rows of the region's month
 * anew, in a random order: so the database's own traces — the writing transaction (PostgreSQL's
 * xmin, the same for every row a transaction writes) and the physical order of the rows — point at
 * "one of this month's answers" and never at the one answer a participation wrote. Nothing of the
 * answering goes into the access log (see the doc: the answer is no child's data, and a permanent,
 * timed entry of who answered would be the one record that the anonymity does not need).
 */
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Insertable } from 'kysely';
import type { SurveyAnswersTable } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import { residenceOnSql } from '../../kernel/disclosure/facts.ts';
import { SURVEY_OPEN_ANSWER_MAX, SURVEY_SCALE_MAX } from '../../contracts/values/surveys.ts';
import type { AnswerSurveyBody, SurveyAnswered } from '../../contracts/surveys.ts';
import { familyQuestions, teacherQuestion } from './survey-questions.ts';
import { monthOf, parseQuestionId } from './survey-periods.ts';

/**
 * The checks that need no database (the route's fieldChecks too, so a form gets all its errors at
 * once): a score unless declined, nothing but "liever niet" when declined, an open answer of at most
 * 1000 characters. The scale's top (5 for teachers) is checked once the question is known.
 */
export function answerFieldChecks(body: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const declined = body.declined === true;
  const score = body.score;
  const text = typeof body.openAnswer === 'string' ? body.openAnswer.trim() : '';
  if (declined) {
    if (score !== undefined && score !== null) errors.push({ name: 'score', code: 'declined', reason: 'U koos "liever niet": dan geeft u geen cijfer.' });
    if (text) errors.push({ name: 'openAnswer', code: 'declined', reason: 'U koos "liever niet": dan geeft u geen antwoord.' });
  } else if (score === undefined || score === null) {
    errors.push({ name: 'score', code: 'required', reason: 'Kies een cijfer, of kies "liever niet".' });
  }
  if (typeof body.openAnswer === 'string' && body.openAnswer.length > SURVEY_OPEN_ANSWER_MAX) {
    errors.push({ name: 'openAnswer', code: 'maxLength', reason: `Uw antwoord is te lang: hoogstens ${SURVEY_OPEN_ANSWER_MAX} tekens.` });
  }
  return errors;
}

/** What is stored of one answer (the rest of the row is the month's). */
type NewAnswer = Omit<Insertable<SurveyAnswersTable>, 'id' | 'stored_on'>;

/**
 * Answers the question `questionId` for the signed-in user. 404: not a question of theirs (or no
 * longer open); 409 `already_answered`: answered (or declined) before; 400: the field errors.
 */
export async function answerSurvey(database: Database, actor: Actor, questionId: string, body: AnswerSurveyBody): Promise<SurveyAnswered> {
  const ref = parseQuestionId(questionId);
  if (!ref) throw new NotFoundError();
  const day = today();
  const month = monthOf(day);
  return database.db.transaction().execute(async (tx) => {
    // The question as the user may answer it today, also when already answered (then 409).
    const found =
      ref.type === 'evaluation' ? (await familyQuestions(tx, actor, day, { only: ref.eventId, withAnswered: true, event: null }))[0] : await teacherQuestion(tx, actor, day, { withAnswered: true });
    if (!found || (found.kind === 'teacher' && ref.type === 'period' && found.periodStart !== ref.start)) throw new NotFoundError('Deze vraag is niet (meer) voor u.');
    if (found.answered) throw new ConflictError('U heeft deze vraag al beantwoord. Dank u wel!', 'already_answered');

    const errors = answerFieldChecks(body as Record<string, unknown>);
    const declined = body.declined === true;
    const max = SURVEY_SCALE_MAX[found.kind];
    if (!declined && typeof body.score === 'number' && body.score > max) errors.push({ name: 'score', code: 'maximum', reason: `Kies een cijfer van 1 tot en met ${max}.` });
    if (errors.length) throw new ValidationError(errors);
    const text = declined ? null : body.openAnswer?.trim() || null;

    // That they answered: keyed by who and what; a second answer at the same moment finds this row.
    const participation = await tx
      .insertInto('survey_participations')
      .values(
        found.kind === 'teacher'
          ? { region_id: actor.regionId, kind: 'teacher', period_start: found.periodStart, person_id: actor.personId! }
          : found.kind === 'family'
            ? { region_id: actor.regionId, kind: 'family', case_event_id: found.eventId, guardian_id: actor.guardianId! }
            : { region_id: actor.regionId, kind: 'youth', case_event_id: found.eventId, child_id: actor.childId! },
      )
      .onConflict((oc) => oc.doNothing())
      .returning('kind')
      .executeTakeFirst();
    if (!participation) throw new ConflictError('U heeft deze vraag al beantwoord. Dank u wel!', 'already_answered');

    // What they answered: no one's id. The gemeente is where the child lived on the evaluation day.
    const gemeenteId =
      found.kind === 'teacher'
        ? null
        : ((await sql<{ gemeente_id: string | null }>`select ${residenceOnSql(sql.val(found.childId), sql.val(found.evaluatedOn))} as gemeente_id`.execute(tx)).rows[0]?.gemeente_id ?? null);
    await storeAnswer(tx, actor.regionId, month, {
      region_id: actor.regionId,
      kind: found.kind,
      month,
      organisation_id: found.organisationId,
      gemeente_id: gemeenteId,
      score: declined ? null : (body.score ?? null),
      open_answer: text,
    });
    return { id: found.question.id, declined };
  });
}

/**
 * Adds an answer to the region's month and writes the month's answers anew in a random order, one
 * at a time per region and month (a transaction-scoped advisory lock): afterwards every answer row of
 * the month carries this transaction and a random place, so none is tied to its participation.
 */
async function storeAnswer(tx: Tx, regionId: string, month: string, answer: NewAnswer) {
  await sql`select pg_advisory_xact_lock(hashtext(${`survey_answers:${regionId}:${month}`}))`.execute(tx);
  const existing = await tx.selectFrom('survey_answers').selectAll().where('region_id', '=', regionId).where('month', '=', month).execute();
  const rows: Insertable<SurveyAnswersTable>[] = [...existing, answer];
  for (let i = rows.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  if (existing.length) await tx.deleteFrom('survey_answers').where('region_id', '=', regionId).where('month', '=', month).execute();
  for (let i = 0; i < rows.length; i += 1000) await tx.insertInto('survey_answers').values(rows.slice(i, i + 1000)).execute();
}
