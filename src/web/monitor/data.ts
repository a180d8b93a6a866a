/**
 * The regional monitor in the client (docs/monitor.md): what the reader may choose (options), the
 * overview of every indicator and one indicator's view, the selection as it stands in the address
 * (Dutch parameter names, so that a view can be shared and the back button works), and the pure
 * helpers the pages and charts share: labels, figures in words, the text alternative of a chart.
 * Types come from the contracts; the indicators' meaning (title, question, labels) from
 * contracts/values/monitor-definitions.ts, never copied into the i18n files.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, buildUrl } from '../shared/api.ts';
import { qk } from '../shared/query-keys.ts';
import type { Contract } from '../../contracts/common.ts';
import type { MonitorOptions as MonitorOptionsSchema, MonitorOverview as MonitorOverviewSchema, MonitorView as MonitorViewSchema } from '../../contracts/monitor.ts';
import { BREAKDOWNS, INDICATORS, INDICATOR_SPECS, type Breakdown, type IndicatorId, type IndicatorSpec } from '../../contracts/values/monitor.ts';
import { DEFINITIONS, type Definition } from '../../contracts/values/monitor-definitions.ts';
import { SCHOOL_TYPES } from '../../contracts/values/early-warning.ts';

export type MonitorOptions = Contract<typeof MonitorOptionsSchema>;
export type MonitorOverview = Contract<typeof MonitorOverviewSchema>;
export type MonitorView = Contract<typeof MonitorViewSchema>;
export type MonitorFigures = MonitorView['total'];
export type MonitorPeriod = MonitorView['period'];
export type MonitorCell = MonitorFigures['cells'][string];
export type MonitorRow = MonitorView['rows'][number];
export type OverviewItem = MonitorOverview['items'][number];

// ---------- Data ----------

/** What the reader may choose; the same for every screen of the monitor (and the home page). */
export function useMonitorOptions() {
  return useQuery({ queryKey: qk.monitor.options, queryFn: () => api.get<MonitorOptions>('/monitor/options'), staleTime: 5 * 60_000 });
}

/** The selection as the API names it. */
export interface Selection {
  period: string;
  gemeente: string | null;
  organisation: string | null;
  schoolType: string | null;
}

export const selectionQuery = (s: Selection) => ({ period: s.period, gemeente: s.gemeente ?? undefined, organisation: s.organisation ?? undefined, schoolType: s.schoolType ?? undefined });

export function useMonitorOverview(selection: Selection | null) {
  return useQuery({
    queryKey: qk.monitor.overview(selection ?? {}),
    queryFn: () => api.get<MonitorOverview>('/monitor/overview', selectionQuery(selection!)),
    enabled: selection !== null,
    placeholderData: keepPreviousData,
  });
}

export interface ViewQuery extends Selection {
  by: Breakdown;
  kind: string | null;
}

