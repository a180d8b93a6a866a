import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { formatDate } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../shared/Table.tsx';
import { ListView } from '../shared/ListView.tsx';
import { Section } from '../shared/Section.tsx';
import { entryColumns } from './columns.tsx';
import { useNormMonths } from './data.ts';
import type { Contract } from '../../contracts/common.ts';
import type { ThuiszitterEscalations } from '../../contracts/thuiszitters.ts';
import { CountValue } from './EntryText.tsx';
import { ThuiszitterNav } from './ThuiszitterNav.tsx';
import { qk } from '../shared/query-keys.ts';

/** `counts`: at the end of the last whole month (the same publication as the counts of that month). */
type Escalations = Contract<typeof ThuiszitterEscalations>;

/**
 * The escalation table of SWV and gemeenten: who is at home longer than 3 months without a
 * fitting offer. Children by name only as far as the access policy allows (the attendance officer
 * for the own gemeente, the school for its pupils); for the table itself counts per gemeente,
 * with small counts suppressed.
 */
export function ThuiszitterEscalationPage() {
  const { t, i18n } = useTranslation();
  const months = useNormMonths();
  const lng = i18n.language;
  const query = useQuery({ queryKey: qk.thuiszitters.escalations, queryFn: () => api.get<Escalations>('/thuiszitters/escalations', { pageSize: 100 }) });
  const data = query.data;
  const columns = entryColumns(t, lng);
  return (
    <>
      <PageHeading title={t('thuiszitters.escalation.title')} />
      <p className="utrecht-paragraph">{t('thuiszitters.escalation.intro', { months })}</p>
      <ThuiszitterNav />
      {query.isPending && <Loading label={t('common.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {data?.counts && (
        <Section id="escalation-counts" heading={t('thuiszitters.escalation.countsHeading')}>
          <p className="utrecht-paragraph">{t('thuiszitters.counts.legend', { threshold: data.counts.threshold, max: data.counts.threshold - 1, double: data.counts.threshold * 2 })}</p>
          <Table caption={t('thuiszitters.escalation.countsCaption', { months, date: formatDate(data.counts.asOf, lng) })}>
            <THead>
              <Th>{t('thuiszitters.counts.gemeente')}</Th>
              {data.counts.columns.map((c) => (
                <Th key={c}>{t(`thuiszitters.escalation.columns.${c}`)}</Th>
              ))}
            </THead>
            <TBody>
              {/* "Residence unknown" only when it has something to show (its row is always in the answer). */}
              {data.counts.rows
                .filter((r) => r.key !== 'unknown' || Object.values(r.cells).some((c) => c.suppressed !== 'small'))
                .map((r) => (
                  <Tr key={r.key}>
                    <Th row>{r.key === 'unknown' ? t('thuiszitters.counts.unknownGemeente') : r.label}</Th>
                    {data.counts!.columns.map((c) => (
                      <Td key={c}>
                        <CountValue cell={r.cells[c]} />
                      </Td>
                    ))}
                  </Tr>
                ))}
              <Tr>
                <Th row>{t('thuiszitters.counts.region')}</Th>
                {data.counts.columns.map((c) => (
                  <Td key={c}>
                    <strong>
                      <CountValue cell={data.counts!.total[c]} />
                    </strong>
                  </Td>
                ))}
              </Tr>
            </TBody>
          </Table>
        </Section>
      )}
      {data && (
        <Section id="escalation-children" heading={t('thuiszitters.escalation.childrenHeading', { count: data.total })}>
          <ListView
            query={query}
            caption={t('thuiszitters.escalation.childrenCaption', { months })}
            loadingLabel={t('common.loading')}
            empty={data.counts ? t('thuiszitters.escalation.noChildrenAggregate') : t('thuiszitters.escalation.noChildren', { months })}
            rowKey={(e) => e.id}
            columns={[columns.child, columns.category, columns.since, columns.offer, columns.responsible]}
          />
        </Section>
      )}
    </>
  );
}
