/**
 * Which satisfaction questions the signed-in user may answer now (docs/monitor-satisfaction.md).
 * Nothing asks them ahead: the questions follow from what is there.
 *
 * - A parent with authority, and the young person who was 12 or older on the day, are asked about
 *   the latest evaluation of a case's plan (case_events 'plan_evaluated', written by the plans
 *   module) from the evaluation day through the 30th day after it, once each.
 * - A teacher or mentor, acting for a school where she is on the team of an open case (not taken
 *   off it, with the current membership she acts for), is asked once a quarter.
 *
 * A parent's question names the child (the first name), which the parent sees in the portal anyway:
 * the gateway decides it with the rule of the family's own pages (rules.family) and logs it. The
 * young person's and the teacher's questions name no child.
 */
import { sql } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { decideEach, recordListed, resolvedCase, rules } from '../../kernel/policy/gateway.ts';
import { addCalendarDays } from '../../kernel/calendar/school-days.ts';
import { ageOn } from '../../kernel/time.ts';
import { FAMILY_SURVEY_DAYS, SURVEY_SCALE_MAX, YOUTH_SURVEY_MIN_AGE } from '../../contracts/values/surveys.ts';
import type { SurveyQuestion } from '../../contracts/surveys.ts';
import { evaluationQuestionId, periodQuestionId, teacherPeriodOf } from './survey-periods.ts';

/** The roles asked whether they feel supported. */
export const TEACHING_ROLES = ['teacher', 'mentor'] as const;

/** The day of an evaluation: its moment as a calendar day in the Netherlands. */
const evaluatedOnSql = sql<string>`(e.at at time zone 'Europe/Amsterdam')::date`;

/** A family's question as found, with what the answer needs (never sent to the user as such). */
export interface FamilyQuestion {
  question: SurveyQuestion;
  kind: 'family' | 'youth';
  eventId: number;
  childId: string;
  organisationId: string;
  evaluatedOn: string;
  answered: boolean;
}

/** A teacher's question as found. */
export interface TeacherQuestion {
  question: SurveyQuestion;
  kind: 'teacher';
  periodStart: string;
  organisationId: string;
  answered: boolean;
}

/**
 * The family's questions of `day`: the latest evaluation of each case of the actor's children (a
 * parent: with authority; the young person: their own, when 12 or older on the evaluation day),
 * evaluated within the last 30 days. `only`: just that evaluation. `withAnswered`: also those the
 * actor answered already (the answer command says 409 for them). Decided by the gateway's family
 * rule on today's relation; `event` (a list or a page shown) logs the children a parent's open
 * questions name; null when nothing is shown (the answer).
 */
