import { sql } from 'kysely';
import type { Database } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { decideEach, resolvedRequest, recordListed, rules, subject, withAccess, type Listed, type Resolved, type Rule } from '../../kernel/policy/gateway.ts';
import { isConsentGround } from '../../kernel/policy/child-policy.ts';
import { today } from '../../kernel/time.ts';
import type { RequestDetail, RequestList, RequestListQuery } from '../../contracts/requests.ts';
import { OPEN_REQUEST_STATUSES } from '../../contracts/values/requests.ts';
import { requestView, waitingFor } from './request-view.ts';

/** One request, for its sender or its receiver as today (rules.request); the read is logged. */
export async function getRequest(database: Database, actor: Actor, requestId: string): Promise<RequestDetail> {
  return withAccess(database, actor, subject.request(requestId), rules.request(), 'request.read', (a) => requestView(a, requestId));
}

/** A request's reader whose grants in its case cover the child's identity (the ground of that grant). */
const withIdentity: Rule = (f) => (rules.request()(f) ? rules.childData('identity')(f) : null);

/**
 * The requests of the organisation acted for: received (inbox), sent (outbox) or both, optionally
 * of one case or only those that still wait. Each is decided as the request's own page decides it
 * (rules.request, on today's facts: a receiver whose consent was withdrawn no longer sees it), the
 * child named only where the grant covers identity, and every named child logged.
 */
export async function listRequests(database: Database, actor: Actor, q: RequestListQuery): Promise<RequestList> {
  const org = actor.membership?.organisationId;
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 25;
  if (actor.kind !== 'professional' || !org) return { items: [], total: 0, page, pageSize };
  return database.db.transaction().execute(async (tx) => {
    const day = today();
    let base = tx
      .selectFrom('requests as rq')
      .innerJoin('cases as k', 'k.id', 'rq.case_id')
      .innerJoin('organisations as fo', 'fo.id', 'rq.from_organisation_id')
      .innerJoin('organisations as tor', 'tor.id', 'rq.to_organisation_id')
      .leftJoin('people as hp', 'hp.id', 'rq.holder_person_id')
      .where('rq.region_id', '=', actor.regionId);
    if (q.box === 'inbox') base = base.where('rq.to_organisation_id', '=', org);
    else if (q.box === 'outbox') base = base.where('rq.from_organisation_id', '=', org);
    else base = base.where((eb) => eb.or([eb('rq.to_organisation_id', '=', org), eb('rq.from_organisation_id', '=', org)]));
    if (q.open) base = base.where('rq.status', 'in', OPEN_REQUEST_STATUSES);
    if (q.caseId) base = base.where('rq.case_id', '=', q.caseId);
    if (q.signalId) base = base.where('rq.signal_id', '=', q.signalId);
    if (q.thuiszitterId) base = base.where('rq.thuiszitter_id', '=', q.thuiszitterId);
    const rows = await base
      .select([
        'rq.id',
        'rq.kind',
        'rq.status',
        'rq.child_id',
        'rq.case_id',
        'rq.from_organisation_id',
        'rq.to_organisation_id',
        'rq.urgency',
        'rq.sent_on',
        'rq.step_due_on',
        'fo.name as from_name',
        'tor.name as to_name',
        sql<string | null>`hp.given_name || ' ' || hp.family_name`.as('holder_name'),
        'k.organisation_id',
        'k.case_manager_person_id',
        'k.case_manager_organisation_id',
      ])
      // What waits longest first: the earliest due step, then the oldest request.
      .orderBy(sql`rq.step_due_on is null`)
      .orderBy('rq.step_due_on')
      .orderBy('rq.sent_on')
      .orderBy('rq.id')
      .execute();
    const resolved: Resolved[] = rows.map(resolvedRequest);
    const decisions = await decideEach(tx, actor, resolved, rules.request());
    const visible = resolved.map((s, i) => ({ r: rows[i], s, d: decisions[i] })).filter((x) => x.d !== null);
    const slice = visible.slice((page - 1) * pageSize, page * pageSize);
    // The child's name only where the request's page would show it: a grant in the case that covers identity.
    const identity = await decideEach(tx, actor, slice.map((x) => x.s), withIdentity);
    const named = new Map(slice.flatMap((x, i) => (identity[i] ? [[x.r.id, identity[i]!] as const] : [])));
    const childIds = [...new Set(slice.filter((x) => named.has(x.r.id)).map((x) => x.r.child_id))];
    const children = new Map(
      childIds.length ? (await tx.selectFrom('children').where('id', 'in', childIds).select(['id', 'given_name', 'family_name']).execute()).map((c) => [c.id, `${c.given_name} ${c.family_name}`]) : [],
    );
    const listed: Listed[] = slice
      .filter((x) => named.has(x.r.id))
      .map((x) => {
        const d = named.get(x.r.id)!;
        return { childId: x.r.child_id, ground: d.ground, consentId: isConsentGround(d.ground) ? d.consentId : null, detail: { requestId: x.r.id, kind: 'identity' } };
      });
    await recordListed(tx, actor, 'request.list', listed);
    return {
      items: slice.map(({ r }) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        side: r.from_organisation_id === org ? ('sender' as const) : ('receiver' as const),
        childName: named.has(r.id) ? (children.get(r.child_id) ?? null) : null,
        childId: named.has(r.id) ? r.child_id : null,
        fromOrganisationName: r.from_name,
        toOrganisationName: r.to_name,
        holderName: r.holder_name,
        urgency: r.urgency,
        sentOn: r.sent_on,
        stepDueOn: r.step_due_on,
        overdue: r.step_due_on !== null && r.step_due_on < day,
        waitingFor: waitingFor(r.status),
      })),
      total: visible.length,
      page,
      pageSize,
    };
  });
}

