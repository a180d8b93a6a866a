/**
 * The thuiszitters module's public interface (the thuiszitter register, its changes and candidate
 * decisions; kernel/db/owners.ts). Other modules and the app import from here only.
 */
export { default as thuiszitterRoutes } from './routes.ts';
export { thuiszitterFacts } from './thuiszitter-facts.ts';
