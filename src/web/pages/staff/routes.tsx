import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/Guards.tsx';
import { StaffImportPage } from './StaffImportPage.tsx';
import { StaffLeaversPage } from './StaffLeaversPage.tsx';
import { OutboxPage } from './OutboxPage.tsx';
import { InvitationPage } from './InvitationPage.tsx';

/** Staff import, leavers and the outbox (children of the signed-in layout), under /beheer. */
export const staffRoutes: RouteObject[] = [
  {
    path: 'beheer/medewerkers/importeren',
    element: (
      <RequireRole roles={['functional_admin']}>
        <StaffImportPage />
      </RequireRole>
    ),
  },
  {
    path: 'beheer/medewerkers/vertrekkers',
    element: (
      <RequireRole roles={['functional_admin']}>
        <StaffLeaversPage />
      </RequireRole>
    ),
  },
  {
    path: 'beheer/uitgaande-mail',
    element: (
      <RequireRole roles={['functional_admin']}>
        <OutboxPage />
      </RequireRole>
    ),
  },
];
/** Pages without a session: accepting an invitation (/uitnodiging/:token). */
export const publicStaffRoutes: RouteObject[] = [{ path: '/uitnodiging/:token', element: <InvitationPage /> }];
