import { useLocation, useParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import type { ChildAccessLogPage, ChildDetail } from '../shared/types.ts';
import { fullName } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ListView } from '../shared/ListView.tsx';
import { useListParams } from '../shared/list-params.ts';
import { AppLink } from '../shared/AppLink.tsx';
import { useAccessLogColumns } from './AccessLogColumns.tsx';
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
