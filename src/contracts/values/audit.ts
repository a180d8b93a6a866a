/** The closed sets of the access log: plain lists for the server, the contracts and the web app. */

/** Whether what an access-log entry records was allowed or refused. */
export const ACCESS_OUTCOMES = ['allowed', 'denied'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

/** What is wrong with the first broken link of the access log's chain (GET /access-log/verify). */
export const CHAIN_BREAK_CODES = ['missing', 'relinked', 'changed', 'wrong_key', 'unsealed', 'anchor_mismatch', 'truncated'] as const;
export type ChainBreakCode = (typeof CHAIN_BREAK_CODES)[number];
