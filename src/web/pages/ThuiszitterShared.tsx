/**
 * The thuiszitter register in the client: types as the API answers them, who gets which screen,
 * query keys, and the small pieces the register's pages share (the norm badge, the offer in words,
 * a suppressed count, the sub-navigation).
 */
import { NavLink } from 'react-router';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { formatDate } from '../format.ts';
import type { ActorRole } from '../roles.ts';
import { useSession } from '../session.tsx';

export type ThuiszitterCategory = 'lrv' | 'absoluut' | '5a' | '5b' | '5c' | 'art15';
export type OfferKind = 'none' | 'education_partial' | 'education_full' | 'care' | 'education_care';
export type EndReason = 'back_to_school' | 'fitting_offer' | 'moved_away' | 'exemption_ended' | 'no_longer_compulsory' | 'other';

export const CATEGORIES: readonly ThuiszitterCategory[] = ['lrv', 'absoluut', '5a', '5b', '5c', 'art15'];
/** What the attendance officer registers by hand; LRV comes from a candidate. */
export const MANUAL_CATEGORIES: readonly ThuiszitterCategory[] = ['absoluut', '5a', '5b', '5c', 'art15'];
export const OFFER_KINDS: readonly OfferKind[] = ['none', 'education_partial', 'education_full', 'care', 'education_care'];
export const END_REASONS: readonly EndReason[] = ['back_to_school', 'fitting_offer', 'moved_away', 'exemption_ended', 'no_longer_compulsory', 'other'];
/** Hours per week are asked for these offers (required for partial education). */
export const OFFERS_WITH_HOURS: readonly OfferKind[] = ['education_partial', 'care', 'education_care'];

/** Who works with the register (individual children, through the access policy). */
export const THUISZITTER_ROLES: readonly ActorRole[] = ['attendance_officer', 'intern_begeleider', 'care_coordinator', 'school_leader'];
/** Who confirms candidates: the school's care coordinator and the attendance officer. */
export const CANDIDATE_ROLES: readonly ActorRole[] = ['attendance_officer', 'intern_begeleider', 'care_coordinator'];
/** Who gets the counts (aggregates only, small counts suppressed). */
export const COUNT_ROLES: readonly ActorRole[] = ['policy_analyst', 'swv_consultant', 'attendance_officer'];
export const ESCALATION_ROLES: readonly ActorRole[] = [...THUISZITTER_ROLES, 'policy_analyst', 'swv_consultant'];

export interface Offer {
  kind: OfferKind;
  hoursPerWeek: number | null;
  fitting: boolean;
  since?: string;
}

export interface ThuiszitterEntry {
  id: string;
  child: { id: string; givenName?: string; familyName?: string; birthDate?: string; age?: number };
  category: ThuiszitterCategory | null;
  startDate: string;
  schoolLocation: { id: string; name: string; schoolType: string | null } | null;
  responsible: { personId: string; name: string; organisationName: string | null } | null;
  offer: Offer | null;
  end: { on: string; reason: EndReason; note: string | null } | null;
  open: boolean;
  duration: { days: number; months: number; remainderDays: number };
  normApplies: boolean;
  normDate: string;
  over3Months: boolean;
  absenceReportId: string | null;
}

export interface ThuiszitterHistoryItem {
  id: number;
  kind: 'category' | 'responsible' | 'offer' | 'end';
  effectiveOn: string;
  recordedAt: string;
  recordedBy: { name: string | null; organisationName: string | null } | null;
  category: ThuiszitterCategory | null;
  schoolLocation: { id: string; name: string } | null;
  responsible: { personId: string; name: string } | null;
  offer: Offer | null;
  endReason: EndReason | null;
  note: string | null;
}

export interface ThuiszitterDetail extends ThuiszitterEntry {
  absenceReport: { id: string; startDate: string; endDate: string; hours: number; schoolLocationName: string } | null;
  registeredAt: string;
  history: ThuiszitterHistoryItem[];
  can: { change: boolean };
}

export interface ThuiszitterList {
  items: ThuiszitterEntry[];
  total: number;
  page: number;
  pageSize: number;
  summary: { open: number; over3Months: number };
}

export interface CountCell {
  count: number | null;
  display: string;
  suppressed: 'small' | 'secondary' | null;
}
export interface CountTable {
  rows: { key: string; label: string; cells: Record<string, CountCell> }[];
  total: Record<string, CountCell>;
}

/** Arriving on an entry's page right after registering it (the page says so). */
export interface RegisteredState {
  registered: true;
}

/** The region's norm (Thuiszitterspact: 3 months unless the region set another), for the texts that name it. */
export function useNormMonths(): number {
  const meta = useQuery({ queryKey: ['thuiszitters', 'meta'], queryFn: () => api.get<{ normMonths: number }>('/thuiszitters/meta'), staleTime: 5 * 60_000 });
  return meta.data?.normMonths ?? 3;
}

export const thuiszitterKey = (id: string) => ['thuiszitter', id] as const;
export const THUISZITTER_LISTS = ['thuiszitters'] as const;

