import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';
import { isFamily } from '../shared/access.ts';

const RequestsListPage = lazyPage(() => import('./RequestsListPage.tsx').then((m) => m.RequestsListPage));
const RequestPage = lazyPage(() => import('./RequestPage.tsx').then((m) => m.RequestPage));
const ObservationPage = lazyPage(() => import('./ObservationPage.tsx').then((m) => m.ObservationPage));
const RequestEscalationPage = lazyPage(() => import('./RequestEscalationPage.tsx').then((m) => m.RequestEscalationPage));
const RequestTermsPage = lazyPage(() => import('./RequestTermsPage.tsx').then((m) => m.RequestTermsPage));

export const requestRoutes: RouteObject[] = [
  pageRoute('verzoeken', 'workRequests', RequestsListPage),
  // The region's escalation table (counts only) and the terms of requests (every professional reads them);
  // their own paths come before a request's id.
  pageRoute('verzoeken/escalatie', 'escalateRequests', RequestEscalationPage),
  pageRoute('verzoeken/termijnen', (session) => !isFamily(session), RequestTermsPage),
  pageRoute('verzoeken/:id', 'workRequests', RequestPage),
  // The teacher (or mentor) asked whether the help works in class: she raises signals, she does not work requests.
  pageRoute('observaties/:id', 'raiseSignals', ObservationPage),
];
