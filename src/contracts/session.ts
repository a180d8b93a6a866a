/**
 * The session (modules/session): signing in and out, the organisation/role the user works for, and
 * the second factor (TOTP). The session's answer is a registered schema (`$id: 'Session'`), referred
 * to by `SessionRef`: it never carries the password hash or the TOTP secret.
 */
import { Flags, Nullable, OneOf, Type, Uuid, type Static } from './common.ts';
import { CAPABILITIES } from './values/capabilities.ts';
import { ORGANISATION_KINDS, ROLES } from './values/registry.ts';
import { ACCOUNT_KINDS } from './values/session.ts';

export const SessionMembership = Type.Object({
  id: Uuid,
  organisationId: Uuid,
  organisationName: Type.String(),
  organisationKind: OneOf(ORGANISATION_KINDS),
  role: OneOf(ROLES),
});
export type SessionMembership = Static<typeof SessionMembership>;

export const SessionSchema = Type.Object(
  {
    user: Type.Object({ id: Uuid, username: Type.String(), kind: OneOf(ACCOUNT_KINDS), displayName: Type.String() }),
    memberships: Type.Array(SessionMembership),
    activeMembershipId: Nullable(Uuid),
    csrfToken: Type.String(),
    totpEnrolmentRequired: Type.Boolean(),
    demo: Type.Boolean(),
    idleExpiresAt: Type.String({ format: 'date-time', description: 'Einde van de sessie bij geen activiteit (30 min)' }),
    expiresAt: Type.String({ format: 'date-time', description: 'Uiterlijk einde van de sessie (12 uur na inloggen)' }),
    can: Flags(CAPABILITIES, { description: 'Welke schermen en handelingen bij de rol horen waarvoor de gebruiker nu werkt (de server blijft per verzoek beslissen)' }),
  },
  { $id: 'Session' },
);
export type Session = Static<typeof SessionSchema>;

/** The registered Session schema, by reference (the app adds SessionSchema once), typed as the session. */
export const SessionRef = Type.Unsafe<Session>(Type.Ref('Session'));

export const SignIn = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 500 }), totp: Type.Optional(Type.String({ maxLength: 12 })) },
  { additionalProperties: false },
);
export type SignIn = Static<typeof SignIn>;

export const SwitchMembership = Type.Object({ membershipId: Uuid }, { additionalProperties: false });

export const TotpSetup = Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrCodeDataUrl: Type.String() });
export type TotpSetup = Static<typeof TotpSetup>;

export const TotpConfirm = Type.Object({ code: Type.String({ minLength: 6, maxLength: 12 }) }, { additionalProperties: false });
