import type { RouteObject } from 'react-router';
import { AbsenceImportPage } from './pages/AbsenceImportPage.tsx';
import { EarlyWarningPage } from './pages/EarlyWarningPage.tsx';
import { EarlyWarningSettingsPage } from './pages/EarlyWarningSettingsPage.tsx';
import { AbsenceReportsPage } from './pages/AbsenceReportsPage.tsx';
import { AbsenceReportPage } from './pages/AbsenceReportPage.tsx';
import { AbsenceEntryPage } from './pages/AbsenceEntryPage.tsx';
import { AttendanceWorkspacePage } from './pages/AttendanceWorkspacePage.tsx';
import { CARE_ROLES, CASE_ROLES, CHILD_LIST_ROLES, SIGNAL_ROLES } from './roles.ts';
import { Layout } from './components/Layout.tsx';
import { NotFoundPage, RequireRole, RequireSession } from './components/Guards.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { TotpEnrolPage } from './pages/TotpEnrolPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { ChildrenListPage } from './pages/ChildrenListPage.tsx';
import { ChildPage } from './pages/ChildPage.tsx';
import { ChildAccessLogPage } from './pages/ChildAccessLogPage.tsx';
import { OrganisationsPage } from './pages/OrganisationsPage.tsx';
import { PeoplePage } from './pages/PeoplePage.tsx';
import { AccessLogPage } from './pages/AccessLogPage.tsx';
import { RaiseSignalPage } from './pages/RaiseSignalPage.tsx';
import { SignalQueuePage } from './pages/SignalQueuePage.tsx';
import { MySignalsPage } from './pages/MySignalsPage.tsx';
import { SignalPage } from './pages/SignalPage.tsx';
import { CasesListPage } from './pages/CasesListPage.tsx';
import { CasePage } from './pages/CasePage.tsx';
import { PlanPage } from './pages/PlanPage.tsx';
import { CalendarSchoolPage } from './pages/CalendarSchoolPage.tsx';
import { CalendarAdminPage } from './pages/CalendarAdminPage.tsx';
import { SCHOOL_CALENDAR_ROLES } from './pages/CalendarShared.tsx';
import { ThuiszittersPage } from './pages/ThuiszittersPage.tsx';
import { ThuiszitterPage } from './pages/ThuiszitterPage.tsx';
import { ThuiszitterCandidatesPage } from './pages/ThuiszitterCandidatesPage.tsx';
import { ThuiszitterRegisterPage } from './pages/ThuiszitterRegisterPage.tsx';
import { ThuiszitterEscalationPage } from './pages/ThuiszitterEscalationPage.tsx';
import { ThuiszitterCountsPage } from './pages/ThuiszitterCountsPage.tsx';
import { setupRoutes } from './pages/setup/routes.tsx';
import { publicStaffRoutes, staffRoutes } from './pages/staff/routes.tsx';
import { pupilRoutes } from './pages/pupils/routes.tsx';
import { roleGrantRoutes } from './pages/roles/routes.tsx';
import { CANDIDATE_ROLES, COUNT_ROLES, ESCALATION_ROLES, THUISZITTER_ROLES } from './pages/ThuiszitterShared.tsx';

