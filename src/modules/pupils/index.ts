/**
 * The pupils module's public interface: the pupil and guardian imports from the school's
 * administration and the probable leavers (it owns no table: it writes through the children module
 * and kernel/files). Other modules, the app and the CLI import from here only; the onboarding
 * benchmark and the screenshot script call the imports directly.
 */
export { default as pupilsRoutes } from './routes.ts';
export { previewPupilImport, commitPupilImport } from './pupil-import.ts';
export { previewGuardianImport, commitGuardianImport } from './guardian-import.ts';
