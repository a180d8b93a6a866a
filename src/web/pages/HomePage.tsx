import { useTranslation } from 'react-i18next';
import { useSession } from '../session.tsx';
import type { ActorRole } from '../roles.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { Alert } from '../components/Alerts.tsx';
import { navItems } from '../components/Layout.tsx';

/** Roles for which Samenspel shows nothing individual yet: the home page explains why. */
const PENDING_ROLES: readonly ActorRole[] = ['school_leader', 'youth_care_worker', 'wijkteam_worker', 'swv_consultant', 'policy_analyst'];

export function HomePage() {
  const { t } = useTranslation();
  const { session, actorRole } = useSession();
  if (!session) return null;
  const items = navItems(actorRole);
  const pending = actorRole !== null && PENDING_ROLES.includes(actorRole);
  const professional = session.user.kind === 'professional';

  return (
    <>
      <PageHeading title={t('home.welcome', { name: session.user.displayName })} documentTitle={t('home.title')} />
      {professional && session.memberships.length === 0 && <Alert type="warning">{t('home.noMembership')}</Alert>}
      {professional && session.memberships.length > 0 && !actorRole && <Alert type="info">{t('home.chooseMembership')}</Alert>}

      {actorRole && pending && (
        <section className="samenspel-section" aria-labelledby="home-pending">
          <h2 id="home-pending" className="utrecht-heading-2">
            {t('home.nothingYet')}
          </h2>
          <p className="utrecht-paragraph">{t(`home.explain.${actorRole}`)}</p>
          <p className="utrecht-paragraph">{t(`home.why.${actorRole}`)}</p>
        </section>
      )}
      {actorRole && !pending && <p className="utrecht-paragraph samenspel-lead">{t(`home.explain.${actorRole}`)}</p>}

      {items.length > 0 && (
        <section className="samenspel-section" aria-labelledby="home-tasks">
          <h2 id="home-tasks" className="utrecht-heading-2">
            {t('home.tasks')}
          </h2>
          <ul className="samenspel-task-list">
            {items.map((item) => (
              <li key={item.to}>
                <AppLink to={item.to} className="samenspel-task-link">
                  {t(item.labelKey)}
                </AppLink>
              </li>
            ))}
          </ul>
        </section>
      )}

      <p className="utrecht-paragraph samenspel-note">{t('home.principle')}</p>
    </>
  );
}
