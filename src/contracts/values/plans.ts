/**
 * The closed sets of the shared plan API (gezamenlijk plan): one definition, used by the server's
 * schemas and code and by the web app at runtime. Plain TypeScript, no typebox here.
 */

/** The life domains a goal belongs to (leefgebieden). */
export const LIFE_DOMAINS = ['school', 'home_family', 'health', 'leisure', 'safety', 'future_work'] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];

/** The life domains in plain Dutch, for the family (the plan as PDF). */
export const LIFE_DOMAIN_LABELS: Record<LifeDomain, string> = {
  school: 'School',
  home_family: 'Thuis en gezin',
  health: 'Gezondheid',
  leisure: 'Vrije tijd',
  safety: 'Veiligheid',
  future_work: 'Toekomst en werk',
};

/** A team member's observation: does the help have effect (in class)? */
export const EFFECTS = ['better', 'same', 'worse', 'unclear'] as const;
export type Effect = (typeof EFFECTS)[number];

/** Goal Attainment Scaling: the scores a goal is rated with (−2 … +2). */
export const GAS_SCORES = [-2, -1, 0, 1, 2] as const;
export type GasScore = (typeof GAS_SCORES)[number];

/** The GAS scores in plain Dutch, for the family (the plan as PDF). */
export const GAS_SCORE_LABELS: Record<GasScore, string> = {
  [-2]: '−2: veel minder dan we hoopten',
  [-1]: '−1: iets minder dan we hoopten',
  0: '0: zoals we hoopten',
  1: '+1: iets beter dan we hoopten',
  2: '+2: veel beter dan we hoopten',
};

/** What is recorded about the OPP: a parent's agreement (instemming) with its action part, or that the pupil was heard. */
export const AGREEMENT_KINDS = ['guardian_agreement', 'pupil_heard'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/** Who wrote or rated something in the plan. */
export const PLAN_AUTHOR_KINDS = ['professional', 'guardian', 'child', 'unknown'] as const;
export type PlanAuthorKind = (typeof PLAN_AUTHOR_KINDS)[number];
