import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const AbsenceImportPage = lazyPage(() => import('./AbsenceImportPage.tsx').then((m) => m.AbsenceImportPage));
const AbsenceReportsPage = lazyPage(() => import('./AbsenceReportsPage.tsx').then((m) => m.AbsenceReportsPage));
const AbsenceReportPage = lazyPage(() => import('./AbsenceReportPage.tsx').then((m) => m.AbsenceReportPage));
const AbsenceEntryPage = lazyPage(() => import('./AbsenceEntryPage.tsx').then((m) => m.AbsenceEntryPage));
const AttendanceWorkspacePage = lazyPage(() => import('./AttendanceWorkspacePage.tsx').then((m) => m.AttendanceWorkspacePage));

/** The school's absence (entry, import, legal reports) and the attendance officer's workspace. */
export const absenceRoutes: RouteObject[] = [
  pageRoute('verzuim/importeren', 'schoolAbsence', AbsenceImportPage),
  pageRoute('verzuim/meldingen', 'schoolAbsence', AbsenceReportsPage),
  pageRoute('verzuim/meldingen/:id', 'schoolAbsence', AbsenceReportPage),
  pageRoute('verzuim/invoeren', 'schoolAbsence', AbsenceEntryPage),
  // The attendance officer's workspace and the reports in it (same page as the school's, own follow-up).
  pageRoute('leerplicht/meldingen', 'attendanceWorkspace', AttendanceWorkspacePage),
  pageRoute('leerplicht/meldingen/:id', 'attendanceWorkspace', AbsenceReportPage),
];
