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
  firstBroken?: { seq: number; code: 'missing' | 'relinked' | 'changed'; reason: string };
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
  memberships: PersonMembership[];
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
