/**
 * The contract of requests between organisations (docs/requests.md): sending one from a case,
 * taking a step in its workflow, reading one, and the lists of what was sent and received. What a
 * receiver sees of the child is what a valid consent of the case allows: the child's name only with
 * `identity`; the schema whitelists, the handler decides.
 */
import { DayParam, IdParams, Nullable, OneOf, StaleProblem, Timestamp, Type, Uuid, Version, paging, type Static } from './common.ts';
import { SHAREABLE_KINDS } from './values/cases.ts';
import { OBSERVATION_VERDICTS, PROGRESS, REQUEST_ACTIONS, REQUEST_DECISIONS, REQUEST_KINDS, REQUEST_STATUSES } from './values/requests.ts';

export { IdParams };

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const SendRequestBody = Type.Object(
  {
    kind: OneOf(REQUEST_KINDS),
    toOrganisationId: Uuid,
    question: Text(4000),
    tried: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    urgency: OneOf(['normal', 'urgent'] as const),
    goal: Text(1000),
    backToSchool: Type.Optional(Type.Boolean()),
    dataKinds: Type.Array(OneOf(SHAREABLE_KINDS), { minItems: 1, maxItems: SHAREABLE_KINDS.length }),
    /** The thuiszitter's entry this request serves (the way back to school): the same child, an entry still open. */
    thuiszitterId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type SendRequestBody = Static<typeof SendRequestBody>;

/** A decision (beschikking, arrangement, TLV) with its period; a TLV also with its category, the two experts and the objection term. */
export const RequestDecisionBody = Type.Object(
  {
    outcome: OneOf(REQUEST_DECISIONS),
    from: Type.Optional(Nullable(DayParam())),
    until: Type.Optional(Nullable(DayParam())),
    category: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    experts: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 4 })),
    objectionUntil: Type.Optional(Nullable(DayParam())),
  },
  { additionalProperties: false },
);

export const RequestStepBody = Type.Object(
  {
    action: OneOf(REQUEST_ACTIONS),
    version: Version,
    /** A question, an answer, a reason (decline, withdraw, close), or advice for the teacher. */
    text: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    holderPersonId: Type.Optional(Nullable(Uuid)),
    decision: Type.Optional(Nullable(RequestDecisionBody)),
    startOn: Type.Optional(Nullable(DayParam())),
    progress: Type.Optional(Nullable(OneOf(PROGRESS))),
  },
  { additionalProperties: false },
);
export type RequestStepBody = Static<typeof RequestStepBody>;

export const RequestListQuery = Type.Object({
  box: Type.Optional(OneOf(['inbox', 'outbox'] as const, { description: 'inbox: received by the organisation acted for; outbox: sent by it; without: both' })),
  open: Type.Optional(Type.Boolean({ description: 'true: only requests that still wait for someone' })),
  caseId: Type.Optional(Uuid),
  /** The requests a signal's referral sent (the signal's page shows them). */
  signalId: Type.Optional(Uuid),
  /** The requests sent for a thuiszitter's entry (its page shows them). */
  thuiszitterId: Type.Optional(Uuid),
  ...paging(100, 25),
});
export type RequestListQuery = Static<typeof RequestListQuery>;

const Org = Type.Object({ id: Uuid, name: Type.String() });

export const RequestEvent = Type.Object({
  at: Timestamp,
  /**
   * `send`, a step of the workflow table, `case_transferred` (the case went to the child's new
   * school, and the request with it), or `observation`: a teacher's answer whether the help works in class.
   */
  action: OneOf(['send', 'case_transferred', 'observation', ...REQUEST_ACTIONS] as const),
  fromStatus: Nullable(OneOf(REQUEST_STATUSES)),
  toStatus: OneOf(REQUEST_STATUSES),
  personName: Type.String(),
  organisationName: Type.String(),
  text: Nullable(Type.String()),
  holderName: Nullable(Type.String()),
  decision: Nullable(RequestDecisionBody),
  startOn: Nullable(Type.String()),
  progress: Nullable(OneOf(PROGRESS)),
  /** An observation's verdict. */
  verdict: Nullable(OneOf(OBSERVATION_VERDICTS)),
});

/** A teacher asked for an observation after a report back, and whether she answered (the answer is in the history). */
export const RequestObservationAsk = Type.Object({ teacherName: Type.String(), askedOn: Type.String(), dueOn: Type.String(), answeredOn: Nullable(Type.String()), overdue: Type.Boolean() });

