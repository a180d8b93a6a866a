/**
 * The kinds of a child's data (domain.md §7). Every read names the kind it needs; a ground of the
 * access policy (kernel/policy/child-policy.ts) covers a fixed set of kinds, a consent exactly the
 * kinds it names. Answers show a part only when the reader's grant covers its kind.
 */
export const DATA_KINDS = ['identity', 'bsn', 'school', 'guardians', 'absence', 'signals', 'plan', 'notes', 'consents', 'access_log', 'thuiszitter'] as const;
export type DataKind = (typeof DATA_KINDS)[number];
