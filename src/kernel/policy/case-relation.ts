import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { Actor } from './actor.ts';
import { isCareCoordinator } from './signal-policy.ts';

/**
 * How a professional relates to a case, judged by the relation as it is today and by the
 * organisation they act for right now (their current membership; an ended membership is never
 * loaded into a session):
 * - owner: intern begeleider / zorgcoördinator of the school location that owns the case;
 * - manager: the case manager, acting for the organisation they manage the case for — a case
 *   manager who left that organisation (or acts for another one today) is not the case manager;
 * - member: on the team for the organisation acted for (not removed).
 */
export interface CaseRelation {
  isOwner: boolean;
  isManager: boolean;
  isMember: boolean;
}

export interface CaseKeys {
  id: string;
  organisation_id: string;
  case_manager_person_id: string;
  case_manager_organisation_id: string;
}

export const NO_CASE_RELATION: CaseRelation = { isOwner: false, isManager: false, isMember: false };

export async function caseRelation(db: Db | Tx, actor: Actor, k: CaseKeys): Promise<CaseRelation> {
  const parts = caseRelationParts(db, actor, k);
  if (!parts) return NO_CASE_RELATION;
  return parts.relation(!!(await parts.member.executeTakeFirst()));
}

/**
 * The relation to a case in two parts: the query of the team membership (a row when the actor is on
 * the team) and the relation once it has been read. Null: no professional acting for an
 * organisation, no relation. The gateway reads the membership in the statement of its grants.
 */
export function caseRelationParts(db: Db | Tx, actor: Actor, k: CaseKeys) {
  const m = actor.membership;
  if (actor.kind !== 'professional' || !m || !actor.personId) return null;
  const isOwner = isCareCoordinator(actor) && m.organisationId === k.organisation_id;
  const isManager = actor.personId === k.case_manager_person_id && m.organisationId === k.case_manager_organisation_id;
  return {
    member: db
      .selectFrom('case_members')
      .select('id')
      .where('case_id', '=', k.id)
      .where('person_id', '=', actor.personId)
      .where('organisation_id', '=', m.organisationId)
      .where('removed_at', 'is', null),
    relation: (isMember: boolean): CaseRelation => ({ isOwner, isManager, isMember }),
  };
}

/** The relations to many cases at once (a list the gateway decides): one query for the team memberships. */
export async function caseRelations(db: Db | Tx, actor: Actor, keys: readonly CaseKeys[]): Promise<Map<string, CaseRelation>> {
  const ids = [...new Set(keys.map((k) => k.id))];
  const members = new Set<string>();
  for (let i = 0; i < ids.length; i += 5_000) {
    const q = caseMembersQuery(db, actor, ids.slice(i, i + 5_000));
    if (!q) break;
    for (const r of await q.execute()) members.add(r.case_id);
  }
  return caseRelationsFrom(actor, keys, members);
}

/**
 * The query of the cases among `caseIds` whose team the actor is on, for the organisation acted for
 * (null: no professional acting for an organisation, or no cases). The gateway also reads it as a
 * part of a larger statement.
 */
export function caseMembersQuery(db: Db | Tx, actor: Actor, caseIds: readonly string[]) {
  const m = actor.membership;
  if (actor.kind !== 'professional' || !m || !actor.personId || caseIds.length === 0) return null;
  return db
    .selectFrom('case_members')
    .select('case_id')
    .where('case_id', 'in', caseIds)
    .where('person_id', '=', actor.personId)
    .where('organisation_id', '=', m.organisationId)
    .where('removed_at', 'is', null);
}

/** The relations to the cases of `keys`, given the cases whose team the actor is on. */
export function caseRelationsFrom(actor: Actor, keys: readonly CaseKeys[], members: ReadonlySet<string>): Map<string, CaseRelation> {
  const out = new Map<string, CaseRelation>();
  const m = actor.membership;
  if (actor.kind !== 'professional' || !m || !actor.personId) return out;
  const owner = isCareCoordinator(actor);
  for (const k of keys) {
    out.set(k.id, {
      isOwner: owner && m.organisationId === k.organisation_id,
      isManager: actor.personId === k.case_manager_person_id && m.organisationId === k.case_manager_organisation_id,
      isMember: members.has(k.id),
    });
  }
  return out;
}

/**
 * SQL: true when the case's manager still works for the organisation they manage it for. When the
 * membership ended, the case waits for a new case manager (the owner's care coordinators see it).
 */
export const caseManagerIsCurrent = (caseAlias: string) =>
  sql<boolean>`exists (select 1 from memberships cmm where cmm.person_id = ${sql.ref(`${caseAlias}.case_manager_person_id`)} and cmm.organisation_id = ${sql.ref(`${caseAlias}.case_manager_organisation_id`)} and cmm.ended_at is null)`;
