/**
 * The contract of the cases and consent API (casussen en toestemming): what each route takes and
 * what it may answer. What a user sees of a case depends on the consent, so every part of the case
 * view that belongs to a data kind (the child, the team, consents, the family, history …) is
 * optional here: the handler decides whether to send it, the schema only whitelists it.
 */
import { Day, IdParams, Nullable, OneOf, StaleProblem, Timestamp, Type, Uuid, Version, type Static } from './common.ts';
import { AGE_RULES, CASE_STATUSES, CONSENT_METHODS, CONSENT_STATUSES, INVOLVEMENTS, SHAREABLE_KINDS, VERWIJSINDEX_RISK_GROUNDS, WITHDRAWAL_METHODS, WITHDRAWN_BY } from './values/cases.ts';
import { ORGANISATION_KINDS } from './values/registry.ts';

export { IdParams };

/* ---------- Requests ---------- */

export const OpenCaseBody = Type.Object(
  {
    childId: Uuid,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    fromSignalId: Type.Optional(Nullable(Uuid)),
    reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    caseManagerPersonId: Type.Optional(Nullable(Uuid)),
    nextEvaluationOn: Type.Optional(Nullable(Day)),
  },
  { additionalProperties: false },
);
export type OpenCaseBody = Static<typeof OpenCaseBody>;

export const CaseListQuery = Type.Object({
  status: Type.Optional(OneOf(CASE_STATUSES)),
  dueForEvaluation: Type.Optional(Type.Boolean()),
  needsCaseManager: Type.Optional(Type.Boolean({ description: 'true: open cases whose case manager no longer works for the organisation they managed it for' })),
  childId: Type.Optional(Uuid),
});
export type CaseListQuery = Static<typeof CaseListQuery>;

export const CaseMemberParams = Type.Object({ id: Uuid, memberId: Uuid });
/** Taking someone off the team names the case's version it was based on (a DELETE has no body). */
export const CaseVersionQuery = Type.Object({ version: Version });
export type CaseVersionQuery = Static<typeof CaseVersionQuery>;

/** A professional at one of their organisations. */
export const PersonAt = Type.Object({ personId: Uuid, organisationId: Uuid }, { additionalProperties: false });
export type PersonAt = Static<typeof PersonAt>;

/** `version`: the case's version the change was based on (a change of the case or its team based on an older one is a 409). */
export const AddCaseMemberBody = Type.Object({ ...PersonAt.properties, version: Version }, { additionalProperties: false });
export type AddCaseMemberBody = Static<typeof AddCaseMemberBody>;

export const ConsentGivers = Type.Object({ guardianIds: Type.Array(Uuid, { maxItems: 10 }), childSelf: Type.Boolean() }, { additionalProperties: false });
export type ConsentGivers = Static<typeof ConsentGivers>;

export const RecordConsentBody = Type.Object(
  {
    purpose: Type.String({ minLength: 1, maxLength: 1000 }),
    dataKinds: Type.Array(OneOf(SHAREABLE_KINDS), { maxItems: 10 }),
    recipientOrganisationIds: Type.Array(Uuid, { maxItems: 50 }),
    givers: ConsentGivers,
    method: OneOf(CONSENT_METHODS),
    givenOn: Day,
    validUntil: Day,
  },
  { additionalProperties: false },
);
export type RecordConsentBody = Static<typeof RecordConsentBody>;

export const WithdrawConsentBody = Type.Object(
  {
    byGuardianId: Type.Optional(Nullable(Uuid)),
    byChild: Type.Optional(Type.Boolean()),
    method: Type.Optional(Nullable(OneOf(WITHDRAWAL_METHODS))),
    reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type WithdrawConsentBody = Static<typeof WithdrawConsentBody>;

/** `reason`: why the case manager changes (required; it goes into the case's history). */
export const AssignCaseManagerBody = Type.Object(
  { personId: Uuid, organisationId: Uuid, replaces: PersonAt, reason: Type.String({ maxLength: 2000 }), version: Version },
  { additionalProperties: false },
);
export type AssignCaseManagerBody = Static<typeof AssignCaseManagerBody>;

/**
 * The child changed school: the open case and its plan go to the new school (a school location in
 * the region where the child is enrolled today), whose care coordinator `toPersonId` becomes case
 * manager. Needs a consent in force of this case that names the new school.
 */
export const TransferCaseBody = Type.Object(
  { toOrganisationId: Uuid, toPersonId: Uuid, reason: Type.String({ maxLength: 2000 }), version: Version },
  { additionalProperties: false },
);
export type TransferCaseBody = Static<typeof TransferCaseBody>;

/** The day the school registered the child in the gemeente's verwijsindex (not in the future, not before the case was opened). */
export const RecordVerwijsindexBody = Type.Object({ registeredOn: Day, version: Version }, { additionalProperties: false });
export type RecordVerwijsindexBody = Static<typeof RecordVerwijsindexBody>;

export const EmergencyAccessBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
export const LinkSiblingBody = Type.Object({ caseId: Uuid, version: Version }, { additionalProperties: false });
export const CloseCaseBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }), version: Version }, { additionalProperties: false });

