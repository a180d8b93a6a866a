/**
 * The signals module's public interface (zorgsignalen, their history and the pick-up terms;
 * kernel/db/owners.ts: signals, signal_events, deadline_rules). Other modules and the app import
 * from here only.
 */
export { default as signalRoutes } from './routes.ts';
export { transitionSignal } from './signal-commands.ts';
export { getSignal } from './signal-queries.ts';
export { notifyPeople } from './notifications.ts';
export { sendDigests } from './notification-preferences.ts';
export { signalsToPickUp } from './signal-worklist.ts';
export { signalFacts } from './signal-facts.ts';
export { findTransition } from './signal-workflow.ts';
export { isUrgentSignal, pickupDeadline, pickupTerm } from './signal-deadlines.ts';
