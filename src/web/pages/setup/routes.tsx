import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/Guards.tsx';
import { SetupOverviewPage } from './SetupOverviewPage.tsx';
import { SetupStepPage } from './SetupStepPage.tsx';

/** The set-up wizard's pages (children of the signed-in layout), under /beheer/inrichting. */
export const setupRoutes: RouteObject[] = [
  {
    path: 'beheer/inrichting',
    element: (
      <RequireRole roles={['functional_admin']}>
        <SetupOverviewPage />
      </RequireRole>
    ),
  },
  {
    path: 'beheer/inrichting/:step',
    element: (
      <RequireRole roles={['functional_admin']}>
        <SetupStepPage />
      </RequireRole>
    ),
  },
];
