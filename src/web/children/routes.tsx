import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const ChildrenListPage = lazyPage(() => import('./ChildrenListPage.tsx').then((m) => m.ChildrenListPage));
const ChildPage = lazyPage(() => import('./ChildPage.tsx').then((m) => m.ChildPage));

export const childrenRoutes: RouteObject[] = [pageRoute('kinderen', 'listChildren', ChildrenListPage), pageRoute('kinderen/:id', 'listChildren', ChildPage)];
