import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const CasesListPage = lazyPage(() => import('./CasesListPage.tsx').then((m) => m.CasesListPage));
const CasePage = lazyPage(() => import('./CasePage.tsx').then((m) => m.CasePage));

export const caseRoutes: RouteObject[] = [pageRoute('casussen', 'workCases', CasesListPage), pageRoute('casussen/:id', 'workCases', CasePage)];
