import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import type { ChildDetail, Enrolment, Guardian } from '../shared/types.ts';
import { ChildSignals } from '../signals/ChildSignals.tsx';
import { formatDate, fullName } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { ItemsTable } from '../shared/ListView.tsx';
import { Facts, Section } from '../shared/Section.tsx';
import { MessagePage } from '../shared/MessagePage.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { ChildCases, ChildPlans } from '../cases/ChildCases.tsx';
import { ChildConsents } from '../cases/ChildConsents.tsx';
import { ChildAbsence } from '../early-warning/AbsenceFigures.tsx';
import { qk } from '../shared/query-keys.ts';

export function ChildPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const query = useQuery({
    queryKey: qk.child(id),
    queryFn: () => api.get<ChildDetail>(`/children/${encodeURIComponent(id)}`),
  });

  // 404 and 403 look the same on purpose: a child one may not see is not confirmed to exist.
  const hidden = isApiError(query.error) && (query.error.status === 404 || query.error.status === 403 || query.error.status === 400);
  if (hidden) return <MessagePage title={t('child.notFound')} detail={t('child.notFoundDetail')} link={<AppLink to="/kinderen">{t('child.backToList')}</AppLink>} />;

  const child = query.data;
  const name = child ? fullName(child) : '';
  const lng = i18n.language;
  const showAccessLog = child && (child.dataKinds.includes('access_log') || can.readAccessLog);

  return (
    <>
      <PageHeading title={child ? name : t('child.title')} />
      {query.isPending && <Loading label={t('child.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {child && (
        <>
          <WhyLine grounds={child.grounds} />

          <Section id="child-identity" heading={t('child.identity')}>
            <Facts
              items={[
                [t('child.name'), name],
                [t('child.birthDate'), <time dateTime={child.birthDate}>{formatDate(child.birthDate, lng)}</time>],
                [t('child.age'), t('common.ageYears', { count: child.age })],
                child.bsn !== undefined && [t('child.bsn'), child.bsn],
                [
                  t('child.residence'),
                  child.residence ? t('child.residenceSince', { gemeente: child.residence.gemeenteName, date: formatDate(child.residence.validFrom, lng) }) : t('common.unknown'),
                ],
              ]}
            />
          </Section>

          {child.enrolments && <Enrolments name={name} enrolments={child.enrolments} />}
          {child.guardians && <Guardians name={name} guardians={child.guardians} />}
          {child.dataKinds.includes('absence') && <ChildAbsence childId={child.id} name={name} />}
          {can.raiseSignals && <ChildSignals childId={child.id} name={name} care={can.triageSignals} />}
          {/* The school's care (who triages the signals) opens cases from the child's page. */}
          {can.triageSignals && <ChildCases childId={child.id} name={name} />}
          {child.dataKinds.includes('plan') && <ChildPlans childId={child.id} name={name} />}
          {child.dataKinds.includes('consents') && <ChildConsents childId={child.id} name={name} />}

          {showAccessLog && (
            <p className="utrecht-paragraph">
              <AppLink to={`/kinderen/${child.id}/toegangslog`} state={{ name }}>
                {t('child.accessLogLink', { name })}
              </AppLink>
            </p>
          )}
          <p className="utrecht-paragraph">
            <AppLink to="/kinderen">{t('child.backToList')}</AppLink>
          </p>
        </>
      )}
    </>
  );
}

/** "Waarom ziet u dit?": the relations (grounds) that give access, in plain words. */
function WhyLine({ grounds }: { grounds: string[] }) {
  const { t } = useTranslation();
  const reasons = grounds.map((g) => t(`grounds.${g}`, { defaultValue: g }));
  return (
    <p className="utrecht-paragraph samenspel-why">
      <strong>{t('child.why')}</strong> {reasons.length ? `${reasons.join('; ')}.` : t('child.whyNone')}
    </p>
  );
}

function Enrolments({ name, enrolments }: { name: string; enrolments: Enrolment[] }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => <time dateTime={iso}>{formatDate(iso, i18n.language)}</time>;
  return (
    <Section id="child-enrolments" heading={t('child.enrolments')}>
      <ItemsTable
        caption={t('child.enrolmentsCaption', { name })}
        captionHidden
        empty={t('child.enrolmentsNone')}
        items={enrolments}
        rowKey={(e) => e.id}
        columns={[
          { header: t('child.school'), rowHeader: true, cell: (e) => e.organisationName },
          {
            header: t('child.schoolType'),
            cell: (e) => (e.schoolType ? <abbr title={t(`schoolTypes.${e.schoolType}`, { defaultValue: e.schoolType })}>{e.schoolType}</abbr> : t('common.none')),
          },
          { header: t('child.brinVestiging'), cell: (e) => (e.brin ? `${e.brin}${e.vestiging ?? ''}` : t('common.none')) },
          { header: t('child.group'), cell: (e) => e.groupName ?? t('common.none') },
          { header: t('child.pupilNumber'), cell: (e) => e.pupilNumber ?? t('common.none') },
          { header: t('child.mentor'), cell: (e) => e.mentorName ?? t('common.none') },
          { header: t('child.from'), cell: (e) => date(e.startDate) },
          { header: t('child.to'), cell: (e) => (e.endDate ? date(e.endDate) : t('child.current')) },
        ]}
      />
    </Section>
  );
}

function Guardians({ name, guardians }: { name: string; guardians: Guardian[] }) {
  const { t } = useTranslation();
  const link = (href: string, text: string) => (
    <a className="utrecht-link utrecht-link--html-a" href={href}>
      {text}
    </a>
  );
  return (
    <Section id="child-guardians" heading={t('child.guardians')}>
      <ItemsTable
        caption={t('child.guardiansCaption', { name })}
        captionHidden
        empty={t('child.guardiansNone')}
        items={guardians}
        rowKey={(g) => g.id}
        columns={[
          { header: t('child.guardianName'), rowHeader: true, cell: (g) => fullName(g) },
          { header: t('child.relation'), cell: (g) => t(`relations.${g.relation}`, { defaultValue: g.relation }) },
          { header: t('child.authority'), cell: (g) => (g.hasAuthority ? t('common.yes') : t('common.no')) },
          { header: t('child.email'), cell: (g) => (g.email ? link(`mailto:${g.email}`, g.email) : t('common.none')) },
          { header: t('child.phone'), cell: (g) => (g.phone ? link(`tel:${g.phone.replace(/\s+/g, '')}`, g.phone) : t('common.none')) },
        ]}
      />
    </Section>
  );
}
