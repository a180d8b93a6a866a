import type { RouteObject } from 'react-router';

/** Pupil and guardian imports and pupil leavers (children of the signed-in layout), under /leerlingen. */
export const pupilRoutes: RouteObject[] = [];
