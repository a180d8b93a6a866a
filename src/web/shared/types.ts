/**
 * The shapes of the /api/v1 JSON the client reads, as the contracts (src/contracts) declare them:
 * `Contract<typeof Schema>` is what arrives on the wire (Dates as ISO strings). Nothing is written
 * out here by hand; a screen may also import a contract's type where it is used. Enumerations are
 * in src/contracts/values/.
 */
import type { Contract } from '../../contracts/common.ts';
import type { ChainVerification as ChainVerificationSchema, AccessLogEntry as AccessLogEntrySchema, AccessLogPage as AccessLogPageSchema } from '../../contracts/audit.ts';
import type {
  CaseEvent as CaseEventSchema,
  CaseListItem as CaseListItemSchema,
  CaseTeamMember as CaseTeamMemberSchema,
  CaseView,
  Consent as ConsentSchema,
} from '../../contracts/cases.ts';
import type {
  ChildAccessLogEntry as ChildAccessLogEntrySchema,
  ChildAccessLogPage as ChildAccessLogPageSchema,
  ChildDetail as ChildDetailSchema,
  ChildPage as ChildPageSchema,
  ChildSummary as ChildSummarySchema,
  Enrolment as EnrolmentSchema,
  Guardian as GuardianSchema,
} from '../../contracts/children.ts';
import type { DemoAccount as DemoAccountSchema } from '../../contracts/health.ts';
import type {
  CaseNote as CaseNoteSchema,
  ChildPlanSummary as ChildPlanSummarySchema,
  Opp as OppSchema,
  PlanAuthor as PlanAuthorSchema,
  PlanDetail as PlanDetailSchema,
  PlanGoal as PlanGoalSchema,
} from '../../contracts/plans.ts';
import type {
  Gemeente as GemeenteSchema,
  Organisation as OrganisationSchema,
  OrganisationMember as OrganisationMemberSchema,
  PeoplePage as PeoplePageSchema,
  Person as PersonSchema,
  PersonMembership as PersonMembershipSchema,
} from '../../contracts/registry.ts';
import type { SessionMembership, SessionSchema, TotpSetup as TotpSetupSchema } from '../../contracts/session.ts';
import type {
  MeldcodeStep as MeldcodeStepSchema,
  Signal as SignalSchema,
  SignalCounts as SignalCountsSchema,
  SignalDetail as SignalDetailSchema,
  SignalEvent as SignalEventSchema,
  SignalMeta as SignalMetaSchema,
  SignalPage as SignalPageSchema,
  SignalTransition as SignalTransitionSchema,
} from '../../contracts/signals.ts';

export type { Contract };

// ---------- Session ----------

export type { AccountKind as UserKind } from '../../contracts/values/session.ts';
export type Membership = Contract<typeof SessionMembership>;
export type Session = Contract<typeof SessionSchema>;
export type DemoAccount = Contract<typeof DemoAccountSchema>;
export type TotpSetup = Contract<typeof TotpSetupSchema>;

// ---------- Children and the access log ----------

export type { GuardianRelation } from '../../contracts/values/children.ts';
export type ChildSummary = Contract<typeof ChildSummarySchema>;
export type ChildPage = Contract<typeof ChildPageSchema>;
export type Enrolment = Contract<typeof EnrolmentSchema>;
export type Guardian = Contract<typeof GuardianSchema>;
export type ChildDetail = Contract<typeof ChildDetailSchema>;
export type ChildAccessLogEntry = Contract<typeof ChildAccessLogEntrySchema>;
export type ChildAccessLogPage = Contract<typeof ChildAccessLogPageSchema>;
export type AccessLogEntry = Contract<typeof AccessLogEntrySchema>;
export type AccessLogPage = Contract<typeof AccessLogPageSchema>;
export type ChainVerification = Contract<typeof ChainVerificationSchema>;

// ---------- The registry ----------

export type Gemeente = Contract<typeof GemeenteSchema>;
export type Organisation = Contract<typeof OrganisationSchema>;
export type OrganisationMember = Contract<typeof OrganisationMemberSchema>;
export type PersonMembership = Contract<typeof PersonMembershipSchema>;
export type Person = Contract<typeof PersonSchema>;
export type PeoplePage = Contract<typeof PeoplePageSchema>;

// ---------- Zorgsignalen ----------

export type { Lateness, SignalAction, SignalCategory, SignalStatus, SignalUrgency, TriageDecision } from '../../contracts/values/signals.ts';
export type SignalTransition = Contract<typeof SignalTransitionSchema>;
export type MeldcodeStep = Contract<typeof MeldcodeStepSchema>;
export type SignalMeta = Contract<typeof SignalMetaSchema>;
export type Signal = Contract<typeof SignalSchema>;
export type SignalEvent = Contract<typeof SignalEventSchema>;
export type SignalDetail = Contract<typeof SignalDetailSchema>;
export type SignalCounts = Contract<typeof SignalCountsSchema>;
export type SignalPage = Contract<typeof SignalPageSchema>;

// ---------- Casussen, toestemming en het gezamenlijke plan ----------

export type { AgeRule, CaseStatus, ConsentMethod, ConsentStatus } from '../../contracts/values/cases.ts';
export type CaseListItem = Contract<typeof CaseListItemSchema>;
export type CaseTeamMember = Contract<typeof CaseTeamMemberSchema>;
export type Consent = Contract<typeof ConsentSchema>;
export type CaseEvent = Contract<typeof CaseEventSchema>;
/** GET /cases/{id}: the limited view has only the fields up to `can`. */
export type CaseDetail = Contract<typeof CaseView>;
export type CaseNote = Contract<typeof CaseNoteSchema>;

export type { Effect, LifeDomain } from '../../contracts/values/plans.ts';
export type PlanAuthor = Contract<typeof PlanAuthorSchema>;
export type PlanGoal = Contract<typeof PlanGoalSchema>;
export type Opp = Contract<typeof OppSchema>;
export type PlanDetail = Contract<typeof PlanDetailSchema>;
export type ChildPlanSummary = Contract<typeof ChildPlanSummarySchema>;
