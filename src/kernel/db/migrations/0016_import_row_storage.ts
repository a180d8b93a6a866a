/**
 * The checked rows of an import are stored once for the preview and read once when it is saved:
 * compressing them cost more than keeping them (about 10 ms of a school's 1,000-pupil file on
 * PostgreSQL, for a third of the size; bench/onboarding.bench.ts). They are kept out of line but
 * uncompressed.
 */
export const importRowStorage = `
alter table registry_imports alter column rows set storage external;
alter table absence_imports alter column rows set storage external;
`;
