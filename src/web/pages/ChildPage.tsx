import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api.ts';
import { useSession } from '../session.tsx';
import type { ChildDetail, Enrolment, Guardian, Signal } from '../types.ts';
import { CARE_ROLES, SIGNAL_ROLES } from '../roles.ts';
import { childSignalsKey, useStaleSignalPages } from '../signals.ts';
import { LatenessBadge, StatusBadge } from '../components/SignalBits.tsx';
import { formatDate, fullName } from '../format.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { ErrorAlert, Loading } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { ChildCases, ChildPlans } from './ChildCases.tsx';
import { ChildAbsence } from '../components/EarlyWarningBits.tsx';

export function ChildPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { actorRole } = useSession();
  const query = useQuery({
    queryKey: ['child', id],
    queryFn: () => api.get<ChildDetail>(`/children/${encodeURIComponent(id)}`),
  });

  // 404 and 403 look the same on purpose: a child one may not see is not confirmed to exist.
  const hidden = isApiError(query.error) && (query.error.status === 404 || query.error.status === 403 || query.error.status === 400);
  if (hidden) {
    return (
      <>
        <PageHeading title={t('child.notFound')} />
        <p className="utrecht-paragraph">{t('child.notFoundDetail')}</p>
        <p className="utrecht-paragraph">
          <AppLink to="/kinderen">{t('child.backToList')}</AppLink>
        </p>
      </>
    );
  }

  const child = query.data;
  const name = child ? fullName(child) : '';
  const lng = i18n.language;
  const showAccessLog = child && (child.dataKinds.includes('access_log') || actorRole === 'privacy_officer');

  return (
    <>
      <PageHeading title={child ? name : t('child.title')} />
      {query.isPending && <Loading label={t('child.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {child && (
        <>
          <WhyLine grounds={child.grounds} />

          <section className="samenspel-section" aria-labelledby="child-identity">
            <h2 id="child-identity" className="utrecht-heading-2">
              {t('child.identity')}
            </h2>
            <dl className="samenspel-dl">
              <div>
                <dt>{t('child.name')}</dt>
                <dd>{name}</dd>
              </div>
              <div>
                <dt>{t('child.birthDate')}</dt>
                <dd>
                  <time dateTime={child.birthDate}>{formatDate(child.birthDate, lng)}</time>
                </dd>
              </div>
              <div>
                <dt>{t('child.age')}</dt>
                <dd>{t('common.ageYears', { count: child.age })}</dd>
              </div>
              {child.bsn !== undefined && (
                <div>
                  <dt>{t('child.bsn')}</dt>
                  <dd>{child.bsn}</dd>
                </div>
              )}
              <div>
                <dt>{t('child.residence')}</dt>
                <dd>
                  {child.residence
                    ? t('child.residenceSince', {
                        gemeente: child.residence.gemeenteName,
                        date: formatDate(child.residence.validFrom, lng),
                      })
                    : t('common.unknown')}
                </dd>
              </div>
            </dl>
          </section>

          {child.enrolments && <Enrolments name={name} enrolments={child.enrolments} />}
          {child.guardians && <Guardians name={name} guardians={child.guardians} />}
          {child.dataKinds.includes('absence') && <ChildAbsence childId={child.id} name={name} />}
          {actorRole && SIGNAL_ROLES.includes(actorRole) && <ChildSignals childId={child.id} name={name} care={CARE_ROLES.includes(actorRole)} />}
          {actorRole && CARE_ROLES.includes(actorRole) && <ChildCases childId={child.id} name={name} />}
          {child.dataKinds.includes('plan') && <ChildPlans childId={child.id} name={name} />}

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
  const lng = i18n.language;
  return (
    <section className="samenspel-section" aria-labelledby="child-enrolments">
      <h2 id="child-enrolments" className="utrecht-heading-2">
        {t('child.enrolments')}
      </h2>
      {enrolments.length === 0 ? (
        <p className="utrecht-paragraph">{t('child.enrolmentsNone')}</p>
      ) : (
        <Table caption={t('child.enrolmentsCaption', { name })} captionHidden>
          <THead>
            <Th>{t('child.school')}</Th>
            <Th>{t('child.schoolType')}</Th>
            <Th>{t('child.brinVestiging')}</Th>
            <Th>{t('child.group')}</Th>
            <Th>{t('child.mentor')}</Th>
            <Th>{t('child.from')}</Th>
            <Th>{t('child.to')}</Th>
          </THead>
          <TBody>
            {enrolments.map((e) => (
              <Tr key={e.id}>
                <Th row>{e.organisationName}</Th>
                <Td>
                  {e.schoolType ? <abbr title={t(`schoolTypes.${e.schoolType}`, { defaultValue: e.schoolType })}>{e.schoolType}</abbr> : t('common.none')}
                </Td>
                <Td>{e.brin ? `${e.brin}${e.vestiging ?? ''}` : t('common.none')}</Td>
                <Td>{e.groupName ?? t('common.none')}</Td>
                <Td>{e.mentorName ?? t('common.none')}</Td>
                <Td>
                  <time dateTime={e.startDate}>{formatDate(e.startDate, lng)}</time>
                </Td>
                <Td>{e.endDate ? <time dateTime={e.endDate}>{formatDate(e.endDate, lng)}</time> : t('child.current')}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}

function Guardians({ name, guardians }: { name: string; guardians: Guardian[] }) {
  const { t } = useTranslation();
  return (
    <section className="samenspel-section" aria-labelledby="child-guardians">
      <h2 id="child-guardians" className="utrecht-heading-2">
        {t('child.guardians')}
      </h2>
      {guardians.length === 0 ? (
        <p className="utrecht-paragraph">{t('child.guardiansNone')}</p>
      ) : (
        <Table caption={t('child.guardiansCaption', { name })} captionHidden>
          <THead>
            <Th>{t('child.guardianName')}</Th>
            <Th>{t('child.relation')}</Th>
            <Th>{t('child.authority')}</Th>
            <Th>{t('child.email')}</Th>
            <Th>{t('child.phone')}</Th>
          </THead>
          <TBody>
            {guardians.map((g) => (
              <Tr key={g.id}>
                <Th row>{fullName(g)}</Th>
                <Td>{t(`relations.${g.relation}`, { defaultValue: g.relation })}</Td>
                <Td>{g.hasAuthority ? t('common.yes') : t('common.no')}</Td>
                <Td>{g.email ? <a className="utrecht-link utrecht-link--html-a" href={`mailto:${g.email}`}>{g.email}</a> : t('common.none')}</Td>
                <Td>{g.phone ? <a className="utrecht-link utrecht-link--html-a" href={`tel:${g.phone.replace(/\s+/g, '')}`}>{g.phone}</a> : t('common.none')}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}

/**
 * Zorgsignalen about this child that the user may see (the care coordinator: those raised at the
 * own school; a teacher or mentor: their own), and the way to raise a new one.
 */
function ChildSignals({ childId, name, care }: { childId: string; name: string; care: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const query = useQuery({
    queryKey: childSignalsKey(childId),
    queryFn: () => api.get<{ items: Signal[] }>(`/children/${encodeURIComponent(childId)}/signals`),
  });
  const items = query.data?.items;
  useStaleSignalPages(items);
  return (
    <section className="samenspel-section" aria-labelledby="child-signals">
      <h2 id="child-signals" className="utrecht-heading-2">
        {t('signals.child.heading')}
      </h2>
      <p className="utrecht-paragraph">{care ? t('signals.child.introCare', { name }) : t('signals.child.introAuthor', { name })}</p>
      <p className="utrecht-paragraph">
        <Link to={`/kinderen/${childId}/signaal`} className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action samenspel-button-link">
          {t('signals.child.raise')}
        </Link>
      </p>
      {query.isPending && <Loading label={t('signals.child.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {items && items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{care ? t('signals.child.emptyCare') : t('signals.child.emptyAuthor')}</p>}
      {items && items.length > 0 && (
        <Table caption={care ? t('signals.child.captionCare', { name }) : t('signals.child.captionAuthor', { name })} captionHidden>
          <THead>
            <Th>{t('signals.columns.raisedOn')}</Th>
            <Th>{t('signals.columns.category')}</Th>
            <Th>{t('signals.columns.urgency')}</Th>
            <Th>{t('signals.columns.status')}</Th>
            <Th>{t('signals.columns.lateness')}</Th>
            {care && <Th>{t('signals.columns.author')}</Th>}
          </THead>
          <TBody>
            {items.map((s) => (
              <Tr key={s.id}>
                <Th row>
                  <AppLink to={`/signalen/${s.id}`}>
                    <span className="samenspel-visually-hidden">{t('signals.child.linkPrefix')} </span>
                    <time dateTime={s.raisedOn}>{formatDate(s.raisedOn, lng)}</time>
                    <span className="samenspel-visually-hidden">, {t(`signals.category.${s.category}`)}</span>
                  </AppLink>
                </Th>
                <Td>{t(`signals.category.${s.category}`)}</Td>
                <Td>{t(`signals.urgency.${s.urgency}`)}</Td>
                <Td>
                  <StatusBadge status={s.status} />
                </Td>
                <Td>
                  <LatenessBadge signal={s} />
                </Td>
                {care && <Td>{t('signals.detail.authorRole', { name: s.author.name, role: t(`roles.${s.author.role}`, { defaultValue: s.author.role }) })}</Td>}
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
