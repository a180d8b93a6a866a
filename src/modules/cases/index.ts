/**
 * The cases module's public interface (cases, their team, history, consents and emergency access;
 * kernel/db/owners.ts). Other modules and the app import from here only.
 */
export { default as caseRoutes } from './routes.ts';
export { evaluationsDue } from './case-worklist.ts';
export { recordPlanEvaluated, openCaseIn, recordConsentIn } from './case-commands.ts';
export { caseToSendFrom, consentCoverage, consentRuleOfChild, openCaseKeptBy } from './case-queries.ts';
export { remindEvaluations } from './evaluation-reminders.ts';
export { signalCaseFacts, planEvaluationFacts } from './case-facts.ts';
export { ageRuleOn } from './consent-rules.ts';
