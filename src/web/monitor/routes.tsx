import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const MonitorOverviewPage = lazyPage(() => import('./MonitorOverviewPage.tsx').then((m) => m.MonitorOverviewPage));
const MonitorIndicatorPage = lazyPage(() => import('./MonitorIndicatorPage.tsx').then((m) => m.MonitorIndicatorPage));

/**
 * The regional monitor (docs/monitor.md): every indicator at a glance, and one indicator with its
 * chart and table. For whom the server gives the capability (policy analyst, SWV, school leader,
 * attendance officer); the server keeps each within the own scope.
 */
export const monitorRoutes: RouteObject[] = [pageRoute('monitor', 'monitor', MonitorOverviewPage), pageRoute('monitor/:indicator', 'monitor', MonitorIndicatorPage)];
