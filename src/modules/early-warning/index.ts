/**
 * The early-warning module's public interface (the early-warning settings and lesson hours;
 * kernel/db/owners.ts). Other modules and the app import from here only.
 */
export { default as earlyWarningRoutes } from './routes.ts';
export { absenceBandFacts } from './absence-facts.ts';
