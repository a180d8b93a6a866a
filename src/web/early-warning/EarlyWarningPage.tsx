import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@utrecht/button-react';
import { fieldErrors } from '../shared/api.ts';
import { formatDate, fullName } from '../shared/format.ts';
import { pageFrom } from '../shared/url.ts';
import { BANDS, SORTS } from '../../contracts/values/early-warning.ts';
import {
  BAND_PARAM,
  SORT_PARAM,
  formatNumber,
  formatThreshold,
  fromParam,
  useEarlyWarning,
  type BandFilter,
  type EarlyWarningItem,
} from './data.ts';
import { PageHeading } from '../shared/PageHeading.tsx';
import { SelectField, TextField } from '../shared/Fields.tsx';
import { ErrorAlert, Loading } from '../shared/Alerts.tsx';
import { ListView, type Column } from '../shared/ListView.tsx';
import { FilterCounters } from '../shared/FilterCounters.tsx';
import { Actions, Section } from '../shared/Section.tsx';
import { AppLink } from '../shared/AppLink.tsx';
import { BandBadge, PeriodCell, TrendText } from './AbsenceFigures.tsx';
import { NextSteps } from './NextSteps.tsx';

const PAGE_SIZE = 50;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "Verzuimsignalering": the care coordinator's list of all pupils of the own school location with
 * their absence as a percentage of lesson time — the school year so far and the last 8 lesson weeks,
 * all reasons and unauthorised only — the band and the trend. On top, the pupils who became
 * chronically absent this lesson week. From each pupil one step starts a zorgsignaal or a case in
 * the existing forms, filled in with the figures. Filter, sort order, date and page are in the URL.
 */
