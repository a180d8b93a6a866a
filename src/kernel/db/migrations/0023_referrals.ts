/**
 * Issue 13: a request remembers where it was started — the signal whose decision "doorverwijzen"
 * sent it (the signal's page shows the request that came of it), or the thuiszitter's entry it
 * serves (the register shows the help asked for the way back to school).
 */
export const referrals = /* sql */ `
alter table requests add column signal_id uuid references signals(id);
alter table requests add column thuiszitter_id uuid references thuiszitters(id);
create index requests_signal_idx on requests(signal_id) where signal_id is not null;
create index requests_thuiszitter_idx on requests(thuiszitter_id) where thuiszitter_id is not null;
`;
