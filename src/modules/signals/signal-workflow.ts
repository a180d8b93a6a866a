/**
 * The signal workflow as data: every allowed status change is one row here, nothing else is
 * allowed. A signal starts as `new`; the first triage decision is its pick-up.
 */
export const SIGNAL_CATEGORIES = ['learning', 'behaviour', 'social_emotional', 'home_situation', 'health', 'absence', 'safety'] as const;
export type SignalCategory = (typeof SIGNAL_CATEGORIES)[number];
export const SIGNAL_URGENCIES = ['normal', 'soon', 'urgent'] as const;
export type SignalUrgency = (typeof SIGNAL_URGENCIES)[number];

export const SIGNAL_STATUSES = ['new', 'watching', 'in_school', 'case', 'referred', 'closed', 'withdrawn'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

/** Triage decisions (domain: keep watching, handle within the school, open a case, refer outward, no action). */
export const TRIAGE_DECISIONS = ['keep_watching', 'handle_in_school', 'open_case', 'refer_outward', 'no_action'] as const;
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number];

export type SignalAction = TriageDecision | 'withdraw' | 'close';

export interface Transition {
  from: SignalStatus;
  action: SignalAction;
  to: SignalStatus;
  /** Who may take it: the school's care coordinator, or the author of the signal. */
  by: 'care' | 'author';
}

const decide = (from: SignalStatus): Transition[] => [
  { from, action: 'keep_watching', to: 'watching', by: 'care' },
  { from, action: 'handle_in_school', to: 'in_school', by: 'care' },
  { from, action: 'open_case', to: 'case', by: 'care' },
  { from, action: 'refer_outward', to: 'referred', by: 'care' },
  { from, action: 'no_action', to: 'closed', by: 'care' },
];

export const SIGNAL_TRANSITIONS: Transition[] = [
  ...decide('new'),
  { from: 'new', action: 'withdraw', to: 'withdrawn', by: 'author' },
  // While watching, the coordinator can still decide differently.
  ...decide('watching').filter((t) => t.action !== 'keep_watching'),
  { from: 'in_school', action: 'open_case', to: 'case', by: 'care' },
  { from: 'in_school', action: 'refer_outward', to: 'referred', by: 'care' },
  { from: 'in_school', action: 'close', to: 'closed', by: 'care' },
  { from: 'referred', action: 'close', to: 'closed', by: 'care' },
];

export function findTransition(from: string, action: string): Transition | undefined {
  return SIGNAL_TRANSITIONS.find((t) => t.from === from && t.action === action);
}

/** Steps of the Meldcode huiselijk geweld en kindermishandeling (domain.md §6), shown with safety signals. */
export const MELDCODE_STEPS = [
  { step: 1, nl: 'Breng signalen in kaart.', en: 'Map the signals.' },
  { step: 2, nl: 'Overleg met een collega (de aandachtsfunctionaris) en zo nodig met Veilig Thuis.', en: 'Consult a colleague (the designated officer) and, if needed, Veilig Thuis.' },
  { step: 3, nl: 'Ga in gesprek met de ouders en, als dat kan, met het kind.', en: 'Talk with the parents and, where possible, the child.' },
  { step: 4, nl: 'Weeg het geweld of de kindermishandeling, met het afwegingskader.', en: 'Weigh the violence or abuse, using the assessment framework.' },
  { step: 5, nl: 'Beslis: hulp organiseren en/of melden bij Veilig Thuis. Acute of structurele onveiligheid meldt u altijd.', en: 'Decide: organise help and/or report to Veilig Thuis. Acute or structural unsafety is always reported.' },
] as const;

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
