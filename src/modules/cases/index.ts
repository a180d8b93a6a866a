/**
 * The cases module's public interface (cases, their team, history, consents and emergency access;
 * kernel/db/owners.ts). Other modules and the app import from here only.
 */
export { default as caseRoutes } from './routes.ts';
export { recordPlanEvaluated } from './case-commands.ts';
