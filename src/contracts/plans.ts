/**
 * The contract of the shared plan API (gezamenlijk plan): goals per life domain, actions, GAS
 * evaluations, the OPP, agreements, comments, observations and the case notes. Parents' names in
 * the plan are sent only to whom the guardians data kind is granted (else null).
 */
import { Day, FileDownload, IdParams, Nullable, OneOf, StaleProblem, Timestamp, Type, Uuid, Version, type Static } from './common.ts';
import { CASE_STATUSES } from './values/cases.ts';
import { AGREEMENT_KINDS, EFFECTS, LIFE_DOMAINS, PLAN_AUTHOR_KINDS } from './values/plans.ts';

export { IdParams };

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Opt = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Nullable(t));

/* ---------- Requests ---------- */

export const GoalBody = Type.Object({ lifeDomain: OneOf(LIFE_DOMAINS), description: Text(2000), expectedOutcome: Text(2000), inFamilyWords: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type GoalBody = Static<typeof GoalBody>;

export const ActionBody = Type.Object(
  { description: Text(2000), ownerPersonId: Opt(Uuid), ownerOrganisationId: Opt(Uuid), ownerFamily: Type.Optional(Type.Boolean()), deadline: Opt(Day) },
  { additionalProperties: false },
);
export type ActionBody = Static<typeof ActionBody>;

/**
 * A GAS score as sent: −2 … +2, or nothing yet (null or left out). No default and no coercion of
 * null or "" to 0: the command refuses an evaluation without a score with a field error (422), so
 * that "0, zoals verwacht" is only stored when someone chose it.
 */
const SentScore = Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: -2, maximum: 2, description: 'De GAS-score: −2, −1, 0, +1 of +2 (verplicht)' });

