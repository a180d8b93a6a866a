import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const RaiseSignalPage = lazyPage(() => import('./RaiseSignalPage.tsx').then((m) => m.RaiseSignalPage));
const SignalQueuePage = lazyPage(() => import('./SignalQueuePage.tsx').then((m) => m.SignalQueuePage));
const MySignalsPage = lazyPage(() => import('./MySignalsPage.tsx').then((m) => m.MySignalsPage));
const SignalPage = lazyPage(() => import('./SignalPage.tsx').then((m) => m.SignalPage));

export const signalRoutes: RouteObject[] = [
  pageRoute('kinderen/:id/signaal', 'raiseSignals', RaiseSignalPage),
  pageRoute('signalen', 'triageSignals', SignalQueuePage),
  pageRoute('signalen/mijn', 'raiseSignals', MySignalsPage),
  pageRoute('signalen/:id', 'raiseSignals', SignalPage),
];
