/**
 * The registry of the region (modules/registry): gemeenten, organisations, the people who work
 * there with their roles, and the ledger of roles that see children's data. No child data.
 */
import { IdParams, Nullable, OneOf, PageOf, paging, StaleProblem, Type, Uuid, Version, type Static } from './common.ts';
import { HOLIDAY_REGIONS } from './values/calendar.ts';
import { SCHOOL_TYPES } from './values/early-warning.ts';
import { ORGANISATION_KINDS, ROLE_GRANT_STATUSES, ROLES } from './values/registry.ts';
import { INVITATION_STATES } from './values/staff.ts';

export const RoleName = OneOf(ROLES, { description: 'Rol (codenaam)' });
export const OrganisationKindName = OneOf(ORGANISATION_KINDS, { description: 'Soort organisatie' });
export const SchoolTypeName = OneOf(SCHOOL_TYPES, { description: 'Schooltype' });
export const HolidayRegionName = OneOf(HOLIDAY_REGIONS, { description: 'Vakantieregio' });
export const RoleGrantStatusName = OneOf(ROLE_GRANT_STATUSES, { description: 'Stand van een toegekende rol' });


// ---------- Gemeenten ----------

export const Gemeente = Type.Object({
  id: Uuid,
  cbsCode: Type.String(),
  name: Type.String(),
  holidayRegion: HolidayRegionName,
  province: Nullable(Type.String()),
});
export type Gemeente = Static<typeof Gemeente>;

export const GemeenteList = Type.Object({ items: Type.Array(Gemeente) });

export const GemeenteCreate = Type.Object(
  {
    cbsCode: Type.String({ minLength: 1, maxLength: 10 }),
    name: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    province: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    holidayRegion: Type.Optional(Nullable(HolidayRegionName)),
  },
  { additionalProperties: false },
);
export type GemeenteCreate = Static<typeof GemeenteCreate>;

/** The gemeente added; `listed`: its name, province and holiday region came from the shipped list. */
export const GemeenteCreated = Type.Object({ ...Gemeente.properties, listed: Type.Boolean() });
export type GemeenteCreated = Static<typeof GemeenteCreated>;

// ---------- Organisations ----------

export const OrganisationQuery = Type.Object({ kind: Type.Optional(OrganisationKindName) });

export const Organisation = Type.Object({
  id: Uuid,
  kind: OrganisationKindName,
  name: Type.String(),
  gemeenteId: Nullable(Uuid),
  gemeenteName: Nullable(Type.String()),
  brin: Nullable(Type.String()),
  vestiging: Nullable(Type.String()),
  schoolType: Nullable(SchoolTypeName),
  boardName: Nullable(Type.String({ description: 'Het schoolbestuur (bevoegd gezag) van een schoolvestiging' })),
  version: Version,
});
export type Organisation = Static<typeof Organisation>;

/** A PATCH based on an older version (409): the organisation as it is now. */
export const OrganisationStale = StaleProblem(Organisation);

export const OrganisationList = Type.Object({ items: Type.Array(Organisation) });

export const SchoolGroup = Type.Object({ id: Uuid, name: Type.String(), schoolYear: Type.String() });

export const OrganisationDetail = Type.Object({ ...Organisation.properties, groups: Type.Array(SchoolGroup) });
export type OrganisationDetail = Static<typeof OrganisationDetail>;

/** Someone who works at the organisation (the regional directory). */
export const OrganisationMember = Type.Object({ personId: Uuid, name: Type.String(), email: Nullable(Type.String()), role: RoleName });
export type OrganisationMember = Static<typeof OrganisationMember>;

export const OrganisationMembers = Type.Object({ items: Type.Array(OrganisationMember) });

const OrganisationFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  gemeenteId: Type.Optional(Nullable(Uuid)),
  brin: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
  vestiging: Type.Optional(Nullable(Type.String({ maxLength: 4 }))),
  schoolType: Type.Optional(Nullable(SchoolTypeName)),
  boardName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
};

export const OrganisationCreate = Type.Object({ kind: OrganisationKindName, ...OrganisationFields }, { additionalProperties: false });
export type OrganisationCreate = Static<typeof OrganisationCreate>;

/** The fields to change, and the version of the organisation they were based on. */
export const OrganisationUpdate = Type.Object({ ...OrganisationFields, name: Type.Optional(OrganisationFields.name), version: Version }, { additionalProperties: false });
export type OrganisationUpdate = Static<typeof OrganisationUpdate>;

