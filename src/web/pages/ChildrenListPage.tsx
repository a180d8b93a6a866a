import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import type { ChildSummary, Page } from '../types.ts';
import { formatDate, fullName } from '../format.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { TextField } from '../components/Fields.tsx';
import { ErrorAlert, Loading, StatusText } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { Pager } from '../components/Pager.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { pageFrom } from '../url.ts';

const PAGE_SIZE = 25;

export function ChildrenListPage() {
  const { t, i18n } = useTranslation();
  const { actorRole } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = pageFrom(params);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const query = useQuery({
    queryKey: ['children', { q, page }],
    queryFn: () => api.get<Page<ChildSummary>>('/children', { q, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const variant = actorRole === 'guardian' ? 'Guardian' : actorRole === 'youth' ? 'Youth' : '';
  const title = t(`children.title${variant}`);

  function search(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.trim()) next.set('q', draft.trim());
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
      <PageHeading title={title} />
      <p className="utrecht-paragraph">{t(`children.intro${variant}`)}</p>

      {actorRole !== 'youth' && (
        <form role="search" className="samenspel-form samenspel-search" onSubmit={search}>
          <TextField
            id="children-search"
            type="search"
            name="q"
            label={t('children.searchLabel')}
            description={t('children.searchHint')}
            autoComplete="off"
            maxLength={100}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <div className="utrecht-button-group samenspel-actions">
            <Button type="submit" appearance="primary-action-button">
              {t('common.search')}
            </Button>
            {q && (
              <Button appearance="subtle-button" onClick={() => setParams(new URLSearchParams())}>
                {t('children.clearSearch')}
              </Button>
            )}
          </div>
        </form>
      )}

      <StatusText>{data && !query.isFetching ? t('children.count', { count: data.total }) : ''}</StatusText>
      {query.isPending && <Loading label={t('children.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {data && data.items.length === 0 && (
        <p className="utrecht-paragraph samenspel-empty">{q ? t('children.emptySearch', { q }) : t('children.empty')}</p>
      )}
      {data && data.items.length > 0 && (
        <div className={query.isFetching ? 'samenspel-refreshing' : undefined} aria-busy={query.isFetching || undefined}>
          <Table caption={q ? t('children.captionSearch', { q }) : title}>
            <THead>
              <Th>{t('children.name')}</Th>
              <Th>{t('children.birthDate')}</Th>
              <Th>{t('children.age')}</Th>
              <Th>{t('children.school')}</Th>
            </THead>
            <TBody>
              {data.items.map((c) => (
                <Tr key={c.id}>
                  <Th row>
                    <AppLink to={`/kinderen/${c.id}`}>{fullName(c)}</AppLink>
                  </Th>
                  <Td>
                    <time dateTime={c.birthDate}>{formatDate(c.birthDate, i18n.language)}</time>
                  </Td>
                  <Td>{t('common.ageYears', { count: c.age })}</Td>
                  <Td>
                    {c.school
                      ? c.school.groupName
                        ? t('children.schoolGroup', { school: c.school.name, group: c.school.groupName })
                        : c.school.name
                      : t('children.noSchool')}
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
