import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { api } from '../api.ts';
import { formatDate } from '../format.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ErrorAlert, Loading } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { CountValue, THUISZITTER_LISTS, ThuiszitterNav, type CountTable, useNormMonths } from './ThuiszitterShared.tsx';

type By = 'gemeente' | 'school_type';
interface Counts extends CountTable {
  asOf: string;
  by: By;
  threshold: number;
  columns: string[];
}
interface Monthly {
  threshold: number;
  columns: string[];
  months: { month: string; asOf: string; total: CountTable['total'] }[];
}

/** "oktober 2026": the row of a month, counted on its last day. */
const monthName = (iso: string, lng: string) =>
  new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** A group's name: the gemeente as the server names it, a school type or "not enrolled" translated. */
export function groupLabel(by: By, row: { key: string; label: string }, t: (k: string) => string) {
  if (row.key === 'unknown') return t('thuiszitters.counts.unknownGemeente');
  if (by === 'school_type') return row.key === 'none' ? t('thuiszitters.counts.noSchool') : t(`schoolTypes.${row.key}`);
  return row.label;
}

/**
 * The monitor's counts for policy analysts, the SWV and the attendance officer: the register on a
 * chosen date per gemeente or school type, and the last 12 month ends. Aggregates only; counts
 * from 1 to 4 show as "<5", and a count that would give one away by subtraction as "≥5".
 */
export function ThuiszitterCountsPage() {
  const { t, i18n } = useTranslation();
  const months = useNormMonths();
  const lng = i18n.language;
  const [params, setParams] = useSearchParams();
  const asOf = params.get('peildatum') ?? '';
  const by: By = params.get('per') === 'schoolsoort' ? 'school_type' : 'gemeente';
  const [draft, setDraft] = useState({ asOf: asOf || todayIso(), by });
  useEffect(() => setDraft({ asOf: asOf || todayIso(), by }), [asOf, by]);

  const counts = useQuery({
    queryKey: [...THUISZITTER_LISTS, 'counts', { asOf, by }],
    queryFn: () => api.get<Counts>('/thuiszitters/counts', { asOf: asOf || undefined, by }),
    placeholderData: keepPreviousData,
  });
  const monthly = useQuery({ queryKey: [...THUISZITTER_LISTS, 'monthly'], queryFn: () => api.get<Monthly>('/thuiszitters/counts/monthly') });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.asOf) next.set('peildatum', draft.asOf);
    if (draft.by === 'school_type') next.set('per', 'schoolsoort');
    setParams(next);
  }

  const data = counts.data;
  const columns = data?.columns ?? [];
  return (
    <>
      <PageHeading title={t('thuiszitters.counts.title')} />
      <p className="utrecht-paragraph">{t('thuiszitters.counts.intro')}</p>
      <ThuiszitterNav />
      <p className="utrecht-paragraph">{t('thuiszitters.counts.legend', { threshold: data?.threshold ?? 5, max: (data?.threshold ?? 5) - 1 })}</p>

      <form className="samenspel-form samenspel-inline-form" onSubmit={onSubmit}>
        <TextField id="counts-asof" type="date" label={t('thuiszitters.counts.asOf')} max={todayIso()} value={draft.asOf} onChange={(e) => setDraft({ ...draft, asOf: e.target.value })} />
        <SelectField id="counts-by" label={t('thuiszitters.counts.by')} value={draft.by} onChange={(e) => setDraft({ ...draft, by: e.target.value as By })}>
          <option value="gemeente">{t('thuiszitters.counts.byGemeente')}</option>
          <option value="school_type">{t('thuiszitters.counts.bySchoolType')}</option>
        </SelectField>
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="secondary-action-button">
            {t('thuiszitters.counts.show')}
          </Button>
        </div>
      </form>

      {counts.isPending && <Loading label={t('common.loading')} />}
      {counts.isError && <ErrorAlert error={counts.error} />}
      {data && (
        <div className={counts.isFetching ? 'samenspel-refreshing' : undefined} aria-busy={counts.isFetching || undefined}>
          <Table caption={t(data.by === 'gemeente' ? 'thuiszitters.counts.captionGemeente' : 'thuiszitters.counts.captionSchoolType', { date: formatDate(data.asOf, lng) })}>
            <THead>
              <Th>{data.by === 'gemeente' ? t('thuiszitters.counts.gemeente') : t('thuiszitters.counts.schoolType')}</Th>
              {columns.map((c) => (
                <Th key={c}>{t(`thuiszitters.counts.columns.${c}`, { months })}</Th>
              ))}
            </THead>
            <TBody>
              {data.rows.map((r) => (
                <Tr key={r.key}>
                  <Th row>{groupLabel(data.by, r, t)}</Th>
                  {columns.map((c) => (
                    <Td key={c}>
                      <CountValue cell={r.cells[c]} />
                    </Td>
                  ))}
                </Tr>
              ))}
              <Tr>
                <Th row>{t('thuiszitters.counts.region')}</Th>
                {columns.map((c) => (
                  <Td key={c}>
                    <strong>
                      <CountValue cell={data.total[c]} />
                    </strong>
                  </Td>
                ))}
              </Tr>
            </TBody>
          </Table>
        </div>
      )}

      <section className="samenspel-section" aria-labelledby="counts-monthly">
        <h2 id="counts-monthly" className="utrecht-heading-2">
          {t('thuiszitters.counts.monthlyHeading')}
        </h2>
        <p className="utrecht-paragraph">{t('thuiszitters.counts.monthlyIntro')}</p>
        {monthly.isPending && <Loading label={t('common.loading')} />}
        {monthly.isError && <ErrorAlert error={monthly.error} />}
        {monthly.data && (
          <Table caption={t('thuiszitters.counts.monthlyCaption')}>
            <THead>
              <Th>{t('thuiszitters.counts.monthEnd')}</Th>
              {monthly.data.columns.map((c) => (
                <Th key={c}>{t(`thuiszitters.counts.columns.${c}`, { months })}</Th>
              ))}
            </THead>
            <TBody>
              {monthly.data.months.map((m) => (
                <Tr key={m.month}>
                  <Th row>
                    <time dateTime={m.asOf}>{monthName(m.asOf, lng)}</time>
                  </Th>
                  {monthly.data!.columns.map((c) => (
                    <Td key={c}>
                      <CountValue cell={m.total[c]} />
                    </Td>
                  ))}
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>
    </>
  );
}
