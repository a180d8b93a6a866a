import { sql } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { can } from '../../kernel/policy/capabilities.ts';
import { decideEach, resolvedRequest, recordListed, rules, type Decision, type Listed, type Resolved, type Rule } from '../../kernel/policy/gateway.ts';
import { isConsentGround } from '../../kernel/policy/child-policy.ts';
import { isCareCoordinator } from '../../kernel/policy/signal-policy.ts';
import { KIND_NL, type RequestKind, type RequestSide, type RequestStatus } from '../../contracts/values/requests.ts';
import type { WorklistKind } from '../../contracts/values/worklist.ts';
import type { WorklistAsk, WorklistCount, WorklistItem, WorklistPart } from '../../contracts/worklist.ts';

/** The statuses that wait for the receiver (request-view.ts: waitingFor). */
const RECEIVER_WAITS = ['sent', 'accepted', 'decided', 'help_started'] as const satisfies readonly RequestStatus[];
const KINDS = ['request_to_answer', 'report_due', 'request_overdue'] as const satisfies readonly WorklistKind[];
type RequestWorkKind = (typeof KINDS)[number];

/** What the receiver does next, by status (and kind: a provider starts help without a decision). */
function receiverStep(kind: RequestKind, status: RequestStatus): string {
  if (status === 'sent') return kind === 'question_to_school' ? 'Vraag beantwoorden' : 'Nieuw verzoek oppakken';
  if (status === 'accepted') return kind === 'provider' ? 'Start van de hulp vastleggen' : 'Besluit vastleggen';
  if (status === 'decided') return 'Start van de hulp vastleggen';
  return 'Terugkoppelen aan de school';
}

/**
 * The requests on the worklist of the reader (docs/requests.md "De werklijst"), for the organisation
 * acted for now:
 * - `request_to_answer`: the current step waits on that organisation — as the receiver (its inbox,
 *   held by the reader or not yet held by anyone), or as the sender (a question for information,
 *   for who sent it or the sending school's care coordinators);
 * - `report_due`: help has started and the report back to the school is the receiver's;
 * - `request_overdue`: sent by the reader (or by her school, for its care coordinator) and past its
 *   term at the receiver: the sender follows it up.
 * Each due by the current step's term (`step_due_on`). Scoped in SQL by organisation and person —
 * and, for a receiver, by a consent of the case in force that names the organisation, as the
 * policy's receiver relation asks — before the gateway decides each row shown as the request's own
 * page would (rules.request, for the side the row is on). The child is named only where the grant
 * covers identity, and every named child is logged.
 */
