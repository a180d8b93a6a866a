/**
 * The closed sets of the registry (organisations, people and their roles): plain lists, so the
 * server, the contracts and the web app share one definition. No typebox here: the web app imports
 * these at runtime. Code names; the UI translates them.
 */

/** Roles a person can hold at an organisation (domain.md §7). The policy's metadata per role lives in kernel/policy/roles.ts. */
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

/** The kinds of organisation in a region. */
export const ORGANISATION_KINDS = ['school_location', 'swv', 'gemeente', 'wijkteam', 'youth_care_provider', 'jgz', 'region_office'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Which organisation kinds a role can be held at: the registry, the imports and the admin forms use it. */
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

/*
 * School types (SCHOOL_TYPES) are in ./early-warning.ts and holiday regions (HOLIDAY_REGIONS) in
 * ./calendar.ts: one definition each.
 */

/** Where a role that sees children's data stands in the ledger (role_grants). */
export const ROLE_GRANT_STATUSES = ['pending', 'granted', 'rejected'] as const;
export type RoleGrantStatus = (typeof ROLE_GRANT_STATUSES)[number];
