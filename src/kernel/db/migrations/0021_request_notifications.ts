/**
 * Issue 13: notifications in the app about requests between organisations — one received by the
 * organisation, and a step taken by the other side (a question, an answer, a decision, a report
 * back). Like the urgent signal's, they hold no child data: only which request, for the person
 * at the organisation acted for.
 */
export const requestNotifications = /* sql */ `
alter table notifications add column request_id uuid references requests(id);
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check check (kind in ('urgent_signal', 'request_received', 'request_update'));
create index notifications_request_idx on notifications(request_id) where request_id is not null;
`;
