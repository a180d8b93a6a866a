import { useTranslation } from 'react-i18next';
import { formatDate } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { ListView } from '../shared/ListView.tsx';
import { FilterCounters } from '../shared/FilterCounters.tsx';
import { useListParams } from '../shared/list-params.ts';
import { useCases } from './data.ts';
import { useSession } from '../shared/session.tsx';
import { CaseStatusBadge, EvaluationDueBadge } from './CaseBadges.tsx';

/**
 * "Casussen": the cases of the own school (care coordinator) and those whose team the user is on.
 * A case whose consent does not cover the user's organisation shows only that it exists and who
 * the case manager is. The filter "Evaluatie binnenkort" is a link, so it is in the URL. The
 * server answers the whole list (no paging).
 */
export function CasesListPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const lng = i18n.language;
  const list = useListParams();
  const due = list.get('evaluatie') === 'binnenkort';
  const query = useCases(due);
  const date = (iso: string) => (
    <time dateTime={iso} className="samenspel-nowrap">
      {formatDate(iso, lng)}
    </time>
  );
  return (
    <>
      <PageHeading title={t('cases.list.title')} />
      <p className="utrecht-paragraph">{t(can.triageSignals ? 'cases.list.intro' : 'cases.list.introTeam')}</p>
      <FilterCounters
        label={t('cases.list.filterNav')}
        counters={[
          { key: 'all', search: '', label: t('cases.list.filter.all'), current: !due },
          { key: 'due', search: list.search({ evaluatie: 'binnenkort' }), label: t('cases.list.filter.due'), current: due },
        ]}
      />
      <ListView
        query={query}
        caption={due ? t('cases.list.captionDue') : t('cases.list.caption')}
        count={(data) => t('cases.list.count', { count: data.items.length })}
        loadingLabel={t('cases.list.loading')}
        empty={due ? t('cases.list.emptyDue') : t('cases.list.empty')}
        rowKey={(c) => c.id}
        columns={[
          { header: t('cases.columns.case'), rowHeader: true, cell: (c) => <AppLink to={`/casussen/${c.id}`}>{c.limited ? t('cases.limitedTitle') : c.title}</AppLink> },
          { header: t('cases.columns.child'), cell: (c) => (c.child ? c.child.name : t('common.none')) },
          { header: t('cases.columns.status'), cell: (c) => <CaseStatusBadge status={c.status} /> },
          { header: t('cases.columns.openedOn'), className: 'samenspel-nowrap', cell: (c) => date(c.openedOn) },
          {
            header: t('cases.columns.nextEvaluation'),
            cell: (c) =>
              c.nextEvaluationOn ? (
                <>
                  {date(c.nextEvaluationOn)}
                  {c.evaluationDue && (
                    <>
                      {' '}
                      <EvaluationDueBadge />
                    </>
                  )}
                </>
              ) : (
                t('common.none')
              ),
          },
          {
            header: t('cases.columns.caseManager'),
            cell: (c) => (
              <>
                {c.caseManagerName}
                {c.needsCaseManager && <div className="samenspel-hint">{t('cases.list.needsCaseManager')}</div>}
              </>
            ),
          },
          { header: t('cases.columns.school'), cell: (c) => c.organisationName },
        ]}
      />
    </>
  );
}
