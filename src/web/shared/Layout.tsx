import { Suspense, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { PageLayout } from '@utrecht/page-layout-react';
import { PageHeader } from '@utrecht/page-header-react';
import { PageBody } from '@utrecht/page-body-react';
import { useSession } from './session.tsx';
import { AppLink } from './AppLink.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { MembershipSwitch } from './MembershipSwitch.tsx';
import { LiveStatus, Loading } from './Alerts.tsx';
import { SessionTimeoutWarning } from './SessionTimeoutWarning.tsx';
import { navItems } from './navigation.ts';

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
  const items = navItems(session);

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
      <MainNav items={items} />
    </>
  );

  return (
    <Shell header={header}>
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </Shell>
  );
}

/**
 * The main menu. On a wide screen its links are always shown; on a phone (max 40rem, see app.css)
 * they fold behind a "Menu" button (a disclosure: aria-expanded, aria-controls). Escape closes the
 * open menu and puts the focus back on the button; choosing a page closes it too.
 */
function MainNav({ items }: { items: ReturnType<typeof navItems> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    }
  };
  return (
    <nav className={`samenspel-nav${open ? ' samenspel-nav--open' : ''}`} aria-label={t('layout.mainNav')} onKeyDown={onKeyDown}>
      <div className="samenspel-container samenspel-nav__bar">
        <button ref={button} type="button" className="samenspel-nav__toggle" aria-expanded={open} aria-controls="samenspel-main-menu" onClick={() => setOpen(!open)}>
          <span className="samenspel-nav__toggle-icon" aria-hidden="true" />
          {t('layout.menu')}
        </button>
      </div>
      <ul id="samenspel-main-menu" className="samenspel-container samenspel-nav__list">
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
  );
}

/** While a page's code arrives (each capability loads on demand): a polite status, no heading yet. */
export function PageLoading() {
  const { t } = useTranslation();
  return <Loading label={t('layout.loadingPage')} />;
}
