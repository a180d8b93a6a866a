/**
 * The thuiszitter register in the client: the contract's types, the hooks, and the small
 * sums the register's pages share (a duration in words, a child's name as far as it may be shown).
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../shared/api.ts';
import { qk } from '../shared/query-keys.ts';

import type { Contract } from '../../contracts/common.ts';
import type {
  CountCell as CountCellSchema,
  ThuiszitterDetail as ThuiszitterDetailSchema,
  ThuiszitterEntry as ThuiszitterEntrySchema,
  ThuiszitterHistoryItem as ThuiszitterHistoryItemSchema,
  ThuiszitterList as ThuiszitterListSchema,
  ThuiszitterMeta,
  ThuiszitterOffer,
} from '../../contracts/thuiszitters.ts';
import type { ThuiszitterCategory, ThuiszitterOffer as OfferKind } from '../../contracts/values/thuiszitters.ts';

export type { OfferKind, ThuiszitterCategory };
export type { ThuiszitterEndReason as EndReason } from '../../contracts/values/thuiszitters.ts';

/** What the attendance officer registers by hand; LRV comes from a candidate. */
export const MANUAL_CATEGORIES: readonly ThuiszitterCategory[] = ['absoluut', '5a', '5b', '5c', 'art15'];
/** Hours per week are asked for these offers (required for partial education). */
export const OFFERS_WITH_HOURS: readonly OfferKind[] = ['education_partial', 'care', 'education_care'];

/** The register's answers, as the contract (src/contracts/thuiszitters.ts) declares them. */
export type Offer = Contract<typeof ThuiszitterOffer>;
export type ThuiszitterEntry = Contract<typeof ThuiszitterEntrySchema>;
export type ThuiszitterHistoryItem = Contract<typeof ThuiszitterHistoryItemSchema>;
export type ThuiszitterDetail = Contract<typeof ThuiszitterDetailSchema>;
export type ThuiszitterList = Contract<typeof ThuiszitterListSchema>;
export type CountCell = Contract<typeof CountCellSchema>;

/** Arriving on an entry's page right after registering it (the page says so). */
export interface RegisteredState {
  registered: true;
}

/** The region's norm (Thuiszitterspact: 3 months unless the region set another), for the texts that name it. */
export function useNormMonths(): number {
  const meta = useQuery({ queryKey: qk.thuiszitters.meta, queryFn: () => api.get<Contract<typeof ThuiszitterMeta>>('/thuiszitters/meta'), staleTime: 5 * 60_000 });
  return meta.data?.normMonths ?? 3;
}


export function useThuiszitter(id: string) {
  return useQuery({ queryKey: qk.thuiszitter(id), queryFn: () => api.get<ThuiszitterDetail>(`/thuiszitters/${encodeURIComponent(id)}`) });
}

/** An entry changed: keep its page, drop the lists, candidates and counts that show it. */
export function thuiszitterChanged(queryClient: QueryClient, entry: ThuiszitterDetail) {
  queryClient.setQueryData(qk.thuiszitter(entry.id), entry);
  void queryClient.invalidateQueries({ queryKey: qk.thuiszitters.all });
}

export function childName(child: ThuiszitterEntry['child'], t: (key: string) => string): string {
  return child.givenName ? `${child.givenName} ${child.familyName ?? ''}`.trim() : t('thuiszitters.hiddenChild');
}

/** "4 maanden en 3 dagen" (thuis). */
export function durationText(d: ThuiszitterEntry['duration'], t: (key: string, o?: Record<string, unknown>) => string): string {
  const months = d.months > 0 ? t('thuiszitters.duration.months', { count: d.months }) : '';
  const days = t('thuiszitters.duration.days', { count: d.remainderDays });
  return months ? (d.remainderDays > 0 ? t('thuiszitters.duration.monthsAndDays', { months, days }) : months) : days;
}
