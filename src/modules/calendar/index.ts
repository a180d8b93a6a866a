/** The school calendar: official holidays per region, national free days, each school's own free days. */
export { default as calendarRoutes } from './routes.ts';
export { noLessonsReason, type NoLessonsReason } from './lesson-days.ts';
