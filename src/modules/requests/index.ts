/**
 * The requests module's public interface (requests between organisations: docs/requests.md). So
 * far the workflow and its terms as data; the tables, commands and routes follow (issue 13).
 */
export { REQUEST_TRANSITIONS, findRequestTransition, stepsFor } from './request-workflow.ts';
export { DEFAULT_REQUEST_TERMS, dueOn, termFor } from './request-terms.ts';
