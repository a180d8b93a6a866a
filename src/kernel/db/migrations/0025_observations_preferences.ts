/**
 * Issue 13, "the school's teacher on the team is asked for an observation of whether it works in
 * class" and "each person sets per kind: in the app only, or also by e-mail, or a daily digest".
 *
 * - request_observations: after a report back, each teacher of the school on the case's team is
 *   asked (with a term in school days); the answer itself is appended to the request's history
 *   (request_events, action `observation`), the ask only records when it was answered and by which
 *   entry.
 * - notifications get the other kinds the issue names: a signal decided (to its author), a request
 *   overdue (to both sides), a consent withdrawn (to who keeps the case and the organisations it
 *   named), an evaluation due (to the case manager), an observation asked (to the teacher).
 * - notification_preferences: per person and kind, how they hear of it: in the app only, also by
 *   e-mail at once (the default), or in one e-mail a day (the digest; mail_outbox.kind 'digest').
 */
export const observationsPreferences = /* sql */ `
create table request_observations (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  request_id uuid not null references requests(id),
  -- The report back that asked for it.
  report_event_id uuid not null references request_events(id),
  person_id uuid not null references people(id),
  -- The school the teacher is asked for (the case's school).
  organisation_id uuid not null references organisations(id),
  asked_on date not null,
  due_on date not null,
  answered_on date,
  -- The history entry that holds the answer (request_events, action observation).
  answer_event_id uuid references request_events(id),
  version integer not null default 1,
  check ((answered_on is null) = (answer_event_id is null)),
  unique (report_event_id, person_id)
);
create index request_observations_open_idx on request_observations(person_id, organisation_id, due_on) where answered_on is null;
create index request_observations_request_idx on request_observations(request_id);

alter table request_events drop constraint request_events_action_check;
alter table request_events add constraint request_events_action_check check (action in ('send', 'accept', 'ask_info', 'answer_info', 'decline', 'forward', 'decide', 'start_help', 'report_back', 'end_help', 'close', 'answer_question', 'withdraw', 'case_transferred', 'observation'));

alter table notifications add column observation_id uuid references request_observations(id);
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check check (kind in (
  'urgent_signal', 'request_received', 'request_update', 'case_handed_over', 'case_transferred',
  'observation_asked', 'signal_decided', 'request_overdue', 'consent_withdrawn', 'evaluation_due'));
-- A reminder (an overdue step, an evaluation due) is sent once per person, thing and day.
alter table notifications add column about_day date;
create unique index notifications_reminder_idx on notifications(person_id, kind, coalesce(request_id, case_id), about_day) where about_day is not null;

create table notification_preferences (
  person_id uuid not null references people(id),
  kind text not null check (kind in (
    'urgent_signal', 'request_received', 'request_update', 'case_handed_over', 'case_transferred',
    'observation_asked', 'signal_decided', 'request_overdue', 'consent_withdrawn', 'evaluation_due')),
  channel text not null check (channel in ('app', 'email', 'digest')),
  updated_at timestamptz not null default now(),
  primary key (person_id, kind)
);

-- The digest: a notification made while its person chose the digest for its kind waits for the
-- next one e-mail a day; each is in one digest, of one day.
alter table notifications add column by_digest boolean not null default false;
alter table notifications add column digested_on date;
create index notifications_digest_idx on notifications(person_id) where by_digest and digested_on is null;
`;
