import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const RequestsListPage = lazyPage(() => import('./RequestsListPage.tsx').then((m) => m.RequestsListPage));
const RequestPage = lazyPage(() => import('./RequestPage.tsx').then((m) => m.RequestPage));

export const requestRoutes: RouteObject[] = [pageRoute('verzoeken', 'workRequests', RequestsListPage), pageRoute('verzoeken/:id', 'workRequests', RequestPage)];
