import type { RouteObject } from 'react-router';

/** Staff import, leavers and the outbox (children of the signed-in layout), under /beheer. */
export const staffRoutes: RouteObject[] = [];
/** Pages without a session: accepting an invitation (/uitnodiging/:token). */
export const publicStaffRoutes: RouteObject[] = [];
