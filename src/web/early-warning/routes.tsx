import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const EarlyWarningPage = lazyPage(() => import('./EarlyWarningPage.tsx').then((m) => m.EarlyWarningPage));
const EarlyWarningSettingsPage = lazyPage(() => import('./EarlyWarningSettingsPage.tsx').then((m) => m.EarlyWarningSettingsPage));

export const earlyWarningRoutes: RouteObject[] = [
  pageRoute('verzuim/signalering', 'schoolAbsence', EarlyWarningPage),
  pageRoute('beheer/verzuimsignalering', 'administerRegion', EarlyWarningSettingsPage),
];
