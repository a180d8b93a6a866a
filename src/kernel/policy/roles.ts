/** Roles a person can hold at an organisation (domain.md §7). Code names; the UI translates. */
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

/**
 * Roles that see children's data (domain.md §7): every role but the functional administrator's
 * (organisations, people, settings) and the policy analyst's (aggregates only).
 */
export const CHILD_DATA_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'functional_admin' && r !== 'policy_analyst');

/** Which organisation kinds a role can be held at. */
export const ROLE_ORGANISATION_KINDS: Record<Role, readonly string[]> = {
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

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
