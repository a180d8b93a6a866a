import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { useSession } from '../shared/session.tsx';
import type { ChildPage } from '../shared/types.ts';
import { formatDate } from '../shared/format.ts';
import { qk } from '../shared/query-keys.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { ListView } from '../shared/ListView.tsx';
import { SearchForm } from '../shared/SearchForm.tsx';
import { useListParams } from '../shared/list-params.ts';

const PAGE_SIZE = 25;

/** The children the user may see: a professional's pupils and cases, a parent's children, a young person's own data. */
export function ChildrenListPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const kind = session?.user.kind;
  const list = useListParams();
  const q = list.get('q');
  const page = list.page;

  const query = useQuery({
    queryKey: qk.children.list({ q, page }),
    queryFn: () => api.get<ChildPage>('/children', { q, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const showPupilNumbers = query.data?.items.some((c) => c.school && 'pupilNumber' in c.school) ?? false;

  const variant = kind === 'guardian' ? 'Guardian' : kind === 'youth' ? 'Youth' : '';
  const title = t(`children.title${variant}`);

  return (
    <>
      <PageHeading title={title} />
      <p className="utrecht-paragraph">{t(`children.intro${variant}`)}</p>

      {kind !== 'youth' && (
        <SearchForm
          id="children-search"
          label={t('children.searchLabel')}
          hint={t('children.searchHint')}
          value={q}
          onSearch={(next) => list.apply({ q: next })}
          clearLabel={t('children.clearSearch')}
        />
      )}

      <ListView
        query={query}
        caption={q ? t('children.captionSearch', { q }) : title}
        count={(data) => t('children.count', { count: data.total })}
        loadingLabel={t('children.loading')}
        empty={q ? t('children.emptySearch', { q }) : t('children.empty')}
        onPage={list.goToPage}
        rowKey={(c) => c.id}
        columns={[
          // Sorted by family name without tussenvoegsel, and named that way: "Berg, Joep van den".
          { header: t('children.name'), rowHeader: true, cell: (c) => <AppLink to={`/kinderen/${c.id}`}>{c.sortName}</AppLink> },
          // The school's own pupil number, where the user may see the school data (the server leaves it out otherwise).
          showPupilNumbers && { header: t('children.pupilNumber'), cell: (c) => c.school?.pupilNumber ?? t('common.none') },
          { header: t('children.birthDate'), cell: (c) => <time dateTime={c.birthDate}>{formatDate(c.birthDate, i18n.language)}</time> },
          { header: t('children.age'), cell: (c) => t('common.ageYears', { count: c.age }) },
          {
            header: t('children.school'),
            cell: (c) =>
              c.school
                ? c.school.groupName
                  ? t('children.schoolGroup', { school: c.school.name, group: c.school.groupName })
                  : c.school.name
                : t('children.noSchool'),
          },
        ]}
      />
    </>
  );
}
