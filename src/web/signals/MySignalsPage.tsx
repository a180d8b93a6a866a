import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import type { SignalPage } from '../shared/types.ts';
import { qk } from '../shared/query-keys.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { ListView } from '../shared/ListView.tsx';
import { useListParams } from '../shared/list-params.ts';
import { useStaleSignalPages } from './data.ts';
import { signalColumns } from './columns.tsx';

const PAGE_SIZE = 25;

/** The signals the user raised, and what became of each: status, decision, when it was picked up. */
export function MySignalsPage() {
  const { t, i18n } = useTranslation();
  const list = useListParams();
  const page = list.page;

  const query = useQuery({
    queryKey: qk.signals.mine({ page }),
    queryFn: () => api.get<SignalPage>('/signals', { view: 'mine', page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  useStaleSignalPages(query.data?.items);
  const columns = signalColumns(t, i18n.language);

  return (
    <>
      <PageHeading title={t('signals.mine.title')} />
      <p className="utrecht-paragraph">{t('signals.mine.intro')}</p>

      <ListView
        query={query}
        caption={t('signals.mine.caption')}
        count={(data) => t('signals.mine.count', { count: data.total })}
        loadingLabel={t('signals.mine.loading')}
        empty={
          <>
            {t('signals.mine.empty')} <AppLink to="/kinderen">{t('signals.mine.emptyLink')}</AppLink>
          </>
        }
        onPage={list.goToPage}
        rowKey={(s) => s.id}
        columns={[
          columns.child,
          columns.category,
          columns.raisedOn,
          columns.status,
          {
            header: t('signals.columns.decision'),
            cell: (s) => (s.triageDecision ? t(`signals.decision.${s.triageDecision}`) : s.status === 'withdrawn' ? t('common.none') : t('signals.mine.noDecision')),
          },
          {
            header: t('signals.columns.pickedUpOn'),
            className: 'samenspel-nowrap',
            cell: (s) => (s.pickedUpOn ? columns.date(s.pickedUpOn) : s.status === 'withdrawn' ? t('common.none') : t('signals.mine.notPickedUp')),
          },
        ]}
      />
    </>
  );
}
