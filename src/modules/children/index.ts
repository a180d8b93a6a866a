/**
 * The children module's public interface (children, their residences, guardians, enrolments,
 * school groups and group staff; kernel/db/owners.ts). Other modules, the app and the CLI import
 * from here only.
 */
export { default as childRoutes } from './routes.ts';
export { writePupilImport, writeGuardianImport, endEnrolmentOfLeaver, assignGroupStaff } from './import-writes.ts';
export { getChild, findChildrenForAccessLog } from './child-queries.ts';
export { setStartkwalificatie } from './child-commands.ts';