/* ---------- Answers ---------- */

/** One case in "my cases"; without a consent covering identity (limited) no title, child or evaluation date. */
export const CaseListItem = Type.Object({
  id: Uuid,
  title: Nullable(Type.String()),
  child: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  status: OneOf(CASE_STATUSES),
  openedOn: Day,
  nextEvaluationOn: Nullable(Day),
  evaluationDue: Type.Boolean(),
  organisationName: Type.String(),
  caseManagerName: Type.String(),
  /** The case manager left the organisation they managed it for: the case waits for a new one. */
  needsCaseManager: Type.Boolean(),
  limited: Type.Boolean(),
});
export type CaseListItem = Static<typeof CaseListItem>;

export const CaseList = Type.Object({ items: Type.Array(CaseListItem) });
export type CaseList = Static<typeof CaseList>;

export const CaseManager = Type.Object({
  personId: Uuid,
  organisationId: Uuid,
  name: Type.String(),
  email: Nullable(Type.String()),
  organisationName: Type.String(),
  /** false: the case manager no longer works for that organisation; the case waits for a new one. */
  current: Type.Boolean(),
});

export const CaseTeamMember = Type.Object({
  id: Uuid,
  personId: Uuid,
  name: Type.String(),
  organisationId: Uuid,
  organisationName: Type.String(),
  role: Type.String(),
  /** false: no longer works for that organisation (no access through this team membership). */
  current: Type.Boolean(),
});
export type CaseTeamMember = Static<typeof CaseTeamMember>;

export const Consent = Type.Object({
  id: Uuid,
  purpose: Type.String(),
  dataKinds: Type.Array(OneOf(SHAREABLE_KINDS)),
  method: OneOf(CONSENT_METHODS),
  givenOn: Day,
  validUntil: Day,
  ageRule: OneOf(AGE_RULES),
  status: OneOf(CONSENT_STATUSES),
  withdrawnOn: Nullable(Day),
  withdrawalReason: Nullable(Type.String()),
  recipients: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  /** A parent's name only to whom the guardians data kind is granted. */
  givenBy: Type.Array(Type.Object({ child: Type.Boolean(), name: Nullable(Type.String()) })),
});
export type Consent = Static<typeof Consent>;

/**
 * The consents of one child, for who may see them (the family in the portal; who keeps the case):
 * each with the case it was given in and whether this reader may withdraw it herself (the age rule today).
 */
export const ChildConsent = Type.Object({
  ...Consent.properties,
  caseTitle: Type.String(),
  can: Type.Object({ withdraw: Type.Boolean() }),
});
export type ChildConsent = Static<typeof ChildConsent>;
export const ChildConsents = Type.Object({ items: Type.Array(ChildConsent) });
export type ChildConsents = Static<typeof ChildConsents>;

const NamedGuardian = Type.Object({ id: Uuid, name: Type.String() });

/** The age rule today and who may withdraw a consent: for who keeps the case only. */
export const ConsentRule = Type.Object({
  rule: OneOf(AGE_RULES),
  explanation: Type.String(),
  guardiansWithAuthority: Type.Array(NamedGuardian),
  /** Who may withdraw a consent today: the parents with authority (under 16) and the child (from 12). */
  withdrawBy: Type.Object({ guardians: Type.Array(NamedGuardian), child: Type.Boolean() }),
});
export type ConsentRule = Static<typeof ConsentRule>;

/**
 * What a history line tells, by event; the contents of a consent only to whom the consents data
 * kind is granted (or who keeps the case), the reason of emergency access only to who keeps it.
 */
