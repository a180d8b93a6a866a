import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { getApiActivity, subscribeApiActivity } from './api.ts';
import { useSession } from './session.tsx';

/** How long before the end the warning shows (WCAG 2.2.1: the user can extend in time). */
export const WARNING_MS = 2 * 60_000;
/** The countdown is recomputed at most this often; its text only changes once a minute. */
const TICK_MS = 15_000;
/**
 * The server writes a session's last activity at most once a minute, so a request may leave the
 * server's idle clock up to a minute behind ours. Counting from activity, end a minute early.
 */
const SERVER_ACTIVITY_GRANULARITY_MS = 60_000;

export interface IdleWarning {
  /** Whole minutes left, rounded up (at least 1). */
  minutes: number;
  /** The absolute end of the session is near: staying signed in is not possible. */
  final: boolean;
}

/**
 * The session's end as seen from this tab. Deadlines are in this browser's clock: server times
 * are converted with the server's Date header, so a wrong clock on either side does not matter.
 * Each successful API answer restarts the idle time (the server does the same). When the
 * deadline passes the session is ended here (expire), which shows the sign-in page.
 *
 * Returns the warning to show (null when none) and `dismiss`, which hides it until the deadline
 * changes (for the final warning, which staying signed in cannot move).
 */
export function useIdleTimeout(): { warning: IdleWarning | null; dismiss: () => void } {
  const { session, expire } = useSession();
  const activity = useSyncExternalStore(subscribeApiActivity, getApiActivity);
  const idleExpiresAt = session?.idleExpiresAt;
  const expiresAt = session?.expiresAt;

  // Read once per session answer: the answer has just arrived and is the last activity.
  const limits = useMemo(() => {
    if (!idleExpiresAt || !expiresAt) return null;
    const { receivedAt, serverTime } = getApiActivity();
    const toLocal = (iso: string) => Date.parse(iso) - serverTime + receivedAt;
    const idleEnd = toLocal(idleExpiresAt);
    const absoluteEnd = toLocal(expiresAt);
    // The idle length is only known when the absolute end did not cut it short.
    const idleMs = idleEnd < absoluteEnd ? idleEnd - receivedAt : Infinity;
    return { idleEnd, absoluteEnd, idleMs };
  }, [idleExpiresAt, expiresAt]);

  const deadline = limits
    ? Math.min(limits.absoluteEnd, Math.max(limits.idleEnd, activity.sentAt + limits.idleMs - SERVER_ACTIVITY_GRANULARITY_MS))
    : null;

  // 0 until the first tick: a warning due at mount appears after the page has placed its focus.
  const [now, setNow] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);

  // Wake up when the warning is due, every TICK_MS while it shows, and at the deadline.
  useEffect(() => {
    if (deadline === null) return;
    const warnAt = deadline - WARNING_MS;
    const tick = () => {
      const t = Date.now();
      setNow(t);
      if (t >= deadline) expire();
      else timer = setTimeout(tick, t < warnAt ? warnAt - t : Math.min(TICK_MS, deadline - t));
    };
    let timer = setTimeout(tick, Math.max(0, warnAt - Date.now()));
    return () => clearTimeout(timer);
  }, [deadline, expire]);

  const showing = deadline !== null && now >= deadline - WARNING_MS && now < deadline && dismissed !== deadline;
  const warning: IdleWarning | null = showing
    ? { minutes: Math.max(1, Math.ceil((deadline - now) / 60_000)), final: deadline === limits?.absoluteEnd }
    : null;
  return { warning, dismiss: () => setDismissed(deadline) };
}