export async function requestsWaitingOn(tx: Tx, actor: Actor, ask: WorklistAsk): Promise<WorklistPart> {
  const m = actor.membership;
  if (actor.kind !== 'professional' || !m || !actor.personId) return { items: [], counts: [] };
  const org = m.organisationId;
  const me = actor.personId;
  const care = isCareCoordinator(actor);
  const day = sql<string>`${ask.day}::date`;
  const consentInForce = sql<boolean>`exists (
    select 1 from consents con join consent_recipients cr on cr.consent_id = con.id
    where con.case_id = rq.case_id and con.child_id = rq.child_id and cr.organisation_id = ${org}
      and con.given_on <= ${day} and con.valid_until >= ${day}
      and not exists (select 1 from consent_withdrawals w where w.consent_id = con.id))`;
  const work = sql<RequestWorkKind>`case
    when rq.from_organisation_id = ${org} then (case when rq.status = 'info_requested' then 'request_to_answer' else 'request_overdue' end)
    when rq.status = 'help_started' then 'report_due'
    else 'request_to_answer' end`;
  const scoped = tx
    .selectFrom('requests as rq')
    .innerJoin('cases as k', 'k.id', 'rq.case_id')
    .where('rq.region_id', '=', actor.regionId)
    .where((eb) =>
      eb.or([
        // The receiver's side: its inbox, not held by a colleague; the school that keeps the case
        // answers a question to it, another organisation reads under a consent of the case.
        eb.and([
          eb('rq.to_organisation_id', '=', org),
          eb('rq.status', 'in', RECEIVER_WAITS),
          eb.or([eb('rq.holder_person_id', 'is', null), eb('rq.holder_person_id', '=', me)]),
          eb('k.status', '=', 'open'),
          care ? eb.or([eb('k.organisation_id', '=', org), consentInForce]) : consentInForce,
        ]),
        // The sender's side: who sent it, or the sending school's care coordinators.
        eb.and([
          eb('rq.from_organisation_id', '=', org),
          care ? sql<boolean>`true` : eb('rq.from_person_id', '=', me),
          eb.or([eb('rq.status', '=', 'info_requested'), eb.and([eb('rq.status', 'in', RECEIVER_WAITS), eb('rq.step_due_on', '<', day)])]),
        ]),
      ]),
    );
  // At most `limit` of each kind, each by deadline; how many of each kind wait in all (and are overdue), counted before the cap.
  const ranked = scoped.select([
    'rq.id',
    'rq.kind',
    'rq.status',
    'rq.child_id',
    'rq.case_id',
    'rq.from_organisation_id',
    'rq.to_organisation_id',
    'rq.urgency',
    'rq.step_due_on',
    'rq.sent_on',
    'k.organisation_id',
    'k.case_manager_person_id',
    'k.case_manager_organisation_id',
    work.as('work'),
    sql<number>`row_number() over (partition by ${work} order by rq.step_due_on nulls last, rq.sent_on, rq.id)`.as('rank'),
    sql<number>`(count(*) over (partition by ${work}))::int`.as('total'),
    sql<number>`(count(*) filter (where rq.step_due_on < ${day}) over (partition by ${work}))::int`.as('overdue'),
  ]);
  const rows = await tx
    .selectFrom(ranked.as('r'))
    .innerJoin('organisations as fo', 'fo.id', 'r.from_organisation_id')
    .innerJoin('organisations as tor', 'tor.id', 'r.to_organisation_id')
    .where('r.rank', '<=', ask.limit)
    // Named columns, not `r.*`: the statement stays prepared (kernel/db/prepared.ts).
    .select([
      'r.id',
      'r.kind',
      'r.status',
      'r.child_id',
      'r.case_id',
      'r.from_organisation_id',
      'r.to_organisation_id',
      'r.urgency',
      'r.step_due_on',
      'r.sent_on',
      'r.organisation_id',
      'r.case_manager_person_id',
      'r.case_manager_organisation_id',
      'r.work',
      'r.total',
      'r.overdue',
    ])
    .select(['fo.name as from_name', 'tor.name as to_name'])
    .$narrowType<{ kind: RequestKind; status: RequestStatus; urgency: 'normal' | 'urgent' }>()
    .execute();

  // The gateway decides each row as the request's page would, for the side the row is on; the
  // identity of the child is asked on the same facts (a grant in the case that covers it).
  const sideOf = new Map<string, RequestSide>(rows.map((r) => [r.id, r.from_organisation_id === org ? 'sender' : 'receiver']));
  const named = new Map<string, Decision | null>();
  const rule: Rule = (f) => {
    const d = rules.request(sideOf.get(f.subject.id))(f);
    if (d) named.set(f.subject.id, rules.childData('identity')(f));
    return d;
  };
  const resolved: Resolved[] = rows.map(resolvedRequest);
  const decisions = await decideEach(tx, actor, resolved, rule);
  const shown = rows.filter((_, i) => decisions[i] !== null);
  const childIds = [...new Set(shown.filter((r) => named.get(r.id)).map((r) => r.child_id))];
  const children = new Map(
    childIds.length ? (await tx.selectFrom('children').where('id', 'in', childIds).select(['id', 'given_name', 'family_name']).execute()).map((c) => [c.id, `${c.given_name} ${c.family_name}`]) : [],
  );
  const listed: Listed[] = shown.flatMap((r) => {
    const d = named.get(r.id);
    return d ? [{ childId: r.child_id, ground: d.ground, consentId: isConsentGround(d.ground) ? d.consentId : null, detail: { requestId: r.id, worklist: r.work } }] : [];
  });
  await recordListed(tx, actor, ask.event, listed);

  const items: WorklistItem[] = shown.map((r) => {
    const sender = sideOf.get(r.id) === 'sender';
    const step =
      r.work === 'request_overdue' ? `Verzoek wacht te lang bij ${r.to_name}` : sender ? `Vraag van ${r.to_name} beantwoorden` : receiverStep(r.kind, r.status);
    const name = named.get(r.id) ? (children.get(r.child_id) ?? null) : null;
    return {
      kind: r.work,
      id: r.id,
      dueOn: r.step_due_on,
      overdue: r.step_due_on !== null && r.step_due_on < ask.day,
      urgent: r.urgency === 'urgent',
      title: `${step} (${KIND_NL[r.kind]})`,
      child: name ? { id: r.child_id, name } : null,
      organisationName: sender ? r.to_name : r.from_name,
      requestKind: r.kind,
      signalCategory: null,
      reportType: null,
      link: `/verzoeken/${r.id}`,
    };
  });

  // The kinds that are the reader's in this role: who works with requests answers them and follows
  // up what she sent; a report back is due from the organisations that help (not from a school).
  const mine = new Set<RequestWorkKind>(can(actor, 'workRequests') ? (care ? ['request_to_answer', 'request_overdue'] : KINDS) : []);
  const counts: WorklistCount[] = KINDS.flatMap((kind) => {
    const c = rows.find((x) => x.work === kind);
    if (!mine.has(kind) && !c) return [];
    const refused = rows.filter((r, i) => r.work === kind && decisions[i] === null);
    return [
      {
        kind,
        total: (c?.total ?? 0) - refused.length,
        overdue: (c?.overdue ?? 0) - refused.filter((r) => r.step_due_on !== null && r.step_due_on < ask.day).length,
        listLink: '/verzoeken',
      },
    ];
  });
  return { items, counts };
}
