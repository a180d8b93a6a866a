import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './api.ts';

/** Early warning of chronic absence (GET /early-warning, /children/:id/absence-summary, /early-warning/settings). */

export const BANDS = ['on_track', 'attention', 'chronic', 'severe'] as const;
export type Band = (typeof BANDS)[number];
export type BandFilter = Band | 'none';
export const SORTS = ['severity', 'name', 'schoolYear', 'rolling', 'trend'] as const;
export type Sort = (typeof SORTS)[number];

/** Dutch URL values for the band filter and the sort order (the URL is in the users' language). */
export const BAND_PARAM: Record<BandFilter, string> = { severe: 'ernstig', chronic: 'chronisch', attention: 'aandacht', on_track: 'op-koers', none: 'geen-lesdagen' };
export const SORT_PARAM: Record<Sort, string> = { severity: 'ernst', name: 'naam', schoolYear: 'schooljaar', rolling: 'acht-weken', trend: 'trend' };
export const fromParam = <T extends string>(map: Record<T, string>, value: string | null): T | undefined =>
  (Object.keys(map) as T[]).find((k) => map[k] === value);

export interface Measure {
  missedHours: number;
  percentage: number | null;
  band: Band | null;
}

export interface PeriodFigures {
  scheduledDays: number;
  scheduledHours: number;
  all: Measure;
  unauthorised: Measure;
}

export interface Trend {
  direction: 'up' | 'down' | 'stable';
  differencePp: number;
  previousPercentage: number | null;
}

export interface PupilFigures {
  schoolYear: PeriodFigures;
  rolling: PeriodFigures;
  band: Band | null;
  trend: Trend | null;
  becameChronic: ('schoolYear' | 'rolling')[];
}

export interface EarlyWarningItem extends PupilFigures {
  child: { id: string; givenName: string; familyName: string; groupName: string | null };
}

export interface Thresholds {
  attention: number;
  chronic: number;
  severe: number;
}

export interface Periods {
  schoolYear: { from: string; to: string };
  rolling: { from: string; to: string; lessonWeeks: number };
  previousAsOf: string | null;
}

export interface EarlyWarningList {
  school: { id: string; name: string; schoolType: string; lessonHoursPerDay: number };
  asOf: string;
  periods: Periods;
  thresholds: Thresholds;
  counts: Record<BandFilter | 'total', number>;
  becameChronic: EarlyWarningItem[];
  items: EarlyWarningItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AbsenceSummary {
  childId: string;
  asOf: string;
  thresholds: Thresholds;
  schools: (PupilFigures & { school: EarlyWarningList['school']; periods: Periods })[];
}

export const SCHOOL_TYPES = ['po', 'so', 'sbo', 'vo', 'vso', 'mbo'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export interface EarlyWarningSettings {
  thresholds: Thresholds;
  lessonHoursPerDay: Record<SchoolType, number>;
  own: { thresholds: boolean; lessonHoursPerDay: Record<SchoolType, boolean> };
  updatedAt: string | null;
}

export const earlyWarningSettingsKey = ['early-warning', 'settings'] as const;

export function useEarlyWarning(params: { asOf?: string; band?: BandFilter; sort: Sort; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['early-warning', 'list', params],
    queryFn: () => api.get<EarlyWarningList>('/early-warning', params),
    placeholderData: keepPreviousData,
  });
}

export function useAbsenceSummary(childId: string) {
  return useQuery({
    queryKey: ['child', childId, 'absence-summary'],
    queryFn: () => api.get<AbsenceSummary>(`/children/${encodeURIComponent(childId)}/absence-summary`),
  });
}

export function useEarlyWarningSettings() {
  return useQuery({ queryKey: earlyWarningSettingsKey, queryFn: () => api.get<EarlyWarningSettings>('/early-warning/settings') });
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
