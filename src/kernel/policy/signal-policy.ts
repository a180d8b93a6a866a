import type { Actor } from './actor.ts';

/**
 * Who may see a signal (domain.md §7 and the signals rules):
 * - the care coordinator (IB / zorgcoördinator) of the school location where it was raised: all of it;
 * - its author (teacher/mentor): what they wrote and what became of it — status, decision, the
 *   feedback — but never case content (that comes only through a case team with consent).
 * Anyone else: nothing (404).
 */
export type SignalAccess = 'care' | 'author' | null;

export function signalAccess(actor: Actor, signal: { organisation_id: string; author_person_id: string; region_id: string }): SignalAccess {
  if (actor.regionId !== signal.region_id || actor.kind !== 'professional' || !actor.membership) return null;
  const m = actor.membership;
  if ((m.role === 'intern_begeleider' || m.role === 'care_coordinator') && m.organisationId === signal.organisation_id) return 'care';
  // The author, while acting for the school the signal was raised at: a teacher who moved to
  // another school (or who also works for the wijkteam) does not take her signals with her.
  if (actor.personId === signal.author_person_id && m.organisationId === signal.organisation_id) return 'author';
  return null;
}

/** The ground recorded in the access log for a signal read. */
export const signalGround = (access: Exclude<SignalAccess, null>) => (access === 'care' ? 'school_care' : 'signal_author');

/** The school's care roles: the intern begeleider and the zorgcoördinator. */
export const SCHOOL_CARE_ROLES = ['intern_begeleider', 'care_coordinator'] as const;

export const isCareCoordinator = (actor: Actor) =>
  !!actor.membership && actor.membership.organisationKind === 'school_location' && (SCHOOL_CARE_ROLES as readonly string[]).includes(actor.membership.role);
