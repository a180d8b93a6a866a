import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { formatDate } from '../format.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { ErrorAlert, Loading } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { childName, CountValue, durationText, OfferText, THUISZITTER_LISTS, ThuiszitterNav, type CountTable, type ThuiszitterEntry, useNormMonths } from './ThuiszitterShared.tsx';

interface Escalations {
  asOf: string;
  items: ThuiszitterEntry[];
  total: number;
  /** At the end of the last whole month (the same publication as the counts of that month). */
  counts: (CountTable & { asOf: string; threshold: number; columns: string[] }) | null;
}

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
  const query = useQuery({ queryKey: [...THUISZITTER_LISTS, 'escalations'], queryFn: () => api.get<Escalations>('/thuiszitters/escalations', { pageSize: 100 }) });
  const data = query.data;
  return (
    <>
      <PageHeading title={t('thuiszitters.escalation.title')} />
      <p className="utrecht-paragraph">{t('thuiszitters.escalation.intro', { months })}</p>
      <ThuiszitterNav />
      {query.isPending && <Loading label={t('common.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {data?.counts && (
        <section className="samenspel-section" aria-labelledby="escalation-counts">
          <h2 id="escalation-counts" className="utrecht-heading-2">
            {t('thuiszitters.escalation.countsHeading')}
          </h2>
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
        </section>
      )}
      {data && (
        <section className="samenspel-section" aria-labelledby="escalation-children">
          <h2 id="escalation-children" className="utrecht-heading-2">
            {t('thuiszitters.escalation.childrenHeading', { count: data.total })}
          </h2>
          {data.items.length === 0 ? (
            <p className="utrecht-paragraph samenspel-empty">{data.counts ? t('thuiszitters.escalation.noChildrenAggregate') : t('thuiszitters.escalation.noChildren', { months })}</p>
          ) : (
            <Table caption={t('thuiszitters.escalation.childrenCaption', { months })}>
              <THead>
                <Th>{t('thuiszitters.columns.child')}</Th>
                <Th>{t('thuiszitters.columns.category')}</Th>
                <Th>{t('thuiszitters.columns.since')}</Th>
                <Th>{t('thuiszitters.columns.offer')}</Th>
                <Th>{t('thuiszitters.columns.responsible')}</Th>
              </THead>
              <TBody>
                {data.items.map((e) => (
                  <Tr key={e.id}>
                    <Th row>
                      <AppLink to={`/thuiszitters/${e.id}`}>{childName(e.child, t)}</AppLink>
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
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </section>
      )}
    </>
  );
}
