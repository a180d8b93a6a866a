/**
 * The terms of requests per region (docs/requests.md, "Termijnen per regio"): for each kind and
 * waiting status the installation's default, the region's own where it set one, and the term in
 * force, with the version of this settings screen. Every professional reads them (the sender sees
 * the terms); the functional administrator changes one at a time.
 */
import { Nullable, OneOf, StaleProblem, Timestamp, Type, Version, type Static } from './common.ts';
import { DAY_UNITS, REQUEST_KINDS, REQUEST_STATUSES } from './values/requests.ts';

/** How long a step may last: a number of working days or school days. */
export const TermLength = Type.Object({ days: Type.Integer(), unit: OneOf(DAY_UNITS) });

export const RequestTermRow = Type.Object({
  kind: OneOf(REQUEST_KINDS),
  /** The status that waits: the term runs from the day the request entered it. */
  status: OneOf(REQUEST_STATUSES),
  /** The installation's default, and where it comes from (a law, a norm, a regional agreement). */
  default: Type.Object({ days: Type.Integer(), unit: OneOf(DAY_UNITS), basis: Type.String() }),
  /** The region's own term; null: the default applies. */
  region: Nullable(Type.Object({ days: Type.Integer(), unit: OneOf(DAY_UNITS), updatedAt: Timestamp, updatedBy: Nullable(Type.String()) })),
  /** The term a step that starts today gets. */
  inForce: TermLength,
  /** The units this term may count in: school days only where a school answers. */
  units: Type.Array(OneOf(DAY_UNITS)),
});

export const RequestTerms = Type.Object({
  items: Type.Array(RequestTermRow),
  version: Version,
  /** What this reader may do here: change a term (the functional administrator). */
  can: Type.Object({ change: Type.Boolean() }),
});
export type RequestTerms = Static<typeof RequestTerms>;

/**
 * Sets the region's term of one kind's waiting status, based on the screen's `version`; `days:
 * null` goes back to the default. The kind and status, the range (1 to 120) and the unit are
 * checked by the command (Dutch field errors), so that a form gets all its errors at once.
 */
export const SetRequestTermBody = Type.Object(
  {
    kind: OneOf(REQUEST_KINDS),
    status: OneOf(REQUEST_STATUSES),
    // One `type` with both: the server coerces types, and in a union a null would become 0 (or a 0 null).
    days: Type.Unsafe<number | null>({ type: ['integer', 'null'] }),
    unit: Type.Optional(OneOf(DAY_UNITS)),
    version: Version,
  },
  { additionalProperties: false },
);
export type SetRequestTermBody = Static<typeof SetRequestTermBody>;

/** A 409 of setting a term: the screen was stale; `current` holds the terms as they are now. */
export const RequestTermsConflict = StaleProblem(RequestTerms);
