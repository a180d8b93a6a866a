import { sql } from 'kysely';
import type { Access } from '../../kernel/policy/gateway.ts';
import { grantFor, type Grant } from '../../kernel/policy/child-policy.ts';
import { ageOn, today } from '../../kernel/time.ts';
import type { RequestDetail } from '../../contracts/requests.ts';
import type { ShareableKind } from '../../contracts/values/cases.ts';
import { OPEN_REQUEST_STATUSES, type ObservationVerdict, type Progress, type RequestAction, type RequestStatus } from '../../contracts/values/requests.ts';
import { stepsFor } from './request-workflow.ts';
import { observationsOf } from './request-observations.ts';

/** Who holds a status: the receiver takes most steps, the sender answers a question for information. */
export function waitingFor(status: RequestStatus): 'sender' | 'receiver' | null {
  if (!(OPEN_REQUEST_STATUSES as readonly string[]).includes(status)) return null;
  return status === 'info_requested' ? 'sender' : 'receiver';
}

/** Whether the reader's grants in the request's case cover the child's identity. */
const seesIdentity = (grants: Grant[]) => grantFor(grants, 'identity') !== null;

/** A request as its reader may see it, in the transaction the gateway checked it in. */
export async function requestView(a: Access, requestId: string): Promise<RequestDetail> {
  const { tx, request: side, grants } = a;
  const day = today();
  const r = await tx
    .selectFrom('requests as rq')
    .innerJoin('organisations as fo', 'fo.id', 'rq.from_organisation_id')
    .innerJoin('organisations as tor', 'tor.id', 'rq.to_organisation_id')
    .innerJoin('people as fp', 'fp.id', 'rq.from_person_id')
    .leftJoin('people as hp', 'hp.id', 'rq.holder_person_id')
    .innerJoin('children as c', 'c.id', 'rq.child_id')
    .where('rq.id', '=', requestId)
    // Named columns, not `rq.*`: the statement stays prepared (kernel/db/prepared.ts).
    .select([
      'rq.id',
      'rq.version',
      'rq.kind',
      'rq.status',
      'rq.child_id',
      'rq.case_id',
      'rq.from_organisation_id',
      'rq.to_organisation_id',
      'rq.holder_person_id',
      'rq.urgency',
      'rq.question',
      'rq.goal',
      'rq.tried',
      'rq.data_kinds',
      'rq.back_to_school',
      'rq.decision',
      'rq.sent_on',
      'rq.accepted_on',
      'rq.decided_on',
      'rq.help_started_on',
      'rq.ended_on',
      'rq.step_due_on',
      'rq.step_since',
    ])
    .select([
      'fo.name as from_name',
      'tor.name as to_name',
      sql<string>`fp.given_name || ' ' || fp.family_name`.as('from_person_name'),
      sql<string | null>`hp.given_name || ' ' || hp.family_name`.as('holder_name'),
      'c.given_name',
      'c.family_name',
      'c.birth_date',
    ])
    .executeTakeFirstOrThrow();
  const events = await tx
    .selectFrom('request_events as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .where('e.request_id', '=', requestId)
    .orderBy('e.at')
    .orderBy('e.id')
    .select(['e.at', 'e.action', 'e.from_status', 'e.to_status', 'e.text', 'e.detail', sql<string>`p.given_name || ' ' || p.family_name`.as('person_name'), 'o.name as organisation_name'])
    .execute();
  const holderIds = [...new Set(events.map((e) => (e.detail as { holderPersonId?: string }).holderPersonId).filter((x): x is string => !!x))];
  const holders = new Map(
    holderIds.length ? (await tx.selectFrom('people').where('id', 'in', holderIds).select(['id', sql<string>`given_name || ' ' || family_name`.as('name')]).execute()).map((p) => [p.id, p.name]) : [],
  );
  const who = side ?? 'sender';
  return {
    id: r.id,
    version: r.version,
    kind: r.kind,
    status: r.status,
    caseId: r.case_id,
    side: who,
    child: seesIdentity(grants) ? { id: r.child_id, givenName: r.given_name, familyName: r.family_name, age: ageOn(r.birth_date, day) } : null,
    from: { id: r.from_organisation_id, name: r.from_name, personName: r.from_person_name },
    to: { id: r.to_organisation_id, name: r.to_name },
    holder: r.holder_person_id && r.holder_name ? { personId: r.holder_person_id, name: r.holder_name } : null,
    question: r.question,
    tried: r.tried,
    urgency: r.urgency,
    goal: r.goal,
    backToSchool: r.back_to_school,
    // Checked against the contract's list when the request was sent.
    dataKinds: r.data_kinds as ShareableKind[],
    sentOn: r.sent_on,
    stepSince: r.step_since,
    stepDueOn: r.step_due_on,
    overdue: r.step_due_on !== null && r.step_due_on < day,
    waitingFor: waitingFor(r.status),
    acceptedOn: r.accepted_on,
    decidedOn: r.decided_on,
    decision: r.decision,
    helpStartedOn: r.help_started_on,
    endedOn: r.ended_on,
    can: { steps: side ? stepsFor(r.kind, r.status, side).map((t) => t.action) : [] },
    observations: await observationsOf(tx, requestId, day),
    history: events.map((e) => {
      const d = e.detail as { holderPersonId?: string; decision?: RequestDetail['history'][number]['decision']; startOn?: string; progress?: Progress; verdict?: ObservationVerdict };
      return {
        at: new Date(e.at).toISOString(),
        action: e.action as RequestAction | 'send' | 'case_transferred' | 'observation',
        fromStatus: e.from_status as RequestStatus | null,
        toStatus: e.to_status as RequestStatus,
        personName: e.person_name,
        organisationName: e.organisation_name,
        text: e.text,
        holderName: d.holderPersonId ? (holders.get(d.holderPersonId) ?? null) : null,
        decision: d.decision ?? null,
        startOn: d.startOn ?? null,
        progress: d.progress ?? null,
        verdict: d.verdict ?? null,
      };
    }),
  };
}
