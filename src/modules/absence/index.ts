/**
 * The absence module's public interface (absence imports and records, the legal reports to the
 * leerplicht office and their decisions and follow-ups; kernel/db/owners.ts). Other modules, the
 * app and the CLI import from here only.
 */
export { default as absenceRoutes } from './routes.ts';
export { addWorkingDays, isCompulsoryOn, lessonWeekIndex, schoolYearEnd } from './absence-rules.ts';
export { evaluateAbsenceReports } from './report-evaluation.ts';
export { absenceReportsDue } from './absence-worklist.ts';
export { absenceReportFacts } from './absence-report-facts.ts';
