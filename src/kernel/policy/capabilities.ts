import { CAPABILITIES, type Capability } from '../../contracts/values/capabilities.ts';
import type { Actor } from './actor.ts';
import type { Role } from './roles.ts';
import { ForbiddenError } from '../errors.ts';

/** Who acts: the role of the active membership, or the portal kind of a parent's or young person's account. */
export type ActorRole = Role | 'guardian' | 'youth';

const SCHOOL_CARE: readonly ActorRole[] = ['intern_begeleider', 'care_coordinator'];
const THUISZITTER_REGISTER: readonly ActorRole[] = ['attendance_officer', 'intern_begeleider', 'care_coordinator', 'school_leader'];

/**
 * Which roles get which screens and actions (domain.md §7). The session answers these as
 * `can` (contracts/values/capabilities.ts); routes that are a capability's own ask `requireCapability`.
 * Access to a child's data is still decided per child by the policy (child-policy.ts): a capability
 * opens a screen, never a child.
 */
export const CAPABILITY_ROLES: Record<Capability, readonly ActorRole[]> = {
  listChildren: ['teacher', 'mentor', 'intern_begeleider', 'care_coordinator', 'attendance_officer', 'guardian', 'youth'],
  raiseSignals: ['teacher', 'mentor', 'intern_begeleider', 'care_coordinator'],
  triageSignals: SCHOOL_CARE,
  workCases: ['intern_begeleider', 'care_coordinator', 'youth_care_worker', 'wijkteam_worker', 'swv_consultant', 'attendance_officer', 'teacher', 'mentor'],
  schoolAbsence: SCHOOL_CARE,
  importPupils: SCHOOL_CARE,
  attendanceWorkspace: ['attendance_officer'],
  thuiszitterRegister: THUISZITTER_REGISTER,
  thuiszitterCandidates: ['attendance_officer', 'intern_begeleider', 'care_coordinator'],
  thuiszitterEscalation: [...THUISZITTER_REGISTER, 'policy_analyst', 'swv_consultant'],
  thuiszitterCounts: ['policy_analyst', 'swv_consultant'],
  thuiszitterCountsInRegister: ['policy_analyst', 'swv_consultant', 'attendance_officer'],
  schoolCalendar: ['intern_begeleider', 'care_coordinator', 'school_leader'],
  administerRegion: ['functional_admin'],
  readAccessLog: ['privacy_officer'],
  reviewRoleGrants: ['functional_admin', 'privacy_officer'],
  workRequests: ['intern_begeleider', 'care_coordinator', 'youth_care_worker', 'wijkteam_worker', 'swv_consultant', 'attendance_officer'],
  escalateRequests: ['policy_analyst', 'swv_consultant', 'functional_admin'],
  monitor: ['policy_analyst', 'swv_consultant', 'school_leader', 'attendance_officer'],
};

export function actorRole(actor: Pick<Actor, 'kind' | 'membership'>): ActorRole | null {
  if (actor.kind === 'guardian' || actor.kind === 'youth') return actor.kind;
  return actor.membership?.role ?? null;
}

/** Every capability, true or false, for the actor as they act now. */
export function capabilitiesOf(actor: Pick<Actor, 'kind' | 'membership'>): Record<Capability, boolean> {
  const role = actorRole(actor);
  return Object.fromEntries(CAPABILITIES.map((c) => [c, role !== null && CAPABILITY_ROLES[c].includes(role)])) as Record<Capability, boolean>;
}

export function can(actor: Pick<Actor, 'kind' | 'membership'>, capability: Capability): boolean {
  const role = actorRole(actor);
  return role !== null && CAPABILITY_ROLES[capability].includes(role);
}

/**
 * Refuses (403) a function that is not the actor's: for screens that are not about one child. The
 * same table answers `session.can`, so what the menu offers and what the server allows cannot
 * drift apart. Returns the membership the professional acts for (null for a parent or young person).
 */
export function requireCapability(actor: Pick<Actor, 'kind' | 'membership'>, capability: Capability): Actor['membership'] {
  if (!can(actor, capability)) throw new ForbiddenError('Deze functie hoort niet bij uw rol.');
  return actor.membership;
}
