import { addCalendarDays } from '../../kernel/calendar/school-days.ts';
import * as V from '../../contracts/values/thuiszitters.ts';
import type { EventKind, ThuiszitterCategory, ThuiszitterEndReason, ThuiszitterOffer } from '../../contracts/values/thuiszitters.ts';

/**
 * The thuiszitter register's rules (domain.md §4), as pure functions over an entry's appended
 * events. Nothing here reads the database: the list, the entry page, the candidates, the counts
 * and the monitor all derive the state on a date with `stateOn`.
 */

/** Categories: relative absence over 4 weeks, not enrolled, and the exemptions of the Leerplichtwet (contracts/values/thuiszitters.ts). */
export const CATEGORIES = V.CATEGORIES;
/** Thuiszitters in the sense of the Kamerbrief of 3 February 2016. */
export const THUISZITTER_CATEGORIES: readonly ThuiszitterCategory[] = V.THUISZITTER_CATEGORIES;
export const EXEMPTION_CATEGORIES: readonly ThuiszitterCategory[] = V.EXEMPTION_CATEGORIES;
/** The categories the Thuiszitterspact norm is watched for (thuiszitters and 5a; see contracts/values/thuiszitters.ts). */
export const NORM_CATEGORIES: readonly ThuiszitterCategory[] = V.NORM_CATEGORIES;
/** The Thuiszitterspact's 3 months: the default of the region setting `thuiszitterNormMonths` (kernel/settings). */
export const NORM_MONTHS = 3;

export const OFFERS = V.OFFERS;
export const END_REASONS = V.END_REASONS;
export const EVENT_KINDS = V.EVENT_KINDS;
export type { EventKind };

/** One appended event of an entry, as stored. */
export interface EntryEvent {
  id: number;
  kind: EventKind;
  effectiveOn: string;
  category: ThuiszitterCategory | null;
  schoolLocationId: string | null;
  responsiblePersonId: string | null;
  offer: ThuiszitterOffer | null;
  offerHours: number | null;
  offerFitting: boolean | null;
  endReason: ThuiszitterEndReason | null;
  note: string | null;
}

export interface EntryFacts {
  startDate: string;
  events: EntryEvent[];
}

export interface Offer {
  kind: ThuiszitterOffer;
  hoursPerWeek: number | null;
  fitting: boolean;
  since: string;
}

export interface EntryState {
  /** Registered (start on or before the date) and not ended on or before it. */
  open: boolean;
  category: ThuiszitterCategory | null;
  schoolLocationId: string | null;
  responsiblePersonId: string | null;
  offer: Offer | null;
  end: { on: string; reason: ThuiszitterEndReason; note: string | null } | null;
  /** Time at home: calendar days, and the same as whole calendar months plus days. */
  duration: { days: number; months: number; remainderDays: number };
  normApplies: boolean;
  /** The first day on which the child has been at home longer than 3 months. */
  normDate: string;
  /** Open, the norm applies, at home longer than 3 months, and no current offer marked fitting. */
  over3Months: boolean;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * The same day `n` calendar months later; a day that month does not have becomes its last day
 * (30 November + 3 months = 28 or 29 February).
 */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Time between a first day and an exclusive end, as whole calendar months and remaining days,
 * counted from the first day (so that `addMonths(start, months) + remainderDays = end`).
 */
export function monthsAndDays(start: string, endExclusive: string): { months: number; remainderDays: number } {
  if (endExclusive <= start) return { months: 0, remainderDays: 0 };
  let months = 0;
  while (addMonths(start, months + 1) <= endExclusive) months++;
  return { months, remainderDays: daysBetween(addMonths(start, months), endExclusive) };
}

/** The latest event of a kind effective on or before the date: later effective date first, then later recorded. */
export function latestOfKind(events: readonly EntryEvent[], kind: EventKind, asOf: string): EntryEvent | null {
  let best: EntryEvent | null = null;
  for (const e of events) {
    if (e.kind !== kind || e.effectiveOn > asOf) continue;
    if (!best || e.effectiveOn > best.effectiveOn || (e.effectiveOn === best.effectiveOn && e.id > best.id)) best = e;
  }
  return best;
}

/** The first day on which a child at home since `startDate` has been at home longer than the norm (3 months unless the region set otherwise). */
export const normDateOf = (startDate: string, normMonths = NORM_MONTHS) => addMonths(startDate, normMonths);

/**
 * An entry's state on a date, with the region's norm in months (`thuiszitterNormMonths`). The start date is the first day at home; the end date is the first
 * day the child is no longer in the register (e.g. back at school). So on the day 3 calendar
 * months after the start the child has been at home 3 months and 1 day: longer than 3 months.
 */
export function stateOn(entry: EntryFacts, asOf: string, normMonths = NORM_MONTHS): EntryState {
  const endEvent = latestOfKind(entry.events, 'end', asOf);
  const started = entry.startDate <= asOf;
  const open = started && !endEvent;
  const category = latestOfKind(entry.events, 'category', asOf);
  const responsible = latestOfKind(entry.events, 'responsible', asOf);
  const offerEvent = latestOfKind(entry.events, 'offer', asOf);
  const offer: Offer | null = offerEvent
    ? { kind: offerEvent.offer!, hoursPerWeek: offerEvent.offerHours === null ? null : Number(offerEvent.offerHours), fitting: offerEvent.offerFitting === true, since: offerEvent.effectiveOn }
    : null;
  const endExclusive = !started ? entry.startDate : endEvent ? endEvent.effectiveOn : addCalendarDays(asOf, 1);
  const days = Math.max(0, daysBetween(entry.startDate, endExclusive));
  const normDate = normDateOf(entry.startDate, normMonths);
  const normApplies = !!category?.category && NORM_CATEGORIES.includes(category.category);
  return {
    open,
    category: category?.category ?? null,
    schoolLocationId: category?.schoolLocationId ?? null,
    responsiblePersonId: responsible?.responsiblePersonId ?? null,
    offer,
    end: endEvent ? { on: endEvent.effectiveOn, reason: endEvent.endReason!, note: endEvent.note } : null,
    duration: { days, ...monthsAndDays(entry.startDate, endExclusive) },
    normApplies,
    normDate,
    over3Months: open && normApplies && asOf >= normDate && !offer?.fitting,
  };
}

/** The last day of each of the `n` whole months before the month of `day`, oldest first. */
export function monthEndsBefore(day: string, n = 12): string[] {
  const firstOfMonth = `${day.slice(0, 7)}-01`;
  const ends: string[] = [];
  for (let k = n; k >= 1; k--) ends.push(addCalendarDays(addMonths(firstOfMonth, -k + 1), -1));
  return ends;
}
