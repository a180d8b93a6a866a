import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../shared/session.tsx';
import { PageHeading } from '../shared/PageHeading.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { Alert } from '../shared/Alerts.tsx';
import { navItems } from '../shared/navigation.ts';
import { Section } from '../shared/Section.tsx';
import { useCases } from '../cases/data.ts';
import { formatDate } from '../shared/format.ts';
import { Notifications } from '../signals/Notifications.tsx';
import { WorklistSection } from '../worklist/WorklistSection.tsx';
import { SurveyCard } from '../surveys/SurveyCard.tsx';

// The monitor's headlines arrive with their own chunk, only for whom the server gives the monitor.
const MonitorHeadlines = lazy(() => import('../monitor/MonitorHeadlines.tsx').then((m) => ({ default: m.MonitorHeadlines })));

/** The home page of whoever is signed in: what their role does, their cases, their tasks. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const { session, actorRole, can } = useSession();
  // A partner (youth care, wijkteam, SWV) works from the cases she is on the team of.
  const partner = can.workCases && !can.listChildren;
  const cases = useCases(false, undefined, partner);
  if (!session) return null;
  const items = navItems(session);
  const professional = session.user.kind === 'professional';
  const open = (cases.data?.items ?? []).filter((k) => k.status === 'open');
  // Whoever sees no children's list, is on no case and keeps neither the region nor the access log:
  // Samenspel shows them nothing individual yet, and the home page explains why (per role). Who has the
  // monitor and works on no cases (the policy analyst, the school leader) has her figures there; a partner
  // on no case yet still hears why she sees no children.
  const pending = actorRole !== null && !can.listChildren && !can.administerRegion && !can.readAccessLog && !(can.monitor && !partner) && !(partner && (cases.isPending || open.length > 0));

  return (
    <>
      <PageHeading title={t('home.welcome', { name: session.user.displayName })} documentTitle={t('home.title')} />
      {professional && session.memberships.length === 0 && <Alert type="warning">{t('home.noMembership')}</Alert>}
      {professional && session.memberships.length > 0 && !actorRole && <Alert type="info">{t('home.chooseMembership')}</Alert>}

      {/* First what waits for the professional, by deadline (the server says which kinds are hers). */}
      {professional && actorRole && <WorklistSection />}

      {/* A satisfaction question the user may answer now (a parent after a plan evaluation, a teacher on a case team once a quarter). */}
      {(!professional || actorRole) && <SurveyCard />}

      {actorRole && pending && (
        <Section id="home-pending" heading={t('home.nothingYet')}>
          <p className="utrecht-paragraph">{t(`home.explain.${actorRole}`)}</p>
          <p className="utrecht-paragraph">{t(`home.why.${actorRole}`)}</p>
        </Section>
      )}
      {actorRole && !pending && <p className="utrecht-paragraph samenspel-lead">{t(`home.explain.${actorRole}`)}</p>}

      {/* The monitor's headline figures of the own gemeente or school, and the way to the whole monitor. */}
      {can.monitor && (
        <Suspense fallback={null}>
          <MonitorHeadlines />
        </Suspense>
      )}

      {/* What came in for the user (every professional: a teacher hears of her signal's decision and of an observation asked), and how she hears of it. */}
      {professional && actorRole && <Notifications />}
      {professional && actorRole && (
        <p className="utrecht-paragraph samenspel-note">
          <AppLink to="/instellingen/meldingen">{t('home.notificationSettings')}</AppLink>
        </p>
      )}

      {open.length > 0 && (
        <Section id="home-cases" heading={t('home.myCases', { count: open.length })}>
          <ul className="samenspel-task-list">
            {open.slice(0, 5).map((k) => (
              <li key={k.id}>
                <AppLink to={`/casussen/${k.id}`} className="samenspel-task-link">
                  {k.limited ? t('home.caseLimited', { organisation: k.organisationName }) : (k.child?.name ?? k.title ?? k.organisationName)}
                </AppLink>
                {k.evaluationDue && k.nextEvaluationOn && <span className="samenspel-note"> {t('home.evaluationDue', { date: formatDate(k.nextEvaluationOn, i18n.language) })}</span>}
              </li>
            ))}
          </ul>
          {open.length > 5 && <AppLink to="/casussen">{t('home.allCases', { count: open.length })}</AppLink>}
        </Section>
      )}

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
