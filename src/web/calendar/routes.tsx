import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const CalendarSchoolPage = lazyPage(() => import('./CalendarSchoolPage.tsx').then((m) => m.CalendarSchoolPage));
const CalendarAdminPage = lazyPage(() => import('./CalendarAdminPage.tsx').then((m) => m.CalendarAdminPage));

export const calendarRoutes: RouteObject[] = [
  pageRoute('schoolkalender', 'schoolCalendar', CalendarSchoolPage),
  pageRoute('beheer/schoolvakanties', 'administerRegion', CalendarAdminPage),
];