/** URLs are Dutch (the users' language); the server falls back to index.html for each of them. */
export const routes: RouteObject[] = [
  { path: '/inloggen', element: <SignInPage /> },
  { path: '/tweestapsverificatie', element: <TotpEnrolPage /> },
  ...publicStaffRoutes,
  {
    element: <RequireSession />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'kinderen',
            element: (
              <RequireRole roles={CHILD_LIST_ROLES}>
                <ChildrenListPage />
              </RequireRole>
            ),
          },
          {
            path: 'kinderen/:id',
            element: (
              <RequireRole roles={CHILD_LIST_ROLES}>
                <ChildPage />
              </RequireRole>
            ),
          },
          {
            path: 'kinderen/:id/toegangslog',
            element: (
              <RequireRole roles={['guardian', 'youth', 'privacy_officer']}>
                <ChildAccessLogPage />
              </RequireRole>
            ),
          },
          {
            path: 'kinderen/:id/signaal',
            element: (
              <RequireRole roles={SIGNAL_ROLES}>
                <RaiseSignalPage />
              </RequireRole>
            ),
          },
          {
            path: 'signalen',
            element: (
              <RequireRole roles={CARE_ROLES}>
                <SignalQueuePage />
              </RequireRole>
            ),
          },
          {
            path: 'verzuim/signalering',
            element: (
              <RequireRole roles={CARE_ROLES}>
                <EarlyWarningPage />
              </RequireRole>
            ),
          },
          {
            path: 'verzuim/importeren',
            element: (
              <RequireRole roles={CARE_ROLES}>
                <AbsenceImportPage />
              </RequireRole>
            ),
          },
          {
            path: 'verzuim/meldingen',
            element: (
              <RequireRole roles={CARE_ROLES}>
                <AbsenceReportsPage />
              </RequireRole>
            ),
          },
          {
            path: 'verzuim/meldingen/:id',
            element: (
              <RequireRole roles={CARE_ROLES}>
                <AbsenceReportPage />
              </RequireRole>
            ),
          },
          {
            path: 'verzuim/invoeren',
            element: (
              <RequireRole roles={CARE_ROLES}>
                <AbsenceEntryPage />
              </RequireRole>
            ),
          },
          {
            // The attendance officer's workspace and the reports in it (same page as the school's, own follow-up).
            path: 'leerplicht/meldingen',
            element: (
              <RequireRole roles={['attendance_officer']}>
                <AttendanceWorkspacePage />
              </RequireRole>
            ),
          },
          {
            path: 'leerplicht/meldingen/:id',
            element: (
              <RequireRole roles={['attendance_officer']}>
                <AbsenceReportPage />
              </RequireRole>
            ),
          },
          {
            path: 'signalen/mijn',
            element: (
              <RequireRole roles={SIGNAL_ROLES}>
                <MySignalsPage />
              </RequireRole>
            ),
          },
          {
            path: 'signalen/:id',
            element: (
              <RequireRole roles={SIGNAL_ROLES}>
                <SignalPage />
              </RequireRole>
            ),
          },
          {
            path: 'casussen',
            element: (
              <RequireRole roles={CASE_ROLES}>
                <CasesListPage />
              </RequireRole>
            ),
          },
          {
            path: 'casussen/:id',
            element: (
              <RequireRole roles={CASE_ROLES}>
                <CasePage />
              </RequireRole>
            ),
          },
          {
            // Professionals on the team and the family (parents with authority, the young person 12+).
            path: 'plannen/:id',
            element: (
              <RequireRole roles={[...CASE_ROLES, 'guardian', 'youth']}>
                <PlanPage />
              </RequireRole>
            ),
          },
          {
            path: 'schoolkalender',
            element: (
              <RequireRole roles={SCHOOL_CALENDAR_ROLES}>
                <CalendarSchoolPage />
              </RequireRole>
            ),
          },
          {
            path: 'beheer/schoolvakanties',
            element: (
              <RequireRole roles={['functional_admin']}>
                <CalendarAdminPage />
              </RequireRole>
            ),
          },
          {
            path: 'beheer/organisaties',
            element: (
              <RequireRole roles={['functional_admin']}>
                <OrganisationsPage />
              </RequireRole>
            ),
          },
          {
            path: 'beheer/verzuimsignalering',
            element: (
              <RequireRole roles={['functional_admin']}>
                <EarlyWarningSettingsPage />
              </RequireRole>
            ),
          },
          ...setupRoutes,
          ...staffRoutes,
          ...pupilRoutes,
          ...roleGrantRoutes,
          {
            path: 'beheer/mensen',
            element: (
              <RequireRole roles={['functional_admin']}>
                <PeoplePage />
              </RequireRole>
            ),
          },
          {
            path: 'thuiszitters',
            element: (
              <RequireRole roles={THUISZITTER_ROLES}>
                <ThuiszittersPage />
              </RequireRole>
            ),
          },
          {
            path: 'thuiszitters/kandidaten',
            element: (
              <RequireRole roles={CANDIDATE_ROLES}>
                <ThuiszitterCandidatesPage />
              </RequireRole>
            ),
          },
          {
            path: 'thuiszitters/registreren',
            element: (
              <RequireRole roles={['attendance_officer']}>
                <ThuiszitterRegisterPage />
              </RequireRole>
            ),
          },
          {
            path: 'thuiszitters/escalatie',
            element: (
              <RequireRole roles={ESCALATION_ROLES}>
                <ThuiszitterEscalationPage />
              </RequireRole>
            ),
          },
          {
            path: 'thuiszitters/cijfers',
            element: (
              <RequireRole roles={COUNT_ROLES}>
                <ThuiszitterCountsPage />
              </RequireRole>
            ),
          },
          {
            // Also the SWV consultant: an entry can reach them through a case team with consent.
            path: 'thuiszitters/:id',
            element: (
              <RequireRole roles={[...THUISZITTER_ROLES, 'swv_consultant']}>
                <ThuiszitterPage />
              </RequireRole>
            ),
          },
          {
            path: 'toegangslog',
            element: (
              <RequireRole roles={['privacy_officer']}>
                <AccessLogPage />
              </RequireRole>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
