/**
 * Roles and organisation kinds as the client needs them. Mirrors src/kernel/policy/roles.ts
 * (kept apart so that the browser bundle never pulls in server code); the server stays the judge.
 */
export const ROLES = [
  'functional_admin',
  'privacy_officer',
  'teacher',
  'mentor',
  'intern_begeleider',
  'care_coordinator',
  'school_leader',
  'youth_care_worker',
  'wijkteam_worker',
  'swv_consultant',
  'attendance_officer',
  'policy_analyst',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = [
  'school_location',
  'swv',
  'gemeente',
  'wijkteam',
  'youth_care_provider',
  'jgz',
  'region_office',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const SCHOOL_TYPES = ['po', 'so', 'sbo', 'vo', 'vso', 'mbo'] as const;

/** Which organisation kinds a role can be held at (as the server checks it). */
export const ROLE_ORGANISATION_KINDS: Record<Role, readonly OrganisationKind[]> = {
  functional_admin: ['region_office', 'swv', 'gemeente'],
  privacy_officer: ['region_office', 'swv', 'gemeente'],
  teacher: ['school_location'],
  mentor: ['school_location'],
  intern_begeleider: ['school_location'],
  care_coordinator: ['school_location'],
  school_leader: ['school_location'],
  youth_care_worker: ['youth_care_provider'],
  wijkteam_worker: ['wijkteam'],
  swv_consultant: ['swv'],
  attendance_officer: ['gemeente'],
  policy_analyst: ['gemeente', 'swv', 'region_office'],
};

export function rolesForOrganisationKind(kind: OrganisationKind | undefined): Role[] {
  if (!kind) return [...ROLES];
  return ROLES.filter((r) => ROLE_ORGANISATION_KINDS[r].includes(kind));
}

/** Who the user acts as: the role of the active membership, or the portal kind of the account. */
export type ActorRole = Role | 'guardian' | 'youth';

/** Roles that see individual children through a relation (domain.md §7). */
export const CHILD_LIST_ROLES: readonly ActorRole[] = [
  'teacher',
  'mentor',
  'intern_begeleider',
  'care_coordinator',
  'attendance_officer',
  'guardian',
  'youth',
];

/** Roles that raise zorgsignalen about pupils and follow what became of them (signals module). */
export const SIGNAL_ROLES: readonly ActorRole[] = ['teacher', 'mentor', 'intern_begeleider', 'care_coordinator'];

/** The school's care roles: they triage the signals of their school location (the queue). */
export const CARE_ROLES: readonly ActorRole[] = ['intern_begeleider', 'care_coordinator'];

/** Everyone who can be on the team around a child (cases module): "Casussen" in the navigation. */
export const CASE_ROLES: readonly ActorRole[] = [
  'intern_begeleider',
  'care_coordinator',
  'youth_care_worker',
  'wijkteam_worker',
  'swv_consultant',
  'attendance_officer',
  'teacher',
  'mentor',
];
