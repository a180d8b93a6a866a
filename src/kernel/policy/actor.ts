import type { AccountKind, OrganisationKind } from '../db/schema.ts';
import type { Role } from './roles.ts';

/** Who is acting: the signed-in account and, for professionals, the organisation and role they act for. */
export interface Actor {
  accountId: string;
  regionId: string;
  username: string;
  kind: AccountKind;
  personId: string | null;
  guardianId: string | null;
  childId: string | null;
  membership: {
    id: string;
    organisationId: string;
    organisationKind: OrganisationKind;
    organisationName: string;
    gemeenteId: string | null;
    role: Role;
  } | null;
  ip: string | null;
}

export const hasRole = (actor: Actor, ...roles: Role[]) => !!actor.membership && roles.includes(actor.membership.role);
