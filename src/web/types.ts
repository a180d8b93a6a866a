/** Shapes of the /api/v1 JSON the client reads and sends (camelCase, as the server sends them). */
import type { OrganisationKind, Role } from './roles.ts';

export type UserKind = 'professional' | 'guardian' | 'youth';

export interface Membership {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  role: Role;
}

export interface Session {
  user: { id: string; username: string; kind: UserKind; displayName: string };
  memberships: Membership[];
  activeMembershipId: string | null;
  csrfToken: string;
  totpEnrolmentRequired: boolean;
  demo: boolean;
  /** When the session ends if no request reaches the server (server clock, ISO 8601). */
  idleExpiresAt: string;
  /** When the session ends at the latest, whatever the user does (server clock, ISO 8601). */
  expiresAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface DemoAccount {
  username: string;
  role: string;
  descriptionNl: string;
  descriptionEn: string;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

export interface ChildSummary {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  age: number;
  school: { organisationId: string; name: string; groupName: string | null } | null;
}

export interface Enrolment {
  id: string;
  organisationId: string;
  organisationName: string;
  schoolType: string | null;
  brin: string | null;
  vestiging: string | null;
  groupName: string | null;
  mentorName: string | null;
  startDate: string;
  endDate: string | null;
}

export type GuardianRelation = 'parent' | 'foster_parent' | 'guardian' | 'other';

export interface Guardian {
  id: string;
  givenName: string;
  familyName: string;
  relation: GuardianRelation;
  hasAuthority: boolean;
  email: string | null;
  phone: string | null;
}

export interface ChildDetail {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  age: number;
  bsn?: string;
  residence: { gemeenteId: string; gemeenteName: string; validFrom: string } | null;
  enrolments?: Enrolment[];
  guardians?: Guardian[];
  dataKinds: string[];
  grounds: string[];
}

export interface ChildAccessLogEntry {
  seq: number;
  occurredAt: string;
  event: string;
  outcome: 'allowed' | 'denied';
  actorName: string | null;
  organisationName: string | null;
  role: string | null;
  ground: string | null;
}

export interface AccessLogEntry extends ChildAccessLogEntry {
  childId: string | null;
  username: string | null;
  ip: string | null;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  unkeyed: number;
  sealedNow: number;
  anchors: { checked: number; newest: { at: string; chainSeq: number } | null } | null;
  firstBroken?: { seq: number; code: 'missing' | 'relinked' | 'changed' | 'wrong_key' | 'unsealed' | 'anchor_mismatch' | 'truncated'; reason: string };
}

export interface Gemeente {
  id: string;
  cbsCode: string;
  name: string;
  holidayRegion: string;
}

export interface Organisation {
  id: string;
  kind: OrganisationKind;
  name: string;
  gemeenteId: string | null;
  gemeenteName: string | null;
  brin: string | null;
  vestiging: string | null;
  schoolType: string | null;
}

export interface PersonMembership {
  id: string;
  organisationId: string;
  organisationName: string;
  role: Role;
}

export interface Person {
  id: string;
  givenName: string;
  familyName: string;
  email: string | null;
  username: string | null;
  /** The account's state: invited (link not used yet), expired (link expired), active, disabled; null without an account. */
  invitationState?: 'invited' | 'expired' | 'active' | 'disabled' | null;
  memberships: PersonMembership[];
  /** What the signed-in administrator may do with this person (from the server). */
  can: { addMembership: boolean };
}

// ---------- Zorgsignalen ----------

export type SignalCategory = 'learning' | 'behaviour' | 'social_emotional' | 'home_situation' | 'health' | 'absence' | 'safety';
export type SignalUrgency = 'normal' | 'soon' | 'urgent';
export type SignalStatus = 'new' | 'watching' | 'in_school' | 'case' | 'referred' | 'closed' | 'withdrawn';
export type TriageDecision = 'keep_watching' | 'handle_in_school' | 'open_case' | 'refer_outward' | 'no_action';
export type SignalAction = TriageDecision | 'withdraw' | 'close';
export type Lateness = 'on_time' | 'late' | 'very_late';

export interface SignalTransition {
  from: SignalStatus;
  action: SignalAction;
  to: SignalStatus;
  /** Who may take it: the school's care coordinator ('care') or the signal's author. */
  by: 'care' | 'author';
}

export interface MeldcodeStep {
  step: number;
  nl: string;
  en: string;
}

/** GET /signals/meta: the workflow as data. */
export interface SignalMeta {
  categories: SignalCategory[];
  urgencies: SignalUrgency[];
  statuses: SignalStatus[];
  decisions: TriageDecision[];
  transitions: SignalTransition[];
  meldcodeSteps: MeldcodeStep[];
}

export interface Signal {
  id: string;
  child: { id: string; givenName: string; familyName: string; age: number };
  organisationId: string;
  organisationName: string;
  author: { name: string; role: string; isMe: boolean };
  category: SignalCategory;
  urgency: SignalUrgency;
  observation: string;
  parentsInformed: boolean;
  parentsNotInformedReason: string | null;
  status: SignalStatus;
  raisedAt: string;
  raisedOn: string;
  pickupDeadline: string;
  pickupSchoolDays: number;
  pickedUpOn: string | null;
  triageDecision: SignalAction | null;
  latestDecision?: SignalAction | null;
  latestReason?: string | null;
  /** The case opened from this signal (care coordinator only). */
  caseId?: string | null;
  lateness: Lateness;
  /** How the user sees it: as the school's care coordinator, or as its author. */
  access: 'care' | 'author';
}

export interface SignalEvent {
  at: string;
  personName: string | null;
  role: string | null;
  fromStatus: SignalStatus | null;
  toStatus: SignalStatus;
  decision: SignalAction | null;
  reason: string | null;
}

export interface SignalDetail extends Signal {
  history: SignalEvent[];
  /** For safety signals only: the Meldcode steps and the school's meldcode contact. */
  meldcode: { steps: MeldcodeStep[]; contact: { name: string; email: string | null }[] } | null;
}

export interface SignalCounts {
  new: number;
  overdue: number;
  veryLate: number;
  pickedUp: number;
}

export interface SignalPage extends Page<Signal> {
  counts: SignalCounts;
}

// ---------- Casussen, toestemming en het gezamenlijke plan ----------

export type CaseStatus = 'open' | 'closed';

export interface CaseListItem {
  id: string;
  /** null when the user is on the team without a consent covering their organisation. */
  title: string | null;
  child: { id: string; name: string } | null;
  status: CaseStatus;
  openedOn: string;
  nextEvaluationOn: string | null;
  evaluationDue: boolean;
  organisationName: string;
  caseManagerName: string;
  /** The case manager left the organisation they managed it for: the case waits for a new one. */
  needsCaseManager: boolean;
  limited: boolean;
}

export interface CaseTeamMember {
  id: string;
  personId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  role: string;
  /** false: no longer works for that organisation (no access through this team membership). */
  current: boolean;
}

export type ConsentStatus = 'valid' | 'withdrawn' | 'expired' | 'not_yet_valid';
export type ConsentMethod = 'written' | 'verbal' | 'portal';
export type AgeRule = 'guardians' | 'child_and_guardians' | 'child';

export interface Consent {
  id: string;
  purpose: string;
  dataKinds: string[];
  method: ConsentMethod;
  givenOn: string;
  validUntil: string;
  ageRule: AgeRule;
  status: ConsentStatus;
  withdrawnOn: string | null;
  withdrawalReason: string | null;
  recipients: { id: string; name: string }[];
  givenBy: { child: boolean; name: string | null }[];
}

export interface CaseEvent {
  at: string;
  event: string;
  personName: string | null;
  detail: Record<string, unknown> | null;
}

/** GET /cases/{id}: the limited view has only the fields up to `canManage`. */
export interface CaseDetail {
  id: string;
  planId: string | null;
  title: string | null;
  status: CaseStatus;
  openedOn: string;
  organisationName: string;
  /** current: false when the case manager no longer works for that organisation. */
  caseManager: { personId: string; organisationId: string; name: string; email: string | null; organisationName: string; current: boolean };
  /** The case waits for a new case manager (the old one left the organisation). */
  needsCaseManager: boolean;
  limited: boolean;
  dataKinds: string[];
  canManage: boolean;
  can: { assignCaseManager: boolean };
  child?: { id: string; givenName: string; familyName: string; age: number };
  nextEvaluationOn?: string;
  safetyRoute?: boolean;
  openedFromSignalId?: string | null;
  team?: CaseTeamMember[];
  consents?: Consent[];
  consentRule?: {
    rule: AgeRule;
    explanation: string;
    guardiansWithAuthority: { id: string; name: string }[];
    /** Who may withdraw a consent today: the parents with authority (under 16) and the child (from 12). */
    withdrawBy: { guardians: { id: string; name: string }[]; child: boolean };
  };
  history?: CaseEvent[];
  /** The family as participants: the parents/carers with authority and, from 12, the child. */
  family?: { guardians: string[] | null; childParticipates: boolean };
  /** Siblings' cases linked as one family; the name only when the user may see that child. */
  siblings?: { caseId: string; status: CaseStatus; childName: string | null }[];
}

export interface CaseNote {
  id: string;
  text: string;
  shared: boolean;
  at: string;
  authorName: string;
  organisationName: string;
  ownOrganisation: boolean;
}

export interface OrganisationMember {
  personId: string;
  name: string;
  email: string | null;
  role: string;
}

export type LifeDomain = 'school' | 'home_family' | 'health' | 'leisure' | 'safety' | 'future_work';
export type Effect = 'better' | 'same' | 'worse' | 'unclear';

export interface PlanAuthor {
  kind: 'professional' | 'guardian' | 'child' | 'unknown';
  name: string | null;
}

export interface PlanGoal {
  id: string;
  lifeDomain: LifeDomain;
  description: string;
  expectedOutcome: string;
  inFamilyWords: boolean;
  addedBy: PlanAuthor;
  actions: { id: string; description: string; deadline: string | null; owner: string | null; ownerFamily: boolean }[];
  evaluations: { id: string; score: number; evaluatedOn: string; comment: string | null; ratedBy: PlanAuthor }[];
  latestScore: number | null;
}

export interface Opp {
  versionId: string;
  exitProfile: string;
  exitGrounds: string;
  hinderingFactors: string;
  supportingFactors: string;
  support: string;
  deviations: string | null;
  recordedAt: string;
}

export interface PlanDetail {
  can?: { addGoal: boolean; addAction: boolean; evaluate: boolean; comment: boolean; observe: boolean; writeOpp: boolean; recordAgreement: boolean; markEvaluated: boolean };
  id: string;
  caseId: string;
  title: string;
  status: CaseStatus;
  openedOn: string;
  nextEvaluationOn: string;
  evaluationDue: boolean;
  child: { id: string; givenName: string; familyName: string; age: number };
  school: string;
  caseManagerName: string;
  goals: PlanGoal[];
  opp: Opp | null;
  agreements: { id: string; kind: 'guardian_agreement' | 'pupil_heard'; agreed: boolean; onDate: string; note: string | null; guardianName: string | null; forCurrentOpp: boolean }[];
  comments: { id: string; goalId: string | null; text: string; at: string; author: PlanAuthor }[];
  observations: { id: string; goalId: string | null; effect: Effect; text: string; observedOn: string; authorName: string | null }[];
}

export interface ChildPlanSummary {
  id: string;
  title: string;
  status: CaseStatus;
  nextEvaluationOn: string;
}