export const CaseEventDetail = Type.Object({
  /** opened */
  fromSignalId: Type.Optional(Nullable(Uuid)),
  caseManagerPersonId: Type.Optional(Uuid),
  /** case_manager_changed; transferred (`to`: the new school's care coordinator, the new case manager) */
  from: Type.Optional(PersonAt),
  to: Type.Optional(PersonAt),
  /** transferred: the school the case came from and the one it went to, and how many open requests went with it */
  fromOrganisationId: Type.Optional(Uuid),
  toOrganisationId: Type.Optional(Uuid),
  requestsMoved: Type.Optional(Type.Integer({ minimum: 0 })),
  /** verwijsindex_registered */
  registeredOn: Type.Optional(Day),
  /** member_added, member_removed */
  personId: Type.Optional(Uuid),
  organisationId: Type.Optional(Uuid),
  role: Type.Optional(Type.String()),
  /** consent_recorded, consent_withdrawn */
  consentId: Type.Optional(Uuid),
  dataKinds: Type.Optional(Type.Array(OneOf(SHAREABLE_KINDS))),
  recipients: Type.Optional(Type.Array(Uuid)),
  ageRule: Type.Optional(OneOf(AGE_RULES)),
  by: Type.Optional(OneOf(WITHDRAWN_BY)),
  method: Type.Optional(Nullable(OneOf(CONSENT_METHODS))),
  /** emergency_access, closed, case_manager_changed, transferred */
  reason: Type.Optional(Type.String()),
  expiresAt: Type.Optional(Timestamp),
  /** sibling_linked */
  caseId: Type.Optional(Uuid),
  /** opened (the first evaluation's date), plan_evaluated (the next one) */
  nextEvaluationOn: Type.Optional(Day),
});
export type CaseEventDetail = Static<typeof CaseEventDetail>;

export const CaseEvent = Type.Object({
  at: Timestamp,
  event: Type.String({
    description: 'opened, case_manager_changed, transferred, verwijsindex_registered, member_added, member_removed, consent_recorded, consent_withdrawn, emergency_access, closed, sibling_linked, plan_evaluated',
  }),
  personName: Nullable(Type.String()),
  detail: CaseEventDetail,
  /** case_manager_changed, transferred: who or which school it went from and to, in words ("Name, Organisation" or the school). */
  fromName: Type.Optional(Nullable(Type.String())),
  toName: Type.Optional(Nullable(Type.String())),
});
export type CaseEvent = Static<typeof CaseEvent>;

/**
 * An organisation involved with the case — the school that keeps it, each team member's
 * organisation, each organisation that received an open request from it — and who to contact there:
 * its team members, or else the colleague who holds the request (none: its inbox). Not a register of
 * involvement (that is the gemeente's verwijsindex): only who works with this case today.
 */
export const InvolvedOrganisation = Type.Object({
  organisationId: Uuid,
  name: Type.String(),
  kind: OneOf(ORGANISATION_KINDS),
  why: Type.Array(OneOf(INVOLVEMENTS)),
  contacts: Type.Array(
    Type.Object({
      personId: Uuid,
      name: Type.String(),
      /** The role they have there (a role key, shown with the web's labels); null when unknown. */
      role: Nullable(Type.String()),
      email: Nullable(Type.String()),
    }),
  ),
});
export type InvolvedOrganisation = Static<typeof InvolvedOrganisation>;

/**
 * The verwijsindex (Jeugdwet §7.1): when the school registered the child and who recorded it, and
 * whether to remind the team — while not registered (or the registration is older than its two
 * years) and a risk ground applies (`riskGrounds`, cases/verwijsindex.ts).
 */
export const VerwijsindexState = Type.Object({
  registeredOn: Nullable(Day),
  registeredByName: Nullable(Type.String()),
  /** The last day the registration counts (two years after it); null when not registered. */
  validUntil: Nullable(Day),
  reminder: Type.Boolean(),
  riskGrounds: Type.Array(OneOf(VERWIJSINDEX_RISK_GROUNDS)),
});
export type VerwijsindexState = Static<typeof VerwijsindexState>;

/**
 * A school the case can go to (for who may transfer it): a school location where the child is
 * enrolled today, other than the one keeping the case, with its care coordinators, and whether a
 * consent in force of this case names it (without one the transfer is refused).
 */
export const TransferTarget = Type.Object({
  organisationId: Uuid,
  name: Type.String(),
  coordinators: Type.Array(Type.Object({ personId: Uuid, name: Type.String() })),
  consentNamesIt: Type.Boolean(),
});
export type TransferTarget = Static<typeof TransferTarget>;

/**
 * One case. Everyone with a relation to the case gets the fields up to `can`; the limited view
 * (a team member without a consent covering identity) only those. The rest is sent as far as the
 * consent covers it, or to who keeps the case (the school's care coordinator, the case manager).
 */
