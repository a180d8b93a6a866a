/**
 * The closed sets of the cases and consent API (casussen en toestemming): one definition, used by
 * the server's schemas and code and by the web app at runtime. Plain TypeScript, no typebox here.
 */

/** The status of a case. */
export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * The kinds of a child's data a consent can cover, in the policy's order: every data kind of the
 * policy except the access log and the BSN, which are never shared by consent (the server checks
 * this list against the policy's data kinds when compiling).
 */
export const SHAREABLE_KINDS = ['identity', 'school', 'guardians', 'absence', 'signals', 'plan', 'notes', 'consents', 'thuiszitter'] as const;
export type ShareableKind = (typeof SHAREABLE_KINDS)[number];

/** How a consent was given: on paper, spoken (recorded by the case manager), or in the portal. */
export const CONSENT_METHODS = ['written', 'verbal', 'portal'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** How a withdrawal reached the case manager who records it (the family's own is 'portal'). */
export const WITHDRAWAL_METHODS = ['written', 'verbal'] as const;
export type WithdrawalMethod = (typeof WITHDRAWAL_METHODS)[number];

/** Where a consent stands today. */
export const CONSENT_STATUSES = ['valid', 'withdrawn', 'expired', 'not_yet_valid'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/**
 * Who must consent to sharing a child's data (Jeugdwet 7.3.4, 7.3.5, 7.3.15; domain.md §6):
 * under 12 the parents with authority; 12 to 15 both the child and the parents with authority;
 * 16 and over the young person alone.
 */
export const AGE_RULES = ['guardians', 'child_and_guardians', 'child'] as const;
export type AgeRule = (typeof AGE_RULES)[number];

/** The age rule in plain Dutch, as the case view explains it. */
export const AGE_RULE_TEXT: Record<AgeRule, string> = {
  guardians: 'Het kind is jonger dan 12: de ouders of verzorgers met gezag geven toestemming.',
  child_and_guardians: 'Het kind is 12 tot en met 15 jaar: het kind én de ouders of verzorgers met gezag geven toestemming.',
  child: 'De jongere is 16 of ouder: de jongere beslist zelf; toestemming van de ouders is niet nodig en telt niet in zijn of haar plaats.',
};

/** Who withdrew a consent, as a case event tells it. */
export const WITHDRAWN_BY = ['child', 'guardian'] as const;
export type WithdrawnBy = (typeof WITHDRAWN_BY)[number];

/**
 * Why a risk ground for the verwijsindex applies to an open case (Jeugdwet art. 7.1.4.1; domain.md
 * §6): it follows the safety route (Meldcode), a referral or request went to the wijkteam, the
 * gemeente's access to youth care or a youth care provider, or a professional of an organisation
 * other than a school is on the team. The server decides (cases/verwijsindex.ts); the screens name it.
 */
export const VERWIJSINDEX_RISK_GROUNDS = ['safety_route', 'care_request', 'partner_on_team'] as const;
export type VerwijsindexRiskGround = (typeof VERWIJSINDEX_RISK_GROUNDS)[number];

/** Why an organisation is involved with a case: it keeps the case (the school), it is on the team, or it received an open request. */
export const INVOLVEMENTS = ['school', 'team', 'request'] as const;
export type Involvement = (typeof INVOLVEMENTS)[number];
