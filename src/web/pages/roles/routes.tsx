import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/Guards.tsx';
import { RoleGrantsPage } from './RoleGrantsPage.tsx';

/** Roles that see children's data: approved by a second administrator, read by the privacy officer. */
export const roleGrantRoutes: RouteObject[] = [
  {
    path: 'beheer/rollen',
    element: (
      <RequireRole roles={['functional_admin', 'privacy_officer']}>
        <RoleGrantsPage />
      </RequireRole>
    ),
  },
];
