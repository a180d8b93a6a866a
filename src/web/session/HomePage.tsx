import { useTranslation } from 'react-i18next';
import { useSession } from '../shared/session.tsx';
import { PageHeading } from '../shared/PageHeading.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { Alert } from '../shared/Alerts.tsx';
import { navItems } from '../shared/navigation.ts';
import { Section } from '../shared/Section.tsx';

export function HomePage() {
  const { t } = useTranslation();
  const { session, actorRole, can } = useSession();
  if (!session) return null;
  const items = navItems(session);
  // Whoever sees no children's list and keeps neither the region nor the access log: Samenspel
  // shows them nothing individual yet, and the home page explains why (per role).
  const pending = actorRole !== null && !can.listChildren && !can.administerRegion && !can.readAccessLog;
  const professional = session.user.kind === 'professional';

  return (
    <>
      <PageHeading title={t('home.welcome', { name: session.user.displayName })} documentTitle={t('home.title')} />
      {professional && session.memberships.length === 0 && <Alert type="warning">{t('home.noMembership')}</Alert>}
      {professional && session.memberships.length > 0 && !actorRole && <Alert type="info">{t('home.chooseMembership')}</Alert>}

      {actorRole && pending && (
        <Section id="home-pending" heading={t('home.nothingYet')}>
          <p className="utrecht-paragraph">{t(`home.explain.${actorRole}`)}</p>
          <p className="utrecht-paragraph">{t(`home.why.${actorRole}`)}</p>
        </Section>
      )}
      {actorRole && !pending && <p className="utrecht-paragraph samenspel-lead">{t(`home.explain.${actorRole}`)}</p>}

      {items.length > 0 && (
        <Section id="home-tasks" heading={t('home.tasks')}>
          <ul className="samenspel-task-list">
            {items.map((item) => (
              <li key={item.to}>
                <AppLink to={item.to} className="samenspel-task-link">
                  {t(item.labelKey)}
                </AppLink>
              </li>
            ))}
          </ul>
        </Section>
      )}

      <p className="utrecht-paragraph samenspel-note">{t('home.principle')}</p>
    </>
  );
}
