import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const SetupOverviewPage = lazyPage(() => import('./SetupOverviewPage.tsx').then((m) => m.SetupOverviewPage));
const SetupStepPage = lazyPage(() => import('./SetupStepPage.tsx').then((m) => m.SetupStepPage));

/** The set-up wizard's pages (children of the signed-in layout), under /beheer/inrichting. */
export const setupRoutes: RouteObject[] = [
  pageRoute('beheer/inrichting', 'administerRegion', SetupOverviewPage),
  pageRoute('beheer/inrichting/:step', 'administerRegion', SetupStepPage),
];
