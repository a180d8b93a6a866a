import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { GROUNDS, groundsQuery, type DataKind, type Ground, CONSENT_GROUNDS } from '../../kernel/policy/child-policy.ts';
import { accessIn, rules, subject, type Access, type Rule } from '../../kernel/policy/gateway.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import type { Role } from '../../kernel/policy/roles.ts';

/**
 * Who sees and changes what of the register (domain.md §7), on top of the one access policy:
 *
 * - reading an entry needs the data kind 'thuiszitter': the attendance officer of the gemeente the
 *   child lives in, the care coordinator of the child's school, the care coordinator who owns a
 *   case of the child, the school leader of the school of an open entry, and a case team member
 *   whose consent names this kind;
 * - changing an entry (offer, responsible person, category, end) is for the attendance officer,
 *   the school's care coordinator and the case owner — the school leader and consent readers only
 *   read;
 * - registering a child not enrolled, or an exemption, is the attendance officer's legal task;
 *   confirming an LRV candidate is for the care coordinator of the school that reported it or the
 *   attendance officer.
 * - aggregates: the policy analyst, the SWV consultant and the attendance officer, with small
 *   counts suppressed (never a single child).
 */
export const READ_GROUNDS = (Object.keys(GROUNDS) as Ground[]).filter((g) => (GROUNDS[g] as readonly DataKind[]).includes('thuiszitter'));
export const WRITE_GROUNDS: Ground[] = ['leerplicht_residence', 'school_care', 'case_owner'];
export const REGISTER_GROUNDS: Ground[] = ['leerplicht_residence'];
export const COUNT_ROLES: Role[] = ['policy_analyst', 'swv_consultant', 'attendance_officer'];
/** Who can be the responsible professional of an entry. */
export const RESPONSIBLE_ROLES: Role[] = ['attendance_officer', 'intern_begeleider', 'care_coordinator', 'school_leader', 'swv_consultant', 'wijkteam_worker', 'youth_care_worker'];

/** The grounds that may confirm or reject an LRV report's candidate: the reporting school's care coordinator, or the attendance officer. */
export function candidateGrounds(actor: Actor, reportOrganisationId: string): Ground[] {
  return actor.membership?.organisationId === reportOrganisationId ? ['school_care', 'leerplicht_residence'] : ['leerplicht_residence'];
}

/** The LRV report a candidate comes from, as the candidate commands need it. */
export interface CandidateReport {
  id: string;
  child_id: string;
  organisation_id: string;
  start_date: string;
  end_date: string;
}

/** Not an LRV report (or none in the region): there is no candidate to decide on. */
const noCandidate: Rule = () => null;

/**
 * A decision on an LRV candidate (confirm or reject), through the gateway in one transaction: the
 * report is read in it, the policy is asked for the grounds that may decide on a candidate of the
 * school that reported it (`candidateGrounds`), the entry is logged — allowed or denied — and the
 * work runs. A refusal, or a report that is not an LRV report of the region: the denied entry
 * commits, and the answer is 404.
 */
export async function withCandidateAccess<T>(
  database: Database,
  actor: Actor,
  absenceReportId: string,
  event: string,
  work: (access: Access, report: CandidateReport) => Promise<T>,
  detail: Record<string, unknown> = {},
): Promise<T> {
  const result = await database.db.transaction().execute(async (tx) => {
    const report = await tx
      .selectFrom('absence_reports')
      .select(['id', 'child_id', 'organisation_id', 'start_date', 'end_date'])
      .where('id', '=', absenceReportId)
      .where('region_id', '=', actor.regionId)
      .where('type', '=', 'lrv')
      .executeTakeFirst();
    const rule = report ? rules.childData('thuiszitter', candidateGrounds(actor, report.organisation_id)) : noCandidate;
    const access = await accessIn(tx, actor, subject.absenceReport(absenceReportId), rule, event, { detail: { ...detail, kind: 'thuiszitter' } });
    // One answer for a report that is not there and one that is refused: nothing tells them apart.
    if (!report || !access) return { refused: new NotFoundError('Deze LRV-melding bestaat niet, of u heeft er geen toegang toe.') };
    return { value: await work(access, report) };
  });
  if ('refused' in result) throw result.refused;
  return result.value;
}

/**
 * The children whose register entries the actor may read, one row per child with its grounds and
 * whether the grounds also cover the child's identity; null when the actor reaches no child.
 */
export function thuiszitterScope(tx: Tx, actor: Actor, day: string) {
  const grounds = groundsQuery(tx, actor, day);
  if (!grounds) return null;
  const identityGrounds = (Object.keys(GROUNDS) as Ground[]).filter((g) => (GROUNDS[g] as readonly DataKind[]).includes('identity'));
  return tx
    .selectFrom(grounds.as('g'))
    .where((eb) => eb.or([eb('g.ground', 'in', READ_GROUNDS), eb.and([eb('g.ground', 'in', CONSENT_GROUNDS), sql<boolean>`'thuiszitter' = any(g.consent_kinds)`])]))
    .groupBy('g.child_id')
    .select([
      'g.child_id',
      sql<Ground[]>`array_agg(distinct g.ground)`.as('grounds'),
      sql<string | null>`(array_agg(g.consent_id) filter (where g.consent_id is not null))[1]`.as('consent_id'),
      sql<boolean>`bool_or(g.ground in (${sql.join(identityGrounds)}) or (g.ground in (${sql.join(CONSENT_GROUNDS)}) and 'identity' = any(g.consent_kinds)))`.as('identity'),
    ]);
}

/** A Postgres text[] as it arrives: an array, or the '{a,b}' literal. */
export const asList = <T extends string>(v: T[] | string | null): T[] => (Array.isArray(v) ? v : typeof v === 'string' ? (v.replace(/[{}]/g, '').split(',').filter(Boolean) as T[]) : []);

/** The ground recorded in the access log for a list row: a fixed relation before a consent. */
export function logGround(grounds: Ground[]): Ground {
  return grounds.find((g) => READ_GROUNDS.includes(g)) ?? grounds[0];
}
