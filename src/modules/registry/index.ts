/**
 * The registry module's public interface (gemeenten, organisations, people, memberships, role
 * grants; kernel/db/owners.ts). Other modules, the app and the CLI import from here only.
 */
export { default as registryRoutes } from './routes.ts';
export { PROVINCES, USERNAME_PATTERN } from './registry-commands.ts';
export { grantRoles } from './role-grants.ts';
export { createPeople, renamePeople, endMembershipsAt } from './import-writes.ts';
