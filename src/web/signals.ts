/**
 * Zorgsignalen in the client: the workflow comes from GET /signals/meta (the server's table of
 * allowed transitions), so that the forms offer exactly what the server will accept.
 */
import { useEffect } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from './api.ts';
import type { MeldcodeStep, Signal, SignalDetail, SignalMeta, SignalStatus, SignalTransition } from './types.ts';

export const SIGNAL_META_KEY = ['signal-meta'] as const;
export const signalKey = (id: string) => ['signal', id] as const;
export const childSignalsKey = (childId: string) => ['child-signals', childId] as const;

/** The workflow as data; it changes only with a new server version. */
export function useSignalMeta() {
  return useQuery({
    queryKey: SIGNAL_META_KEY,
    queryFn: () => api.get<SignalMeta>('/signals/meta'),
    staleTime: Infinity,
  });
}

export function useSignal(id: string) {
  return useQuery({
    queryKey: signalKey(id),
    queryFn: () => api.get<SignalDetail>(`/signals/${encodeURIComponent(id)}`),
  });
}

/** The actions the workflow allows from a status for the given side, in the table's order. */
export function allowedActions(transitions: readonly SignalTransition[], from: SignalStatus, by: 'care' | 'author'): SignalTransition[] {
  return transitions.filter((t) => t.from === from && t.by === by);
}

/** A signal changed (created, triaged, withdrawn): keep its page and drop the lists that show it. */
export function signalChanged(queryClient: QueryClient, signal: SignalDetail): void {
  queryClient.setQueryData(signalKey(signal.id), signal);
  void queryClient.invalidateQueries({ queryKey: ['signals'] });
  void queryClient.invalidateQueries({ queryKey: childSignalsKey(signal.child.id) });
}

/**
 * A list is fresher than a signal page kept in the cache: when it shows a signal in another state
 * than the cached page (someone else decided meanwhile), that page is loaded again when opened.
 */
export function useStaleSignalPages(items: readonly Signal[] | undefined): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    for (const s of items ?? []) {
      const cached = queryClient.getQueryData<SignalDetail>(signalKey(s.id));
      if (cached && (cached.status !== s.status || cached.lateness !== s.lateness || cached.pickedUpOn !== s.pickedUpOn)) {
        void queryClient.invalidateQueries({ queryKey: signalKey(s.id), refetchType: 'none' });
      }
    }
  }, [items, queryClient]);
}

/** A Meldcode step in the user's language. */
export function stepText(step: MeldcodeStep, lng: string): string {
  return lng === 'en' ? step.en : step.nl;
}
