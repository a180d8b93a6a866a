/**
 * Escalation by the region (docs/requests.md, "Escalatie door de regio"): per receiving
 * organisation and kind, how many requests are open and how many wait past their term — counts
 * only, never a request or a child — and the region's request to an organisation to take its
 * overdue requests up.
 */
import { Day, Nullable, OneOf, Timestamp, Type, Uuid, type Static } from './common.ts';
import { REQUEST_KINDS } from './values/requests.ts';

const Organisation = Type.Object({ id: Uuid, name: Type.String() });

/** The last time the region asked an organisation to take its overdue requests up: when and by whom (the note stays in the record). */
export const LastEscalation = Type.Object({
  at: Timestamp,
  on: Day,
  kind: OneOf(REQUEST_KINDS),
  /** How many were overdue at that moment. */
  overdue: Type.Integer({ minimum: 1 }),
  /** Who escalated (name), and for which organisation she acted. */
  byName: Type.String(),
  byOrganisation: Type.String(),
});

export const RequestEscalationRow = Type.Object({
  organisation: Organisation,
  kind: OneOf(REQUEST_KINDS),
  /** Requests of this kind to this organisation that still wait for someone. */
  open: Type.Integer({ minimum: 0 }),
  /** Of those, how many wait on the organisation past the term of their step. */
  overdue: Type.Integer({ minimum: 0 }),
  /** The due day of the step that is overdue longest, and how many working days ago it was. */
  oldestOverdueDueOn: Nullable(Day),
  workingDaysLate: Nullable(Type.Integer({ minimum: 0 })),
  /** The median number of calendar days since the open requests were sent. */
  medianDaysSinceSent: Nullable(Type.Number({ minimum: 0 })),
  /** The last escalation of this kind to this organisation. */
  lastEscalation: Nullable(LastEscalation),
  can: Type.Object({ escalate: Type.Boolean() }),
});

export const RequestEscalationOverview = Type.Object({
  /** The day the counts are of (today in the Netherlands). */
  day: Day,
  rows: Type.Array(RequestEscalationRow),
  /** Per organisation in the table, the region's last escalation to it (of any kind). */
  organisations: Type.Array(Type.Object({ id: Uuid, name: Type.String(), lastEscalation: Nullable(LastEscalation) })),
});
export type RequestEscalationOverview = Static<typeof RequestEscalationOverview>;

/** Asks a receiving organisation to take up its requests of one kind that are past their term. */
export const EscalateRequestsBody = Type.Object(
  {
    organisationId: Uuid,
    kind: OneOf(REQUEST_KINDS),
    /** What the region asks, for its own record (the e-mail does not carry it: it could name a child). */
    note: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type EscalateRequestsBody = Static<typeof EscalateRequestsBody>;

export const RequestEscalationRecorded = Type.Object({
  id: Uuid,
  organisation: Organisation,
  kind: OneOf(REQUEST_KINDS),
  overdue: Type.Integer({ minimum: 1 }),
  /** How many people of the organisation were told. */
  notified: Type.Integer({ minimum: 0 }),
  at: Timestamp,
});
export type RequestEscalationRecorded = Static<typeof RequestEscalationRecorded>;
