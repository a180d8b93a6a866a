/**
 * The signal workflow as data: every allowed status change is one row here, nothing else is
 * allowed. A signal starts as `new`; the first triage decision is its pick-up.
 */
import type { SignalAction, SignalSide, SignalStatus } from '../../contracts/values/signals.ts';

// The enumerations are defined once, in the contract's values (the web app uses them too).
export {
  ACTION_NL,
  CARE_DECISIONS,
  SIGNAL_ACTIONS,
  SIGNAL_CATEGORIES,
  SIGNAL_STATUSES,
  SIGNAL_URGENCIES,
  STATUS_NL,
  TRIAGE_DECISIONS,
  type CareDecision,
  type SignalAction,
  type SignalCategory,
  type SignalStatus,
  type SignalUrgency,
  type TriageDecision,
} from '../../contracts/values/signals.ts';

export interface Transition {
  from: SignalStatus;
  action: SignalAction;
  to: SignalStatus;
  /** Who may take it: the school's care coordinator, or the author of the signal. */
  by: SignalSide;
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
