/**
 * The guardian import finds a parent already known in the region by e-mail address, compared
 * without case (`lower(email)`). Without an index that lookup read every guardian of the region
 * per imported file: 1.2 s of a 60,000-pupil region's import (bench/onboarding.bench.ts).
 */
export const guardianEmailIndex = `
create index guardians_region_email_idx on guardians (region_id, lower(email));
`;
