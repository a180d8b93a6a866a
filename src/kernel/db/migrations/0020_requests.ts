/**
 * Issue 13, requests between organisations (docs/requests.md): a request from the organisation
 * that keeps a case to another organisation — a referral to the wijkteam or the gemeente's access
 * to youth care, a request to a youth care provider, to the SWV for an arrangement or a TLV, or a
 * question back to the school. The request's current state is on its row (with a version, like a
 * case); what happened is appended to request_events and never changed. The days it was sent,
 * accepted, decided and help started are kept as facts for the monitor's waiting times.
 *
 * The receiving organisation reads the child's data only through a valid consent of the case that
 * names it (the policy's ground request_receiver), checked on every read.
 */
export const requests = /* sql */ `
create table requests (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  child_id uuid not null references children(id),
  case_id uuid not null references cases(id),
  kind text not null check (kind in ('toegang', 'provider', 'swv_arrangement', 'tlv', 'question_to_school')),
  from_organisation_id uuid not null references organisations(id),
  from_person_id uuid not null references people(id),
  to_organisation_id uuid not null references organisations(id),
  -- Who holds it at the receiving organisation after it was forwarded or accepted (null: its inbox).
  holder_person_id uuid references people(id),
  status text not null check (status in ('sent', 'info_requested', 'accepted', 'declined', 'decided', 'help_started', 'closed', 'withdrawn')),
  question text not null check (length(question) between 1 and 4000),
  tried text check (length(tried) <= 4000),
  urgency text not null check (urgency in ('normal', 'urgent')),
  goal text not null check (length(goal) between 1 and 1000),
  back_to_school boolean not null default false,
  -- What the sender shares; the receiver sees of it what a valid consent of the case allows.
  data_kinds text[] not null check (cardinality(data_kinds) > 0),
  -- The current step's term, from the day the request entered its status.
  step_since date not null,
  step_due_on date,
  sent_on date not null,
  accepted_on date,
  decided_on date,
  decision text check (decision in ('granted', 'partly', 'refused')),
  help_started_on date,
  ended_on date,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  check (from_organisation_id <> to_organisation_id)
);
create index requests_to_idx on requests(to_organisation_id, status);
create index requests_from_idx on requests(from_organisation_id, status);
create index requests_case_idx on requests(case_id);
create index requests_child_idx on requests(child_id);

create table request_events (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references requests(id),
  at timestamptz not null default now(),
  on_date date not null,
  person_id uuid not null references people(id),
  organisation_id uuid not null references organisations(id),
  action text not null check (action in ('send', 'accept', 'ask_info', 'answer_info', 'decline', 'forward', 'decide', 'start_help', 'report_back', 'end_help', 'close', 'answer_question', 'withdraw')),
  from_status text,
  to_status text not null,
  text text check (length(text) <= 4000),
  -- The step's own facts: the colleague it went to, the decision and its period, how help goes.
  detail jsonb not null default '{}'::jsonb
);
create index request_events_request_idx on request_events(request_id, at);
create trigger request_events_no_change before update or delete on request_events
  for each row execute function forbid_history_change();
create trigger request_events_no_truncate before truncate on request_events
  for each statement execute function forbid_history_change();
`;