export async function familyQuestions(tx: Tx, actor: Actor, day: string, opts: { only?: number; withAnswered?: boolean; event: string | null }): Promise<FamilyQuestion[]> {
  const kind = actor.kind === 'guardian' && actor.guardianId ? 'family' : actor.kind === 'youth' && actor.childId ? 'youth' : null;
  if (!kind) return [];
  const from = addCalendarDays(day, -FAMILY_SURVEY_DAYS);
  let q = tx
    .selectFrom('case_events as e')
    .innerJoin('cases as k', 'k.id', 'e.case_id')
    .innerJoin('children as c', 'c.id', 'k.child_id')
    .innerJoin('organisations as o', 'o.id', 'k.organisation_id')
    .where('k.region_id', '=', actor.regionId)
    .where('e.event', '=', 'plan_evaluated')
    .where(sql<boolean>`${evaluatedOnSql} between ${from}::date and ${day}::date`)
    // Only the case's latest evaluation up to today: a plan evaluated again asks again, once.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('case_events as l')
            .select('l.id')
            .whereRef('l.case_id', '=', 'e.case_id')
            .where('l.event', '=', 'plan_evaluated')
            .where(sql<boolean>`(l.at at time zone 'Europe/Amsterdam')::date <= ${day}::date`)
            .where(sql<boolean>`(l.at > e.at or (l.at = e.at and l.id > e.id))`),
        ),
      ),
    )
    .select(['e.id as event_id', evaluatedOnSql.as('evaluated_on'), 'k.id', 'k.child_id', 'k.organisation_id', 'k.case_manager_person_id', 'k.case_manager_organisation_id', 'c.given_name', 'c.birth_date', 'o.name as organisation_name'])
    .select(({ exists, selectFrom }) =>
      exists(
        selectFrom('survey_participations as p')
          .select('p.kind')
          .whereRef('p.case_event_id', '=', 'e.id')
          .where('p.kind', '=', kind)
          .where(kind === 'family' ? 'p.guardian_id' : 'p.child_id', '=', kind === 'family' ? actor.guardianId! : actor.childId!),
      ).as('answered'),
    )
    .orderBy('e.at')
    .orderBy('e.id');
  q =
    kind === 'family'
      ? q.where(({ exists, selectFrom }) =>
          exists(selectFrom('child_guardians as cg').select('cg.id').whereRef('cg.child_id', '=', 'k.child_id').where('cg.guardian_id', '=', actor.guardianId!).where('cg.has_authority', '=', true)),
        )
      : q.where('k.child_id', '=', actor.childId!);
  if (opts.only !== undefined) q = q.where('e.id', '=', opts.only);
  const rows = (await q.execute()).filter((r) => (opts.withAnswered || !r.answered) && (kind === 'family' || ageOn(r.birth_date, r.evaluated_on) >= YOUTH_SURVEY_MIN_AGE));
  // The family's relation as today (authority, the young person's age): the rule of their own pages.
  const decisions = await decideEach(tx, actor, rows.map(resolvedCase), rules.family());
  const allowed = rows.flatMap((r, i) => (decisions[i] ? [{ r, d: decisions[i] }] : []));
  // A parent's question names the child: each child named is logged (the answer itself never is).
  const named = opts.event ? allowed.filter((a) => kind === 'family' && !a.r.answered) : [];
  if (opts.event && named.length) await recordListed(tx, actor, opts.event, dedupe(named.map((a) => ({ childId: a.r.child_id, ground: a.d.ground }))));
  return allowed.map(({ r }) => ({
    kind,
    eventId: Number(r.event_id),
    childId: r.child_id,
    organisationId: r.organisation_id,
    evaluatedOn: r.evaluated_on,
    answered: Boolean(r.answered),
    question: {
      id: evaluationQuestionId(r.event_id),
      kind,
      scaleMax: SURVEY_SCALE_MAX[kind],
      openUntil: addCalendarDays(r.evaluated_on, FAMILY_SURVEY_DAYS),
      evaluatedOn: r.evaluated_on,
      period: null,
      child: kind === 'family' ? { id: r.child_id, name: r.given_name } : null,
      organisationName: r.organisation_name,
    },
  }));
}

const dedupe = <T extends { childId: string }>(list: T[]) => [...new Map(list.map((l) => [l.childId, l])).values()];

/**
 * The teacher's question of `day`'s quarter: a teacher or mentor acting for a school (the current
 * membership the session acts for), on the team of an open case of that school or kept there (the
 * team row of that organisation, not taken off). `withAnswered`: also when answered already.
 */
export async function teacherQuestion(tx: Tx, actor: Actor, day: string, opts: { withAnswered?: boolean } = {}): Promise<TeacherQuestion | null> {
  const m = actor.membership;
  if (actor.kind !== 'professional' || !actor.personId || !m || !(TEACHING_ROLES as readonly string[]).includes(m.role)) return null;
  const period = teacherPeriodOf(day);
  const row = await tx
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .where('m.id', '=', m.id)
    .where('m.person_id', '=', actor.personId)
    .where('m.ended_at', 'is', null)
    .where('m.role', 'in', TEACHING_ROLES)
    .where('o.region_id', '=', actor.regionId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('case_members as cm')
          .innerJoin('cases as k', 'k.id', 'cm.case_id')
          .select('cm.id')
          .whereRef('cm.person_id', '=', 'm.person_id')
          .whereRef('cm.organisation_id', '=', 'm.organisation_id')
          .where('cm.removed_at', 'is', null)
          .where('k.status', '=', 'open')
          .where('k.region_id', '=', actor.regionId),
      ),
    )
    .select(['m.organisation_id', 'o.name'])
    .select(({ exists, selectFrom }) =>
      exists(selectFrom('survey_participations as p').select('p.kind').where('p.kind', '=', 'teacher').where('p.person_id', '=', actor.personId!).where('p.period_start', '=', period.start)).as('answered'),
    )
    .executeTakeFirst();
  if (!row || (row.answered && !opts.withAnswered)) return null;
  return {
    kind: 'teacher',
    periodStart: period.start,
    organisationId: row.organisation_id,
    answered: Boolean(row.answered),
    question: {
      id: periodQuestionId(period.start),
      kind: 'teacher',
      scaleMax: SURVEY_SCALE_MAX.teacher,
      openUntil: period.end,
      evaluatedOn: null,
      period: { from: period.start, to: period.end },
      child: null,
      organisationName: row.name,
    },
  };
}