export function EarlyWarningPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [params, setParams] = useSearchParams();
  const band = fromParam(BAND_PARAM, params.get('band'));
  const sort = fromParam(SORT_PARAM, params.get('sorteer')) ?? 'severity';
  const asOfParam = params.get('peildatum') ?? '';
  const asOf = ISO_DATE.test(asOfParam) ? asOfParam : undefined;
  const page = pageFrom(params);

  const [draftAsOf, setDraftAsOf] = useState(asOf ?? '');
  const [draftSort, setDraftSort] = useState<string>(sort);
  useEffect(() => setDraftAsOf(asOf ?? ''), [asOf]);
  useEffect(() => setDraftSort(sort), [sort]);

  const query = useEarlyWarning({ asOf, band, sort, page, pageSize: PAGE_SIZE });
  const data = query.data;
  const { byField } = fieldErrors(query.error, ['asOf']);

  /** The URL with some parameters changed (a new filter or order starts at page 1). */
  function withParams(changes: Record<string, string | undefined>): URLSearchParams {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('pagina' in changes)) next.delete('pagina');
    return next;
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const chosen = (SORTS as readonly string[]).includes(draftSort) ? (draftSort as (typeof SORTS)[number]) : 'severity';
    setParams(withParams({ peildatum: draftAsOf || undefined, sorteer: chosen === 'severity' ? undefined : SORT_PARAM[chosen] }));
  }

  const school = data?.school.name ?? '';
  const chronic = data ? formatThreshold(data.thresholds.chronic, lng) : '';
  const filters: { band: BandFilter | null; count: number | undefined }[] = [
    { band: null, count: data?.counts.total },
    ...[...BANDS].reverse().map((b) => ({ band: b as BandFilter, count: data?.counts[b] })),
    ...(data && data.counts.none > 0 ? [{ band: 'none' as BandFilter, count: data.counts.none }] : []),
  ];
  const bandLabel = (b: BandFilter | null) => (b ? t(`earlyWarning.band.${b}`) : t('earlyWarning.filter.all'));
  const asOfShown = data?.asOf ?? '';
  const columns: Column<EarlyWarningItem>[] = [
    { header: t('earlyWarning.columns.child'), rowHeader: true, cell: (item) => <AppLink to={`/kinderen/${item.child.id}`}>{fullName(item.child)}</AppLink> },
    { header: t('earlyWarning.columns.group'), cell: (item) => item.child.groupName ?? t('common.none') },
    { header: t('earlyWarning.columns.schoolYear'), cell: (item) => <PeriodCell figures={item.schoolYear} /> },
    { header: t('earlyWarning.columns.rolling'), cell: (item) => <PeriodCell figures={item.rolling} /> },
    { header: t('earlyWarning.columns.band'), cell: (item) => <BandBadge band={item.band} /> },
    { header: t('earlyWarning.columns.trend'), cell: (item) => <TrendText trend={item.trend} /> },
    { header: t('earlyWarning.columns.actions'), cell: (item) => <NextSteps item={item} asOf={asOfShown} /> },
  ];

  return (
    <>
      <PageHeading title={t('earlyWarning.title')} />
      {data && (
        <>
          <p className="utrecht-paragraph samenspel-lead">{t('earlyWarning.intro', { school, date: formatDate(data.asOf, lng), chronic })}</p>
          <p className="utrecht-paragraph samenspel-note">
            {t('earlyWarning.howCounted', {
              hours: formatNumber(data.school.lessonHoursPerDay, lng),
              attention: formatThreshold(data.thresholds.attention, lng),
              chronic,
              severe: formatThreshold(data.thresholds.severe, lng),
            })}
          </p>
        </>
      )}
      <p className="utrecht-paragraph samenspel-note">{t('earlyWarning.whoSees')}</p>

      <form className="samenspel-form samenspel-search samenspel-inline-form" noValidate onSubmit={onSubmit}>
        <TextField
          id="early-warning-as-of"
          type="date"
          label={t('earlyWarning.asOf')}
          description={t('earlyWarning.asOfHint')}
          value={draftAsOf}
          error={byField.asOf}
          onChange={(e) => setDraftAsOf(e.target.value)}
        />
        <SelectField id="early-warning-sort" label={t('earlyWarning.sort')} value={draftSort} onChange={(e) => setDraftSort(e.target.value)}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`earlyWarning.sorts.${s}`)}
            </option>
          ))}
        </SelectField>
        <Actions>
          <Button type="submit" appearance="secondary-action-button">
            {t('earlyWarning.apply')}
          </Button>
        </Actions>
      </form>

      {query.isPending && <Loading label={t('earlyWarning.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}

      {data && (
        <>
          <Section id="early-warning-became" heading={t('earlyWarning.becameChronic.heading')}>
            <p className="utrecht-paragraph">{t('earlyWarning.becameChronic.intro', { chronic })}</p>
            <ListView
              query={query}
              items={(d) => d.becameChronic}
              caption={t('earlyWarning.becameChronic.caption', { school })}
              captionHidden
              loadingLabel={t('earlyWarning.loading')}
              error={null}
              empty={t('earlyWarning.becameChronic.empty')}
              rowKey={(item) => item.child.id}
              columns={[
                ...columns.slice(0, 4),
                { header: t('earlyWarning.becameChronic.where'), cell: (item) => item.becameChronic.map((w) => t(`earlyWarning.becameChronic.${w}`)).join(', ') },
                ...columns.slice(5),
              ]}
            />
          </Section>

          <Section id="early-warning-all" heading={t('earlyWarning.allHeading')}>
            <FilterCounters
              label={t('earlyWarning.filterNav')}
              counters={filters.map((f) => ({
                key: f.band ?? 'all',
                search: withParams({ band: f.band ? BAND_PARAM[f.band] : undefined }).toString(),
                label: bandLabel(f.band),
                count: f.count ?? '…',
                current: (band ?? null) === f.band,
              }))}
            />
            <ListView
              query={query}
              caption={
                band
                  ? t('earlyWarning.captionFiltered', { school, band: bandLabel(band), sort: t(`earlyWarning.sorts.${sort}`) })
                  : t('earlyWarning.caption', { school, sort: t(`earlyWarning.sorts.${sort}`) })
              }
              count={(d) => t('earlyWarning.count', { count: d.total })}
              loadingLabel={t('earlyWarning.loading')}
              error={null}
              empty={band ? t('earlyWarning.emptyFiltered') : t('earlyWarning.empty')}
              onPage={(n) => setParams(withParams({ pagina: String(n) }))}
              rowKey={(item) => item.child.id}
              columns={columns}
            />
          </Section>
        </>
      )}
    </>
  );
}

