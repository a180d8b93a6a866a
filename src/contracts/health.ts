/** Health and the demo accounts (modules/health). */
import { Type, type Static } from './common.ts';

export const Health = Type.Object({ status: Type.Literal('ok'), database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]) });
export type Health = Static<typeof Health>;

/** Liveness: the process answers; it touches no database. */
export const HealthLive = Type.Object({ status: Type.Literal('ok') });
export type HealthLive = Static<typeof HealthLive>;

/** Readiness: the database answers, with the app's tables and every migration of this version. */
export const HealthReady = Health;
export type HealthReady = Static<typeof HealthReady>;

/** Not ready (503, problem+json): the database does not answer, or its migrations are not all applied. */
export const NotReady = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Literal(503),
  detail: Type.String(),
  code: Type.Union([Type.Literal('database_unavailable'), Type.Literal('migrations_pending')]),
  instance: Type.String(),
});

/** A demo account to sign in with (demo mode only): `role` is a role's code name, or 'guardian' / 'youth' for the portal accounts. */
export const DemoAccount = Type.Object({ username: Type.String(), role: Type.String(), descriptionNl: Type.String(), descriptionEn: Type.String() });
export type DemoAccount = Static<typeof DemoAccount>;

export const DemoAccounts = Type.Object({ items: Type.Array(DemoAccount) });
