import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { SignalPage } from '../types.ts';
import { formatDate, fullName } from '../format.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { ErrorAlert, Loading, StatusText } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { Pager } from '../components/Pager.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { StatusBadge } from '../components/SignalBits.tsx';
import { useStaleSignalPages } from '../signals.ts';
import { pageFrom } from '../url.ts';

const PAGE_SIZE = 25;

/** The signals the user raised, and what became of each: status, decision, when it was picked up. */
export function MySignalsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = pageFrom(params);
  const lng = i18n.language;

  const query = useQuery({
    queryKey: ['signals', 'mine', { page }],
    queryFn: () => api.get<SignalPage>('/signals', { view: 'mine', page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  function goToPage(n: number) {
    const next = new URLSearchParams(params);
    next.set('pagina', String(n));
    setParams(next);
  }

  const data = query.data;
  useStaleSignalPages(data?.items);
  return (
    <>
      <PageHeading title={t('signals.mine.title')} />
      <p className="utrecht-paragraph">{t('signals.mine.intro')}</p>

      <StatusText>{data && !query.isFetching ? t('signals.mine.count', { count: data.total }) : ''}</StatusText>
      {query.isPending && <Loading label={t('signals.mine.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {data && data.items.length === 0 && (
        <p className="utrecht-paragraph samenspel-empty">
          {t('signals.mine.empty')} <AppLink to="/kinderen">{t('signals.mine.emptyLink')}</AppLink>
        </p>
      )}
      {data && data.items.length > 0 && (
        <div className={query.isFetching ? 'samenspel-refreshing' : undefined} aria-busy={query.isFetching || undefined}>
          <Table caption={t('signals.mine.caption')}>
            <THead>
              <Th>{t('signals.columns.child')}</Th>
              <Th>{t('signals.columns.category')}</Th>
              <Th>{t('signals.columns.raisedOn')}</Th>
              <Th>{t('signals.columns.status')}</Th>
              <Th>{t('signals.columns.decision')}</Th>
              <Th>{t('signals.columns.pickedUpOn')}</Th>
            </THead>
            <TBody>
              {data.items.map((s) => (
                <Tr key={s.id}>
                  <Th row>
                    <AppLink to={`/signalen/${s.id}`}>
                      {fullName(s.child)}
                      <span className="samenspel-visually-hidden">
                        {', '}
                        {t('signals.columns.linkSuffix', { category: t(`signals.category.${s.category}`), date: formatDate(s.raisedOn, lng) })}
                      </span>
                    </AppLink>
                  </Th>
                  <Td>{t(`signals.category.${s.category}`)}</Td>
                  <Td className="samenspel-nowrap">
                    <time dateTime={s.raisedOn}>{formatDate(s.raisedOn, lng)}</time>
                  </Td>
                  <Td>
                    <StatusBadge status={s.status} />
                  </Td>
                  <Td>{s.triageDecision ? t(`signals.decision.${s.triageDecision}`) : s.status === 'withdrawn' ? t('common.none') : t('signals.mine.noDecision')}</Td>
                  <Td className="samenspel-nowrap">
                    {s.pickedUpOn ? (
                      <time dateTime={s.pickedUpOn}>{formatDate(s.pickedUpOn, lng)}</time>
                    ) : s.status === 'withdrawn' ? (
                      t('common.none')
                    ) : (
                      t('signals.mine.notPickedUp')
                    )}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={goToPage} />
        </div>
      )}
    </>
  );
}
