/**
 * The region's access log (modules/audit), for the privacy officer: searching it, and checking its
 * chain with the installation key and the anchors outside the database.
 */
import { Day, DayParam, paging, Nullable, OneOf, PageOf, Type, Uuid, type Static } from './common.ts';
import { ACCESS_OUTCOMES, CHAIN_BREAK_CODES } from './values/audit.ts';



export const AccessOutcomeName = OneOf(ACCESS_OUTCOMES, { description: 'Toegestaan of geweigerd' });

export const AccessLogQuery = Type.Object({
  childId: Type.Optional(Uuid),
  username: Type.Optional(Type.String({ maxLength: 63 })),
  event: Type.Optional(Type.String({ maxLength: 100 })),
  outcome: Type.Optional(AccessOutcomeName),
  from: Type.Optional(DayParam()),
  to: Type.Optional(DayParam()),
  ...paging(200, 50),
});
export type AccessLogQuery = Static<typeof AccessLogQuery>;

/** One entry of the access log, with who acted by name. */
export const AccessLogEntry = Type.Object({
  seq: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  event: Type.String(),
  outcome: AccessOutcomeName,
  childId: Nullable(Uuid),
  username: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  organisationName: Nullable(Type.String()),
  role: Nullable(Type.String()),
  ground: Nullable(Type.String()),
  ip: Nullable(Type.String()),
});
export type AccessLogEntry = Static<typeof AccessLogEntry>;

export const AccessLogPage = PageOf(AccessLogEntry);

/**
 * The privacy officer looks a child up by name to answer a parent's request: every word of `q`
 * occurs in the name (with or without tussenvoegsel or accents). Only children whose access log
 * the policy lets her read.
 */
export const AccessLogChildQuery = Type.Object({ q: Type.String({ minLength: 2, maxLength: 100, pattern: '\\S' }), ...paging(50, 10) });
export type AccessLogChildQuery = Static<typeof AccessLogChildQuery>;

/** A child found by name: just enough to pick the right one (name and birth date), nothing of the file. */
export const AccessLogChild = Type.Object({
  id: Uuid,
  /** As lists sort it: "Berg, Joep van den". */
  sortName: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  birthDate: Day,
});
export type AccessLogChild = Static<typeof AccessLogChild>;

export const AccessLogChildPage = PageOf(AccessLogChild);
export type AccessLogChildPage = Static<typeof AccessLogChildPage>;

/** A head of the chain written outside the database. */
export const ChainAnchor = Type.Object({ at: Type.String({ description: 'Wanneer de kop is gelezen' }), chainSeq: Type.Integer(), hash: Type.String(), keyId: Nullable(Type.String()) });

/** The result of checking the chain: the links checked, and the first broken one. */
export const ChainVerification = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer({ description: 'Schakels gecontroleerd en in orde' }),
  unkeyed: Type.Integer({ description: 'Daarvan schakels van de eerste keten zonder sleutel' }),
  sealedNow: Type.Integer({ description: 'Vermeldingen die deze controle eerst heeft verzegeld' }),
  anchors: Nullable(Type.Object({ checked: Type.Integer(), newest: Nullable(ChainAnchor) })),
  firstBroken: Type.Optional(Type.Object({ seq: Type.Integer(), code: OneOf(CHAIN_BREAK_CODES), reason: Type.String() })),
});
export type ChainVerification = Static<typeof ChainVerification>;
