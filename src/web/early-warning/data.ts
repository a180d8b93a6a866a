import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../shared/api.ts';
import { qk } from '../shared/query-keys.ts';

/** Early warning of chronic absence (GET /early-warning, /children/:id/absence-summary, /early-warning/settings). */

import type { Contract } from '../../contracts/common.ts';
import type {
  AbsenceSummary as AbsenceSummarySchema,
  EarlyWarningItem as EarlyWarningItemSchema,
  EarlyWarningList as EarlyWarningListSchema,
  EarlyWarningSettings as EarlyWarningSettingsSchema,
  Measure as MeasureSchema,
  PeriodFigures as PeriodFiguresSchema,
  Thresholds as ThresholdsSchema,
  Trend as TrendSchema,
} from '../../contracts/early-warning.ts';
import type { BandFilter, Sort } from '../../contracts/values/early-warning.ts';

export type { Band, BandFilter, SchoolType, Sort } from '../../contracts/values/early-warning.ts';

/** Dutch URL values for the band filter and the sort order (the URL is in the users' language). */
export const BAND_PARAM: Record<BandFilter, string> = { severe: 'ernstig', chronic: 'chronisch', attention: 'aandacht', on_track: 'op-koers', none: 'geen-lesdagen' };
export const SORT_PARAM: Record<Sort, string> = { severity: 'ernst', name: 'naam', schoolYear: 'schooljaar', rolling: 'acht-weken', trend: 'trend' };
export const fromParam = <T extends string>(map: Record<T, string>, value: string | null): T | undefined =>
  (Object.keys(map) as T[]).find((k) => map[k] === value);

/** The early-warning API's answers, as the contract (src/contracts/early-warning.ts) declares them. */
export type Measure = Contract<typeof MeasureSchema>;
export type PeriodFigures = Contract<typeof PeriodFiguresSchema>;
export type Trend = Contract<typeof TrendSchema>;
export type Thresholds = Contract<typeof ThresholdsSchema>;
export type EarlyWarningItem = Contract<typeof EarlyWarningItemSchema>;
export type EarlyWarningList = Contract<typeof EarlyWarningListSchema>;
export type AbsenceSummary = Contract<typeof AbsenceSummarySchema>;
export type EarlyWarningSettings = Contract<typeof EarlyWarningSettingsSchema>;

export function useEarlyWarning(params: { asOf?: string; band?: BandFilter; sort: Sort; page: number; pageSize: number }) {
  return useQuery({
    queryKey: qk.earlyWarning.list(params),
    queryFn: () => api.get<EarlyWarningList>('/early-warning', params),
    placeholderData: keepPreviousData,
  });
}

export function useAbsenceSummary(childId: string) {
  return useQuery({
    queryKey: qk.childAbsenceSummary(childId),
    queryFn: () => api.get<AbsenceSummary>(`/children/${encodeURIComponent(childId)}/absence-summary`),
  });
}

export function useEarlyWarningSettings() {
  return useQuery({ queryKey: qk.earlyWarning.settings, queryFn: () => api.get<EarlyWarningSettings>('/early-warning/settings') });
}

function locale(lng: string): string {
  return lng === 'en' ? 'en-GB' : 'nl-NL';
}

/** A percentage with one decimal in the user's language: "10,5%". */
export function formatPercentage(p: number | null, lng: string): string {
  if (p === null) return '';
  return `${new Intl.NumberFormat(locale(lng), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(p)}%`;
}

/** A threshold as the administrator set it: "10%", "7,5%". */
export function formatThreshold(p: number, lng: string): string {
  return `${formatNumber(p, lng)}%`;
}

/** A number of hours or percentage points: up to two decimals. */
export function formatNumber(n: number, lng: string, signed = false): string {
  return new Intl.NumberFormat(locale(lng), { maximumFractionDigits: 2, minimumFractionDigits: signed ? 1 : 0, signDisplay: signed ? 'exceptZero' : 'auto' }).format(n);
}
