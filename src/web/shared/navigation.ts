import type { Session } from './types.ts';

export interface NavItem {
  to: string;
  labelKey: string;
  /** Current only on exactly this path (not on the paths below it). */
  end?: boolean;
}

/** The navigation of a session: the screens the server says the user may use (`session.can`), nothing more. */
export function navItems(session: Session | null): NavItem[] {
  const items: NavItem[] = [];
  if (!session) return items;
  const { can } = session;
  if (can.listChildren) {
    const kind = session.user.kind;
    const labelKey = kind === 'guardian' ? 'nav.myChildren' : kind === 'youth' ? 'nav.myData' : 'nav.children';
    items.push({ to: '/kinderen', labelKey });
  }
  if (can.triageSignals) items.push({ to: '/signalen', labelKey: 'nav.signals', end: true });
  if (can.raiseSignals) items.push({ to: '/signalen/mijn', labelKey: 'nav.mySignals' });
  if (can.workCases) items.push({ to: '/casussen', labelKey: 'nav.cases' });
  if (can.workRequests) items.push({ to: '/verzoeken', labelKey: 'nav.requests' });
  // The region's escalation table of requests past their term: counts per organisation, never a child.
  if (can.escalateRequests) items.push({ to: '/verzoeken/escalatie', labelKey: 'nav.requestEscalation' });
  if (can.schoolAbsence) {
    items.push(
      { to: '/verzuim/signalering', labelKey: 'nav.earlyWarning' },
      { to: '/verzuim/meldingen', labelKey: 'nav.absenceReports' },
      { to: '/verzuim/invoeren', labelKey: 'nav.absenceEntry' },
      { to: '/verzuim/importeren', labelKey: 'nav.absenceImport' },
    );
  }
  if (can.importPupils) items.push({ to: '/leerlingen/importeren', labelKey: 'nav.pupilImport' }, { to: '/leerlingen/vertrekkers', labelKey: 'nav.pupilLeavers' });
  if (can.attendanceWorkspace) items.push({ to: '/leerplicht/meldingen', labelKey: 'nav.absenceWorkspace' });
  if (can.thuiszitterRegister) items.push({ to: '/thuiszitters', labelKey: 'nav.thuiszitters' });
  // Aggregates only (never a single child): the monitor's figures and the escalation table.
  if (can.thuiszitterCounts) items.push({ to: '/thuiszitters/cijfers', labelKey: 'nav.thuiszitterCounts' });
  if (can.monitor) items.push({ to: '/monitor', labelKey: 'nav.monitor' });
  if (can.schoolCalendar) items.push({ to: '/schoolkalender', labelKey: 'nav.schoolCalendar' });
  if (can.administerRegion) {
    items.push(
      { to: '/beheer/inrichting', labelKey: 'nav.setup' },
      { to: '/beheer/medewerkers/importeren', labelKey: 'nav.staffImport' },
      { to: '/beheer/organisaties', labelKey: 'nav.organisations' },
      { to: '/beheer/mensen', labelKey: 'nav.people' },
    );
    // The administrator decides on the roles that wait for a second administrator.
    if (can.reviewRoleGrants) items.push({ to: '/beheer/rollen', labelKey: 'nav.roleGrants' });
    items.push(
      { to: '/beheer/verzuimsignalering', labelKey: 'nav.earlyWarningSettings' },
      { to: '/beheer/schoolvakanties', labelKey: 'nav.holidays' },
      { to: '/beheer/uitgaande-mail', labelKey: 'nav.outbox' },
    );
  }
  if (can.readAccessLog) items.push({ to: '/toegangslog', labelKey: 'nav.accessLog' });
  // Who reviews the ledger without administering the region (the privacy officer) reads it.
  if (can.reviewRoleGrants && !can.administerRegion) items.push({ to: '/beheer/rollen', labelKey: 'nav.roleGrantsPrivacy' });
  return items;
}
