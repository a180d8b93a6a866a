/**
 * The contract of a referral from a signal (docs/requests.md, "Doorverwijzen vanuit een signaal"):
 * the care coordinator's decision "doorverwijzen" sends a request to the receiver in one step — the
 * child's open case at the school is used (or one is opened from the signal), the family's consent
 * is recorded where none in force covers the receiver, and the signal is referred with the request
 * linked. What the form needs to offer that is the referral's context.
 */
import { Day, IdParams, Nullable, OneOf, Type, Uuid, Version, type Static } from './common.ts';
import { CONSENT_METHODS, SHAREABLE_KINDS } from './values/cases.ts';
import { ConsentGivers, ConsentRule } from './cases.ts';

export { IdParams };

/** The kinds a referral from a signal can be: not a question to the school (the school refers). */
export const REFERRAL_KINDS = ['toegang', 'provider', 'swv_arrangement', 'tlv'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

/** The family's consent, given for this referral: to the receiver, for the data shared, with the goal as its purpose. */
export const ReferralConsentBody = Type.Object({ givers: ConsentGivers, method: OneOf(CONSENT_METHODS), givenOn: Day, validUntil: Day }, { additionalProperties: false });
export type ReferralConsentBody = Static<typeof ReferralConsentBody>;

export const ReferSignalBody = Type.Object(
  {
    /** The version of the signal the screen showed. */
    version: Version,
    /** The decision's reason: the teacher who raised the signal reads it. */
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    /** The title of the case opened for the referral, when the child has no open case at the school. */
    caseTitle: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    kind: OneOf(REFERRAL_KINDS),
    toOrganisationId: Uuid,
    question: Type.String({ minLength: 1, maxLength: 4000 }),
    tried: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    urgency: OneOf(['normal', 'urgent'] as const),
    goal: Type.String({ minLength: 1, maxLength: 1000 }),
    backToSchool: Type.Optional(Type.Boolean()),
    dataKinds: Type.Array(OneOf(SHAREABLE_KINDS), { minItems: 1, maxItems: SHAREABLE_KINDS.length }),
    /** Left out when a consent in force in the child's open case already covers the receiver and the data. */
    consent: Type.Optional(Nullable(ReferralConsentBody)),
  },
  { additionalProperties: false },
);
export type ReferSignalBody = Static<typeof ReferSignalBody>;

/** What the referral form needs: the case it goes into, who can give consent, and what consents in force already cover. */
export const ReferralContext = Type.Object({
  signal: Type.Object({ id: Uuid, version: Version }),
  child: Type.Object({ id: Uuid, name: Type.String() }),
  /** The child's open case at this school, which the request goes into; null: one is opened from the signal. */
  case: Nullable(Type.Object({ id: Uuid, title: Type.String() })),
  consentRule: ConsentRule,
  /** Per organisation, the data kinds a consent in force of that case lets it see. */
  covered: Type.Array(Type.Object({ organisationId: Uuid, dataKinds: Type.Array(OneOf(SHAREABLE_KINDS)) })),
  /** The title the case would get. */
  suggestedCaseTitle: Type.String(),
});
export type ReferralContext = Static<typeof ReferralContext>;

/** The referral's outcome: the request sent (its page is /verzoeken/:id) and the case it went into. */
export const ReferralResult = Type.Object({ requestId: Uuid, caseId: Uuid, caseOpened: Type.Boolean(), consentRecorded: Type.Boolean() });
export type ReferralResult = Static<typeof ReferralResult>;
