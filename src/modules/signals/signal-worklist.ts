import { sql } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordListed } from '../../kernel/policy/gateway.ts';
import { isCareCoordinator, signalAccess, signalGround } from '../../kernel/policy/signal-policy.ts';
import { CATEGORY_NL, type SignalCategory } from '../../contracts/values/signals.ts';
import type { WorklistAsk, WorklistItem, WorklistPart } from '../../contracts/worklist.ts';
import { isUrgentSignal } from './signal-deadlines.ts';

/**
 * The signals on the worklist of a school's care coordinator (IB / zorgcoördinator): the signals of
 * the school acted for that wait for her — new ones by their pick-up deadline (the term in school
 * days, stored on the signal when it was raised), and the ones the school keeps watching (no
 * deadline). Scoped in SQL to that school; each row is decided by the signal's own policy (as the
 * queue does) and logged with its ground. Anyone else has no signals to pick up.
 */
export async function signalsToPickUp(tx: Tx, actor: Actor, ask: WorklistAsk): Promise<WorklistPart> {
  if (!isCareCoordinator(actor)) return { items: [], counts: [] };
  const org = actor.membership!.organisationId;
  const day = sql<string>`${ask.day}::date`;
  const rows = await tx
    .selectFrom('signals as s')
    .innerJoin('children as c', 'c.id', 's.child_id')
    .where('s.region_id', '=', actor.regionId)
    .where('s.organisation_id', '=', org)
    .where('s.status', 'in', ['new', 'watching'])
    .select(['s.id', 's.region_id', 's.child_id', 's.organisation_id', 's.author_person_id', 's.category', 's.urgency', 's.status', 's.pickup_deadline', 'c.given_name', 'c.family_name'])
    // How many wait in all, and how many are overdue (counted before the cap).
    .select([sql<number>`(count(*) over ())::int`.as('total'), sql<number>`(count(*) filter (where s.status = 'new' and s.pickup_deadline < ${day}) over ())::int`.as('overdue')])
    // New ones by deadline (the urgent first on the same day), then the ones kept watching.
    .orderBy(sql`s.status = 'new'`, 'desc')
    .orderBy('s.pickup_deadline')
    .orderBy(sql`s.urgency = 'urgent' or s.category = 'safety'`, 'desc')
    .orderBy('s.raised_at')
    .orderBy('s.id')
    .limit(ask.limit)
    .$narrowType<{ category: SignalCategory }>()
    .execute();
  const count = { total: rows[0]?.total ?? 0, overdue: rows[0]?.overdue ?? 0 };
  const shown = rows.filter((r) => signalAccess(actor, r) === 'care');
  await recordListed(
    tx,
    actor,
    ask.event,
    shown.map((r) => ({ childId: r.child_id, ground: signalGround('care'), detail: { signalId: r.id, worklist: 'signal_to_pick_up' } })),
  );
  const items: WorklistItem[] = shown.map((r) => {
    const dueOn = r.status === 'new' ? r.pickup_deadline : null;
    const urgent = isUrgentSignal(r);
    return {
      kind: 'signal_to_pick_up',
      id: r.id,
      dueOn,
      overdue: dueOn !== null && dueOn < ask.day,
      urgent,
      title: `${r.status === 'new' ? (urgent ? 'Dringend signaal oppakken' : 'Signaal oppakken') : 'Signaal in de gaten houden'}: ${CATEGORY_NL[r.category]}`,
      child: { id: r.child_id, name: `${r.given_name} ${r.family_name}` },
      organisationName: null,
      requestKind: null,
      signalCategory: r.category,
      reportType: null,
      link: `/signalen/${r.id}`,
    };
  });
  return { items, counts: [{ kind: 'signal_to_pick_up', total: count.total - (rows.length - shown.length), overdue: count.overdue, listLink: '/signalen' }] };
}
