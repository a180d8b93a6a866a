import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const OrganisationsPage = lazyPage(() => import('./OrganisationsPage.tsx').then((m) => m.OrganisationsPage));
const PeoplePage = lazyPage(() => import('./PeoplePage.tsx').then((m) => m.PeoplePage));

/** The regional registry: organisations and people with their memberships. */
export const registryRoutes: RouteObject[] = [
  pageRoute('beheer/organisaties', 'administerRegion', OrganisationsPage),
  pageRoute('beheer/mensen', 'administerRegion', PeoplePage),
];
