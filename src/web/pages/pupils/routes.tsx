import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/Guards.tsx';
import { PupilImportPage } from './PupilImportPage.tsx';
import { PupilLeaversPage } from './PupilLeaversPage.tsx';

const ROLES = ['intern_begeleider', 'care_coordinator'] as const;

/** Pupil and guardian imports and pupil leavers (children of the signed-in layout), under /leerlingen. */
export const pupilRoutes: RouteObject[] = [
  {
    path: 'leerlingen/importeren',
    element: (
      <RequireRole roles={ROLES}>
        <PupilImportPage />
      </RequireRole>
    ),
  },
  {
    path: 'leerlingen/vertrekkers',
    element: (
      <RequireRole roles={ROLES}>
        <PupilLeaversPage />
      </RequireRole>
    ),
  },
];
