/**
 * Issue 13, each professional's worklist (docs/requests.md "De werklijst"): the evaluations due of
 * the cases a person manages are found by the case manager (person and organisation acted for) and
 * the day of the next evaluation, among the open cases only — without it the worklist reads every
 * case of the region (EXPLAIN on PostgreSQL, `npm run bench:worklist`). The other sources have
 * their indexes already: signals by school and status, requests by sending and receiving
 * organisation and status, absence reports by school and due day.
 */
export const worklist = /* sql */ `
create index cases_manager_open_idx on cases(case_manager_person_id, case_manager_organisation_id, next_evaluation_on) where status = 'open';
`;
