import { sql } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { can } from '../../kernel/policy/capabilities.ts';
import { decideEach, recordListed, resolvedCase, rules, type Decision, type Rule } from '../../kernel/policy/gateway.ts';
import { isConsentGround } from '../../kernel/policy/child-policy.ts';
import { EVALUATION_DUE_WITHIN_DAYS } from '../../contracts/values/worklist.ts';
import type { WorklistAsk, WorklistItem, WorklistPart } from '../../contracts/worklist.ts';

/**
 * The evaluations on the worklist of a case manager: the open cases she manages for the organisation
 * acted for now (case-relation.ts: the case manager only while acting for that organisation) whose
 * next evaluation is due within EVALUATION_DUE_WITHIN_DAYS days, or was due already. Scoped in SQL
 * to those cases; each decided by the gateway as the case page is (rules.readCase) and logged, the
 * child named only where the grant in the case covers identity. The link opens the plan, where
 * the evaluation is recorded.
 */
export async function evaluationsDue(tx: Tx, actor: Actor, ask: WorklistAsk): Promise<WorklistPart> {
  const m = actor.membership;
  if (actor.kind !== 'professional' || !m || !actor.personId) return { items: [], counts: [] };
  const day = sql<string>`${ask.day}::date`;
  const managed = tx
    .selectFrom('cases as k')
    .where('k.region_id', '=', actor.regionId)
    .where('k.case_manager_person_id', '=', actor.personId)
    .where('k.case_manager_organisation_id', '=', m.organisationId)
    .where('k.status', '=', 'open')
    .where('k.next_evaluation_on', '<=', sql<string>`${day} + ${EVALUATION_DUE_WITHIN_DAYS}::int`);
  const rows = await managed
    .innerJoin('organisations as o', 'o.id', 'k.organisation_id')
    .leftJoin('plans as p', 'p.case_id', 'k.id')
    .select(['k.id', 'k.child_id', 'k.organisation_id', 'k.case_manager_person_id', 'k.case_manager_organisation_id', 'k.next_evaluation_on', 'o.name as organisation_name', 'p.id as plan_id'])
    // How many are due in all, and how many were due before today (counted before the cap).
    .select([sql<number>`(count(*) over ())::int`.as('total'), sql<number>`(count(*) filter (where k.next_evaluation_on < ${day}) over ())::int`.as('overdue')])
    .orderBy('k.next_evaluation_on')
    .orderBy('k.opened_on')
    .orderBy('k.id')
    .limit(ask.limit)
    .execute();
  const count = { total: rows[0]?.total ?? 0, overdue: rows[0]?.overdue ?? 0 };
  const named = new Map<string, Decision | null>();
  const rule: Rule = (f) => {
    const d = rules.readCase()(f);
    if (d) named.set(f.subject.id, rules.childData('identity')(f));
    return d;
  };
  const decisions = await decideEach(tx, actor, rows.map(resolvedCase), rule);
  const shown = rows.map((r, i) => ({ r, d: decisions[i] })).filter((x): x is { r: (typeof rows)[number]; d: Decision } => x.d !== null);
  const childIds = [...new Set(shown.filter((x) => named.get(x.r.id)).map((x) => x.r.child_id))];
  const children = new Map(
    childIds.length ? (await tx.selectFrom('children').where('id', 'in', childIds).select(['id', 'given_name', 'family_name']).execute()).map((c) => [c.id, `${c.given_name} ${c.family_name}`]) : [],
  );
  // Every case shown is logged (as the case list does), on the ground its page would record.
  await recordListed(
    tx,
    actor,
    ask.event,
    shown.map(({ r, d }) => ({ childId: r.child_id, ground: d.ground, consentId: isConsentGround(d.ground) ? d.consentId : null, detail: { caseId: r.id, worklist: 'evaluation_due' } })),
  );
  const items: WorklistItem[] = shown.map(({ r }) => {
    const name = named.get(r.id) ? (children.get(r.child_id) ?? null) : null;
    return {
      kind: 'evaluation_due',
      id: r.id,
      dueOn: r.next_evaluation_on,
      overdue: r.next_evaluation_on < ask.day,
      urgent: false,
      title: 'Plan evalueren',
      child: name ? { id: r.child_id, name } : null,
      // The school that keeps the case, when the reader manages it for another organisation.
      organisationName: r.organisation_id === m.organisationId ? null : r.organisation_name,
      requestKind: null,
      signalCategory: null,
      reportType: null,
      link: r.plan_id ? `/plannen/${r.plan_id}` : `/casussen/${r.id}`,
    };
  });
  const refused = rows.filter((_, i) => decisions[i] === null);
  if (!can(actor, 'workCases') && count.total === 0) return { items, counts: [] };
  return {
    items,
    counts: [
      {
        kind: 'evaluation_due',
        total: count.total - refused.length,
        overdue: count.overdue - refused.filter((r) => r.next_evaluation_on < ask.day).length,
        listLink: '/casussen?evaluatie=binnenkort',
      },
    ],
  };
}
