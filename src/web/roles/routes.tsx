import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const RoleGrantsPage = lazyPage(() => import('./RoleGrantsPage.tsx').then((m) => m.RoleGrantsPage));

/** Roles that see children's data: approved by a second administrator, read by the privacy officer. */
export const roleGrantRoutes: RouteObject[] = [pageRoute('beheer/rollen', 'reviewRoleGrants', RoleGrantsPage)];
