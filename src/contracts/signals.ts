/**
 * Zorgsignalen: what the signal routes take and answer. A teacher or mentor raises a signal about
 * a pupil; the school's care coordinator picks it up and decides. The author sees what became of
 * it, never the case (`caseId` is for the care coordinator only).
 */
import { Day, IdParams, Nullable, OneOf, PageOf, paging, StaleProblem, Timestamp, Type, Uuid, Version, type Static } from './common.ts';
import { CARE_DECISIONS, LATENESS, NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, SIGNAL_ACTIONS, SIGNAL_CATEGORIES, SIGNAL_SIDES, SIGNAL_STATUSES, SIGNAL_URGENCIES, SIGNAL_VIEWS, TERM_SCOPES, TRIAGE_DECISIONS } from './values/signals.ts';

export const SignalIdParams = IdParams;

/** `page` and `pageSize` of a list (as every list of the API). */
const Paging = paging(100, 25);

// ---------- What the routes take ----------

export const CreateSignalBody = Type.Object(
  {
    childId: Uuid,
    category: OneOf(SIGNAL_CATEGORIES),
    urgency: OneOf(SIGNAL_URGENCIES),
    observation: Type.String({ minLength: 1, maxLength: 5000, description: 'Wat ziet u? Beschrijf feiten en gedrag.' }),
    parentsInformed: Type.Boolean(),
    parentsNotInformedReason: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
);
export type CreateSignalBody = Static<typeof CreateSignalBody>;

export const SignalListQuery = Type.Object({
  view: Type.Optional(OneOf(SIGNAL_VIEWS)),
  status: Type.Optional(OneOf(SIGNAL_STATUSES)),
  lateness: Type.Optional(OneOf(LATENESS)),
  open: Type.Optional(Type.Boolean()),
  pickedUp: Type.Optional(Type.Boolean()),
  ...Paging,
});
export type SignalListQuery = Static<typeof SignalListQuery>;

/** `version`: the signal's version the decision was based on (a decision on a stale signal is a 409). */
export const TriageBody = Type.Object({ decision: OneOf(CARE_DECISIONS), reason: Type.String({ minLength: 1, maxLength: 2000 }), version: Version }, { additionalProperties: false });
export type TriageBody = Static<typeof TriageBody>;

export const WithdrawBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }), version: Version }, { additionalProperties: false });
export type WithdrawBody = Static<typeof WithdrawBody>;

/**
 * `version`: the version of the pick-up terms screen (GET /settings/signal-pickup-terms) the change
 * was based on. `urgent`: the term of urgent signals ("Dringend", and every safety signal), 0 … 60
 * school days (0: the same school day); else 1 … 60.
 */
export const PickupTermBody = Type.Object(
  { category: Nullable(OneOf(SIGNAL_CATEGORIES)), schoolDays: Type.Integer(), urgent: Type.Optional(Type.Boolean()), version: Version },
  { additionalProperties: false },
);
export type PickupTermBody = Static<typeof PickupTermBody>;

// ---------- What the routes answer ----------

export const SignalTransition = Type.Object({
  from: OneOf(SIGNAL_STATUSES),
  action: OneOf(SIGNAL_ACTIONS),
  to: OneOf(SIGNAL_STATUSES),
  /** Who may take it: the school's care coordinator ('care') or the signal's author. */
  by: OneOf(SIGNAL_SIDES),
});
export type SignalTransition = Static<typeof SignalTransition>;

export const MeldcodeStep = Type.Object({ step: Type.Integer(), nl: Type.String(), en: Type.String() });
export type MeldcodeStep = Static<typeof MeldcodeStep>;

/** GET /signals/meta: the workflow as data. */
export const SignalMeta = Type.Object({
  categories: Type.Array(OneOf(SIGNAL_CATEGORIES)),
  urgencies: Type.Array(OneOf(SIGNAL_URGENCIES)),
  statuses: Type.Array(OneOf(SIGNAL_STATUSES)),
  decisions: Type.Array(OneOf(TRIAGE_DECISIONS)),
  transitions: Type.Array(SignalTransition),
  meldcodeSteps: Type.Array(MeldcodeStep),
});
export type SignalMeta = Static<typeof SignalMeta>;

/** One signal as a list shows it. */
export const Signal = Type.Object({
  id: Uuid,
  child: Type.Object({ id: Uuid, givenName: Type.String(), familyName: Type.String(), age: Type.Integer() }),
  organisationId: Uuid,
  organisationName: Type.String(),
  author: Type.Object({ name: Type.String(), role: Type.String(), isMe: Type.Boolean() }),
  category: OneOf(SIGNAL_CATEGORIES),
  urgency: OneOf(SIGNAL_URGENCIES),
  /** Urgent: marked "Dringend", or a safety signal. Its own pick-up term; at the top of the queue. */
  urgent: Type.Boolean(),
  observation: Type.String(),
  parentsInformed: Type.Boolean(),
  parentsNotInformedReason: Nullable(Type.String()),
  status: OneOf(SIGNAL_STATUSES),
  raisedAt: Timestamp,
  raisedOn: Day,
  pickupDeadline: Day,
  pickupSchoolDays: Type.Integer(),
  pickedUpOn: Nullable(Day),
  triageDecision: Nullable(OneOf(SIGNAL_ACTIONS)),
  latestDecision: Nullable(OneOf(SIGNAL_ACTIONS)),
  latestReason: Nullable(Type.String()),
  /** The case opened from this signal: for the care coordinator only (null for the author). */
  caseId: Nullable(Uuid),
  lateness: OneOf(LATENESS),
  /** How the user sees it: as the school's care coordinator, or as its author. */
  access: OneOf(SIGNAL_SIDES),
  /** The version to send back with a decision or a withdrawal. */
  version: Version,
});
export type Signal = Static<typeof Signal>;

