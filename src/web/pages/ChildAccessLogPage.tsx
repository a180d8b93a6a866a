import { useLocation, useParams, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api.ts';
import { useSession } from '../session.tsx';
import type { ChildAccessLogEntry, ChildDetail, Page } from '../types.ts';
import { fullName } from '../format.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { ErrorAlert, Loading, StatusText } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { Pager } from '../components/Pager.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { AccessLogCells } from './accessLogShared.tsx';
import { pageFrom } from '../url.ts';

/**
 * Who looked at this child's data (guardian with authority, young person 16+, privacy officer).
 * The child's name comes along from the child page; this page does not fetch the child itself,
 * so that a privacy officer's visit does not show up as a (denied) read of the file.
 */
export function ChildAccessLogPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const { actorRole } = useSession();
  const passedName = (location.state as { name?: string } | null)?.name;
  // Opened directly (bookmark, reload): a guardian or young person may read the child's name.
  // A privacy officer may not, and must not cause a denied read of the file just to show a title.
  const child = useQuery({
    queryKey: ['child', id],
    queryFn: () => api.get<ChildDetail>(`/children/${encodeURIComponent(id)}`),
    enabled: !passedName && actorRole !== 'privacy_officer',
  });
  const name = passedName ?? (child.data ? fullName(child.data) : undefined);
  const [params, setParams] = useSearchParams();
  const page = pageFrom(params);

  const query = useQuery({
    queryKey: ['child-access-log', id, page],
    queryFn: () => api.get<Page<ChildAccessLogEntry>>(`/children/${encodeURIComponent(id)}/access-log`, { page }),
    placeholderData: keepPreviousData,
  });

  const title = name ? t('childAccessLog.titleNamed', { name }) : t('childAccessLog.title');
  const back =
    actorRole === 'privacy_officer' ? (
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

  const data = query.data;
  return (
    <>
      <PageHeading title={title} />
      <p className="utrecht-paragraph">{t('childAccessLog.intro')}</p>
      <StatusText>{data && !query.isFetching ? t('accessLog.count', { count: data.total }) : ''}</StatusText>
      {query.isPending && <Loading label={t('childAccessLog.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {data && data.items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('childAccessLog.empty')}</p>}
      {data && data.items.length > 0 && (
        <>
          <Table caption={t('childAccessLog.caption')}>
            <THead>
              <Th>{t('childAccessLog.when')}</Th>
              <Th>{t('childAccessLog.who')}</Th>
              <Th>{t('childAccessLog.organisation')}</Th>
              <Th>{t('childAccessLog.role')}</Th>
              <Th>{t('childAccessLog.event')}</Th>
              <Th>{t('childAccessLog.ground')}</Th>
              <Th>{t('childAccessLog.outcome')}</Th>
            </THead>
            <TBody>
              {data.items.map((e) => (
                <Tr key={e.seq}>
                  <AccessLogCells.When entry={e} header />
                  <Td>{e.actorName ?? t('common.unknown')}</Td>
                  <Td>{e.organisationName ?? t('common.none')}</Td>
                  <AccessLogCells.Role entry={e} />
                  <AccessLogCells.Event entry={e} />
                  <AccessLogCells.Ground entry={e} />
                  <AccessLogCells.Outcome entry={e} />
                </Tr>
              ))}
            </TBody>
          </Table>
          <Pager
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onChange={(n) => setParams({ pagina: String(n) }, { state: location.state })}
          />
        </>
      )}
      <p className="utrecht-paragraph">{back}</p>
    </>
  );
}
