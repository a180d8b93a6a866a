import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { actorLogFields } from '../../kernel/policy/child-access.ts';
import { grantFor, grantsForChild, grantsInCase, kindsOfGrants, type DataKind, type Grant } from '../../kernel/policy/child-policy.ts';
import { caseRelation } from '../../kernel/policy/case-relation.ts';
import { appendAccessLog } from '../../kernel/audit/access-log.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';

/**
 * Who is acting on a plan, and with which grant. The plan is case data: a professional must be the
 * case owner, the case manager or on the team, and have a grant for the data kind (for another
 * organisation: a consent that covers it). The family acts through guardianship or as the young
 * person (12+). Every use is logged against the child in the same transaction.
 */
export interface PlanActor {
  tx: Tx;
  plan: { id: string; case_id: string; child_id: string; region_id: string };
  caseRow: { id: string; organisation_id: string; case_manager_person_id: string; case_manager_organisation_id: string; status: string; next_evaluation_on: string; title: string };
  isOwner: boolean;
  isManager: boolean;
  isMember: boolean;
  family: 'guardian' | 'child' | null;
  grants: Grant[];
  kinds: Set<DataKind>;
}

/** kind null: no read grant needed (writing an observation or a note as a team member). */
export type PlanNeed = { kind: DataKind | null; who: 'professional' | 'family' | 'any'; require?: 'owner' | 'team' };

export async function withPlan<T>(database: Database, actor: Actor, planId: string, event: string, need: PlanNeed, work: (p: PlanActor) => Promise<T>, detail: Record<string, unknown> = {}): Promise<T> {
  const result = await database.db.transaction().execute(async (tx) => {
    const plan = await tx.selectFrom('plans').selectAll().where('id', '=', planId).where('region_id', '=', actor.regionId).executeTakeFirst();
    const deny = async () => {
      await appendAccessLog(tx, { ...actorLogFields(actor), event, outcome: 'denied', childId: plan?.child_id ?? null, detail: { planId, ...detail } });
      return { denied: true as const };
    };
    if (!plan) return deny();
    const caseRow = await tx
      .selectFrom('cases')
      .select(['id', 'organisation_id', 'case_manager_person_id', 'case_manager_organisation_id', 'status', 'next_evaluation_on', 'title'])
      .where('id', '=', plan.case_id)
      .executeTakeFirstOrThrow();
    // Owner, manager and member as they are today, for the organisation acted for now.
    const { isOwner, isManager, isMember } = await caseRelation(tx, actor, caseRow);
    // A consent counts in the case it was given in.
    const grants = grantsInCase(await grantsForChild(tx, actor, plan.child_id, today()), plan.case_id);
    const family = grants.some((g) => g.ground === 'guardian_authority') ? 'guardian' : grants.some((g) => g.ground === 'self_12plus' || g.ground === 'self_16plus') ? 'child' : null;
    const professional = actor.kind === 'professional' && (isOwner || isManager || isMember);
    const whoOk = need.who === 'any' ? professional || !!family : need.who === 'family' ? !!family : professional;
    const requireOk = !need.require || (need.require === 'owner' ? isOwner : isOwner || isManager || isMember);
    const grant = need.kind ? grantFor(grants, need.kind) : null;
    const kindOk = need.kind === null || !!grant;
    if (!whoOk || !requireOk || !kindOk) return deny();
    await appendAccessLog(tx, {
      ...actorLogFields(actor),
      event,
      outcome: 'allowed',
      childId: plan.child_id,
      ground: grant?.ground ?? (isManager ? 'case_manager' : 'case_team'),
      consentId: grant?.consentId ?? null,
      detail: { planId, ...detail },
    });
    const value = await work({ tx, plan, caseRow, isOwner, isManager, isMember, family, grants, kinds: kindsOfGrants(grants) });
    return { denied: false as const, value };
  });
  if (result.denied) throw new NotFoundError();
  return result.value;
}