export const SignalEvent = Type.Object({
  at: Timestamp,
  personName: Nullable(Type.String()),
  role: Nullable(Type.String()),
  fromStatus: Nullable(OneOf(SIGNAL_STATUSES)),
  toStatus: OneOf(SIGNAL_STATUSES),
  decision: Nullable(OneOf(SIGNAL_ACTIONS)),
  reason: Nullable(Type.String()),
});
export type SignalEvent = Static<typeof SignalEvent>;

/** The school's meldcode contact (aandachtsfunctionaris), or else its care coordinators. */
export const MeldcodeContact = Type.Object({ name: Type.String(), email: Nullable(Type.String()) });
export type MeldcodeContact = Static<typeof MeldcodeContact>;

/** One signal with its history; a safety signal also with the Meldcode steps and the school's contact. */
export const SignalDetail = Type.Object({
  ...Signal.properties,
  history: Type.Array(SignalEvent),
  meldcode: Nullable(Type.Object({ steps: Type.Array(MeldcodeStep), contact: Type.Array(MeldcodeContact) })),
  /** The links this reader may follow: the server asks the rules of the pages behind them (no link ends in "Geen toegang"). */
  can: Type.Object({ openChild: Type.Boolean(), openCase: Type.Boolean() }),
});
export type SignalDetail = Static<typeof SignalDetail>;

/** A 409 of a decision or withdrawal: another conflict, or a stale version with the signal as it is now. */
export const SignalConflict = StaleProblem(SignalDetail);

export const SignalCounts = Type.Object({
  new: Type.Integer({ minimum: 0 }),
  overdue: Type.Integer({ minimum: 0 }),
  veryLate: Type.Integer({ minimum: 0 }),
  pickedUp: Type.Integer({ minimum: 0 }),
});
export type SignalCounts = Static<typeof SignalCounts>;

/** A page of the queue or of the user's own signals, with the counters of the whole list. */
export const SignalPage = Type.Object({ ...PageOf(Signal).properties, counts: SignalCounts });
export type SignalPage = Static<typeof SignalPage>;

/** A child's signals. */
export const ChildSignals = Type.Object({ items: Type.Array(Signal) });
export type ChildSignals = Static<typeof ChildSignals>;

export const PickupTerm = Type.Object({ scope: OneOf(TERM_SCOPES), category: Nullable(OneOf(SIGNAL_CATEGORIES)), schoolDays: Type.Integer() });
export type PickupTerm = Static<typeof PickupTerm>;

/** The terms of the region and the defaults (`urgent`: those of urgent signals), with the version of this settings screen. */
export const PickupTerms = Type.Object({ items: Type.Array(PickupTerm), urgent: Type.Array(PickupTerm), version: Version });
export type PickupTerms = Static<typeof PickupTerms>;

/** The term as set (PUT), with the screen's new version. */
export const PickupTermSet = Type.Object({ category: Nullable(OneOf(SIGNAL_CATEGORIES)), schoolDays: Type.Integer(), urgent: Type.Boolean(), version: Version });
export type PickupTermSet = Static<typeof PickupTermSet>;

/** A 409 of setting a term: the screen was stale; `current` holds the terms as they are now. */
export const PickupTermsConflict = StaleProblem(PickupTerms);

/**
 * A notification in the app: something at the school acted for that needs the user now (an urgent
 * signal). It holds no child data: the signal's page, behind the policy, shows what it is about.
 */
export const Notification = Type.Object({
  id: Uuid,
  kind: OneOf(NOTIFICATION_KINDS),
  /** The signal to open (its page checks access). */
  signalId: Nullable(Uuid),
  /** The request to open (its page checks access). */
  requestId: Nullable(Uuid),
  /** The case to open (its page checks access): handed over to the person, or transferred to the school. */
  caseId: Nullable(Uuid),
  /** The observation asked of a teacher (its page checks access). */
  observationId: Nullable(Uuid),
  createdAt: Timestamp,
  read: Type.Boolean(),
});
export type Notification = Static<typeof Notification>;

/** The user's notifications for the school acted for now, newest first, with the number unread. */
export const NotificationList = Type.Object({ items: Type.Array(Notification), unread: Type.Integer({ minimum: 0 }) });
export type NotificationList = Static<typeof NotificationList>;

export const NotificationIdParams = IdParams;

/** The user's choice per kind of notification, and the choices that kind allows. */
export const NotificationPreferences = Type.Object({
  items: Type.Array(Type.Object({ kind: OneOf(NOTIFICATION_KINDS), channel: OneOf(NOTIFICATION_CHANNELS), channels: Type.Array(OneOf(NOTIFICATION_CHANNELS)) })),
});
export type NotificationPreferences = Static<typeof NotificationPreferences>;
export const SetNotificationPreferencesBody = Type.Object(
  { items: Type.Array(Type.Object({ kind: OneOf(NOTIFICATION_KINDS), channel: OneOf(NOTIFICATION_CHANNELS) }, { additionalProperties: false }), { minItems: 1, maxItems: NOTIFICATION_KINDS.length }) },
  { additionalProperties: false },
);
export type SetNotificationPreferencesBody = Static<typeof SetNotificationPreferencesBody>;
