import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const ChildrenListPage = lazyPage(() => import('./ChildrenListPage.tsx').then((m) => m.ChildrenListPage));
const ChildPage = lazyPage(() => import('./ChildPage.tsx').then((m) => m.ChildPage));

// A child's page is open to whoever the server lets see that child (a youth care worker through the
// consent of a case has no children's list, but may open the child from the case): no role gate here.
export const childrenRoutes: RouteObject[] = [pageRoute('kinderen', 'listChildren', ChildrenListPage), pageRoute('kinderen/:id', null, ChildPage)];
