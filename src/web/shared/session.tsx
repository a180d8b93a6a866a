import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken, setUnauthorizedHandler } from './api.ts';
import type { Membership, Session } from './types.ts';
import type { AccountKind } from '../../contracts/values/session.ts';
import type { Role } from '../../contracts/values/registry.ts';
import { NO_CAPABILITIES, type Capability } from './access.ts';
import { qk } from './query-keys.ts';


/** GET /session; null when nobody is signed in (401). */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/session', undefined, { redirectOn401: false });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (isApiError(err, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

/** Who the user acts as: the role of the active membership, or the portal kind of the account (for labels and texts). */
export type ActorRole = Role | Exclude<AccountKind, 'professional'>;

/** Why there is no session any more: the user signed out, or the server ended it (401). */
export type SessionEnd = 'signedOut' | 'expired' | null;

export interface SessionContextValue {
  session: Session | null;
  /** Set when a session this tab had has ended; the sign-in page says so. */
  ended: SessionEnd;
  /** True until the first answer to GET /session. */
  loading: boolean;
  /** The session probe failed for another reason than 401 (server down). */
  error: unknown;
  retry: () => void;
  activeMembership: Membership | null;
  /** The role the user acts in now: the active membership's role, or the portal kind (to name it; what it may do is `can`). */
  actorRole: ActorRole | null;
  /** What the user may do now, as the server says (`session.can`); all false without a session. */
  can: Record<Capability, boolean>;
  /** Stores a session the server returned (sign-in, TOTP, membership switch); other cached data is dropped. */
  setSession: (session: Session | null) => void;
  signOut: () => Promise<void>;
  /** Ends the session in this tab as timed out (the sign-in page says the user was signed out). */
  expire: () => void;
  switchMembership: (membershipId: string) => Promise<Session>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: qk.session,
    queryFn: fetchSession,
    staleTime: Infinity,
    retry: 1,
  });

  const [ended, setEnded] = useState<SessionEnd>(null);

  const setSession = useCallback(
    (session: Session | null) => {
      if (session) setEnded(null);
      setCsrfToken(session?.csrfToken ?? null);
      // Whatever was loaded belonged to another user or another membership: never show it again.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== qk.session[0] });
      queryClient.setQueryData(qk.session, session);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.delete('/session', { redirectOn401: false });
    } catch (err) {
      // Already signed out on the server: fine. Anything else: still forget the session here.
      if (!isApiError(err)) throw err;
    }
    setEnded('signedOut');
    setSession(null);
  }, [setSession]);

  // The session ended without the user signing out: a 401 on an ordinary request (idle timeout
  // on the server, signed out elsewhere) or the idle deadline passed here (useIdleTimeout).
  // Forget everything loaded; the route guard sends the user to the sign-in page, which says so.
  const expire = useCallback(() => {
    if (queryClient.getQueryData(qk.session) == null) return;
    setEnded('expired');
    setSession(null);
  }, [queryClient, setSession]);

  useEffect(() => {
    setUnauthorizedHandler(expire);
    return () => setUnauthorizedHandler(null);
  }, [expire]);

  const switchMembership = useCallback(
    async (membershipId: string) => {
      const session = await api.put<Session>('/session/membership', { membershipId });
      setSession(session);
      return session;
    },
    [setSession],
  );

  const session = query.data ?? null;
  const { isPending, isError, error, refetch } = query;
  const value = useMemo<SessionContextValue>(() => {
    const activeMembership = session?.memberships.find((m) => m.id === session.activeMembershipId) ?? null;
    let actorRole: ActorRole | null = null;
    if (session?.user.kind === 'guardian') actorRole = 'guardian';
    else if (session?.user.kind === 'youth') actorRole = 'youth';
    else if (activeMembership) actorRole = activeMembership.role;
    return {
      session,
      ended,
      loading: isPending,
      error: isError ? error : null,
      retry: () => void refetch(),
      activeMembership,
      actorRole,
      can: session?.can ?? NO_CAPABILITIES,
      setSession,
      signOut,
      expire,
      switchMembership,
    };
  }, [session, ended, isPending, isError, error, refetch, setSession, signOut, expire, switchMembership]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