export const RequestDetail = Type.Object({
  id: Uuid,
  version: Version,
  kind: OneOf(REQUEST_KINDS),
  status: OneOf(REQUEST_STATUSES),
  caseId: Uuid,
  /** Which side the reader is on. */
  side: OneOf(['sender', 'receiver'] as const),
  /** The child as far as the reader's grant covers identity (a receiver: the consent). */
  child: Nullable(Type.Object({ id: Uuid, givenName: Type.String(), familyName: Type.String(), age: Type.Integer() })),
  from: Type.Object({ ...Org.properties, personName: Type.String() }),
  to: Org,
  holder: Nullable(Type.Object({ personId: Uuid, name: Type.String() })),
  question: Type.String(),
  tried: Nullable(Type.String()),
  urgency: OneOf(['normal', 'urgent'] as const),
  goal: Type.String(),
  backToSchool: Type.Boolean(),
  dataKinds: Type.Array(OneOf(SHAREABLE_KINDS)),
  sentOn: Type.String(),
  stepSince: Type.String(),
  stepDueOn: Nullable(Type.String()),
  /** The current step's term has passed (for whoever holds it, and for the sender). */
  overdue: Type.Boolean(),
  /** Who holds the current step. */
  waitingFor: Nullable(OneOf(['sender', 'receiver'] as const)),
  acceptedOn: Nullable(Type.String()),
  decidedOn: Nullable(Type.String()),
  decision: Nullable(OneOf(REQUEST_DECISIONS)),
  helpStartedOn: Nullable(Type.String()),
  endedOn: Nullable(Type.String()),
  /** The steps this reader may take now (the workflow table, for this side). */
  can: Type.Object({ steps: Type.Array(OneOf(REQUEST_ACTIONS)) }),
  history: Type.Array(RequestEvent),
  /** The teachers asked for an observation after each report back. */
  observations: Type.Array(RequestObservationAsk),
});
export type RequestDetail = Static<typeof RequestDetail>;

/**
 * What a teacher asked for an observation sees (GET /observations/:id): which help, the helper's
 * progress note and advice for the teacher, and her own answer once given.
 */
export const ObservationView = Type.Object({
  id: Uuid,
  version: Version,
  requestId: Uuid,
  kind: OneOf(REQUEST_KINDS),
  receiverName: Type.String(),
  /** The child, where the teacher's grant covers identity (her group). */
  child: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  askedOn: Type.String(),
  dueOn: Type.String(),
  overdue: Type.Boolean(),
  /** The report back that asked for it: how it goes, and the advice for the teacher. */
  report: Type.Object({ on: Type.String(), personName: Type.String(), progress: Nullable(OneOf(PROGRESS)), text: Nullable(Type.String()) }),
  answer: Nullable(Type.Object({ on: Type.String(), verdict: OneOf(OBSERVATION_VERDICTS), text: Type.String() })),
  can: Type.Object({ answer: Type.Boolean() }),
});
export type ObservationView = Static<typeof ObservationView>;

export const AnswerObservationBody = Type.Object(
  { version: Version, verdict: OneOf(OBSERVATION_VERDICTS), text: Type.String({ minLength: 1, maxLength: 4000, description: 'Wat ziet u in de klas?' }) },
  { additionalProperties: false },
);
export type AnswerObservationBody = Static<typeof AnswerObservationBody>;
export const ObservationConflict = StaleProblem(ObservationView);

export const RequestConflict = StaleProblem(RequestDetail);

export const RequestListItem = Type.Object({
  id: Uuid,
  kind: OneOf(REQUEST_KINDS),
  status: OneOf(REQUEST_STATUSES),
  side: OneOf(['sender', 'receiver'] as const),
  childName: Nullable(Type.String()),
  childId: Nullable(Uuid),
  fromOrganisationName: Type.String(),
  toOrganisationName: Type.String(),
  holderName: Nullable(Type.String()),
  urgency: OneOf(['normal', 'urgent'] as const),
  sentOn: Type.String(),
  stepDueOn: Nullable(Type.String()),
  overdue: Type.Boolean(),
  waitingFor: Nullable(OneOf(['sender', 'receiver'] as const)),
});
export const RequestList = Type.Object({ items: Type.Array(RequestListItem), total: Type.Integer({ minimum: 0 }), page: Type.Integer({ minimum: 1 }), pageSize: Type.Integer({ minimum: 1 }) });
export type RequestList = Static<typeof RequestList>;
