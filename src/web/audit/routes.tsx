import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';
import { isFamily } from '../shared/access.ts';

const AccessLogPage = lazyPage(() => import('./AccessLogPage.tsx').then((m) => m.AccessLogPage));
const ChildAccessLogPage = lazyPage(() => import('./ChildAccessLogPage.tsx').then((m) => m.ChildAccessLogPage));

/** The access log: the privacy officer's search, and one child's log for the family and the privacy officer. */
export const auditRoutes: RouteObject[] = [
  pageRoute('kinderen/:id/toegangslog', (s) => isFamily(s) || s.can.readAccessLog, ChildAccessLogPage),
  pageRoute('toegangslog', 'readAccessLog', AccessLogPage),
];