export function useMonitorView(indicator: IndicatorId, query: ViewQuery | null) {
  return useQuery({
    queryKey: qk.monitor.view(indicator, query ?? {}),
    queryFn: () => api.get<MonitorView>(`/monitor/indicators/${indicator}`, { ...selectionQuery(query!), by: query!.by, kind: query!.kind ?? undefined }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'pdf'];

/** The export's address: a plain link, the session cookie authenticates it. */
export const exportUrl = (format: ExportFormat, s: Selection) => buildUrl('/monitor/export', { format, ...selectionQuery(s) });

// ---------- The address ----------

/** Dutch addresses: /monitor/signalen. */
export const INDICATOR_SLUGS: Record<IndicatorId, string> = {
  thuiszitters: 'thuiszitters',
  absence: 'verzuim',
  absence_reports: 'verzuimmeldingen',
  signals: 'signalen',
  requests: 'tijd-tot-hulp',
  goals: 'doelen',
  plans: 'planevaluaties',
  opp: 'opp',
  satisfaction: 'tevredenheid',
  outflow: 'uitstroom',
};

export const indicatorOfSlug = (slug: string | undefined): IndicatorId | null => INDICATORS.find((i) => INDICATOR_SLUGS[i] === slug) ?? null;

/** The breakdown as the address names it (?per=maand). */
export const BREAKDOWN_PARAMS: Record<Breakdown, string> = {
  none: 'geen',
  month: 'maand',
  gemeente: 'gemeente',
  organisation: 'school',
  school_type: 'schoolsoort',
  board: 'bestuur',
  kind: 'soort',
};

const breakdownOfParam = (value: string | null): Breakdown | null => BREAKDOWNS.find((b) => BREAKDOWN_PARAMS[b] === value) ?? null;

/** "The whole region", chosen on purpose (no parameter means the reader's own default). */
export const WHOLE_REGION = 'regio';

/**
 * The selection the address asks for, with the reader's defaults where it says nothing: the
 * period the server offers first, the own gemeente or school (options.home).
 */
export function selectionFromParams(params: URLSearchParams, options: MonitorOptions): Selection {
  const pick = (name: string, home: string | null) => {
    const value = params.get(name);
    if (value === WHOLE_REGION) return null;
    return value || home;
  };
  const schoolType = params.get('schoolsoort');
  return {
    period: params.get('periode') || options.periods.default,
    gemeente: options.gemeenten.length ? pick('gemeente', options.home.gemeente) : null,
    organisation: options.organisations.length ? pick('school', options.home.organisation) : null,
    schoolType: options.schoolTypeFilter && schoolType && (SCHOOL_TYPES as readonly string[]).includes(schoolType) ? schoolType : null,
  };
}

/** The breakdowns one indicator offers this reader: none and month, and the indicator's own as far as the reader's scope allows. */
export const breakdownsFor = (spec: IndicatorSpec, options: MonitorOptions): Breakdown[] =>
  options.breakdowns.filter((b) => b === 'none' || b === 'month' || spec.breakdowns.includes(b));

/** Without a choice: per month over a longer period, no breakdown for a single month. */
export const defaultBreakdown = (period: string, allowed: readonly Breakdown[]): Breakdown => (/^\d{4}-\d{2}$/.test(period) || !allowed.includes('month') ? 'none' : 'month');

/** The breakdown the address asks for; `refused` when it asks one the reader may not use here. */
export function breakdownFromParams(params: URLSearchParams, period: string, allowed: readonly Breakdown[]): { by: Breakdown; refused: boolean } {
  const asked = params.get('per');
  const by = breakdownOfParam(asked);
  if (by && allowed.includes(by)) return { by, refused: false };
  return { by: defaultBreakdown(period, allowed), refused: asked !== null };
}

/** An indicator about receiving organisations (requests) has no school and no school type. */
export const forIndicator = (s: Selection, spec: IndicatorSpec): Selection => (spec.organisation === 'receiver' ? { ...s, organisation: null, schoolType: null } : s);

/** The address of a selection (explicit values, so that a shared link means the same to everyone). */
export function selectionParams(s: Selection, options: MonitorOptions, extra: { by?: Breakdown; kind?: string | null } = {}): URLSearchParams {
  const params = new URLSearchParams();
  params.set('periode', s.period);
  if (options.gemeenten.length) params.set('gemeente', s.gemeente ?? WHOLE_REGION);
  if (options.organisations.length) params.set('school', s.organisation ?? WHOLE_REGION);
  if (s.schoolType) params.set('schoolsoort', s.schoolType);
  if (extra.by) params.set('per', BREAKDOWN_PARAMS[extra.by]);
  if (extra.kind) params.set('soort', extra.kind);
  return params;
}

// ---------- Words ----------

type T = (key: string, options?: Record<string, unknown>) => string;

const locale = (lng: string) => (lng === 'en' ? 'en-GB' : 'nl-NL');

export const definitionOf = (indicator: IndicatorId, lng: string): Definition => DEFINITIONS[lng === 'en' ? 'en' : 'nl'][indicator];

/** A column's, share's or statistic's label as the definitions name it. */
export const labelOf = (indicator: IndicatorId, key: string, lng: string) => definitionOf(indicator, lng).labels[key] ?? key;

const monthDate = (iso: string) => new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);

/** "november 2026". */
export const monthName = (iso: string, lng: string) => new Intl.DateTimeFormat(locale(lng), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(monthDate(iso));

/** "nov. 2026": the chart's axis. */
export const shortMonth = (iso: string, lng: string) => new Intl.DateTimeFormat(locale(lng), { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(monthDate(iso));

/*
 * The words of the figures (periods, a median, days) are core texts (`monitorFigures`): the home
 * page shows the monitor's headlines before the texts of the other screens have arrived.
 */

/** A period as offered in the choice: "schooljaar 2025-2026", "1e kwartaal 2026", "november 2026". */
export function periodOption(id: string, t: T, lng: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(id);
  if (quarter) return t('monitorFigures.quarter', { year: quarter[1], quarter: quarter[2] });
  if (/^\d{4}-\d{2}$/.test(id)) return monthName(id, lng);
  return t('monitorFigures.schoolYear', { year: id });
}

/** A period as the answer describes it: a running school year says up to which month. */
export function periodText(p: MonitorPeriod, t: T, lng: string): string {
  if (p.kind === 'school_year' && p.partial) return t('monitorFigures.schoolYearSoFar', { year: p.id, month: monthName(p.to, lng) });
  return periodOption(p.id, t, lng);
}

/** Whose figures: "inwoners van De Bilt", "Basisschool De Regenboog", "de hele regio" (with a school type). */
export function selectionText(s: Pick<Selection, 'gemeente' | 'organisation' | 'schoolType'>, options: MonitorOptions | undefined, t: T): string {
  const parts: string[] = [];
  const gemeente = s.gemeente ? options?.gemeenten.find((g) => g.id === s.gemeente)?.name : null;
  const school = s.organisation ? options?.organisations.find((o) => o.id === s.organisation)?.name : null;
  if (s.gemeente) parts.push(t('monitor.selection.residents', { gemeente: gemeente ?? t('monitor.selection.unknownGemeente') }));
  if (s.organisation) parts.push(school ?? t('monitor.selection.unknownSchool'));
  if (s.schoolType) parts.push(t('monitor.selection.schoolType', { type: t(`schoolTypes.${s.schoolType}`) }));
  return parts.length ? parts.join(', ') : t('monitor.selection.region');
}

/** "Inwoners van De Bilt": a selection as the name of a row. */
export const asName = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

const number = (n: number, lng: string, digits = 0) => n.toLocaleString(locale(lng), { maximumFractionDigits: digits });

/** "72,7 %". */
export const formatShare = (n: number, lng: string) => `${number(n, lng, 1)} %`;

/** Days or a score: the distributions measure days, except the satisfaction scores. */
export const isDays = (statKey: string) => statKey.endsWith('Days');

/** The headline of an indicator: its kind, label and the figure of a figure set (null: not shown). */
export interface Headline {
  kind: 'share' | 'count' | 'stat';
  key: string;
  label: string;
}

export function headlineOf(indicator: IndicatorId, lng: string, t: T): Headline {
  const h = INDICATOR_SPECS[indicator].headline;
  if (h.share) return { kind: 'share', key: h.share, label: labelOf(indicator, h.share, lng) };
  if (h.stat) return { kind: 'stat', key: h.stat, label: t('monitorFigures.medianOf', { label: labelOf(indicator, h.stat, lng) }) };
  const key = h.count ?? INDICATOR_SPECS[indicator].columns[0].key;
  return { kind: 'count', key, label: labelOf(indicator, key, lng) };
}

/** The headline figure in words, or null when it is not shown. */
export function headlineValue(h: Headline, f: MonitorFigures, t: T, lng: string): string | null {
  if (h.kind === 'share') {
    const v = f.shares[h.key];
    return v === null || v === undefined ? null : formatShare(v, lng);
  }
  if (h.kind === 'stat') {
    const v = f.stats[h.key]?.median;
    if (v === null || v === undefined) return null;
    return isDays(h.key) ? t('monitorFigures.days', { count: v, value: number(v, lng) }) : number(v, lng, 1);
  }
  const cell = f.cells[h.key];
  return cell ? cell.display : null;
}

/**
 * Why a figure is not shown (or only as "<5"), in plain words with the region's threshold: a
 * percentage needs a denominator of 10× the threshold, a median 2× and a 90th percentile 4× as
 * many values; a count under the threshold is "<5", one that would give a small one away "≥5".
 */
export function whyHidden(indicator: IndicatorId, h: Headline, f: MonitorFigures, threshold: number, t: T): string | null {
  if (h.kind === 'share') {
    if (f.shares[h.key] !== null && f.shares[h.key] !== undefined) return null;
    const share = INDICATOR_SPECS[indicator].shares.find((s) => s.key === h.key);
    const den = share ? f.cells[share.denominator] : undefined;
    if (den && den.count !== null && den.count >= 10 * threshold) return t('monitor.hidden.shareSecondary');
    return t('monitor.hidden.share', { min: 10 * threshold });
  }
  if (h.kind === 'stat') {
    if (f.stats[h.key]?.median !== null && f.stats[h.key]?.median !== undefined) return null;
    return t('monitor.hidden.stat', { min: 2 * threshold });
  }
  const cell = f.cells[h.key];
  if (!cell || cell.suppressed === null) return null;
  return cell.suppressed === 'small' ? t('monitor.hidden.small', { threshold, max: threshold - 1 }) : t('monitor.hidden.secondary', { threshold });
}

/** A row of a breakdown by name: a month, a gemeente, a school, a school type, a board or a kind. */
export function rowLabel(by: Breakdown, row: Pick<MonitorRow, 'key' | 'label'>, indicator: IndicatorId, t: T, lng: string): string {
  if (by === 'month') return monthName(row.key, lng);
  if (row.key === 'unknown') return t('monitor.rows.unknownGemeente');
  if (row.key === 'none') return t(`monitor.rows.none.${by === 'organisation' && INDICATOR_SPECS[indicator].organisation === 'receiver' ? 'receiver' : by}`);
  if (by === 'school_type') return t(`schoolTypes.${row.key}`);
  if (by === 'kind') return labelOf(indicator, row.key, lng);
  return row.label;
}

// ---------- Charts ----------

/** The columns a chart stacks: the indicator's stack, or its first column. */
export const stackOf = (spec: IndicatorSpec): string[] => [...(spec.stack ?? [spec.columns[0].key])];

/** A value as a chart draws it: hidden counts are absent (null), never 0. */
export const chartValue = (cell: MonitorCell | undefined) => (cell && cell.suppressed === null ? cell.count : null);

export interface ChartSeries {
  key: string;
  label: string;
}

export interface ChartRow {
  key: string;
  label: string;
  /** Per series: the drawn value (null: not drawn) and what the table shows. */
  values: Record<string, { value: number | null; display: string }>;
}

/**
 * The text alternative of a chart, one sentence per series: "Op tijd opgepakt: oktober 40,
 * november 35." Values not drawn are said as shown ("<5", "te weinig") and counted in a closing
 * sentence (`absentKey`: hidden counts, or the gaps of a line).
 */
export function chartText(series: readonly ChartSeries[], rows: readonly ChartRow[], t: T, absentKey = 'monitor.chart.absent'): string {
  const sentences = series.map((s) => `${s.label}: ${rows.map((r) => `${r.label} ${r.values[s.key]?.display ?? ''}`.trim()).join(', ')}.`);
  const all = series.length * rows.length;
  const absent = series.reduce((n, s) => n + rows.filter((r) => r.values[s.key]?.value === null).length, 0);
  if (absent > 0) sentences.push(t(absentKey, { count: absent, total: all }));
  return sentences.join(' ');
}
