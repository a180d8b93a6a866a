/**
 * The surveys module's public interface (issue 14, docs/monitor-satisfaction.md): the satisfaction
 * questions to parents, young people and teachers, their anonymous answers, and the facts the
 * regional monitor reads of them.
 */
export { default as surveyRoutes } from './routes.ts';
export { satisfactionFacts, openAnswers, SATISFACTION_INDICATOR, SATISFACTION_MEASURES, type OpenAnswersSelection } from './survey-facts.ts';
