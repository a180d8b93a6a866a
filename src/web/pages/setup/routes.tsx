import type { RouteObject } from 'react-router';

/** The set-up wizard's pages (children of the signed-in layout), under /beheer/inrichting. */
export const setupRoutes: RouteObject[] = [];
