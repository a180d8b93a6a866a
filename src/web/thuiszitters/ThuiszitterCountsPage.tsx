import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { formatDate } from '../shared/format.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { SelectField } from '../shared/Fields.tsx';
import { ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../shared/Table.tsx';
import { CountValue } from './EntryText.tsx';
import { ThuiszitterNav } from './ThuiszitterNav.tsx';
import { useNormMonths } from './data.ts';
import type { Contract } from '../../contracts/common.ts';
import type { ThuiszitterCounts, ThuiszitterCountsMonthly } from '../../contracts/thuiszitters.ts';
import type { CountsBy } from '../../contracts/values/thuiszitters.ts';
import { qk } from '../shared/query-keys.ts';
import { Section, SubmitRow } from '../shared/Section.tsx';

type By = CountsBy;
type Counts = Contract<typeof ThuiszitterCounts>;
type Monthly = Contract<typeof ThuiszitterCountsMonthly>;

/** "oktober 2026": the row of a month, counted on its last day. */
const monthName = (iso: string, lng: string) =>
  new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 7)}-01T00:00:00Z`));

/** A group's name: the gemeente as the server names it, a school type or "not enrolled" translated. */
export function groupLabel(by: By, row: { key: string; label: string }, t: (k: string) => string) {
  if (row.key === 'unknown') return t('thuiszitters.counts.unknownGemeente');
  if (by === 'school_type') return row.key === 'none' ? t('thuiszitters.counts.noSchool') : t(`schoolTypes.${row.key}`);
  return row.label;
}

/**
 * The monitor's counts for policy analysts, the SWV and the attendance officer: the register per
 * whole period — a past month (as on its last day) or a past school year — per gemeente or school
 * type, and the last 12 months of the region. Aggregates only; 0 to 4 show as "<5", other counts
 * rounded to fives, and a count that would give a small one away as "≥5". There is no day to choose:
 * two days side by side would show the one child who came or went.
 *
 * On a phone the table scrolls sideways inside its own focusable region (named by its caption), with
 * the row names kept in view.
 */
export function ThuiszitterCountsPage() {
  const { t, i18n } = useTranslation();
  const months = useNormMonths();
  const lng = i18n.language;
  const [params, setParams] = useSearchParams();
  const period = params.get('periode') ?? '';
  const by: By = params.get('per') === 'schoolsoort' ? 'school_type' : 'gemeente';
  const [draft, setDraft] = useState({ period, by });
  useEffect(() => setDraft({ period, by }), [period, by]);

  const counts = useQuery({
    queryKey: qk.thuiszitters.counts({ period, by }),
    queryFn: () => api.get<Counts>('/thuiszitters/counts', { period: period || undefined, by }),
    placeholderData: keepPreviousData,
  });
  const monthly = useQuery({ queryKey: qk.thuiszitters.monthly, queryFn: () => api.get<Monthly>('/thuiszitters/counts/monthly') });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.period) next.set('periode', draft.period);
    if (draft.by === 'school_type') next.set('per', 'schoolsoort');
    setParams(next);
  }

  const data = counts.data;
  const columns = data?.columns ?? [];
  const threshold = data?.threshold ?? 5;
  const periodText = (p: Counts['period']) => (p.kind === 'month' ? t('thuiszitters.counts.periodMonth', { date: formatDate(p.to, lng) }) : t('thuiszitters.counts.periodSchoolYear', { year: p.id }));
  const caption = (d: Counts) => t(d.by === 'gemeente' ? 'thuiszitters.counts.captionGemeente' : 'thuiszitters.counts.captionSchoolType', { period: periodText(d.period) });
  // A row with nothing to show (every cell "<5") is left out: it tells nothing a reader could not know.
  const rows = (data?.rows ?? []).filter((r) => r.key !== 'unknown' || Object.values(r.cells).some((c) => c.suppressed !== 'small'));
  return (
    <>
      <PageHeading title={t('thuiszitters.counts.title')} />
      <p className="utrecht-paragraph">{t('thuiszitters.counts.intro')}</p>
      <ThuiszitterNav />
      <p className="utrecht-paragraph">{t('thuiszitters.counts.legend', { threshold, max: threshold - 1, double: threshold * 2 })}</p>

      <form className="samenspel-form samenspel-inline-form" onSubmit={onSubmit}>
        <SelectField id="counts-period" label={t('thuiszitters.counts.period')} value={draft.period || data?.period.id || ''} onChange={(e) => setDraft({ ...draft, period: e.target.value })}>
          {!data && <option value={draft.period}>{draft.period}</option>}
          {data && (
            <>
              <optgroup label={t('thuiszitters.counts.months')}>
                {data.periods.months.map((m) => (
                  <option key={m} value={m}>
                    {monthName(m, lng)}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('thuiszitters.counts.schoolYears')}>
                {data.periods.schoolYears.map((y) => (
                  <option key={y} value={y}>
                    {t('thuiszitters.counts.schoolYear', { year: y })}
                  </option>
                ))}
              </optgroup>
            </>
          )}
        </SelectField>
        <SelectField id="counts-by" label={t('thuiszitters.counts.by')} value={draft.by} onChange={(e) => setDraft({ ...draft, by: e.target.value as By })}>
          <option value="gemeente">{t('thuiszitters.counts.byGemeente')}</option>
          <option value="school_type">{t('thuiszitters.counts.bySchoolType')}</option>
        </SelectField>
        <SubmitRow appearance="secondary-action-button">{t('thuiszitters.counts.show')}</SubmitRow>
      </form>

      {counts.isPending && <Loading label={t('common.loading')} />}
      {counts.isError && <ErrorAlert error={counts.error} />}
      {data && (
        <div className={`samenspel-section${counts.isFetching ? ' samenspel-refreshing' : ''}`} aria-busy={counts.isFetching || undefined}>
          {/* The caption as a heading above the scrolling region, so that it stays readable on a phone; the table keeps it as its name. */}
          <h2 id="counts-table" className="utrecht-heading-2">
            {caption(data)}
          </h2>
          <p className="utrecht-paragraph samenspel-narrow-only">{t('thuiszitters.counts.scrollHint')}</p>
          <Table className="samenspel-counts-table" captionHidden caption={caption(data)}>
            <THead>
              <Th>{data.by === 'gemeente' ? t('thuiszitters.counts.gemeente') : t('thuiszitters.counts.schoolType')}</Th>
              {columns.map((c) => (
                <Th key={c}>{t(`thuiszitters.counts.columns.${c}`, { months })}</Th>
              ))}
            </THead>
            <TBody>
              {rows.map((r) => (
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

      <Section id="counts-monthly" heading={t('thuiszitters.counts.monthlyHeading')}>
        <p className="utrecht-paragraph">{t('thuiszitters.counts.monthlyIntro')}</p>
        {monthly.isPending && <Loading label={t('common.loading')} />}
        {monthly.isError && <ErrorAlert error={monthly.error} />}
        {monthly.data && (
          <Table className="samenspel-counts-table" captionHidden caption={t('thuiszitters.counts.monthlyCaption')}>
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
      </Section>
    </>
  );
}
