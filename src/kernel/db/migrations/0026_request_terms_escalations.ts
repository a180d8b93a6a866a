/**
 * Issue 13, "every step has a deadline held as data (configurable per region and kind, in working
 * days or school days as fits) … the region can escalate" (docs/requests.md, "Termijnen per regio"
 * and "Escalatie door de regio").
 *
 * - request_terms: the region's own term of a kind's waiting status, where it differs from the
 *   installation's default (DEFAULT_REQUEST_TERMS in src/modules/requests/request-terms.ts). No row:
 *   the default. A changed term applies to steps that start after the change; the due days already
 *   set stay (requests.step_due_on is computed once, when the step starts).
 * - request_terms_versions: the version of the region's terms screen (one per region, 1 until the
 *   first change), for the optimistic lock of PUT /settings/request-terms: a change names the version
 *   it was based on, a stale one is refused with 409.
 * - request_escalations: the region (policy analyst, SWV consultant, functional administrator) asks
 *   a receiving organisation to take up its requests of one kind that are past their term. Counts
 *   only, never a request or a child: how many were overdue at that moment, the note, who and when.
 *   Appended, never changed (forbid_history_change, like request_events).
 * - notifications get the kind request_escalated (the organisation's workers are told; the e-mail
 *   says how many, nothing about a child).
 */
export const requestTermsEscalations = /* sql */ `
create table request_terms (
  region_id uuid not null references regions(id),
  kind text not null check (kind in ('toegang', 'provider', 'swv_arrangement', 'tlv', 'question_to_school')),
  status text not null check (status in ('sent', 'info_requested', 'accepted', 'decided', 'help_started')),
  days integer not null check (days between 1 and 120),
  unit text not null check (unit in ('working', 'school')),
  updated_by_person_id uuid references people(id),
  updated_at timestamptz not null default now(),
  primary key (region_id, kind, status)
);

create table request_terms_versions (
  region_id uuid primary key references regions(id),
  version integer not null default 1 check (version >= 1)
);

create table request_escalations (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  -- The receiving organisation asked to take its overdue requests up.
  organisation_id uuid not null references organisations(id),
  kind text not null check (kind in ('toegang', 'provider', 'swv_arrangement', 'tlv', 'question_to_school')),
  -- How many of its requests of this kind had a step past its term at that moment.
  overdue_count integer not null check (overdue_count > 0),
  note text not null check (length(note) between 1 and 1000),
  person_id uuid not null references people(id),
  -- The organisation the escalating professional acted for.
  by_organisation_id uuid not null references organisations(id),
  at timestamptz not null default now(),
  on_date date not null
);
create index request_escalations_organisation_idx on request_escalations(region_id, organisation_id, at desc);
create trigger request_escalations_no_change before update or delete on request_escalations
  for each row execute function forbid_history_change();
create trigger request_escalations_no_truncate before truncate on request_escalations
  for each statement execute function forbid_history_change();

-- The aggregate of the escalation table reads the open requests per receiver and kind.
create index requests_escalation_idx on requests(region_id, to_organisation_id, kind) where status in ('sent', 'info_requested', 'accepted', 'decided', 'help_started');

alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check check (kind in (
  'urgent_signal', 'request_received', 'request_update', 'case_handed_over', 'case_transferred',
  'observation_asked', 'signal_decided', 'request_overdue', 'consent_withdrawn', 'evaluation_due',
  'request_escalated'));
alter table notification_preferences drop constraint notification_preferences_kind_check;
alter table notification_preferences add constraint notification_preferences_kind_check check (kind in (
  'urgent_signal', 'request_received', 'request_update', 'case_handed_over', 'case_transferred',
  'observation_asked', 'signal_decided', 'request_overdue', 'consent_withdrawn', 'evaluation_due',
  'request_escalated'));
`;
