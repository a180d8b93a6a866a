/**
 * The request workflow as data (like the signals' SIGNAL_TRANSITIONS): every allowed step is one
 * row, for the kinds it applies to; nothing else is allowed. A request starts as `sent`. The
 * statuses that wait for someone have a term (request-terms.ts).
 */
import { REQUEST_KINDS, type RequestAction, type RequestKind, type RequestSide, type RequestStatus } from '../../contracts/values/requests.ts';

export interface RequestTransition {
  from: RequestStatus;
  action: RequestAction;
  to: RequestStatus;
  /** Who may take it: the sending organisation (who keeps the case there) or the receiving one. */
  by: RequestSide;
  kinds: readonly RequestKind[];
  /** What the step must carry, checked by the command. */
  needs?: readonly ('reason' | 'text' | 'decision' | 'holder' | 'startOn' | 'progress')[];
}

/** Kinds where someone decides before help starts: the gemeente's beschikking, the SWV's arrangement or TLV. */
export const DECIDING_KINDS = ['toegang', 'swv_arrangement', 'tlv'] as const satisfies readonly RequestKind[];
/** Kinds where help follows: all but the question to the school. */
export const HELPING_KINDS = ['toegang', 'provider', 'swv_arrangement', 'tlv'] as const satisfies readonly RequestKind[];
const ALL = REQUEST_KINDS;

export const REQUEST_TRANSITIONS: readonly RequestTransition[] = [
  // The receiver takes it up, asks for more, declines with a reason, or passes it to a colleague.
  { from: 'sent', action: 'accept', to: 'accepted', by: 'receiver', kinds: HELPING_KINDS },
  { from: 'sent', action: 'ask_info', to: 'info_requested', by: 'receiver', kinds: ALL, needs: ['text'] },
  { from: 'info_requested', action: 'answer_info', to: 'sent', by: 'sender', kinds: ALL, needs: ['text'] },
  { from: 'sent', action: 'decline', to: 'declined', by: 'receiver', kinds: ALL, needs: ['reason'] },
  { from: 'sent', action: 'forward', to: 'sent', by: 'receiver', kinds: ALL, needs: ['holder'] },
  { from: 'accepted', action: 'forward', to: 'accepted', by: 'receiver', kinds: HELPING_KINDS, needs: ['holder'] },
  // The question back to the school ends with the school's answer.
  { from: 'sent', action: 'answer_question', to: 'closed', by: 'receiver', kinds: ['question_to_school'], needs: ['text'] },
  // A decision where one is taken; help may start without one where the receiver helps itself.
  { from: 'accepted', action: 'decide', to: 'decided', by: 'receiver', kinds: DECIDING_KINDS, needs: ['decision'] },
  { from: 'accepted', action: 'start_help', to: 'help_started', by: 'receiver', kinds: ['toegang', 'provider'], needs: ['startOn'] },
  { from: 'decided', action: 'start_help', to: 'help_started', by: 'receiver', kinds: DECIDING_KINDS, needs: ['startOn'] },
  { from: 'decided', action: 'close', to: 'closed', by: 'receiver', kinds: DECIDING_KINDS, needs: ['reason'] },
  // While help runs, the helper reports back to the school at the agreed moments; the last report ends it.
  { from: 'help_started', action: 'report_back', to: 'help_started', by: 'receiver', kinds: HELPING_KINDS, needs: ['progress'] },
  { from: 'help_started', action: 'end_help', to: 'closed', by: 'receiver', kinds: HELPING_KINDS, needs: ['progress'] },
  // The sender may take back what has not been taken up or decided yet.
  { from: 'sent', action: 'withdraw', to: 'withdrawn', by: 'sender', kinds: ALL, needs: ['reason'] },
  { from: 'info_requested', action: 'withdraw', to: 'withdrawn', by: 'sender', kinds: ALL, needs: ['reason'] },
  { from: 'accepted', action: 'withdraw', to: 'withdrawn', by: 'sender', kinds: HELPING_KINDS, needs: ['reason'] },
];

export function findRequestTransition(kind: RequestKind, from: RequestStatus, action: RequestAction): RequestTransition | undefined {
  return REQUEST_TRANSITIONS.find((t) => t.from === from && t.action === action && t.kinds.includes(kind));
}

/** The steps open to a side in a status, for a kind (what a screen offers). */
export function stepsFor(kind: RequestKind, from: RequestStatus, side: RequestSide): RequestTransition[] {
  return REQUEST_TRANSITIONS.filter((t) => t.from === from && t.by === side && t.kinds.includes(kind));
}
