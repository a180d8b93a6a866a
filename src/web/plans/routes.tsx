import type { RouteObject } from 'react-router';
import { isFamily } from '../shared/access.ts';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const PlanPage = lazyPage(() => import('./PlanPage.tsx').then((m) => m.PlanPage));

// Professionals on the team and the family (parents with authority, the young person 12+).
export const planRoutes: RouteObject[] = [pageRoute('plannen/:id', (s) => s.can.workCases || isFamily(s), PlanPage)];
