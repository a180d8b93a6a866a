/**
 * Issue 13, "the person in charge of a case can change; a case follows the child" and "professionals
 * find each other without a parallel register" (docs/cases-and-consent.md §2a–§2c):
 *
 * - the case's verwijsindex registration (Jeugdwet §7.1): only the day the school registered the
 *   child in the gemeente's verwijsindex and who recorded it — never who else is involved (the
 *   verwijsindex is that register; we keep none of our own). Each recording is appended to
 *   case_events as well;
 * - notifications about a case (its case manager handed over, the case transferred to another
 *   school): which case, for the person at the organisation acted for — no child data;
 * - a request's history says when its case went to another school (`case_transferred`).
 */
export const handover = /* sql */ `
alter table cases add column verwijsindex_registered_on date;
alter table cases add column verwijsindex_registered_by_person_id uuid references people(id);
alter table cases add constraint cases_verwijsindex_check check ((verwijsindex_registered_on is null) = (verwijsindex_registered_by_person_id is null));

alter table notifications add column case_id uuid references cases(id);
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check check (kind in ('urgent_signal', 'request_received', 'request_update', 'case_handed_over', 'case_transferred'));
create index notifications_case_idx on notifications(case_id) where case_id is not null;

alter table request_events drop constraint request_events_action_check;
alter table request_events add constraint request_events_action_check check (action in ('send', 'accept', 'ask_info', 'answer_info', 'decline', 'forward', 'decide', 'start_help', 'report_back', 'end_help', 'close', 'answer_question', 'withdraw', 'case_transferred'));
`;
