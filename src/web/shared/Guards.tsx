import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { useSession } from './session.tsx';
import { allows, type Access } from './access.ts';
import { ErrorAlert, Loading } from './Alerts.tsx';
import { PageHeading } from './PageHeading.tsx';
import { Shell } from './Layout.tsx';
import { AppLink } from './AppLink.tsx';
import { MessagePage } from './MessagePage.tsx';

export interface SignInState {
  from?: string;
  expired?: boolean;
  signedOut?: boolean;
}

/** Routes below need a signed-in user who has finished TOTP enrolment. */
export function RequireSession() {
  const { t } = useTranslation();
  const { session, ended, loading, error, retry } = useSession();
  const location = useLocation();
  if (loading) {
    return (
      <Shell>
        <Loading label={t('common.loading')} />
      </Shell>
    );
  }
  if (error) {
    return (
      <Shell>
        <PageHeading title={t('sessionError.title')} />
        <ErrorAlert error={error} message={t('sessionError.detail')} />
        <Button appearance="primary-action-button" onClick={retry}>
          {t('common.retry')}
        </Button>
      </Shell>
    );
  }
  if (!session) {
    const state: SignInState =
      ended === 'signedOut' ? { signedOut: true } : { from: location.pathname + location.search, expired: ended === 'expired' };
    return <Navigate to="/inloggen" replace state={state} />;
  }
  if (session.totpEnrolmentRequired) return <Navigate to="/tweestapsverificatie" replace />;
  return <Outlet />;
}

/** Shows the page only when the session allows it (`session.can`); others get a plain "no access" page. */
export function RequireAccess({ access, children }: { access: Access; children: ReactNode }) {
  const { session } = useSession();
  if (!allows(session, access)) return <ForbiddenPage />;
  return <>{children}</>;
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <MessagePage title={t('forbidden.title')} detail={t('forbidden.detail')} link={<AppLink to="/">{t('forbidden.home')}</AppLink>} />;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <MessagePage title={t('notFound.title')} detail={t('notFound.detail')} link={<AppLink to="/">{t('notFound.home')}</AppLink>} />;
}
