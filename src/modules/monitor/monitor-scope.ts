import type { Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { ForbiddenError } from '../../kernel/errors.ts';
import { INDICATORS, LEERPLICHT_INDICATORS, type Breakdown, type IndicatorId } from '../../contracts/values/monitor.ts';

export type Audience = 'region' | 'gemeente' | 'school' | 'leerplicht';

/**
 * What a reader of the monitor may ask for (domain.md §7, issue 14 "Audiences"), from the role and
 * organisation they act for today — aggregates only, never a child, for everyone:
 * - the policy analyst of a gemeente: the region, and the children living in the own gemeente;
 *   breakdowns by month, school type and board (not per gemeente or per school);
 * - the policy analyst of the SWV or the region office, and the SWV consultant: the region, any
 *   gemeente and any school, every breakdown;
 * - the school leader: the own school location beside the region, by month;
 * - the attendance officer: the thuiszitter, absence and report figures of the own gemeente beside
 *   the region, by month and school type.
 */
export interface MonitorScope {
  audience: Audience;
  indicators: readonly IndicatorId[];
  /** The gemeente filters allowed (null: the region, no filter). */
  gemeenten: readonly (string | null)[] | 'any';
  /** The organisation filters allowed. */
  organisations: readonly (string | null)[] | 'any';
  schoolTypeFilter: boolean;
  breakdowns: readonly Breakdown[];
  /** What the dashboard opens on. */
  home: { gemeente: string | null; organisation: string | null };
}

export const MONITOR_ROLES = ['policy_analyst', 'swv_consultant', 'school_leader', 'attendance_officer'] as const;

export async function monitorScopeOf(tx: Tx, actor: Actor): Promise<MonitorScope> {
  const m = actor.membership;
  if (!m || !(MONITOR_ROLES as readonly string[]).includes(m.role)) {
    throw new ForbiddenError('De monitor is er voor beleidsmedewerkers, het samenwerkingsverband, schoolleiders en leerplichtambtenaren.');
  }
  const org = await tx.selectFrom('organisations').select(['kind', 'gemeente_id']).where('id', '=', m.organisationId).where('region_id', '=', actor.regionId).executeTakeFirst();
  if (!org) throw new ForbiddenError('Uw organisatie hoort niet bij deze regio.');
  if (m.role === 'school_leader') {
    if (org.kind !== 'school_location') throw new ForbiddenError('De monitor voor schoolleiders gaat over een schoolvestiging.');
    return { audience: 'school', indicators: INDICATORS.filter((i) => i !== 'requests'), gemeenten: [null], organisations: [null, m.organisationId], schoolTypeFilter: false, breakdowns: ['none', 'month'], home: { gemeente: null, organisation: m.organisationId } };
  }
  if (m.role === 'attendance_officer') {
    const own = org.gemeente_id;
    return { audience: 'leerplicht', indicators: LEERPLICHT_INDICATORS, gemeenten: own ? [null, own] : [null], organisations: [null], schoolTypeFilter: true, breakdowns: ['none', 'month', 'school_type'], home: { gemeente: own, organisation: null } };
  }
  if (m.role === 'policy_analyst' && org.kind === 'gemeente') {
    const own = org.gemeente_id;
    return { audience: 'gemeente', indicators: INDICATORS, gemeenten: own ? [null, own] : [null], organisations: [null], schoolTypeFilter: true, breakdowns: ['none', 'month', 'school_type', 'board', 'kind'], home: { gemeente: own, organisation: null } };
  }
  return { audience: 'region', indicators: INDICATORS, gemeenten: 'any', organisations: 'any', schoolTypeFilter: true, breakdowns: ['none', 'month', 'gemeente', 'organisation', 'school_type', 'board', 'kind'], home: { gemeente: null, organisation: null } };
}