// ---------- People and their roles ----------

export const PeopleQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  organisationId: Type.Optional(Uuid),
  ...paging(100, 25),
});

export const PersonMembership = Type.Object({ id: Uuid, organisationId: Uuid, organisationName: Type.String(), role: RoleName });

/** The account's state (staff/invitations.ts): invited, expired, active or disabled; null without an account. */
export const InvitationStateName = OneOf(INVITATION_STATES, { description: 'invited (link nog niet gebruikt), expired (link verlopen), active of disabled' });

export const Person = Type.Object({
  id: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  email: Nullable(Type.String()),
  username: Nullable(Type.String()),
  accountDisabled: Type.Boolean(),
  invitationState: Nullable(InvitationStateName),
  memberships: Type.Array(PersonMembership),
  /** What the signed-in administrator may do with this person. */
  can: Type.Object({ addMembership: Type.Boolean({ description: 'Niemand geeft zichzelf een rol' }) }),
  /** Changes with every role given, requested or ended through the registry. */
  version: Version,
});
export type Person = Static<typeof Person>;

/** A role given or ended based on an older version of the person (409): the person as they are now. */
export const PersonStale = StaleProblem(Person);

export const PeoplePage = PageOf(Person);

/** A role at an organisation, as given with a new person. */
export const NewMembership = Type.Object({ organisationId: Uuid, role: RoleName }, { additionalProperties: false });

/** A role to give an existing person, and the version of the person the screen showed. */
export const MembershipCreate = Type.Object({ organisationId: Uuid, role: RoleName, version: Version }, { additionalProperties: false });
export type MembershipCreate = Static<typeof MembershipCreate>;

export const PersonCreate = Type.Object(
  {
    givenName: Type.String({ minLength: 1, maxLength: 100 }),
    familyName: Type.String({ minLength: 1, maxLength: 100 }),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    username: Type.Optional(Nullable(Type.String({ maxLength: 63 }))),
    password: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    memberships: Type.Array(NewMembership, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type PersonCreate = Static<typeof PersonCreate>;

/** The person added, with the roles that wait for a second administrator. */
export const PersonCreated = Type.Object({
  id: Uuid,
  version: Version,
  pendingRoles: Type.Array(Type.Object({ grantId: Uuid, organisationId: Uuid, role: RoleName })),
});

/*
 * The role took effect (201: `grantId` is null) or waits for a second administrator (202: `id` is
 * null). Written as Nullable, not Type.Null: OpenAPI 3.0 has no null type of its own.
 */
export const MembershipGranted = Type.Object({ id: Uuid, status: Type.Literal('granted'), grantId: Nullable(Uuid), version: Version });
export const MembershipPending = Type.Object({ id: Nullable(Uuid), status: Type.Literal('pending'), grantId: Uuid, version: Version });

export const MembershipParams = Type.Object({ id: Uuid, membershipId: Uuid });

/** Ending a role names the version of the person the screen showed. */
export const MembershipEndQuery = Type.Object({ version: Version });

// ---------- The ledger of roles that see children's data ----------

export const RoleGrantQuery = Type.Object({ status: Type.Optional(RoleGrantStatusName), ...paging(100, 25) });

export const RoleGrant = Type.Object({
  id: Uuid,
  personId: Uuid,
  personName: Type.String(),
  organisationId: Uuid,
  organisationName: Type.String(),
  role: RoleName,
  status: RoleGrantStatusName,
  requestedAt: Type.String({ format: 'date-time' }),
  requestedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  decidedBy: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
  fromImport: Type.Boolean(),
  can: Type.Object({ decide: Type.Boolean() }),
});
export type RoleGrant = Static<typeof RoleGrant>;

export const RoleGrantPage = Type.Object({ ...PageOf(RoleGrant).properties, can: Type.Object({ approve: Type.Boolean() }) });
export type RoleGrantPage = Static<typeof RoleGrantPage>;

export const RoleGrantApproved = Type.Object({ id: Uuid, status: Type.Literal('granted'), membershipId: Uuid });

export const RoleGrantReject = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });

export const RoleGrantRejected = Type.Object({ id: Uuid, status: Type.Literal('rejected') });

export { IdParams };
