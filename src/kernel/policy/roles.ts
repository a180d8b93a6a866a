import { ROLES, type OrganisationKind, type Role } from '../../contracts/values/registry.ts';

/** Roles a person can hold at an organisation (domain.md §7): the list is in contracts/values/registry.ts. Code names; the UI translates. */
export { ROLES, type Role };

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
} satisfies Record<Role, readonly OrganisationKind[]>;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