export const EvaluationBody = Type.Object({ score: Type.Optional(SentScore), evaluatedOn: Day, comment: Opt(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export type EvaluationBody = Static<typeof EvaluationBody>;

/**
 * A correction of a mistaken evaluation: the right score and why. Appended as a new evaluation that
 * points to the one it corrects (which stays in the history). `version`: the plan's version the
 * correction was based on (a stale one is a 409).
 */
export const EvaluationCorrectionBody = Type.Object(
  { score: Type.Optional(SentScore), reason: Type.String({ maxLength: 1000 }), version: Version },
  { additionalProperties: false },
);
export type EvaluationCorrectionBody = Static<typeof EvaluationCorrectionBody>;

/** A goal's evaluation: `id` is the goal, `evaluationId` the evaluation. */
export const GoalEvaluationParams = Type.Object({ id: Uuid, evaluationId: Uuid });
export type GoalEvaluationParams = Static<typeof GoalEvaluationParams>;

/** A new version of the OPP, based on the plan's `version` (a stale one is a 409). */
export const OppBody = Type.Object(
  {
    exitProfile: Text(500),
    exitGrounds: Text(4000),
    hinderingFactors: Text(4000),
    supportingFactors: Text(4000),
    support: Text(4000),
    deviations: Opt(Type.String({ maxLength: 4000 })),
    version: Version,
  },
  { additionalProperties: false },
);
export type OppBody = Static<typeof OppBody>;

export const AgreementBody = Type.Object(
  { kind: OneOf(AGREEMENT_KINDS), guardianId: Opt(Uuid), agreed: Type.Boolean(), onDate: Day, note: Opt(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type AgreementBody = Static<typeof AgreementBody>;

export const CommentBody = Type.Object({ text: Text(2000), goalId: Opt(Uuid) }, { additionalProperties: false });
export type CommentBody = Static<typeof CommentBody>;

export const ObservationBody = Type.Object({ effect: OneOf(EFFECTS), text: Text(1000), goalId: Opt(Uuid), observedOn: Opt(Day) }, { additionalProperties: false });
export type ObservationBody = Static<typeof ObservationBody>;

/** `version`: the plan's version the evaluation was based on. */
export const EvaluatedBody = Type.Object({ nextEvaluationOn: Day, version: Version }, { additionalProperties: false });
export type EvaluatedBody = Static<typeof EvaluatedBody>;

export const NoteBody = Type.Object({ text: Text(10000), shared: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type NoteBody = Static<typeof NoteBody>;

/* ---------- Answers ---------- */

/** What was added: its id. */
export const Created = Type.Object({ id: Uuid });
export type Created = Static<typeof Created>;

/** The correction appended (its id) and the plan's new version. */
export const EvaluationCorrected = Type.Object({ id: Uuid, version: Version });
export type EvaluationCorrected = Static<typeof EvaluationCorrected>;

/** The new version of the OPP (its id) and the plan's new version. */
export const OppRecorded = Type.Object({ id: Uuid, version: Version });
export type OppRecorded = Static<typeof OppRecorded>;

/** Who wrote or rated something: a professional's name, a parent's name (only with the guardians data kind), or none. */
export const PlanAuthor = Type.Object({ kind: OneOf(PLAN_AUTHOR_KINDS), name: Nullable(Type.String()) });
export type PlanAuthor = Static<typeof PlanAuthor>;

export const PlanAction = Type.Object({ id: Uuid, description: Type.String(), deadline: Nullable(Day), ownerFamily: Type.Boolean(), owner: Nullable(Type.String()) });
/**
 * One evaluation in a goal's history. A correction names the evaluation it corrects (`corrects`) and
 * why (`correctionReason`; `ratedBy` is who corrected); an evaluation that was corrected names its
 * correction (`correctedBy`) and no longer counts.
 */
export const GoalEvaluation = Type.Object({
  id: Uuid,
  score: Type.Integer({ minimum: -2, maximum: 2 }),
  evaluatedOn: Day,
  comment: Nullable(Type.String()),
  ratedBy: PlanAuthor,
  corrects: Nullable(Uuid),
  correctionReason: Nullable(Type.String()),
  correctedBy: Nullable(Uuid),
});
export type GoalEvaluation = Static<typeof GoalEvaluation>;

export const PlanGoal = Type.Object({
  id: Uuid,
  lifeDomain: OneOf(LIFE_DOMAINS),
  description: Type.String(),
  expectedOutcome: Type.String(),
  inFamilyWords: Type.Boolean(),
  addedBy: PlanAuthor,
  actions: Type.Array(PlanAction),
  evaluations: Type.Array(GoalEvaluation),
  /** The score of the latest evaluation that counts (corrections replace what they correct). */
  latestScore: Nullable(Type.Integer({ minimum: -2, maximum: 2 })),
  /** Whether that latest score is a correction ("gecorrigeerd"). */
  latestCorrected: Type.Boolean(),
});
export type PlanGoal = Static<typeof PlanGoal>;

/** The latest version of the OPP. */
export const Opp = Type.Object({
  versionId: Uuid,
  exitProfile: Type.String(),
  exitGrounds: Type.String(),
  hinderingFactors: Type.String(),
  supportingFactors: Type.String(),
  support: Type.String(),
  deviations: Nullable(Type.String()),
  recordedAt: Timestamp,
});
export type Opp = Static<typeof Opp>;

export const PlanAgreement = Type.Object({ id: Uuid, kind: OneOf(AGREEMENT_KINDS), agreed: Type.Boolean(), onDate: Day, note: Nullable(Type.String()), guardianName: Nullable(Type.String()), forCurrentOpp: Type.Boolean() });
export const PlanComment = Type.Object({ id: Uuid, goalId: Nullable(Uuid), text: Type.String(), at: Timestamp, author: PlanAuthor });
export const PlanObservation = Type.Object({ id: Uuid, goalId: Nullable(Uuid), effect: OneOf(EFFECTS), text: Type.String(), observedOn: Day, authorName: Nullable(Type.String()) });

/** What this user may do on the plan, so screens offer only what the server will accept. */
export const PlanCan = Type.Object({
  addGoal: Type.Boolean(),
  addAction: Type.Boolean(),
  evaluate: Type.Boolean(),
  correctEvaluation: Type.Boolean(),
  comment: Type.Boolean(),
  observe: Type.Boolean(),
  writeOpp: Type.Boolean(),
  recordAgreement: Type.Boolean(),
  markEvaluated: Type.Boolean(),
  /** Links on the plan page, decided with the rules of the pages behind them. */
  openChild: Type.Boolean(),
  openCase: Type.Boolean(),
});
export type PlanCan = Static<typeof PlanCan>;

export const PlanDetail = Type.Object({
  id: Uuid,
  /** The plan's version, to send back with a new OPP or the evaluation of the plan. */
  version: Version,
  caseId: Uuid,
  title: Type.String(),
  status: OneOf(CASE_STATUSES),
  openedOn: Day,
  nextEvaluationOn: Day,
  evaluationDue: Type.Boolean(),
  child: Type.Object({ id: Uuid, givenName: Type.String(), familyName: Type.String(), age: Type.Integer() }),
  school: Type.String(),
  caseManagerName: Nullable(Type.String()),
  goals: Type.Array(PlanGoal),
  opp: Nullable(Opp),
  agreements: Type.Array(PlanAgreement),
  comments: Type.Array(PlanComment),
  observations: Type.Array(PlanObservation),
  can: PlanCan,
});
export type PlanDetail = Static<typeof PlanDetail>;

/** A 409 of a change of the plan: a stale version (with the plan as it is now, `current`) or another conflict (a closed case). */
export const PlanConflict = StaleProblem(PlanDetail);

export const ChildPlanSummary = Type.Object({ id: Uuid, title: Type.String(), status: OneOf(CASE_STATUSES), nextEvaluationOn: Day });
export const ChildPlans = Type.Object({ items: Type.Array(ChildPlanSummary) });
export type ChildPlans = Static<typeof ChildPlans>;

export const PlanPdf = FileDownload(['application/pdf'], 'Het plan als PDF, in gewone taal voor ouders');

export const PlanEvaluated = Type.Object({ nextEvaluationOn: Day, version: Version });
export type PlanEvaluated = Static<typeof PlanEvaluated>;

export const CaseNote = Type.Object({
  id: Uuid,
  text: Type.String(),
  shared: Type.Boolean(),
  at: Timestamp,
  authorName: Type.String(),
  organisationName: Type.String(),
  /** Written by someone of the organisation the user acts for. */
  ownOrganisation: Type.Boolean(),
});
export const CaseNotes = Type.Object({ items: Type.Array(CaseNote) });
export type CaseNotes = Static<typeof CaseNotes>;
