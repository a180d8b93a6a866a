import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../api.ts';
import { formatDate } from '../format.ts';
import { pageFrom } from '../url.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { CheckboxField, SelectField } from '../components/Fields.tsx';
import { ErrorAlert, Loading, StatusText } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { Pager } from '../components/Pager.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { CATEGORIES, childName, durationText, NormBadge, OfferText, ThuiszitterNav, THUISZITTER_LISTS, type ThuiszitterCategory, type ThuiszitterList, useNormMonths } from './ThuiszitterShared.tsx';

const PAGE_SIZE = 25;
type StatusFilter = 'open' | 'closed' | 'all';

/**
 * The thuiszitter register as the user may see it: the longest at home first, those longer than 3
 * months without a fitting offer before the rest and marked in words. Filters live in the URL.
 */
export function ThuiszittersPage() {
  const { t, i18n } = useTranslation();
  const months = useNormMonths();
  const lng = i18n.language;
  const [params, setParams] = useSearchParams();
  const categoryParam = params.get('categorie') ?? '';
  const category = (CATEGORIES as readonly string[]).includes(categoryParam) ? (categoryParam as ThuiszitterCategory) : undefined;
  const statusParam = params.get('status');
  const status: StatusFilter = statusParam === 'closed' || statusParam === 'all' ? statusParam : 'open';
  const over = params.get('norm') === 'over';
  const page = pageFrom(params);

  const [draft, setDraft] = useState({ category: category ?? '', status, over });
  useEffect(() => setDraft({ category: category ?? '', status, over }), [category, status, over]);

  const query = useQuery({
    queryKey: [...THUISZITTER_LISTS, 'list', { category, status, over, page }],
    queryFn: () =>
      api.get<ThuiszitterList>('/thuiszitters', {
        category,
        open: status === 'all' ? undefined : status === 'open',
        over3months: over ? true : undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });

  function onFilter(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.category) next.set('categorie', draft.category);
    if (draft.status !== 'open') next.set('status', draft.status);
    if (draft.over) next.set('norm', 'over');
    setParams(next);
  }

  function goToPage(n: number) {
    const next = new URLSearchParams(params);
    next.set('pagina', String(n));
    setParams(next);
  }

  const data = query.data;
  return (
    <>
      <PageHeading title={t('thuiszitters.list.title')} />
      <p className="utrecht-paragraph">{t('thuiszitters.list.intro')}</p>
      <ThuiszitterNav />

      {data && (
        <p className="utrecht-paragraph">
          {t('thuiszitters.list.summary', { open: data.summary.open })}{' '}
          {data.summary.over3Months > 0 ? (
            <AppLink to={{ search: 'norm=over' }}>{t('thuiszitters.list.summaryOver', { months, count: data.summary.over3Months })}</AppLink>
          ) : (
            t('thuiszitters.list.summaryNoneOver', { months })
          )}
        </p>
      )}

      <form className="samenspel-form samenspel-search" onSubmit={onFilter} aria-labelledby="thuiszitters-filter-heading">
        <h2 id="thuiszitters-filter-heading" className="utrecht-heading-2">
          {t('thuiszitters.list.filterHeading')}
        </h2>
        <div className="samenspel-filter-grid">
          <SelectField id="thuiszitters-category" label={t('thuiszitters.list.category')} value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })}>
            <option value="">{t('thuiszitters.list.categoryAll')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`thuiszitters.category.${c}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="thuiszitters-status" label={t('thuiszitters.list.status')} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as StatusFilter })}>
            <option value="open">{t('thuiszitters.list.statusOpen')}</option>
            <option value="closed">{t('thuiszitters.list.statusClosed')}</option>
            <option value="all">{t('thuiszitters.list.statusAll')}</option>
          </SelectField>
        </div>
        <CheckboxField id="thuiszitters-over" label={t('thuiszitters.list.overOnly', { months })} checked={draft.over} onChange={(checked) => setDraft({ ...draft, over: checked })} />
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="secondary-action-button">
            {t('thuiszitters.list.filterSubmit')}
          </Button>
        </div>
      </form>

      <StatusText>{data && !query.isFetching ? t('thuiszitters.list.count', { count: data.total }) : ''}</StatusText>
      {query.isPending && <Loading label={t('common.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {data && data.items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{t('thuiszitters.list.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className={query.isFetching ? 'samenspel-refreshing' : undefined} aria-busy={query.isFetching || undefined}>
          <Table caption={t('thuiszitters.list.caption')}>
            <THead>
              <Th>{t('thuiszitters.columns.child')}</Th>
              <Th>{t('thuiszitters.columns.category')}</Th>
              <Th>{t('thuiszitters.columns.since')}</Th>
              <Th>{t('thuiszitters.columns.offer')}</Th>
              <Th>{t('thuiszitters.columns.responsible')}</Th>
              <Th>{t('thuiszitters.columns.norm')}</Th>
            </THead>
            <TBody>
              {data.items.map((e) => (
                <Tr key={e.id}>
                  <Th row>
                    <AppLink to={`/thuiszitters/${e.id}`}>{childName(e.child, t)}</AppLink>
                    {e.schoolLocation && <div>{e.schoolLocation.name}</div>}
                  </Th>
                  <Td>{e.category ? t(`thuiszitters.category.${e.category}`) : t('common.none')}</Td>
                  <Td>
                    <time dateTime={e.startDate}>{formatDate(e.startDate, lng)}</time>
                    <div>{durationText(e.duration, t)}</div>
                  </Td>
                  <Td>
                    <OfferText offer={e.offer} />
                  </Td>
                  <Td>{e.responsible?.name ?? t('common.none')}</Td>
                  <Td>
                    <NormBadge entry={e} />
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
