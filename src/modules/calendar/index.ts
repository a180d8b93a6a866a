/** The school calendar: official holidays per region, national free days, each school's own free days. */
export { default as calendarRoutes } from './routes.ts';
