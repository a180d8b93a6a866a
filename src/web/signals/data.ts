/**
 * Zorgsignalen in the client: the workflow comes from GET /signals/meta (the server's table of
 * allowed transitions), so that the forms offer exactly what the server will accept.
 */
import { useEffect } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../shared/api.ts';
import type { MeldcodeStep, Signal, SignalDetail, SignalMeta, SignalStatus, SignalTransition, SignalCategory } from '../shared/types.ts';
import { qk } from '../shared/query-keys.ts';
import type { SignalSide } from '../../contracts/values/signals.ts';
import type { Contract } from '../../contracts/common.ts';
import type { NotificationPreferences as NotificationPreferencesSchema, SetNotificationPreferencesBody as SetNotificationPreferencesBodySchema } from '../../contracts/signals.ts';


/** The workflow as data; it changes only with a new server version. */
export function useSignalMeta() {
  return useQuery({
    queryKey: qk.signalMeta,
    queryFn: () => api.get<SignalMeta>('/signals/meta'),
    staleTime: Infinity,
  });
}

export function useSignal(id: string) {
  return useQuery({
    queryKey: qk.signal(id),
    queryFn: () => api.get<SignalDetail>(`/signals/${encodeURIComponent(id)}`),
  });
}

/** The actions the workflow allows from a status for the given side, in the table's order. */
export function allowedActions(transitions: readonly SignalTransition[], from: SignalStatus, by: SignalSide): SignalTransition[] {
  return transitions.filter((t) => t.from === from && t.by === by);
}

/** A signal changed (created, triaged, withdrawn): keep its page and drop the lists that show it. */
export function signalChanged(queryClient: QueryClient, signal: SignalDetail): void {
  queryClient.setQueryData(qk.signal(signal.id), signal);
  void queryClient.invalidateQueries({ queryKey: qk.signals.all });
  void queryClient.invalidateQueries({ queryKey: qk.childSignals(signal.child.id) });
}

/**
 * A list is fresher than a signal page kept in the cache: when it shows a signal in another state
 * than the cached page (someone else decided meanwhile), that page is loaded again when opened.
 */
export function useStaleSignalPages(items: readonly Signal[] | undefined): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    for (const s of items ?? []) {
      const cached = queryClient.getQueryData<SignalDetail>(qk.signal(s.id));
      if (cached && (cached.status !== s.status || cached.lateness !== s.lateness || cached.pickedUpOn !== s.pickedUpOn)) {
        void queryClient.invalidateQueries({ queryKey: qk.signal(s.id), refetchType: 'none' });
      }
    }
  }, [items, queryClient]);
}

/** A Meldcode step in the user's language. */
export function stepText(step: MeldcodeStep, lng: string): string {
  return lng === 'en' ? step.en : step.nl;
}

/** What the signal page says once after it was raised (router state). */
export interface SignalCreatedState {
  created: true;
}

/** What another page may fill in beforehand (router state), e.g. the early-warning list: the user still checks and sends. */
export interface SignalPrefillState {
  signalPrefill: { category?: SignalCategory; observation?: string };
}

export type NotificationPreferences = Contract<typeof NotificationPreferencesSchema>;
export type NotificationPreference = NotificationPreferences['items'][number];
export type SetNotificationPreferencesBody = Contract<typeof SetNotificationPreferencesBodySchema>;

/** The user's own choice per kind of notification, with the channels each kind allows (the server's answer). */
export function useNotificationPreferences() {
  return useQuery({
    queryKey: qk.notificationPreferences,
    queryFn: () => api.get<NotificationPreferences>('/me/notification-preferences'),
  });
}
