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
