import type { RouteObject } from 'react-router';
import type { Session } from '../shared/types.ts';
import { lazyPage, pageRoute } from '../shared/routing.tsx';

const ThuiszittersPage = lazyPage(() => import('./ThuiszittersPage.tsx').then((m) => m.ThuiszittersPage));
const ThuiszitterPage = lazyPage(() => import('./ThuiszitterPage.tsx').then((m) => m.ThuiszitterPage));
const ThuiszitterCandidatesPage = lazyPage(() => import('./ThuiszitterCandidatesPage.tsx').then((m) => m.ThuiszitterCandidatesPage));
const ThuiszitterRegisterPage = lazyPage(() => import('./ThuiszitterRegisterPage.tsx').then((m) => m.ThuiszitterRegisterPage));
const ThuiszitterEscalationPage = lazyPage(() => import('./ThuiszitterEscalationPage.tsx').then((m) => m.ThuiszitterEscalationPage));
const ThuiszitterCountsPage = lazyPage(() => import('./ThuiszitterCountsPage.tsx').then((m) => m.ThuiszitterCountsPage));

/**
 * An entry's page: for who keeps the register, and for who reaches entries from the escalation
 * table through a case team with consent (the SWV consultant); the server decides per child.
 */
const mayOpenEntry = (s: Session) => s.can.thuiszitterRegister || (s.can.thuiszitterEscalation && s.can.workCases);

export const thuiszitterRoutes: RouteObject[] = [
  pageRoute('thuiszitters', 'thuiszitterRegister', ThuiszittersPage),
  pageRoute('thuiszitters/kandidaten', 'thuiszitterCandidates', ThuiszitterCandidatesPage),
  // Registering a child by hand (not enrolled, exempted) is the attendance officer's legal task.
  pageRoute('thuiszitters/registreren', 'attendanceWorkspace', ThuiszitterRegisterPage),
  pageRoute('thuiszitters/escalatie', 'thuiszitterEscalation', ThuiszitterEscalationPage),
  pageRoute('thuiszitters/cijfers', 'thuiszitterCountsInRegister', ThuiszitterCountsPage),
  pageRoute('thuiszitters/:id', mayOpenEntry, ThuiszitterPage),
];
