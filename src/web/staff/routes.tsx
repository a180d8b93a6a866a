import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const StaffImportPage = lazyPage(() => import('./StaffImportPage.tsx').then((m) => m.StaffImportPage));
const StaffLeaversPage = lazyPage(() => import('./StaffLeaversPage.tsx').then((m) => m.StaffLeaversPage));
const OutboxPage = lazyPage(() => import('./OutboxPage.tsx').then((m) => m.OutboxPage));
const InvitationPage = lazyPage(() => import('./InvitationPage.tsx').then((m) => m.InvitationPage));

/** Staff import, leavers and the outbox (children of the signed-in layout), under /beheer. */
export const staffRoutes: RouteObject[] = [
  pageRoute('beheer/medewerkers/importeren', 'administerRegion', StaffImportPage),
  pageRoute('beheer/medewerkers/vertrekkers', 'administerRegion', StaffLeaversPage),
  pageRoute('beheer/uitgaande-mail', 'administerRegion', OutboxPage),
];

/** Pages without a session: accepting an invitation (/uitnodiging/:token). */
export const publicStaffRoutes: RouteObject[] = [pageRoute('/uitnodiging/:token', null, InvitationPage)];
