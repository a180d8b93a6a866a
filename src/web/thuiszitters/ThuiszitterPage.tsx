import { useEffect, useState, type ReactNode } from 'react';
import { useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../shared/api.ts';
import { formatDate, formatDateTimeShort } from '../shared/format.ts';
import { useSession } from '../shared/session.tsx';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ErrorAlert, LiveStatus, Loading } from '../shared/Alerts.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { ThuiszitterHelp } from './ThuiszitterHelp.tsx';
import { childName, durationText, useThuiszitter, type RegisteredState, type ThuiszitterDetail, type ThuiszitterHistoryItem } from './data.ts';
import { NormBadge, OfferText } from './EntryText.tsx';
import { ThuiszitterNav } from './ThuiszitterNav.tsx';
import { OfferSection, ResponsibleSection, CategorySection, EndSection } from './ThuiszitterForms.tsx';
import { Section } from '../shared/Section.tsx';
import { qk } from '../shared/query-keys.ts';
import { StaleNotice, useStale } from '../shared/StaleNotice.tsx';

/**
 * One entry of the thuiszitter register: where the child stands (category, time at home, the
 * norm, offer, responsible person), the forms to record a change — each appended, never edited —
 * and the whole history.
 */
export function ThuiszitterPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const query = useThuiszitter(id);
  const [status, setStatus] = useState('');
  // Every form appends to the entry based on its version; someone else was first (stale version):
  // the notice at the top says what changed.
  const stale = useStale({
    record: query.data,
    queryKey: qk.thuiszitter(id),
    refresh: [qk.thuiszitters.all],
    describe: (e) => [
      [t('thuiszitters.columns.category'), e.category ? t(`thuiszitters.category.${e.category}`) : ''],
      [t('thuiszitters.detail.offer'), e.offer ? t(`thuiszitters.offer.kinds.${e.offer.kind}`) + (e.offer.hoursPerWeek !== null ? ` ${t('thuiszitters.offer.hours', { hours: e.offer.hoursPerWeek })}` : '') : ''],
      [t('thuiszitters.columns.responsible'), e.responsible?.name ?? ''],
      [t('thuiszitters.detail.end'), e.end ? t(`thuiszitters.endReason.${e.end.reason}`) : ''],
    ],
    available: (e) => e.can.change,
  });
  const done = (message: string) => {
    stale.clear();
    setStatus(message);
  };
  const registered = (location.state as RegisteredState | null)?.registered === true;
  useEffect(() => {
    if (registered) setStatus(t('thuiszitters.detail.registered'));
  }, [registered, t]);

  if (isApiError(query.error) && [400, 404].includes(query.error.status)) {
    return (
      <>
        <PageHeading title={t('thuiszitters.detail.notFound')} />
        <p className="utrecht-paragraph">{t('thuiszitters.detail.notFoundDetail')}</p>
        <p className="utrecht-paragraph">
          <AppLink to="/thuiszitters">{t('thuiszitters.detail.back')}</AppLink>
        </p>
      </>
    );
  }
  const entry = query.data;
  return (
    <>
      <PageHeading title={entry ? t('thuiszitters.detail.titleNamed', { name: childName(entry.child, t) }) : t('thuiszitters.detail.title')} />
      <ThuiszitterNav />
      <LiveStatus>{status}</LiveStatus>
      <StaleNotice stale={stale} />
      {query.isPending && <Loading label={t('common.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {entry && (
        <>
          <Summary entry={entry} />
          <ThuiszitterHelp entry={entry} />
          {entry.can.change && (
            <>
              <OfferSection entry={entry} onDone={done} stale={stale} />
              <ResponsibleSection entry={entry} onDone={done} stale={stale} />
              <CategorySection entry={entry} onDone={done} stale={stale} />
              <EndSection entry={entry} onDone={done} stale={stale} />
            </>
          )}
          <History history={entry.history} />
        </>
      )}
    </>
  );
}

