/**
 * The satisfaction facts for the regional monitor (docs/monitor-satisfaction.md; the FactSource of
 * src/kernel/disclosure/facts.ts): counts per month, school and gemeente, aggregated in SQL from the
 * anonymous answers, and the open answers of a selection — only the texts, shuffled, and none below
 * the region's minimum.
 */
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';
import type { FactRow, FactScope, FactSource } from '../../kernel/disclosure/facts.ts';
import type { SurveyKind } from '../../contracts/values/surveys.ts';

/** The indicator and its measures: a histogram of the scores per kind, and the "liever niet" per kind. */
export const SATISFACTION_INDICATOR = 'satisfaction';
export const SATISFACTION_MEASURES = { family: 'family_score', youth: 'youth_score', teacher: 'teacher_supported', declined: 'declined' } as const;

/**
 * - measure `family_score` / `youth_score` (1–10) / `teacher_supported` (1–5): bucket = the score,
 *   value = how many gave it; detail ''.
 * - measure `declined`: detail = the kind ('family', 'youth', 'teacher'), bucket -1, value = how many
 *   chose "liever niet".
 * Per month answered, organisation (the case's school, the teacher's school) and gemeente (where
 * the child lived on the evaluation day; null for teachers).
 */
async function facts(tx: Tx, scope: FactScope): Promise<FactRow[]> {
  const { rows } = await sql<FactRow>`
    select a.month,
           case when a.score is null then ${sql.lit(SATISFACTION_MEASURES.declined)}
                when a.kind = 'family' then ${sql.lit(SATISFACTION_MEASURES.family)}
                when a.kind = 'youth' then ${sql.lit(SATISFACTION_MEASURES.youth)}
                else ${sql.lit(SATISFACTION_MEASURES.teacher)} end as measure,
           case when a.score is null then a.kind else '' end as detail,
           coalesce(a.score, -1) as bucket,
           a.gemeente_id,
           a.organisation_id,
           count(*)::integer as value
    from survey_answers a
    where a.region_id = ${scope.regionId} and a.month between ${scope.from}::date and ${scope.to}::date
    group by a.month, 2, 3, 4, a.gemeente_id, a.organisation_id
    order by a.month, 2, 3, 4`.execute(tx);
  return rows.map((r) => ({ ...r, bucket: Number(r.bucket), value: Number(r.value) }));
}

/**
 * The months whose facts changed after `since`: the months of the answers stored (by the
 * database's clock, `stored_on`, a month) in or after the month of `since`. An answer stored after
 * `since` has a `stored_on` of that month or later, so none is missed; the answers stored earlier in
 * that month make it over-approximate a little, as the interface allows.
 */
async function changedSince(tx: Tx, regionId: string, since: Date): Promise<string[]> {
  const { rows } = await sql<{ month: string }>`
    select distinct a.month from survey_answers a
    where a.region_id = ${regionId}
      and a.stored_on >= (date_trunc('month', ${since.toISOString()}::timestamptz at time zone 'Europe/Amsterdam'))::date
    order by a.month`.execute(tx);
  return rows.map((r) => r.month);
}

export const satisfactionFacts: FactSource = { indicator: SATISFACTION_INDICATOR, facts, changedSince };

/** A selection of open answers: the region, months (first days, from ≤ to), optionally kinds, a gemeente, a school. */
export interface OpenAnswersSelection {
  regionId: string;
  from: string;
  to: string;
  kinds?: readonly SurveyKind[];
  gemeenteId?: string | null;
  organisationId?: string | null;
  /** Fewer matching texts than this: none are given (the monitor passes the region's suppression threshold). */
  minimum: number;
}

/**
 * The open answers of a selection: only the texts, in a random order, and nothing at all when fewer
 * than `minimum` texts match. No month, school, score or kind comes with a text.
 */
export async function openAnswers(tx: Tx, s: OpenAnswersSelection): Promise<string[]> {
  if (s.kinds && s.kinds.length === 0) return [];
  let q = tx
    .selectFrom('survey_answers')
    .select('open_answer')
    .where('region_id', '=', s.regionId)
    .where('month', '>=', s.from)
    .where('month', '<=', s.to)
    .where('open_answer', 'is not', null);
  if (s.kinds) q = q.where('kind', 'in', s.kinds);
  if (s.gemeenteId) q = q.where('gemeente_id', '=', s.gemeenteId);
  if (s.organisationId) q = q.where('organisation_id', '=', s.organisationId);
  const texts = (await q.execute()).map((r) => r.open_answer!);
  if (texts.length < Math.max(1, s.minimum)) return [];
  for (let i = texts.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [texts[i], texts[j]] = [texts[j], texts[i]];
  }
  return texts;
}
