import { useState, type MouseEvent, type ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { PageLayout } from '@utrecht/page-layout-react';
import { PageHeader } from '@utrecht/page-header-react';
import { PageBody } from '@utrecht/page-body-react';
import { useSession } from '../session.tsx';
import type { ActorRole } from '../roles.ts';
import { CARE_ROLES, CASE_ROLES, CHILD_LIST_ROLES, SIGNAL_ROLES } from '../roles.ts';
import { AppLink } from './AppLink.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { MembershipSwitch } from './MembershipSwitch.tsx';
import { LiveStatus } from './Alerts.tsx';
import { SessionTimeoutWarning } from './SessionTimeoutWarning.tsx';
import { SCHOOL_CALENDAR_ROLES } from '../pages/CalendarShared.tsx';
import { THUISZITTER_ROLES } from '../pages/ThuiszitterShared.tsx';

export interface NavItem {
  to: string;
  labelKey: string;
  /** Current only on exactly this path (not on the paths below it). */
  end?: boolean;
}

/** The navigation a role gets (domain.md §7): what it may see, nothing more. */
export function navItems(role: ActorRole | null): NavItem[] {
  const items: NavItem[] = [];
  if (role && CHILD_LIST_ROLES.includes(role)) {
    const labelKey = role === 'guardian' ? 'nav.myChildren' : role === 'youth' ? 'nav.myData' : 'nav.children';
    items.push({ to: '/kinderen', labelKey });
  }
  if (role && CARE_ROLES.includes(role)) items.push({ to: '/signalen', labelKey: 'nav.signals', end: true });
  if (role && SIGNAL_ROLES.includes(role)) items.push({ to: '/signalen/mijn', labelKey: 'nav.mySignals' });
  if (role && CASE_ROLES.includes(role)) items.push({ to: '/casussen', labelKey: 'nav.cases' });
  if (role && CARE_ROLES.includes(role)) {
    items.push(
      { to: '/verzuim/signalering', labelKey: 'nav.earlyWarning' },
      { to: '/verzuim/meldingen', labelKey: 'nav.absenceReports' },
      { to: '/verzuim/invoeren', labelKey: 'nav.absenceEntry' },
      { to: '/verzuim/importeren', labelKey: 'nav.absenceImport' },
    );
  }
  if (role === 'intern_begeleider' || role === 'care_coordinator') items.push({ to: '/leerlingen/importeren', labelKey: 'nav.pupilImport' }, { to: '/leerlingen/vertrekkers', labelKey: 'nav.pupilLeavers' });
  if (role === 'attendance_officer') items.push({ to: '/leerplicht/meldingen', labelKey: 'nav.absenceWorkspace' });
  if (role && THUISZITTER_ROLES.includes(role)) items.push({ to: '/thuiszitters', labelKey: 'nav.thuiszitters' });
  // Aggregates only (never a single child): the monitor's figures and the escalation table.
  if (role === 'policy_analyst' || role === 'swv_consultant') items.push({ to: '/thuiszitters/cijfers', labelKey: 'nav.thuiszitterCounts' });
  if (role && SCHOOL_CALENDAR_ROLES.includes(role)) items.push({ to: '/schoolkalender', labelKey: 'nav.schoolCalendar' });
  if (role === 'functional_admin') {
    items.push(
      { to: '/beheer/inrichting', labelKey: 'nav.setup' },
      { to: '/beheer/medewerkers/importeren', labelKey: 'nav.staffImport' },
      { to: '/beheer/organisaties', labelKey: 'nav.organisations' },
      { to: '/beheer/mensen', labelKey: 'nav.people' },
      { to: '/beheer/rollen', labelKey: 'nav.roleGrants' },
      { to: '/beheer/verzuimsignalering', labelKey: 'nav.earlyWarningSettings' },
    );
  }
  if (role === 'functional_admin') items.push({ to: '/beheer/schoolvakanties', labelKey: 'nav.holidays' }, { to: '/beheer/uitgaande-mail', labelKey: 'nav.outbox' });
  if (role === 'privacy_officer') items.push({ to: '/toegangslog', labelKey: 'nav.accessLog' }, { to: '/beheer/rollen', labelKey: 'nav.roleGrantsPrivacy' });
  return items;
}

function SkipLink() {
  const { t } = useTranslation();
  // Focus the main landmark directly, so the URL and the router state stay as they are.
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById('inhoud');
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a href="#inhoud" className="utrecht-skip-link utrecht-skip-link--visible-on-focus samenspel-skip-link" onClick={onClick}>
      {t('layout.skipLink')}
    </a>
  );
}

function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="utrecht-page-footer samenspel-footer">
      <div className="utrecht-page-footer__content samenspel-container">
        <p className="utrecht-paragraph">{t('layout.footer')}</p>
        <p className="utrecht-paragraph">{t('layout.footerPrivacy')}</p>
      </div>
    </footer>
  );
}

/** The frame of every page: skip link, header, main landmark (#inhoud), footer. */
export function Shell({ header, children }: { header?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <SkipLink />
      <PageLayout className="samenspel-layout">
        <PageHeader className="samenspel-header">
          <div className="samenspel-container samenspel-header__bar">
            <AppLink to="/" className="samenspel-brand">
              <span className="samenspel-brand__mark" aria-hidden="true" />
              <span className="samenspel-brand__name">{t('app.name')}</span>
            </AppLink>
            <LanguageSwitch />
          </div>
          {header}
        </PageHeader>
        <PageBody className="samenspel-body-area">
          <main id="inhoud" tabIndex={-1} className="samenspel-container samenspel-main">
            {children}
          </main>
        </PageBody>
        <Footer />
      </PageLayout>
    </>
  );
}

/** The signed-in frame: who you are, for whom you act, navigation, sign out, the session timeout warning. */
export function Layout() {
  const { t } = useTranslation();
  const { session, activeMembership, actorRole, signOut } = useSession();
  const [status, setStatus] = useState('');
  if (!session) return null;

  // The route guard takes the user to the sign-in page, which confirms the sign-out.
  const onSignOut = () => void signOut();
  const items = navItems(actorRole);

  const header = (
    <>
      {session.demo && (
        <p className="samenspel-demo-banner">
          <span className="samenspel-container samenspel-demo-banner__text">{t('layout.demoBanner')}</span>
        </p>
      )}
      <div className="samenspel-container samenspel-header__user">
        <div className="samenspel-user">
          <p className="utrecht-paragraph samenspel-user__name">{session.user.displayName}</p>
          <p className="utrecht-paragraph samenspel-user__role">
            {activeMembership
              ? t('layout.actingAs', { role: t(`roles.${activeMembership.role}`), organisation: activeMembership.organisationName })
              : actorRole
                ? t(`roles.${actorRole}`)
                : t('layout.noActiveMembership')}
          </p>
        </div>
        <MembershipSwitch onSwitched={setStatus} />
        <Button appearance="secondary-action-button" className="samenspel-sign-out" onClick={onSignOut}>
          {t('layout.signOut')}
        </Button>
      </div>
      <LiveStatus>{status}</LiveStatus>
      <SessionTimeoutWarning />
      <nav className="samenspel-nav" aria-label={t('layout.mainNav')}>
        <ul className="samenspel-container samenspel-nav__list">
          <li>
            <NavLink to="/" end className="samenspel-nav__link">
              {t('nav.home')}
            </NavLink>
          </li>
          {items.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end} className="samenspel-nav__link">
                {t(item.labelKey)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );

  return (
    <Shell header={header}>
      <Outlet />
    </Shell>
  );
}
