import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { ConflictError, expectUpdated, NotFoundError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { addCalendarDays } from '../../kernel/calendar/school-days.ts';
import { isIsoDate, today } from '../../kernel/time.ts';
import { subject } from '../../kernel/policy/gateway.ts';
import { withPlan, type PlanActor, type PlanNeed } from './plan-access.ts';
import { recordPlanEvaluated } from '../cases/index.ts';
import type { ActionBody, AgreementBody, CommentBody, Created, EvaluationBody, EvaluationCorrected, EvaluationCorrectionBody, GoalBody, ObservationBody, OppBody, OppRecorded, PlanEvaluated } from '../../contracts/plans.ts';

/** The life domains and observed effects: defined once, in the contract's values. */
export { EFFECTS, LIFE_DOMAINS } from '../../contracts/values/plans.ts';

const author = (actor: Actor, p: PlanActor) =>
  p.family === 'guardian' && actor.kind === 'guardian'
    ? { person: null, guardian: actor.guardianId, child: false }
    : p.family === 'child' && actor.kind === 'youth'
      ? { person: null, guardian: null, child: true }
      : { person: actor.personId, guardian: null, child: false };

/**
 * The plan of a case just opened (cases module, in its transaction): one plan per case, for the
 * whole family's goals, actions and evaluations.
 */
export async function createPlan(tx: Tx, plan: { caseId: string; childId: string; regionId: string }) {
  const row = await tx.insertInto('plans').values({ case_id: plan.caseId, child_id: plan.childId, region_id: plan.regionId }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id };
}

/**
 * Claims the next version of the plan, in the changing transaction and before anything else is
 * written: a change based on an older version throws StaleVersionError.
 */
async function claimPlan(tx: Tx, planId: string, version: number) {
  expectUpdated(await tx.updateTable('plans').set({ version: sql`version + 1` }).where('id', '=', planId).where('version', '=', version).executeTakeFirst());
  return version + 1;
}

const open = async (p: PlanActor) => {
  if (!(await p.caseIsOpen())) throw new ConflictError('Deze casus is gesloten; het plan kan niet meer worden gewijzigd.', 'case_closed');
};

export type GoalInput = GoalBody;

/** A goal: professionals on the case, and the family itself (their own goals, in their words). */
export async function addGoal(database: Database, actor: Actor, planId: string, input: GoalInput): Promise<Created> {
  return withPlan(database, actor, subject.plan(planId), 'plan.goal.add', { kind: 'plan', who: 'any', require: actor.kind === 'professional' ? 'team' : undefined }, async (p) => {
    await open(p);
    const errors: FieldError[] = [];
    if (!input.description.trim()) errors.push({ name: 'description', code: 'required', reason: 'Beschrijf het doel.' });
    if (!input.expectedOutcome.trim()) errors.push({ name: 'expectedOutcome', code: 'required', reason: 'Beschrijf wat er bereikt is als het doel gehaald is (het verwachte resultaat).' });
    if (errors.length) throw new ValidationError(errors);
    const a = author(actor, p);
    const row = await p.tx
      .insertInto('plan_goals')
      .values({
        plan_id: planId,
        life_domain: input.lifeDomain,
        description: input.description.trim(),
        expected_outcome: input.expectedOutcome.trim(),
        in_family_words: p.family ? true : !!input.inFamilyWords,
        added_by_person_id: a.person,
        added_by_guardian_id: a.guardian,
        added_by_child: a.child,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id };
  });
}

export type ActionInput = ActionBody;

/** An action towards a goal, with an owner (a person, an organisation or the family) and a deadline. */
export async function addAction(database: Database, actor: Actor, goalId: string, input: ActionInput): Promise<Created> {
  return withPlan(database, actor, subject.goal(goalId), 'plan.action.add', { kind: 'plan', who: 'professional', require: 'team' }, async (p) => {
    await open(p);
    const errors: FieldError[] = [];
    if (!input.description.trim()) errors.push({ name: 'description', code: 'required', reason: 'Beschrijf de actie.' });
    if (!input.ownerFamily && !input.ownerPersonId && !input.ownerOrganisationId) errors.push({ name: 'ownerPersonId', code: 'required', reason: 'Wie doet dit? Kies een persoon, een organisatie of het gezin.' });
    if (input.deadline && !isIsoDate(input.deadline)) errors.push({ name: 'deadline', code: 'date', reason: 'Vul een datum in als JJJJ-MM-DD.' });
    if (input.ownerPersonId) {
      const m = await p.tx.selectFrom('case_members').select('id').where('case_id', '=', p.plan.case_id).where('person_id', '=', input.ownerPersonId).where('removed_at', 'is', null).executeTakeFirst();
      if (!m) errors.push({ name: 'ownerPersonId', code: 'not_on_team', reason: 'De eigenaar van een actie zit in het team rond het kind.' });
    }
    if (errors.length) throw new ValidationError(errors);
    const row = await p.tx
      .insertInto('plan_actions')
      .values({ goal_id: goalId, description: input.description.trim(), owner_person_id: input.ownerPersonId ?? null, owner_organisation_id: input.ownerOrganisationId ?? null, owner_family: !!input.ownerFamily, deadline: input.deadline ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id };
  });
}

/**
 * The field errors of a GAS score as sent: it must be chosen (nothing is stored as "0, zoals
 * verwacht" by default) and be −2 … +2.
 */
function scoreErrors(score: number | null | undefined): FieldError[] {
  if (score === null || score === undefined) return [{ name: 'score', code: 'required', reason: 'Kies een score: hoe gaat het met dit doel?' }];
  if (!Number.isInteger(score) || score < -2 || score > 2) return [{ name: 'score', code: 'gas_range', reason: 'Een GAS-score is −2, −1, 0, +1 of +2.' }];
  return [];
}

/** What cannot be stored as an evaluation (no score, a date in the future): 400 with a field error each, in one round, like all bad input. */
const unprocessable = (errors: FieldError[]) => new ValidationError(errors);

/** Who may rate a goal, and correct a rating: the team, and the family itself. */
const rateNeed = (actor: Actor): PlanNeed => ({ kind: 'plan', who: 'any', require: actor.kind === 'professional' ? 'team' : undefined });

/** A GAS rating (doelrealisatie, −2 … +2) of a goal on a date, by whoever rated it. The score is required. */
export async function evaluateGoal(database: Database, actor: Actor, goalId: string, input: EvaluationBody): Promise<Created> {
  return withPlan(database, actor, subject.goal(goalId), 'plan.goal.evaluate', rateNeed(actor), async (p) => {
    const errors = scoreErrors(input.score);
    if (!isIsoDate(input.evaluatedOn)) errors.push({ name: 'evaluatedOn', code: 'date', reason: 'Vul een datum in als JJJJ-MM-DD.' });
    else if (input.evaluatedOn > today()) errors.push({ name: 'evaluatedOn', code: 'future', reason: 'Een evaluatie kan niet in de toekomst liggen.' });
    if (errors.length) throw unprocessable(errors);
    const a = author(actor, p);
    const row = await p.tx
      .insertInto('goal_evaluations')
      .values({ goal_id: goalId, score: input.score!, evaluated_on: input.evaluatedOn, rated_by_person_id: a.person, rated_by_guardian_id: a.guardian, rated_by_child: a.child, comment: input.comment?.trim() || null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id };
  });
}

/**
 * Corrects a mistaken GAS evaluation by appending a correction: a new evaluation of the same day
 * that points to the one it corrects, with the reason and who corrected it. The original is never
 * edited or deleted (the table is append-only); it stays in the history, marked as corrected. An
 * evaluation is corrected once; a wrong correction is corrected in its turn. Based on the plan's
 * `version` (claimed first: a stale one is a 409 before anything is written).
 */
export async function correctEvaluation(database: Database, actor: Actor, goalId: string, evaluationId: string, input: EvaluationCorrectionBody): Promise<EvaluationCorrected> {
  return withPlan(
    database,
    actor,
    subject.goal(goalId),
    'plan.goal.evaluation.correct',
    rateNeed(actor),
    async (p) => {
      const version = await claimPlan(p.tx, p.plan.id, input.version);
      const original = await p.tx.selectFrom('goal_evaluations').select(['id', 'evaluated_on', 'score']).where('id', '=', evaluationId).where('goal_id', '=', goalId).executeTakeFirst();
      if (!original) throw new NotFoundError('Deze evaluatie hoort niet bij dit doel, of bestaat niet.');
      const errors = scoreErrors(input.score);
      const reason = input.reason.trim();
      if (!reason) errors.push({ name: 'reason', code: 'required', reason: 'Schrijf waarom de evaluatie wordt gecorrigeerd.' });
      if (errors.length) throw unprocessable(errors);
      const corrected = await p.tx.selectFrom('goal_evaluations').select('id').where('corrects_evaluation_id', '=', evaluationId).executeTakeFirst();
      if (corrected) throw new ConflictError('Deze evaluatie is al gecorrigeerd. Corrigeer zo nodig de correctie.', 'already_corrected');
      const a = author(actor, p);
      const row = await p.tx
        .insertInto('goal_evaluations')
        .values({
          goal_id: goalId,
          score: input.score!,
          evaluated_on: original.evaluated_on,
          rated_by_person_id: a.person,
          rated_by_guardian_id: a.guardian,
          rated_by_child: a.child,
          comment: null,
          corrects_evaluation_id: original.id,
          correction_reason: reason,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, version };
    },
    { evaluationId },
  );
}

export type OppInput = OppBody;

/**
 * The OPP elements, as a new version (earlier versions stay), based on the plan's `version`. Only
 * the school that owns the case.
 */
export async function recordOpp(database: Database, actor: Actor, planId: string, input: OppInput): Promise<OppRecorded> {
  return withPlan(database, actor, subject.plan(planId), 'plan.opp.record', { kind: 'plan', who: 'professional', require: 'owner' }, async (p) => {
    const version = await claimPlan(p.tx, planId, input.version);
    await open(p);
    const required: [keyof OppInput, string][] = [
      ['exitProfile', 'Vul het uitstroomprofiel in.'],
      ['exitGrounds', 'Onderbouw het uitstroomprofiel.'],
      ['hinderingFactors', 'Beschrijf de belemmerende factoren.'],
      ['supportingFactors', 'Beschrijf de bevorderende factoren.'],
      ['support', 'Beschrijf de ondersteuning die de school biedt.'],
    ];
    const errors = required.filter(([k]) => !String(input[k] ?? '').trim()).map(([k, reason]) => ({ name: k, code: 'required', reason }));
    if (errors.length) throw new ValidationError(errors, 'Het OPP is niet volledig: de wet vraagt om al deze onderdelen.');
    const row = await p.tx
      .insertInto('plan_opp_versions')
      .values({
        plan_id: planId,
        exit_profile: input.exitProfile.trim(),
        exit_grounds: input.exitGrounds.trim(),
        hindering_factors: input.hinderingFactors.trim(),
        supporting_factors: input.supportingFactors.trim(),
        support: input.support.trim(),
        deviations: input.deviations?.trim() || null,
        recorded_by_person_id: actor.personId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, version };
  });
}

/** The guardians' agreement (instemming) with the OPP's action part, or that the pupil was heard. */
export async function recordAgreement(database: Database, actor: Actor, planId: string, input: AgreementBody): Promise<Created> {
  return withPlan(database, actor, subject.plan(planId), 'plan.agreement.record', { kind: 'plan', who: 'professional', require: 'owner' }, async (p) => {
    const opp = await p.tx.selectFrom('plan_opp_versions').select('id').where('plan_id', '=', planId).orderBy('recorded_at', 'desc').limit(1).executeTakeFirst();
    if (!opp) throw new ConflictError('Leg eerst het OPP vast; instemming en het horen van de leerling gaan over een OPP.', 'no_opp');
    if (!isIsoDate(input.onDate) || input.onDate > today()) throw new ValidationError([{ name: 'onDate', code: 'date', reason: 'Vul een datum in als JJJJ-MM-DD, niet in de toekomst.' }]);
    if (input.kind === 'guardian_agreement') {
      const g = input.guardianId
        ? await p.tx.selectFrom('child_guardians').select('id').where('child_id', '=', p.plan.child_id).where('guardian_id', '=', input.guardianId).where('has_authority', '=', true).executeTakeFirst()
        : undefined;
      if (!g) throw new ValidationError([{ name: 'guardianId', code: 'not_an_authority_guardian', reason: 'Instemming geeft een ouder of verzorger met gezag over dit kind.' }]);
    }
    const row = await p.tx
      .insertInto('plan_agreements')
      .values({ plan_id: planId, opp_version_id: opp.id, kind: input.kind, guardian_id: input.kind === 'guardian_agreement' ? input.guardianId! : null, agreed: input.agreed, on_date: input.onDate, note: input.note?.trim() || null, recorded_by_person_id: actor.personId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id };
  });
}

/** A goal named in a comment or an observation must be a goal of this plan (else a field error). */
async function checkGoalOfPlan(tx: Tx, planId: string, goalId: string | null | undefined) {
  if (!goalId) return;
  const g = await tx.selectFrom('plan_goals').select('id').where('id', '=', goalId).where('plan_id', '=', planId).executeTakeFirst();
  if (!g) throw new ValidationError([{ name: 'goalId', code: 'unknown_goal', reason: 'Dit doel staat niet in dit plan. Kies een doel van dit plan, of laat het leeg.' }]);
}

/** A comment on the plan or a goal, from a professional or the family. */
export async function addComment(database: Database, actor: Actor, planId: string, input: CommentBody): Promise<Created> {
  return withPlan(database, actor, subject.plan(planId), 'plan.comment.add', { kind: 'plan', who: 'any', require: actor.kind === 'professional' ? 'team' : undefined }, async (p) => {
    if (!input.text.trim()) throw new ValidationError([{ name: 'text', code: 'required', reason: 'Schrijf uw reactie.' }]);
    await checkGoalOfPlan(p.tx, planId, input.goalId);
    const a = author(actor, p);
    const row = await p.tx
      .insertInto('plan_comments')
      .values({ plan_id: planId, goal_id: input.goalId ?? null, text: input.text.trim(), author_person_id: a.person, author_guardian_id: a.guardian, author_child: a.child })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id };
  });
}

/** A teacher's short observation: does the help have effect in class? Team members only. */
export async function addObservation(database: Database, actor: Actor, planId: string, input: ObservationBody): Promise<Created> {
  return withPlan(database, actor, subject.plan(planId), 'plan.observation.add', { kind: null, who: 'professional', require: 'team' }, async (p) => {
    if (!input.text.trim()) throw new ValidationError([{ name: 'text', code: 'required', reason: 'Wat ziet u in de klas?' }]);
    const on = input.observedOn ?? today();
    if (!isIsoDate(on) || on > today()) throw new ValidationError([{ name: 'observedOn', code: 'date', reason: 'Vul een datum in als JJJJ-MM-DD, niet in de toekomst.' }]);
    await checkGoalOfPlan(p.tx, planId, input.goalId);
    const row = await p.tx
      .insertInto('plan_observations')
      .values({ plan_id: planId, goal_id: input.goalId ?? null, author_person_id: actor.personId!, organisation_id: actor.membership!.organisationId, effect: input.effect, text: input.text.trim(), observed_on: on })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id };
  });
}

/**
 * Records that the plan was evaluated and sets the next evaluation (at most a year ahead), based on
 * the plan's `version`. The date is the case's (the cases module keeps it).
 */
export async function markEvaluated(database: Database, actor: Actor, planId: string, nextEvaluationOn: string, planVersion: number): Promise<PlanEvaluated> {
  return withPlan(database, actor, subject.plan(planId), 'plan.evaluated', { kind: 'plan', who: 'professional', require: 'team' }, async (p) => {
    const version = await claimPlan(p.tx, planId, planVersion);
    await open(p);
    const day = today();
    if (!isIsoDate(nextEvaluationOn) || nextEvaluationOn <= day || nextEvaluationOn > addCalendarDays(day, 366)) {
      throw new ValidationError([{ name: 'nextEvaluationOn', code: 'evaluation_term', reason: 'Een plan wordt minstens jaarlijks geëvalueerd: kies een datum na vandaag en uiterlijk over een jaar.' }]);
    }
    await recordPlanEvaluated(p.tx, actor, p.plan.case_id, nextEvaluationOn);
    return { nextEvaluationOn, version };
  });
}
