/** Siblings' cases linked as one family (1 gezin): cases that share a family_id. */
export const caseFamily = /* sql */ `
alter table cases add column family_id uuid;
create index cases_family_idx on cases(family_id) where family_id is not null;
`;
