import { useLocation, useParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import type { ChildAccessLogEntry, ChildAccessLogPage, ChildDetail } from '../shared/types.ts';
import { fullName } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ListView } from '../shared/ListView.tsx';
import { useListParams } from '../shared/list-params.ts';
import { AppLink } from '../shared/AppLink.tsx';
import { useAccessLogColumns, useEventLabel } from './AccessLogColumns.tsx';
import { qk } from '../shared/query-keys.ts';

/**
 * Who looked at this child's data (guardian with authority, young person 16+, privacy officer).
 * The child's name comes along from the child page; this page does not fetch the child itself,
 * so that a privacy officer's visit does not show up as a (denied) read of the file.
 */
export function ChildAccessLogPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const { can } = useSession();
  const passedName = (location.state as { name?: string } | null)?.name;
  // Opened directly (bookmark, reload): a guardian or young person may read the child's name.
  // A privacy officer may not, and must not cause a denied read of the file just to show a title.
  const child = useQuery({
    queryKey: qk.child(id),
    queryFn: () => api.get<ChildDetail>(`/children/${encodeURIComponent(id)}`),
    enabled: !passedName && !can.readAccessLog,
  });
  const name = passedName ?? (child.data ? fullName(child.data) : undefined);
  const { page, goToPage } = useListParams();
  const columns = useAccessLogColumns('childAccessLog');

  const query = useQuery({
    queryKey: qk.childAccessLog(id, page),
    queryFn: () => api.get<ChildAccessLogPage>(`/children/${encodeURIComponent(id)}/access-log`, { page }),
    placeholderData: keepPreviousData,
  });

  const title = name ? t('childAccessLog.titleNamed', { name }) : t('childAccessLog.title');
  const back =
    can.readAccessLog ? (
      <AppLink to={`/toegangslog?childId=${encodeURIComponent(id)}`}>{t('nav.accessLog')}</AppLink>
    ) : (
      <AppLink to={`/kinderen/${id}`}>{name ? t('childAccessLog.backToChild', { name }) : t('childAccessLog.backToChildUnnamed')}</AppLink>
    );

  const hidden = isApiError(query.error) && [400, 403, 404].includes(query.error.status);
  if (hidden) {
    return (
      <>
        <PageHeading title={t('child.notFound')} />
        <p className="utrecht-paragraph">{t('child.notFoundDetail')}</p>
        <p className="utrecht-paragraph">{back}</p>
      </>
    );
  }

  return (
    <>
      <PageHeading title={title} />
      <p className="utrecht-paragraph">{t('childAccessLog.intro')}</p>
      <ListView
        query={query}
        caption={t('childAccessLog.caption')}
        count={(data) => t('accessLog.count', { count: data.total })}
        loadingLabel={t('childAccessLog.loading')}
        empty={t('childAccessLog.empty')}
        onPage={(n) => goToPage(n, { state: location.state })}
        rowKey={(e) => e.seq}
        // The family reads it as short sentences in plain Dutch (B1); the privacy officer gets the table with the grounds.
        renderItems={can.readAccessLog ? undefined : (items) => <LogSentences items={items} />}
        columns={[
          { ...columns.when, rowHeader: true },
          { header: t('childAccessLog.who'), cell: (e) => e.actorName ?? t('common.unknown') },
          { header: t('childAccessLog.organisation'), cell: (e) => e.organisationName ?? t('common.none') },
          columns.role,
          columns.event,
          columns.ground,
          columns.outcome,
        ]}
      />
      <p className="utrecht-paragraph">{back}</p>
    </>
  );
}

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase() + text.slice(1);

/**
 * One short sentence per look, newest first: "Anna Jansen (leerkracht, OBS De Regenboog) bekeek het
 * plan op 3 december om 10:12." A refused look says plainly that it was not allowed.
 */
function LogSentences({ items }: { items: readonly ChildAccessLogEntry[] }) {
  const { t, i18n } = useTranslation();
  const eventLabel = useEventLabel();
  const locale = i18n.language === 'en' ? 'en-GB' : 'nl-NL';
  const thisYear = new Date().getFullYear();
  return (
    <ol className="samenspel-log-sentences" aria-label={t('childAccessLog.caption')}>
      {items.map((e) => {
        const at = new Date(e.occurredAt);
        const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', ...(at.getFullYear() !== thisYear ? { year: 'numeric' as const } : {}), timeZone: 'Europe/Amsterdam' }).format(at);
        const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' }).format(at);
        const details = [e.role ? lowerFirst(t(`roles.${e.role}`, { defaultValue: e.role })) : null, e.organisationName].filter(Boolean).join(', ');
        const name = e.actorName ?? t('childAccessLog.someone');
        const who = details ? t('childAccessLog.whoDetails', { name, details }) : name;
        const denied = e.outcome === 'denied';
        return (
          <li key={e.seq} className={`samenspel-log-sentence${denied ? ' samenspel-log-sentence--denied' : ''}`}>
            {denied ? t('childAccessLog.sentenceDenied', { who, date, time }) : t('childAccessLog.sentence', { who, action: eventLabel(e.event), date, time })}
          </li>
        );
      })}
    </ol>
  );
}
