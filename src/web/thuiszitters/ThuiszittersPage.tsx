import type { FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../shared/api.ts';
import { qk } from '../shared/query-keys.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { SelectField, Options } from '../shared/Fields.tsx';
import { CheckboxField } from '../shared/ChoiceFields.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { ListView } from '../shared/ListView.tsx';
import { Actions } from '../shared/Section.tsx';
import { useDraft, useListParams } from '../shared/list-params.ts';
import { useNormMonths, type ThuiszitterList } from './data.ts';
import { CATEGORIES } from '../../contracts/values/thuiszitters.ts';
import { ThuiszitterNav } from './ThuiszitterNav.tsx';
import { entryColumns } from './columns.tsx';

const PAGE_SIZE = 25;
type StatusFilter = 'open' | 'closed' | 'all';

/**
 * The thuiszitter register as the user may see it: the longest at home first, those longer than 3
 * months without a fitting offer before the rest and marked in words. Filters live in the URL.
 */
export function ThuiszittersPage() {
  const { t, i18n } = useTranslation();
  const months = useNormMonths();
  const list = useListParams();
  const category = list.oneOf('categorie', CATEGORIES);
  const status: StatusFilter = list.oneOf('status', ['closed', 'all'] as const) ?? 'open';
  const over = list.get('norm') === 'over';
  const page = list.page;
  const [draft, setDraft] = useDraft({ category: category ?? '', status, over });

  const query = useQuery({
    queryKey: qk.thuiszitters.list({ category, status, over, page }),
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
    list.apply({ categorie: draft.category, status: draft.status === 'open' ? undefined : draft.status, norm: draft.over ? 'over' : undefined });
  }

  const data = query.data;
  const columns = entryColumns(t, i18n.language, { school: true });
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
            <Options empty={t('thuiszitters.list.categoryAll')} values={CATEGORIES} label={(c) => t(`thuiszitters.category.${c}`)} />
          </SelectField>
          <SelectField id="thuiszitters-status" label={t('thuiszitters.list.status')} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as StatusFilter })}>
            <option value="open">{t('thuiszitters.list.statusOpen')}</option>
            <option value="closed">{t('thuiszitters.list.statusClosed')}</option>
            <option value="all">{t('thuiszitters.list.statusAll')}</option>
          </SelectField>
        </div>
        <CheckboxField id="thuiszitters-over" label={t('thuiszitters.list.overOnly', { months })} checked={draft.over} onChange={(checked) => setDraft({ ...draft, over: checked })} />
        <Actions>
          <Button type="submit" appearance="secondary-action-button">
            {t('thuiszitters.list.filterSubmit')}
          </Button>
        </Actions>
      </form>

      <ListView
        query={query}
        caption={t('thuiszitters.list.caption')}
        count={(d) => t('thuiszitters.list.count', { count: d.total })}
        loadingLabel={t('common.loading')}
        empty={t('thuiszitters.list.empty')}
        onPage={list.goToPage}
        rowKey={(e) => e.id}
        columns={[columns.child, columns.category, columns.since, columns.offer, columns.responsible, columns.norm]}
      />
    </>
  );
}
