import type { RouteObject } from 'react-router';
import { AbsenceImportPage } from './pages/AbsenceImportPage.tsx';
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

/** URLs are Dutch (the users' language); the server falls back to index.html for each of them. */
export const routes: RouteObject[] = [
  { path: '/inloggen', element: <SignInPage /> },
  { path: '/tweestapsverificatie', element: <TotpEnrolPage /> },
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
            path: 'verzuim/importeren',
            element: (
              <RequireRole roles={CARE_ROLES}>
                <AbsenceImportPage />
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
            path: 'beheer/organisaties',
            element: (
              <RequireRole roles={['functional_admin']}>
                <OrganisationsPage />
              </RequireRole>
            ),
          },
          {
            path: 'beheer/mensen',
            element: (
              <RequireRole roles={['functional_admin']}>
                <PeoplePage />
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