export const CaseView = Type.Object({
  id: Uuid,
  /** The version of the case and its team, to send back with a change of either. */
  version: Version,
  planId: Nullable(Uuid),
  title: Nullable(Type.String()),
  status: OneOf(CASE_STATUSES),
  openedOn: Day,
  /** The school that keeps the case (where a question to the school goes). */
  organisationId: Uuid,
  organisationName: Type.String(),
  caseManager: CaseManager,
  /** The case waits for a new case manager (the old one left the organisation). */
  needsCaseManager: Type.Boolean(),
  limited: Type.Boolean(),
  /** Whether emergency access (Meldcode) is possible at all; no child data. */
  safetyRoute: Type.Boolean(),
  /** The data kinds this user's grants cover in this case. */
  dataKinds: Type.Array(Type.String()),
  canManage: Type.Boolean(),
  can: Type.Object({
    assignCaseManager: Type.Boolean(),
    /** The child's own page would open for this user (a consent in a case covers only the case). */
    openChild: Type.Boolean(),
    /** The signal the case was opened from would open for this user. */
    openSignal: Type.Boolean(),
    /** Send a referral or request from this open case (who keeps it: the school's care coordinator, the case manager). */
    sendRequests: Type.Boolean(),
    /** Ask the school a question from this open case (a team member of another organisation). */
    askSchool: Type.Boolean(),
    /** Transfer this open case to the child's new school (who manages it). */
    transfer: Type.Boolean(),
    /** Record the day the child was registered in the verwijsindex (who manages the open case). */
    recordVerwijsindex: Type.Boolean(),
  }),
  child: Type.Optional(Type.Object({ id: Uuid, givenName: Type.String(), familyName: Type.String(), age: Type.Integer() })),
  nextEvaluationOn: Type.Optional(Day),
  openedFromSignalId: Type.Optional(Nullable(Uuid)),
  team: Type.Optional(Type.Array(CaseTeamMember)),
  consents: Type.Optional(Type.Array(Consent)),
  consentRule: Type.Optional(ConsentRule),
  /** The family as participants: the parents/carers with authority (null: not shared) and, from 12, the child. */
  family: Type.Optional(Type.Object({ guardians: Nullable(Type.Array(Type.String())), childParticipates: Type.Boolean() })),
  /** Siblings' cases linked as one family; the name only when the user may see that child. */
  siblings: Type.Optional(Type.Array(Type.Object({ caseId: Uuid, status: OneOf(CASE_STATUSES), childName: Nullable(Type.String()), canOpen: Type.Boolean() }))),
  history: Type.Optional(Type.Array(CaseEvent)),
  /** Each organisation involved and who to contact there (not for the limited view). */
  involved: Type.Optional(Type.Array(InvolvedOrganisation)),
  /** The verwijsindex: the registration's day and the reminder (not for the limited view). */
  verwijsindex: Type.Optional(VerwijsindexState),
  /** The schools this case can go to (only with `can.transfer`). */
  transferTargets: Type.Optional(Type.Array(TransferTarget)),
});
export type CaseView = Static<typeof CaseView>;

/** A 409 of a change of the case or its team: a stale version (with the case as it is now, `current`) or another conflict. */
export const CaseConflict = StaleProblem(CaseView);

export const RecordedConsent = Type.Object({ id: Uuid, ageRule: OneOf(AGE_RULES) });
export type RecordedConsent = Static<typeof RecordedConsent>;

export const WithdrawnConsent = Type.Object({ id: Uuid, status: Type.Literal('withdrawn') });
export type WithdrawnConsent = Static<typeof WithdrawnConsent>;

export const CaseManagerAssigned = Type.Object({ caseId: Uuid, caseManager: PersonAt, version: Version });
export type CaseManagerAssigned = Static<typeof CaseManagerAssigned>;

/**
 * A case transferred to another school: where it is now, its new case manager and version. (The
 * old school no longer reads the case, so the answer is not the case view.)
 */
export const CaseTransferred = Type.Object({ caseId: Uuid, organisationId: Uuid, organisationName: Type.String(), caseManager: PersonAt, requestsMoved: Type.Integer({ minimum: 0 }), version: Version });
export type CaseTransferred = Static<typeof CaseTransferred>;

export const EmergencyAccessGranted = Type.Object({ expiresAt: Timestamp });
export type EmergencyAccessGranted = Static<typeof EmergencyAccessGranted>;
