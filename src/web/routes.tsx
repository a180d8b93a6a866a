import type { RouteObject } from 'react-router';
import { Layout } from './shared/Layout.tsx';
import { NotFoundPage, RequireSession } from './shared/Guards.tsx';
import { homeRoute, publicSessionRoutes } from './session/routes.tsx';
import { childrenRoutes } from './children/routes.tsx';
import { auditRoutes } from './audit/routes.tsx';
import { signalRoutes } from './signals/routes.tsx';
import { absenceRoutes } from './absence/routes.tsx';
import { earlyWarningRoutes } from './early-warning/routes.tsx';
import { caseRoutes } from './cases/routes.tsx';
import { requestRoutes } from './requests/routes.tsx';
import { planRoutes } from './plans/routes.tsx';
import { calendarRoutes } from './calendar/routes.tsx';
import { registryRoutes } from './registry/routes.tsx';
import { thuiszitterRoutes } from './thuiszitters/routes.tsx';
import { setupRoutes } from './setup/routes.tsx';
import { publicStaffRoutes, staffRoutes } from './staff/routes.tsx';
import { pupilRoutes } from './pupils/routes.tsx';
import { roleGrantRoutes } from './roles/routes.tsx';
import { surveyRoutes } from './surveys/routes.tsx';
import { monitorRoutes } from './monitor/routes.tsx';

/**
 * Every capability brings its own routes (its folder's routes.tsx); each page loads on demand.
 * URLs are Dutch (the users' language); the server falls back to index.html for each of them.
 */
export const routes: RouteObject[] = [
  ...publicSessionRoutes,
  ...publicStaffRoutes,
  {
    element: <RequireSession />,
    children: [
      {
        element: <Layout />,
        children: [
          homeRoute,
          ...childrenRoutes,
          ...auditRoutes,
          ...signalRoutes,
          ...absenceRoutes,
          ...earlyWarningRoutes,
          ...caseRoutes,
          ...requestRoutes,
          ...planRoutes,
          ...calendarRoutes,
          ...registryRoutes,
          ...setupRoutes,
          ...staffRoutes,
          ...pupilRoutes,
          ...roleGrantRoutes,
          ...thuiszitterRoutes,
          ...surveyRoutes,
          ...monitorRoutes,
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
