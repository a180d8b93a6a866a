/**
 * What a screen needs of the session. The server says what the user may do (`session.can`, from
 * the role of the active membership or the portal kind of the account; kernel/policy/capabilities.ts)
 * and stays the judge of every request; the web app holds no role lists of its own. A screen needs
 * one capability, or a test of the session for a screen that more than one capability opens.
 */
import { CAPABILITIES, type Capability } from '../../contracts/values/capabilities.ts';
import type { Session } from './types.ts';

export type { Capability };

export type Access = Capability | ((session: Session) => boolean);

/** Whether the session opens a screen: a capability, or a test of the session. No session: nothing. */
export function allows(session: Session | null, access: Access): boolean {
  if (!session) return false;
  return typeof access === 'string' ? session.can[access] : access(session);
}

/** Nothing allowed: the capabilities of no session. */
export const NO_CAPABILITIES = Object.fromEntries(CAPABILITIES.map((c) => [c, false])) as Record<Capability, boolean>;

/** A parent's or carer's account or the young person's own (the portal), not a professional's. */
export const isFamily = (session: Session): boolean => session.user.kind !== 'professional';