export function useThuiszitter(id: string) {
  return useQuery({ queryKey: thuiszitterKey(id), queryFn: () => api.get<ThuiszitterDetail>(`/thuiszitters/${encodeURIComponent(id)}`) });
}

/** An entry changed: keep its page, drop the lists, candidates and counts that show it. */
export function thuiszitterChanged(queryClient: QueryClient, entry: ThuiszitterDetail) {
  queryClient.setQueryData(thuiszitterKey(entry.id), entry);
  void queryClient.invalidateQueries({ queryKey: THUISZITTER_LISTS });
}

export function childName(child: ThuiszitterEntry['child'], t: (key: string) => string): string {
  return child.givenName ? `${child.givenName} ${child.familyName ?? ''}`.trim() : t('thuiszitters.hiddenChild');
}

/** The offer in words: "Onderwijs, gedeeltelijk (12 uur per week) – passend". */
export function OfferText({ offer }: { offer: Offer | null }) {
  const { t, i18n } = useTranslation();
  if (!offer) return <>{t('common.none')}</>;
  const hours = offer.hoursPerWeek !== null ? ` ${t('thuiszitters.offer.hours', { hours: offer.hoursPerWeek.toLocaleString(i18n.language) })}` : '';
  const fitting = offer.kind === 'none' ? '' : ` – ${offer.fitting ? t('thuiszitters.offer.fitting') : t('thuiszitters.offer.notFitting')}`;
  return (
    <>
      {t(`thuiszitters.offer.kinds.${offer.kind}`)}
      {hours}
      {fitting}
    </>
  );
}

/** "4 maanden en 3 dagen" (thuis). */
export function durationText(d: ThuiszitterEntry['duration'], t: (key: string, o?: Record<string, unknown>) => string): string {
  const months = d.months > 0 ? t('thuiszitters.duration.months', { count: d.months }) : '';
  const days = t('thuiszitters.duration.days', { count: d.remainderDays });
  return months ? (d.remainderDays > 0 ? t('thuiszitters.duration.monthsAndDays', { months, days }) : months) : days;
}

/**
 * Where the entry stands against the Thuiszitterspact norm, in words; the flag has a marker and a
 * border, so it does not rely on colour.
 */
export function NormBadge({ entry }: { entry: Pick<ThuiszitterEntry, 'open' | 'over3Months' | 'normApplies' | 'normDate' | 'offer' | 'end'> }) {
  const { t, i18n } = useTranslation();
  const months = useNormMonths();
  if (!entry.open) return <span className="samenspel-badge samenspel-badge--status">{t('thuiszitters.norm.ended', { date: formatDate(entry.end?.on, i18n.language) })}</span>;
  if (entry.over3Months)
    return (
      <span className="samenspel-badge samenspel-badge--very-late">
        <span aria-hidden="true">⚠ </span>
        {t('thuiszitters.norm.over', { months })}
      </span>
    );
  if (!entry.normApplies) return <span className="samenspel-badge samenspel-badge--status">{t('thuiszitters.norm.notApplicable')}</span>;
  if (entry.offer?.fitting) return <span className="samenspel-badge samenspel-badge--on-time">{t('thuiszitters.norm.fitting')}</span>;
  return <span className="samenspel-badge samenspel-badge--late">{t('thuiszitters.norm.until', { date: formatDate(entry.normDate, i18n.language), months })}</span>;
}

/** A count as it may be shown: the number, or "<5" / "≥5" with an explanation for screen readers. */
export function CountValue({ cell }: { cell: CountCell }) {
  const { t } = useTranslation();
  if (cell.suppressed === null) return <>{cell.display}</>;
  return (
    <abbr title={t(`thuiszitters.counts.${cell.suppressed}`)}>
      {cell.display}
      <span className="samenspel-visually-hidden"> ({t(`thuiszitters.counts.${cell.suppressed}`)})</span>
    </abbr>
  );
}

/** The links between the register's screens, as far as the role has them. */
export function ThuiszitterNav() {
  const { t } = useTranslation();
  const { actorRole } = useSession();
  const links: { to: string; label: string }[] = [];
  if (actorRole && THUISZITTER_ROLES.includes(actorRole)) links.push({ to: '/thuiszitters', label: t('thuiszitters.nav.register') });
  if (actorRole && CANDIDATE_ROLES.includes(actorRole)) links.push({ to: '/thuiszitters/kandidaten', label: t('thuiszitters.nav.candidates') });
  if (actorRole === 'attendance_officer') links.push({ to: '/thuiszitters/registreren', label: t('thuiszitters.nav.register_child') });
  if (actorRole && ESCALATION_ROLES.includes(actorRole)) links.push({ to: '/thuiszitters/escalatie', label: t('thuiszitters.nav.escalation') });
  if (actorRole && COUNT_ROLES.includes(actorRole)) links.push({ to: '/thuiszitters/cijfers', label: t('thuiszitters.nav.counts') });
  return (
    <nav aria-label={t('thuiszitters.nav.label')}>
      <ul className="samenspel-counters">
        {links.map((l) => (
          <li key={l.to}>
            {/* NavLink marks the current screen with aria-current="page". */}
            <NavLink to={l.to} end className="utrecht-link utrecht-link--html-a">
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
