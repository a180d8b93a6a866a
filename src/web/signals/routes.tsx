import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';
import { isFamily } from '../shared/access.ts';

const RaiseSignalPage = lazyPage(() => import('./RaiseSignalPage.tsx').then((m) => m.RaiseSignalPage));
const SignalQueuePage = lazyPage(() => import('./SignalQueuePage.tsx').then((m) => m.SignalQueuePage));
const MySignalsPage = lazyPage(() => import('./MySignalsPage.tsx').then((m) => m.MySignalsPage));
const SignalPage = lazyPage(() => import('./SignalPage.tsx').then((m) => m.SignalPage));
const ReferSignalPage = lazyPage(() => import('./ReferSignalPage.tsx').then((m) => m.ReferSignalPage));
const NotificationSettingsPage = lazyPage(() => import('./NotificationSettingsPage.tsx').then((m) => m.NotificationSettingsPage));

export const signalRoutes: RouteObject[] = [
  pageRoute('kinderen/:id/signaal', 'raiseSignals', RaiseSignalPage),
  pageRoute('signalen', 'triageSignals', SignalQueuePage),
  pageRoute('signalen/mijn', 'raiseSignals', MySignalsPage),
  pageRoute('signalen/:id', 'raiseSignals', SignalPage),
  pageRoute('signalen/:id/doorverwijzen', 'triageSignals', ReferSignalPage),
  // Every professional's own choice how she hears of things (the family's portal has no notifications).
  pageRoute('instellingen/meldingen', (session) => !isFamily(session), NotificationSettingsPage),
];
