/**
 * Children: what the routes of a child's file take and answer. A child's file shows only the
 * parts the user's relation covers: the BSN/onderwijsnummer, enrolments and guardians are left
 * out (not null) when the grant does not cover them — the handler decides, this whitelists.
 */
import { Day, IdParams, Nullable, OneOf, PageOf, paging, StaleProblem, Type, Uuid, Version, type Static } from './common.ts';
import { AccessLogEntry } from './audit.ts';
import { GUARDIAN_RELATIONS } from './values/children.ts';
import { SCHOOL_TYPES } from './values/early-warning.ts';

export const ChildIdParams = IdParams;
export const EnrolmentParams = Type.Object({ id: Uuid, enrolmentId: Uuid });

/** `page` and `pageSize` of a list (as every list of the API). */
const Paging = paging(100, 25);

// ---------- What the routes take ----------

/** `q`: any part of the name, with or without tussenvoegsel or accents ("berg", "Joep Berg", "celik"); every word must match. */
export const ChildListQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...Paging });
export type ChildListQuery = Static<typeof ChildListQuery>;

export const ChildAccessLogQuery = Type.Object(Paging);
export type ChildAccessLogQuery = Static<typeof ChildAccessLogQuery>;

export const EnrolmentBody = Type.Object(
  {
    startDate: Day,
    endDate: Type.Optional(Nullable(Day)),
    groupId: Type.Optional(Nullable(Uuid)),
    mentorPersonId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type EnrolmentBody = Static<typeof EnrolmentBody>;

export const CreateChildBody = Type.Object(
  {
    givenName: Type.String({ minLength: 1, maxLength: 100 }),
    familyName: Type.String({ minLength: 1, maxLength: 100 }),
    birthDate: Day,
    bsn: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    gemeenteId: Uuid,
    enrolment: EnrolmentBody,
  },
  { additionalProperties: false },
);
export type CreateChildBody = Static<typeof CreateChildBody>;

/** The end date, and the version of the enrolment the screen showed (`enrolments[].version` of the child's GET). */
export const EndEnrolmentBody = Type.Object({ endDate: Day, version: Version }, { additionalProperties: false });
export type EndEnrolmentBody = Static<typeof EndEnrolmentBody>;

export const GuardianBody = Type.Object(
  {
    givenName: Type.String({ minLength: 1, maxLength: 100 }),
    familyName: Type.String({ minLength: 1, maxLength: 100 }),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    relation: OneOf(GUARDIAN_RELATIONS),
    hasAuthority: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type GuardianBody = Static<typeof GuardianBody>;

export const ResidenceBody = Type.Object({ gemeenteId: Uuid, validFrom: Day }, { additionalProperties: false });
export type ResidenceBody = Static<typeof ResidenceBody>;

// ---------- What the routes answer ----------

/** A child in a list: who, and the school where the child is enrolled today. */
export const ChildSummary = Type.Object({
  id: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  /** The name as lists sort it: family name without tussenvoegsel first ("Berg, Joep van den"). */
  sortName: Type.String(),
  birthDate: Day,
  age: Type.Integer(),
  school: Nullable(
    Type.Object({
      organisationId: Uuid,
      name: Type.String(),
      groupName: Nullable(Type.String()),
      /** The school's own pupil number (leerlingnummer); only with the data kind 'school'. */
      pupilNumber: Type.Optional(Nullable(Type.String())),
    }),
  ),
});
export type ChildSummary = Static<typeof ChildSummary>;

export const ChildPage = PageOf(ChildSummary);
export type ChildPage = Static<typeof ChildPage>;

export const Enrolment = Type.Object({
  id: Uuid,
  organisationId: Uuid,
  organisationName: Type.String(),
  schoolType: Nullable(OneOf(SCHOOL_TYPES)),
  brin: Nullable(Type.String()),
  vestiging: Nullable(Type.String()),
  groupName: Nullable(Type.String()),
  mentorName: Nullable(Type.String()),
  /** The school's own pupil number (leerlingnummer) for this enrolment. */
  pupilNumber: Nullable(Type.String()),
  startDate: Day,
  endDate: Nullable(Day),
  version: Version,
});
export type Enrolment = Static<typeof Enrolment>;

export const Guardian = Type.Object({
  id: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  relation: OneOf(GUARDIAN_RELATIONS),
  hasAuthority: Type.Boolean(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
});
export type Guardian = Static<typeof Guardian>;

/** One child: the parts of the file the user's grounds cover. */
export const ChildDetail = Type.Object({
  id: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  birthDate: Day,
  age: Type.Integer(),
  residence: Nullable(Type.Object({ gemeenteId: Uuid, gemeenteName: Type.String(), validFrom: Day })),
  /** The data kinds the user's grants cover for this child. */
  dataKinds: Type.Array(Type.String()),
  /** The user's grounds (relations) with this child. */
  grounds: Type.Array(Type.String()),
  /** Only with the data kind 'bsn', never for a samenwerkingsverband. */
  bsn: Type.Optional(Type.String()),
  onderwijsnummer: Type.Optional(Type.String()),
  /** Only with the data kind 'school'. */
  enrolments: Type.Optional(Type.Array(Enrolment)),
  /** Only with the data kind 'guardians'. */
  guardians: Type.Optional(Type.Array(Guardian)),
  /** Only with the data kind 'school': the day the pupil obtained a startkwalificatie (null: none recorded). */
  startkwalificatieOn: Type.Optional(Nullable(Day)),
  /** The version of the child's record (a startkwalificatie recorded names it). */
  version: Version,
});
export type ChildDetail = Static<typeof ChildDetail>;

/** An update of the child or an enrolment based on an older version (409): the child as the user may see it now. */
export const ChildStale = StaleProblem(ChildDetail);

/** Who looked at the child's data, as the family sees it: who, for which organisation, what and when. */
export const ChildAccessLogEntry = Type.Pick(AccessLogEntry, ['seq', 'occurredAt', 'event', 'outcome', 'actorName', 'organisationName', 'role', 'ground']);
export type ChildAccessLogEntry = Static<typeof ChildAccessLogEntry>;

export const ChildAccessLogPage = PageOf(ChildAccessLogEntry);
export type ChildAccessLogPage = Static<typeof ChildAccessLogPage>;

export const Created = Type.Object({ id: Uuid });
export type Created = Static<typeof Created>;

export const EnrolmentEnded = Type.Object({ id: Uuid, endDate: Day, version: Version });
export type EnrolmentEnded = Static<typeof EnrolmentEnded>;

export const ResidenceRecorded = Type.Object({ gemeenteId: Uuid, validFrom: Day });
export type ResidenceRecorded = Static<typeof ResidenceRecorded>;
