import type { Database, Tx } from '../db/database.ts';
import { appendAccessLog } from '../audit/access-log.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from './actor.ts';
import { grantFor, grantsForChild, kindsOfGrants, type DataKind, type Grant, type Ground } from './child-policy.ts';
import { today } from '../time.ts';

export interface ChildAccess {
  tx: Tx;
  grounds: Ground[];
  grants: Grant[];
  kinds: Set<DataKind>;
  ground: Ground;
  consentId: string | null;
}

export const actorLogFields = (actor: Actor) => ({
  regionId: actor.regionId,
  accountId: actor.accountId,
  personId: actor.personId,
  organisationId: actor.membership?.organisationId ?? null,
  role: actor.membership?.role ?? actor.kind,
  ip: actor.ip,
});

/**
 * The one way into a child's data. Decides by the policy whether the actor may use `kind` of this
 * child's data, writes the access log entry in the same transaction as the work, and runs `work`.
 * A refusal is logged (and committed) too, then answered as 404: the same answer as for a child
 * that does not exist, so a refusal reveals nothing.
 */
export async function withChildAccess<T>(
  database: Database,
  actor: Actor,
  childId: string,
  kind: DataKind,
  event: string,
  work: (access: ChildAccess) => Promise<T>,
  detail: Record<string, unknown> = {},
  /** For changes: only these grounds may do it (e.g. only the school's care coordinator enrols). */
  onlyGrounds?: Ground[],
): Promise<T> {
  const result = await database.db.transaction().execute(async (tx) => {
    const all = await grantsForChild(tx, actor, childId, today());
    const usable = onlyGrounds ? all.filter((g) => onlyGrounds.includes(g.ground)) : all;
    const grant = grantFor(usable, kind);
    if (!grant) {
      await appendAccessLog(tx, { ...actorLogFields(actor), event, outcome: 'denied', childId, detail: { ...detail, kind } });
      return { denied: true as const };
    }
    await appendAccessLog(tx, { ...actorLogFields(actor), event, outcome: 'allowed', childId, ground: grant.ground, consentId: grant.consentId, detail: { ...detail, kind } });
    const grounds = [...new Set(all.map((g) => g.ground))];
    return { denied: false as const, value: await work({ tx, grounds, grants: all, kinds: kindsOfGrants(all), ground: grant.ground, consentId: grant.consentId }) };
  });
  if (result.denied) throw new NotFoundError();
  return result.value;
}
