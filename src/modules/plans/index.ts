/**
 * The plans module's public interface (the shared plan: goals, actions, evaluations, the OPP,
 * agreements, comments, observations, and the case notes; kernel/db/owners.ts). Other modules and
 * the app import from here only.
 */
export { default as planRoutes } from './routes.ts';
export { createPlan } from './plan-commands.ts';
export { goalFacts, oppFacts } from './plan-facts.ts';
