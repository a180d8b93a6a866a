/**
 * The requests module's public interface (requests between organisations: docs/requests.md): its
 * routes, the workflow and its terms as data.
 */
export { default as requestRoutes } from './routes.ts';
export { REQUEST_TRANSITIONS, findRequestTransition, stepsFor } from './request-workflow.ts';
export { DEFAULT_REQUEST_TERMS, dueOn, termFor } from './request-terms.ts';
export { requestsWaitingOn } from './request-worklist.ts';
export { moveRequestsOfCase } from './request-transfer.ts';
export { remindOverdueRequests, sendRequestIn } from './request-commands.ts';
export { observationsAsked } from './request-observations.ts';
export { requestFacts, outflowFacts } from './request-facts.ts';
