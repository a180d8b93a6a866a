import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../format.ts';
import { useCases } from '../cases.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { ErrorAlert, Loading, StatusText } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { CaseStatusBadge, EvaluationDueBadge } from '../components/CaseBits.tsx';

/**
 * "Casussen": the cases of the own school (care coordinator) and those whose team the user is on.
 * A case whose consent does not cover the user's organisation shows only that it exists and who
 * the case manager is. The filter "Evaluatie binnenkort" is a link, so it is in the URL.
 */
export function CasesListPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [params] = useSearchParams();
  const due = params.get('evaluatie') === 'binnenkort';
  const query = useCases(due);
  const items = query.data?.items;
  const filters = [
    { key: 'all', search: '', current: !due },
    { key: 'due', search: 'evaluatie=binnenkort', current: due },
  ];
  return (
    <>
      <PageHeading title={t('cases.list.title')} />
      <p className="utrecht-paragraph">{t('cases.list.intro')}</p>
      <nav aria-label={t('cases.list.filterNav')} className="samenspel-counters-nav">
        <ul className="samenspel-counters">
          {filters.map((f) => (
            <li key={f.key}>
              <AppLink to={{ search: f.search }} className="samenspel-counter" aria-current={f.current ? 'true' : undefined}>
                <span className="samenspel-counter__label">{t(`cases.list.filter.${f.key}`)}</span>
              </AppLink>
            </li>
          ))}
        </ul>
      </nav>
      <StatusText>{items && !query.isFetching ? t('cases.list.count', { count: items.length }) : ''}</StatusText>
      {query.isPending && <Loading label={t('cases.list.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {items && items.length === 0 && <p className="utrecht-paragraph samenspel-empty">{due ? t('cases.list.emptyDue') : t('cases.list.empty')}</p>}
      {items && items.length > 0 && (
        <Table caption={due ? t('cases.list.captionDue') : t('cases.list.caption')}>
          <THead>
            <Th>{t('cases.columns.case')}</Th>
            <Th>{t('cases.columns.child')}</Th>
            <Th>{t('cases.columns.status')}</Th>
            <Th>{t('cases.columns.openedOn')}</Th>
            <Th>{t('cases.columns.nextEvaluation')}</Th>
            <Th>{t('cases.columns.caseManager')}</Th>
            <Th>{t('cases.columns.school')}</Th>
          </THead>
          <TBody>
            {items.map((c) => (
              <Tr key={c.id}>
                <Th row>
                  <AppLink to={`/casussen/${c.id}`}>{c.limited ? t('cases.limitedTitle') : c.title}</AppLink>
                </Th>
                <Td>{c.child ? c.child.name : t('common.none')}</Td>
                <Td>
                  <CaseStatusBadge status={c.status} />
                </Td>
                <Td className="samenspel-nowrap">
                  <time dateTime={c.openedOn}>{formatDate(c.openedOn, lng)}</time>
                </Td>
                <Td>
                  {c.nextEvaluationOn ? (
                    <>
                      <time dateTime={c.nextEvaluationOn} className="samenspel-nowrap">
                        {formatDate(c.nextEvaluationOn, lng)}
                      </time>
                      {c.evaluationDue && (
                        <>
                          {' '}
                          <EvaluationDueBadge />
                        </>
                      )}
                    </>
                  ) : (
                    t('common.none')
                  )}
                </Td>
                <Td>
                  {c.caseManagerName}
                  {c.needsCaseManager && <div className="samenspel-hint">{t('cases.list.needsCaseManager')}</div>}
                </Td>
                <Td>{c.organisationName}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
