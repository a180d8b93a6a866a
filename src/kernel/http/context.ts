import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import type { Config } from '../../config.ts';
import type { Session } from '../../contracts/session.ts';
import type { Actor } from '../policy/actor.ts';
import { UnauthenticatedError } from '../errors.ts';
import type { AppKeys } from '../keys.ts';

export interface AppContext {
  database: Database;
  config: Config;
  /** The installation key (outside the database): access-log chain, invitation tokens. */
  keys: AppKeys;
}

/** The session of a request, as the session module loads it from the cookie. */
export interface RequestSession {
  id: string;
  csrfToken: string;
  accountId: string;
  totpEnrolmentPending: boolean;
  actor: Actor;
  /** What the session answers the web app (contracts/session.ts). */
  view: Session;
}

/**
 * How the kernel's auth hook reaches the sessions without importing the session module: the app
 * hands it the session module's loader (src/app.ts).
 */
export interface SessionStore {
  cookieName: string;
  load(token: string | undefined, ip: string | null): Promise<RequestSession | null>;
  csrfMatches(session: RequestSession, header: string | undefined): boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: RequestSession | null;
  }
  interface FastifyContextConfig {
    /** 'public': no session needed; 'session': any live session, even one that still has to enrol TOTP. Default: a full session. */
    auth?: 'public' | 'session';
  }
}

/** The actor of a request that passed authentication (routes that are not public). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw new UnauthenticatedError();
  return request.session.actor;
}
