import type { RouteObject } from 'react-router';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const PupilImportPage = lazyPage(() => import('./PupilImportPage.tsx').then((m) => m.PupilImportPage));
const PupilLeaversPage = lazyPage(() => import('./PupilLeaversPage.tsx').then((m) => m.PupilLeaversPage));

/** Pupil and guardian imports and pupil leavers (children of the signed-in layout), under /leerlingen. */
export const pupilRoutes: RouteObject[] = [
  pageRoute('leerlingen/importeren', 'importPupils', PupilImportPage),
  pageRoute('leerlingen/vertrekkers', 'importPupils', PupilLeaversPage),
];
