/**
 * The enumerations of the zorgsignalen (signals): plain lists the server checks against and the
 * web app shows, with the Dutch labels the server puts in its messages. One definition each.
 */

export const SIGNAL_CATEGORIES = ['learning', 'behaviour', 'social_emotional', 'home_situation', 'health', 'absence', 'safety'] as const;
export type SignalCategory = (typeof SIGNAL_CATEGORIES)[number];
/** The categories in Dutch, for what the server writes itself (a case's title); the screens use i18n. */
export const CATEGORY_NL: Record<SignalCategory, string> = {
  learning: 'leren',
  behaviour: 'gedrag',
  social_emotional: 'sociaal-emotioneel',
  home_situation: 'thuissituatie',
  health: 'gezondheid',
  absence: 'verzuim',
  safety: 'veiligheid',
};

export const SIGNAL_URGENCIES = ['normal', 'soon', 'urgent'] as const;
export type SignalUrgency = (typeof SIGNAL_URGENCIES)[number];

export const SIGNAL_STATUSES = ['new', 'watching', 'in_school', 'case', 'referred', 'closed', 'withdrawn'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

/** Triage decisions (domain: keep watching, handle within the school, open a case, refer outward, no action). */
export const TRIAGE_DECISIONS = ['keep_watching', 'handle_in_school', 'open_case', 'refer_outward', 'no_action'] as const;
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number];

/** What the care coordinator may decide on a signal: a triage decision, or closing it. */
export const CARE_DECISIONS = [...TRIAGE_DECISIONS, 'close'] as const;
export type CareDecision = (typeof CARE_DECISIONS)[number];

/** Every step of the workflow: the care coordinator's decisions and the author's withdrawal. */
export const SIGNAL_ACTIONS = [...TRIAGE_DECISIONS, 'withdraw', 'close'] as const;
export type SignalAction = (typeof SIGNAL_ACTIONS)[number];

/** Who sees (and may act on) a signal: the school's care coordinator, or the signal's author. */
export const SIGNAL_SIDES = ['care', 'author'] as const;
export type SignalSide = (typeof SIGNAL_SIDES)[number];

/** How late a signal is picked up, counted in school days against the pick-up term. */
export const LATENESS = ['on_time', 'late', 'very_late'] as const;
export type Lateness = (typeof LATENESS)[number];

/** The signal lists: the care coordinator's queue, or the user's own signals. */
export const SIGNAL_VIEWS = ['queue', 'mine'] as const;
export type SignalView = (typeof SIGNAL_VIEWS)[number];

/** Where a pick-up term comes from: the default of the installation, or the region's own. */
export const TERM_SCOPES = ['default', 'region'] as const;
export type TermScope = (typeof TERM_SCOPES)[number];

/**
 * What a notification in the app is about (no child data in it): an urgent signal at the school, a
 * request the organisation received, a step the other side took in a request, a case whose case
 * manager the person became (handed over), or a case that came to the person's school with the
 * child (transferred).
 */
export const NOTIFICATION_KINDS = [
  'urgent_signal',
  'request_received',
  'request_update',
  'case_handed_over',
  'case_transferred',
  'observation_asked',
  'signal_decided',
  'request_overdue',
  'consent_withdrawn',
  'evaluation_due',
  /** The region asks the organisation to take up its requests that are past their term (docs/requests.md). */
  'request_escalated',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** How a person hears of a kind: in the app only, also by e-mail at once, or in one e-mail a day. */
export const NOTIFICATION_CHANNELS = ['app', 'email', 'digest'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Dutch labels, for messages that reach people. */
export const STATUS_NL: Record<SignalStatus, string> = {
  new: 'nieuw',
  watching: 'wordt gevolgd',
  in_school: 'binnen school opgepakt',
  case: 'casus geopend',
  referred: 'doorverwezen',
  closed: 'afgesloten',
  withdrawn: 'ingetrokken',
};
export const ACTION_NL: Record<SignalAction, string> = {
  keep_watching: 'blijven volgen',
  handle_in_school: 'binnen school oppakken',
  open_case: 'casus openen',
  refer_outward: 'doorverwijzen',
  no_action: 'geen actie',
  withdraw: 'intrekken',
  close: 'afsluiten',
};
