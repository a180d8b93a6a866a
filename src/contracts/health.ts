/** Health and the demo accounts (modules/health). */
import { Type, type Static } from './common.ts';

export const Health = Type.Object({ status: Type.Literal('ok'), database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]) });
export type Health = Static<typeof Health>;

/** A demo account to sign in with (demo mode only): `role` is a role's code name, or 'guardian' / 'youth' for the portal accounts. */
export const DemoAccount = Type.Object({ username: Type.String(), role: Type.String(), descriptionNl: Type.String(), descriptionEn: Type.String() });
export type DemoAccount = Static<typeof DemoAccount>;

export const DemoAccounts = Type.Object({ items: Type.Array(DemoAccount) });
