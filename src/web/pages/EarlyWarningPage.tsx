import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Button } from '@utrecht/button-react';
import { fieldErrors } from '../api.ts';
import { formatDate, fullName } from '../format.ts';
import { pageFrom } from '../url.ts';
import {
  BANDS,
  BAND_PARAM,
  SORTS,
  SORT_PARAM,
  formatNumber,
  formatPercentage,
  formatThreshold,
  fromParam,
  useEarlyWarning,
  type BandFilter,
  type EarlyWarningItem,
  type Measure,
} from '../early-warning.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ErrorAlert, Loading, StatusText } from '../components/Alerts.tsx';
import { Table, TBody, THead, Td, Th, Tr } from '../components/Table.tsx';
import { Pager } from '../components/Pager.tsx';
import { AppLink } from '../components/AppLink.tsx';
import { BandBadge, PeriodCell, TrendText } from '../components/EarlyWarningBits.tsx';
import type { SignalPrefillState } from './RaiseSignalPage.tsx';
import type { OpenCasePrefillState } from './ChildCases.tsx';

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
        <div className="utrecht-button-group samenspel-actions">
          <Button type="submit" appearance="secondary-action-button">
            {t('earlyWarning.apply')}
          </Button>
        </div>
      </form>

      {query.isPending && <Loading label={t('earlyWarning.loading')} />}
      {query.isError && <ErrorAlert error={query.error} />}

      {data && (
        <>
          <section className="samenspel-section" aria-labelledby="early-warning-became">
            <h2 id="early-warning-became" className="utrecht-heading-2">
              {t('earlyWarning.becameChronic.heading')}
            </h2>
            <p className="utrecht-paragraph">{t('earlyWarning.becameChronic.intro', { chronic })}</p>
            {data.becameChronic.length === 0 ? (
              <p className="utrecht-paragraph samenspel-empty">{t('earlyWarning.becameChronic.empty')}</p>
            ) : (
              <Table caption={t('earlyWarning.becameChronic.caption', { school })} captionHidden>
                <THead>
                  <Th>{t('earlyWarning.columns.child')}</Th>
                  <Th>{t('earlyWarning.columns.group')}</Th>
                  <Th>{t('earlyWarning.columns.schoolYear')}</Th>
                  <Th>{t('earlyWarning.columns.rolling')}</Th>
                  <Th>{t('earlyWarning.becameChronic.where')}</Th>
                  <Th>{t('earlyWarning.columns.trend')}</Th>
                  <Th>{t('earlyWarning.columns.actions')}</Th>
                </THead>
                <TBody>
                  {data.becameChronic.map((item) => (
                    <Tr key={item.child.id}>
                      <Th row>
                        <AppLink to={`/kinderen/${item.child.id}`}>{fullName(item.child)}</AppLink>
                      </Th>
                      <Td>{item.child.groupName ?? t('common.none')}</Td>
                      <Td>
                        <PeriodCell figures={item.schoolYear} />
                      </Td>
                      <Td>
                        <PeriodCell figures={item.rolling} />
                      </Td>
                      <Td>{item.becameChronic.map((w) => t(`earlyWarning.becameChronic.${w}`)).join(', ')}</Td>
                      <Td>
                        <TrendText trend={item.trend} />
                      </Td>
                      <Td>
                        <NextSteps item={item} asOf={data.asOf} />
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </section>

          <section className="samenspel-section" aria-labelledby="early-warning-all">
            <h2 id="early-warning-all" className="utrecht-heading-2">
              {t('earlyWarning.allHeading')}
            </h2>
            <nav aria-label={t('earlyWarning.filterNav')} className="samenspel-counters-nav">
              <ul className="samenspel-counters">
                {filters.map((f) => (
                  <li key={f.band ?? 'all'}>
                    <AppLink
                      to={{ search: withParams({ band: f.band ? BAND_PARAM[f.band] : undefined }).toString() }}
                      className="samenspel-counter"
                      aria-current={(band ?? null) === f.band ? 'true' : undefined}
                    >
                      <span className="samenspel-counter__number">{f.count ?? '…'}</span>
                      <span className="samenspel-counter__label">{bandLabel(f.band)}</span>
                    </AppLink>
                  </li>
                ))}
              </ul>
            </nav>
            <StatusText>{!query.isFetching ? t('earlyWarning.count', { count: data.total }) : ''}</StatusText>
            {data.items.length === 0 ? (
              <p className="utrecht-paragraph samenspel-empty">{band ? t('earlyWarning.emptyFiltered') : t('earlyWarning.empty')}</p>
            ) : (
              <div className={query.isFetching ? 'samenspel-refreshing' : undefined} aria-busy={query.isFetching || undefined}>
                <Table
                  caption={
                    band
                      ? t('earlyWarning.captionFiltered', { school, band: bandLabel(band), sort: t(`earlyWarning.sorts.${sort}`) })
                      : t('earlyWarning.caption', { school, sort: t(`earlyWarning.sorts.${sort}`) })
                  }
                >
                  <THead>
                    <Th>{t('earlyWarning.columns.child')}</Th>
                    <Th>{t('earlyWarning.columns.group')}</Th>
                    <Th>{t('earlyWarning.columns.schoolYear')}</Th>
                    <Th>{t('earlyWarning.columns.rolling')}</Th>
                    <Th>{t('earlyWarning.columns.band')}</Th>
                    <Th>{t('earlyWarning.columns.trend')}</Th>
                    <Th>{t('earlyWarning.columns.actions')}</Th>
                  </THead>
                  <TBody>
                    {data.items.map((item) => (
                      <Tr key={item.child.id}>
                        <Th row>
                          <AppLink to={`/kinderen/${item.child.id}`}>{fullName(item.child)}</AppLink>
                        </Th>
                        <Td>{item.child.groupName ?? t('common.none')}</Td>
                        <Td>
                          <PeriodCell figures={item.schoolYear} />
                        </Td>
                        <Td>
                          <PeriodCell figures={item.rolling} />
                        </Td>
                        <Td>
                          <BandBadge band={item.band} />
                        </Td>
                        <Td>
                          <TrendText trend={item.trend} />
                        </Td>
                        <Td>
                          <NextSteps item={item} asOf={data.asOf} />
                        </Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
                <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={(n) => setParams(withParams({ pagina: String(n) }))} />
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}

const pct = (m: Measure, t: TFunction, lng: string) => (m.percentage === null ? t('earlyWarning.noLessons') : formatPercentage(m.percentage, lng));

/** What the signal and the case are filled in with: the figures, as facts; the user adds the rest. */
function absenceFacts(item: EarlyWarningItem, asOf: string, t: TFunction, lng: string): string {
  return t('earlyWarning.facts', {
    date: formatDate(asOf, lng),
    year: pct(item.schoolYear.all, t, lng),
    yearUnauthorised: pct(item.schoolYear.unauthorised, t, lng),
    rolling: pct(item.rolling.all, t, lng),
    rollingUnauthorised: pct(item.rolling.unauthorised, t, lng),
    band: item.band ? t(`earlyWarning.band.${item.band}`) : t('earlyWarning.band.none'),
  });
}

/** One step to a zorgsignaal or a case: the existing forms, filled in with the child and the figures. */
function NextSteps({ item, asOf }: { item: EarlyWarningItem; asOf: string }) {
  const { t, i18n } = useTranslation();
  const name = fullName(item.child);
  const facts = absenceFacts(item, asOf, t, i18n.language);
  const signal: SignalPrefillState = { signalPrefill: { category: 'absence', observation: facts } };
  const openCase: OpenCasePrefillState = { openCasePrefill: { title: t('earlyWarning.caseTitle'), reason: facts } };
  return (
    <ul className="samenspel-next-steps">
      <li>
        <AppLink to={`/kinderen/${item.child.id}/signaal`} state={signal}>
          {t('earlyWarning.startSignal')}
          <span className="samenspel-visually-hidden"> {t('earlyWarning.forName', { name })}</span>
        </AppLink>
      </li>
      <li>
        <AppLink to={`/kinderen/${item.child.id}#casus-openen`} state={openCase}>
          {t('earlyWarning.startCase')}
          <span className="samenspel-visually-hidden"> {t('earlyWarning.forName', { name })}</span>
        </AppLink>
      </li>
    </ul>
  );
}
