import { lazy, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Access } from './access.ts';
import { RequireAccess } from './Guards.tsx';

/**
 * A page that loads on demand: its code arrives the first time it is shown, with (unless `texts`
 * is false, for the core screens) the texts and CSS of the screens outside the core (parts.ts).
 * Meanwhile the nearest Suspense boundary (the layout's) says that the page is loading. `load`
 * imports the page's module and picks the page from it.
 */
export function lazyPage(load: () => Promise<ComponentType>, texts = true): ComponentType {
  return lazy(() => Promise.all([load(), texts ? import('./parts.ts').then((m) => m.loadParts()) : undefined]).then(([Page]) => ({ default: Page })));
}

/**
 * A route to a page for whom the session allows it (a capability of `session.can`, or a test of the
 * session); anyone else gets "no access" without the page's code being loaded. `null`: every
 * signed-in user (or, outside the layout, anyone).
 */
export function pageRoute(path: string, access: Access | null, Page: ComponentType): RouteObject {
  return {
    path,
    element: access ? (
      <RequireAccess access={access}>
        <Page />
      </RequireAccess>
    ) : (
      <Page />
    ),
  };
}