function Summary({ entry }: { entry: ThuiszitterDetail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { can } = useSession();
  const name = childName(entry.child, t);
  const row = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <Section id="thuiszitter-summary" heading={t('thuiszitters.detail.summary')}>
      <dl className="samenspel-dl">
        {row(
          t('thuiszitters.columns.child'),
          <>
            {entry.child.givenName && can.listChildren ? <AppLink to={`/kinderen/${entry.child.id}`}>{name}</AppLink> : name}
            {entry.child.age !== undefined && ` (${t('common.ageYears', { count: entry.child.age })})`}
          </>,
        )}
        {row(t('thuiszitters.columns.category'), entry.category ? t(`thuiszitters.category.${entry.category}`) : t('common.none'))}
        {row(t('thuiszitters.detail.school'), entry.schoolLocation?.name ?? t('thuiszitters.detail.noSchool'))}
        {row(
          t('thuiszitters.columns.since'),
          <>
            <time dateTime={entry.startDate}>{formatDate(entry.startDate, lng)}</time> ({durationText(entry.duration, t)})
          </>,
        )}
        {row(t('thuiszitters.columns.norm'), <NormBadge entry={entry} />)}
        {row(
          t('thuiszitters.detail.offer'),
          <>
            <OfferText offer={entry.offer} />
            {entry.offer?.since && (
              <>
                {' '}
                {t('thuiszitters.detail.since', { date: formatDate(entry.offer.since, lng) })}
              </>
            )}
          </>,
        )}
        {row(t('thuiszitters.columns.responsible'), entry.responsible ? `${entry.responsible.name}${entry.responsible.organisationName ? ` (${entry.responsible.organisationName})` : ''}` : t('common.none'))}
        {entry.end && row(t('thuiszitters.detail.end'), `${formatDate(entry.end.on, lng)}: ${t(`thuiszitters.endReason.${entry.end.reason}`)}${entry.end.note ? ` – ${entry.end.note}` : ''}`)}
        {entry.absenceReport &&
          row(
            t('thuiszitters.detail.report'),
            t('thuiszitters.detail.reportText', {
              school: entry.absenceReport.schoolLocationName,
              from: formatDate(entry.absenceReport.startDate, lng),
              to: formatDate(entry.absenceReport.endDate, lng),
              hours: entry.absenceReport.hours.toLocaleString(lng),
            }),
          )}
      </dl>
    </Section>
  );
}

/** Everything recorded, oldest first: what changed, from which day, who recorded it and when. */
function History({ history }: { history: ThuiszitterHistoryItem[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const what = (e: ThuiszitterHistoryItem): ReactNode => {
    switch (e.kind) {
      case 'category':
        return e.schoolLocation
          ? t('thuiszitters.history.category', { category: t(`thuiszitters.category.${e.category}`), school: e.schoolLocation.name })
          : t('thuiszitters.history.categoryNoSchool', { category: t(`thuiszitters.category.${e.category}`) });
      case 'responsible':
        return t('thuiszitters.history.responsible', { name: e.responsible?.name ?? '' });
      case 'offer':
        return (
          <>
            {t('thuiszitters.history.offer')} <OfferText offer={e.offer} />
          </>
        );
      case 'end':
        return t('thuiszitters.history.end', { reason: t(`thuiszitters.endReason.${e.endReason}`) });
    }
  };
  return (
    <Section id="thuiszitter-history" heading={t('thuiszitters.history.heading')}>
      <ol className="samenspel-timeline">
        {history.map((e) => (
          <li key={e.id} className="samenspel-timeline__item">
            <p className="utrecht-paragraph samenspel-timeline__when">
              {t('thuiszitters.history.from', { date: formatDate(e.effectiveOn, lng) })}
              {' – '}
              {t('thuiszitters.history.recorded', {
                when: formatDateTimeShort(e.recordedAt, lng),
                who: e.recordedBy?.name ? (e.recordedBy.organisationName ? `${e.recordedBy.name} (${e.recordedBy.organisationName})` : e.recordedBy.name) : t('thuiszitters.history.system'),
              })}
            </p>
            <p className="utrecht-paragraph samenspel-timeline__what">{what(e)}</p>
            {e.note && <p className="utrecht-paragraph samenspel-pre-line">{e.note}</p>}
          </li>
        ))}
      </ol>
    </Section>
  );
}
