import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { rules, withAccess, type Access, type Subject } from '../../kernel/policy/gateway.ts';
import type { DataKind, Grant } from '../../kernel/policy/child-policy.ts';
import { NotFoundError } from '../../kernel/errors.ts';

/**
 * Who is acting on a plan, and with which grant. The plan is case data: a professional must be the
 * case owner, the case manager or on the team, and have a grant for the data kind (for another
 * organisation: a consent that covers it). The family acts through guardianship or as the young
 * person (12+). The gateway decides (rules.caseData) and logs every use against the child in the
 * same transaction.
 */
export interface PlanActor {
  tx: Tx;
  plan: { id: string; case_id: string; child_id: string; region_id: string };
  /** Whether the plan's case is open, read in the transaction when a change asks (the page reads it with the plan). */
  caseIsOpen: () => Promise<boolean>;
  isOwner: boolean;
  isManager: boolean;
  isMember: boolean;
  family: 'guardian' | 'child' | null;
  grants: Grant[];
  kinds: Set<DataKind>;
  /** What the gateway decided and read on entering (for links decided on the same facts: mayFollow's `seen`). */
  access: Access;
}

/** kind null: no read grant needed (writing an observation or a note as a team member). */
export type PlanNeed = { kind: DataKind | null; who: 'professional' | 'family' | 'any'; require?: 'owner' | 'team' };

/**
 * The plan named by the request — subject.plan(id), subject.goal(id) for a goal's route, or
 * subject.case(id) for a case's plan — through the gateway: found inside the checked transaction,
 * in the actor's region; denied or not found is logged and answered 404.
 */
export async function withPlan<T>(database: Database, actor: Actor, of: Subject, event: string, need: PlanNeed, work: (p: PlanActor) => Promise<T>, detail: Record<string, unknown> = {}): Promise<T> {
  return withAccess(
    database,
    actor,
    of,
    rules.caseData(need),
    event,
    async (a) => {
      const planId = a.subject.planId;
      // Every case gets its plan when it is opened; a case without one has nothing to show.
      if (!planId || !a.caseId) throw new NotFoundError();
      const caseId = a.caseId;
      const caseIsOpen = async () => (await a.tx.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status === 'open';
      const { isOwner, isManager, isMember } = a.relation;
      return work({ tx: a.tx, plan: { id: planId, case_id: caseId, child_id: a.childId, region_id: actor.regionId }, caseIsOpen, isOwner, isManager, isMember, family: a.family, grants: a.grants, kinds: a.kinds, access: a });
    },
    { detail },
  );
}
