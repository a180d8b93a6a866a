/**
 * The professional's worklist in the client (docs/requests.md "De werklijst"): what waits for the
 * reader at the organisation acted for, ordered by the server (overdue first, then by deadline).
 * Types come from the contract (src/contracts/worklist.ts); which kinds are the reader's is the
 * server's answer (`counts`): the client holds no role list.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../shared/api.ts';
import { qk } from '../shared/query-keys.ts';
import type { Contract } from '../../contracts/common.ts';
import type { Worklist as WorklistSchema } from '../../contracts/worklist.ts';

export type Worklist = Contract<typeof WorklistSchema>;
export type WorklistItem = Worklist['items'][number];
export type WorklistCount = Worklist['counts'][number];

/** How many items the home page shows before "Show all". */
export const FIRST_ITEMS = 10;

/**
 * The worklist, read anew each time the home page opens (the user comes back to see what is left
 * after acting elsewhere); not behind her back otherwise, as every child it names is logged.
 */
export function useWorklist(enabled = true) {
  return useQuery({ queryKey: qk.worklist, queryFn: () => api.get<Worklist>('/worklist'), enabled, refetchOnMount: 'always' });
}

/** The action an item asks: a signal without a deadline is one the school keeps watching. */
export function actionKey(item: WorklistItem): string {
  if (item.kind === 'signal_to_pick_up' && item.dueOn === null) return 'worklist.action.signal_watching';
  return `worklist.action.${item.kind}`;
}

/** What the item is about (the signal's category, the kind of request, the type of report), as a text key; null when nothing to add. */
export function topicKey(item: WorklistItem): string | null {
  if (item.signalCategory) return `worklist.topic.signal.${item.signalCategory}`;
  if (item.requestKind) return `worklist.topic.request.${item.requestKind}`;
  if (item.reportType) return `worklist.topic.report.${item.reportType}`;
  return null;
}
