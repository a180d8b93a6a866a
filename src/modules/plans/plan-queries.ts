import { sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { ageOn, today } from '../../kernel/time.ts';
import { withPlan, type PlanActor } from './plan-access.ts';
import { mayFollow, rules, subject, withChildAccess, type Subject } from '../../kernel/policy/gateway.ts';
import type { ChildPlans, PlanDetail } from '../../contracts/plans.ts';
import type { GasScore, LifeDomain } from '../../contracts/values/plans.ts';

const personName = (alias: string) => sql<string | null>`${sql.ref(`${alias}.given_name`)} || ' ' || ${sql.ref(`${alias}.family_name`)}`;

/**
 * Who wrote or rated something, for people to read: a professional's name, the parent's name (only
 * to whom the guardians data kind is granted; others read "a parent"), or "het kind/de jongere".
 */
function whoFor(guardianNames: boolean) {
  return (r: { person_name: string | null; guardian_name: string | null; by_child: boolean }) => {
    if (r.person_name) return { kind: 'professional' as const, name: r.person_name };
    if (r.guardian_name) return { kind: 'guardian' as const, name: guardianNames ? r.guardian_name : null };
    return { kind: r.by_child ? ('child' as const) : ('unknown' as const), name: null };
  };
}

export interface PlanViewOptions {
  /** Whether parents' names may be shown (the guardians data kind, the family, or who keeps the case). */
  guardianNames: boolean;
}

export async function planView(tx: Tx, planId: string, opts: PlanViewOptions = { guardianNames: true }) {
  const who = whoFor(opts.guardianNames);
  // The plan with everything on it in one statement: its case and child, and each part as a list.
  const plan = await tx
    .selectFrom('plans as pl')
    .innerJoin('cases as k', 'k.id', 'pl.case_id')
    .innerJoin('children as c', 'c.id', 'pl.child_id')
    .innerJoin('organisations as o', 'o.id', 'k.organisation_id')
    .innerJoin('people as cm', 'cm.id', 'k.case_manager_person_id')
    .where('pl.id', '=', planId)
    .select((eb) => [
      'pl.id',
      'pl.version',
      'pl.case_id',
      'k.title',
      'k.status',
      'k.next_evaluation_on',
      'k.opened_on',
      'c.id as child_id',
      'c.given_name',
      'c.family_name',
      'c.birth_date',
      'o.name as school',
      personName('cm').as('case_manager_name'),
      jsonArrayFrom(
        eb
          .selectFrom('plan_goals as g')
          .leftJoin('people as p', 'p.id', 'g.added_by_person_id')
          .leftJoin('guardians as gu', 'gu.id', 'g.added_by_guardian_id')
          .whereRef('g.plan_id', '=', 'pl.id')
          .select(['g.id', 'g.life_domain', 'g.description', 'g.expected_outcome', 'g.in_family_words', 'g.added_by_child as by_child', personName('p').as('person_name'), personName('gu').as('guardian_name')])
          .orderBy('g.created_at')
          .orderBy('g.id')
          // Written only through addGoal, whose body the contract checks against LIFE_DOMAINS.
          .$narrowType<{ life_domain: LifeDomain }>(),
      ).as('goals'),
      jsonArrayFrom(
        eb
          .selectFrom('plan_actions as a')
          .innerJoin('plan_goals as g', 'g.id', 'a.goal_id')
          .leftJoin('people as p', 'p.id', 'a.owner_person_id')
          .leftJoin('organisations as ao', 'ao.id', 'a.owner_organisation_id')
          .whereRef('g.plan_id', '=', 'pl.id')
          .select(['a.id', 'a.goal_id', 'a.description', 'a.deadline', 'a.owner_family', 'ao.name as organisation_name', personName('p').as('person_name')])
          .orderBy('a.created_at')
          .orderBy('a.id'),
      ).as('actions'),
      jsonArrayFrom(
        eb
          .selectFrom('goal_evaluations as e')
          .innerJoin('plan_goals as g', 'g.id', 'e.goal_id')
          .leftJoin('people as p', 'p.id', 'e.rated_by_person_id')
          .leftJoin('guardians as gu', 'gu.id', 'e.rated_by_guardian_id')
          .whereRef('g.plan_id', '=', 'pl.id')
          .select(['e.id', 'e.goal_id', 'e.score', 'e.evaluated_on', 'e.comment', 'e.corrects_evaluation_id', 'e.correction_reason', 'e.rated_by_child as by_child', personName('p').as('person_name'), personName('gu').as('guardian_name')])
          .orderBy('e.evaluated_on')
          .orderBy('e.created_at')
          .orderBy('e.id')
          // Written only through evaluateGoal and correctEvaluation, which accept −2 … +2.
          .$narrowType<{ score: GasScore }>(),
      ).as('evaluations'),
      jsonObjectFrom(eb.selectFrom('plan_opp_versions as v').selectAll('v').whereRef('v.plan_id', '=', 'pl.id').orderBy('v.recorded_at', 'desc').limit(1)).as('opp'),
      jsonArrayFrom(
        eb
          .selectFrom('plan_agreements as a')
          .leftJoin('guardians as gu', 'gu.id', 'a.guardian_id')
          .whereRef('a.plan_id', '=', 'pl.id')
          .select(['a.id', 'a.kind', 'a.agreed', 'a.on_date', 'a.note', 'a.opp_version_id', personName('gu').as('guardian_name')])
          .orderBy('a.recorded_at')
          .orderBy('a.id'),
      ).as('agreements'),
      jsonArrayFrom(
        eb
          .selectFrom('plan_comments as pc')
          .leftJoin('people as p', 'p.id', 'pc.author_person_id')
          .leftJoin('guardians as gu', 'gu.id', 'pc.author_guardian_id')
          .whereRef('pc.plan_id', '=', 'pl.id')
          .select(['pc.id', 'pc.goal_id', 'pc.text', 'pc.created_at', 'pc.author_child as by_child', personName('p').as('person_name'), personName('gu').as('guardian_name')])
          .orderBy('pc.created_at')
          .orderBy('pc.id'),
      ).as('comments'),
      jsonArrayFrom(
        eb
          .selectFrom('plan_observations as ob')
          .innerJoin('people as p', 'p.id', 'ob.author_person_id')
          .whereRef('ob.plan_id', '=', 'pl.id')
          .select(['ob.id', 'ob.goal_id', 'ob.effect', 'ob.text', 'ob.observed_on', personName('p').as('person_name')])
          .orderBy('ob.observed_on', 'desc')
          .orderBy('ob.id'),
      ).as('observations'),
    ])
    .executeTakeFirstOrThrow();
  const { goals, actions, evaluations, opp, agreements, comments, observations } = plan;
  // Each evaluation that was corrected, and by which correction (one each: a unique index).
  const correctedBy = new Map(evaluations.filter((e) => e.corrects_evaluation_id).map((e) => [e.corrects_evaluation_id!, e.id]));
  const day = today();
  return {
    id: plan.id,
    version: plan.version,
    caseId: plan.case_id,
    title: plan.title,
    status: plan.status,
    openedOn: plan.opened_on,
    nextEvaluationOn: plan.next_evaluation_on,
    evaluationDue: plan.status === 'open' && plan.next_evaluation_on <= day,
    child: { id: plan.child_id, givenName: plan.given_name, familyName: plan.family_name, age: ageOn(plan.birth_date, day) },
    school: plan.school,
    caseManagerName: plan.case_manager_name,
    goals: goals.map((g) => {
      const evs = evaluations.filter((e) => e.goal_id === g.id);
      const latest = evs.filter((e) => !correctedBy.has(e.id)).at(-1);
      return {
        id: g.id,
        lifeDomain: g.life_domain,
        description: g.description,
        expectedOutcome: g.expected_outcome,
        inFamilyWords: g.in_family_words,
        addedBy: who(g),
        actions: actions.filter((a) => a.goal_id === g.id).map((a) => ({ id: a.id, description: a.description, deadline: a.deadline, ownerFamily: a.owner_family, owner: a.owner_family ? 'Gezin' : (a.person_name ?? a.organisation_name) })),
        evaluations: evs.map((e) => ({
          id: e.id,
          score: e.score,
          evaluatedOn: e.evaluated_on,
          comment: e.comment,
          ratedBy: who(e),
          corrects: e.corrects_evaluation_id,
          correctionReason: e.correction_reason,
          correctedBy: correctedBy.get(e.id) ?? null,
        })),
        // The latest evaluation that counts: a corrected one gives way to its correction.
        latestScore: latest?.score ?? null,
        latestCorrected: !!latest?.corrects_evaluation_id,
      };
    }),
    opp: opp
      ? { versionId: opp.id, exitProfile: opp.exit_profile, exitGrounds: opp.exit_grounds, hinderingFactors: opp.hindering_factors, supportingFactors: opp.supporting_factors, support: opp.support, deviations: opp.deviations, recordedAt: new Date(opp.recorded_at).toISOString() }
      : null,
    agreements: agreements.map((a) => ({ id: a.id, kind: a.kind, agreed: a.agreed, onDate: a.on_date, note: a.note, guardianName: opts.guardianNames ? a.guardian_name : null, forCurrentOpp: a.opp_version_id === opp?.id })),
    comments: comments.map((c) => ({ id: c.id, goalId: c.goal_id, text: c.text, at: new Date(c.created_at).toISOString(), author: who(c) })),
    observations: observations.map((o) => ({ id: o.id, goalId: o.goal_id, effect: o.effect, text: o.text, observedOn: o.observed_on, authorName: o.person_name })),
  };
}

export type PlanView = Awaited<ReturnType<typeof planView>>;

/** The plan of subject.plan(id), or of subject.case(id) (the case's plan). */
export function getPlan(database: Database, actor: Actor, of: Subject): Promise<PlanDetail> {
  return withPlan(database, actor, of, 'plan.read', { kind: 'plan', who: 'any', require: actor.kind === 'professional' ? 'team' : undefined }, async (p) => {
    const view = await planView(p.tx, p.plan.id, { guardianNames: guardianNamesFor(p) });
    // The case's status, read with the plan (the status of its case).
    const open = view.status === 'open';
    const onTeam = actor.kind === 'professional' && (p.isOwner || p.isManager || p.isMember);
    return {
      ...view,
      /** What this user may do here, so screens offer only what the server will accept. */
      can: {
        addGoal: open && (onTeam || !!p.family),
        addAction: open && onTeam,
        evaluate: onTeam || !!p.family,
        correctEvaluation: onTeam || !!p.family,
        comment: onTeam || !!p.family,
        observe: onTeam,
        writeOpp: open && p.isOwner,
        recordAgreement: p.isOwner,
        markEvaluated: open && onTeam,
        // The links on the plan page, with the rules of the pages behind them: the family reads the
        // plan in the portal, not the case; a consent may cover the plan without the child's identity.
        openChild: await mayFollow(p.tx, actor, subject.child(p.plan.child_id), rules.childData('identity'), p.access),
        openCase: actor.kind === 'professional' && (await mayFollow(p.tx, actor, subject.case(p.plan.case_id), rules.readCase(), p.access)),
      },
    };
  });
}

/** Parents' names on the plan: for the family, who keeps the case, and a consent covering guardians. */
export const guardianNamesFor = (p: Pick<PlanActor, 'isOwner' | 'isManager' | 'family' | 'kinds'>) => p.isOwner || p.isManager || !!p.family || p.kinds.has('guardians');

/**
 * The plans of a child's cases, for whoever may see the plan (the family in the portal, too). Who
 * sees the plan through a consent sees only the plans of the cases those consents were given in.
 */
export async function childPlans(database: Database, actor: Actor, childId: string): Promise<ChildPlans> {
  return withChildAccess(database, actor, childId, 'plan', 'child.plans.read', async ({ tx, grants }) => {
    const standing = grants.some((g) => g.caseId === null && g.kinds.includes('plan'));
    const cases = grants.filter((g) => g.caseId !== null && g.kinds.includes('plan')).map((g) => g.caseId!);
    let q = tx.selectFrom('plans as pl').innerJoin('cases as k', 'k.id', 'pl.case_id').where('pl.child_id', '=', childId);
    if (!standing) q = q.where('k.id', 'in', cases.length ? cases : ['00000000-0000-0000-0000-000000000000']);
    const rows = await q.select(['pl.id', 'k.title', 'k.status', 'k.next_evaluation_on']).orderBy('k.opened_at', 'desc').execute();
    return { items: rows.map((r) => ({ id: r.id, title: r.title, status: r.status, nextEvaluationOn: r.next_evaluation_on })) };
  });
}
