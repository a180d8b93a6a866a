import { ROLE_ORGANISATION_KINDS as VALUE_ROLE_ORGANISATION_KINDS, ROLES, type Role } from '../../contracts/values/registry.ts';

/** Roles a person can hold at an organisation (domain.md §7): the list is in contracts/values/registry.ts. Code names; the UI translates. */
export { ROLES, type Role };

/**
 * Roles that see children's data (domain.md §7): every role but the functional administrator's
 * (organisations, people, settings) and the policy analyst's (aggregates only).
 */
export const CHILD_DATA_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'functional_admin' && r !== 'policy_analyst');

/**
 * Which organisation kinds a role can be held at: defined in contracts/values/registry.ts (the web
 * app's forms use it too); typed here so that any organisation's kind (a string) can be looked up.
 */
export const ROLE_ORGANISATION_KINDS: Record<Role, readonly string[]> = VALUE_ROLE_ORGANISATION_KINDS;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
