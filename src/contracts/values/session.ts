/** The closed sets of the session: plain lists for the server, the contracts and the web app. */

/** Who an account belongs to: a professional, a parent/carer (guardian) or the young person. */
export const ACCOUNT_KINDS = ['professional', 'guardian', 'youth'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];
