/**
 * The thuiszitter register (domain.md §4): every child of compulsory school age out of school,
 * until they have a fitting place. Everything is appended, nothing is changed or removed:
 *
 * - thuiszitters: one register entry — the child, the first day at home (start_date), and the
 *   legal absence report (LRV) it was confirmed from, if any.
 * - thuiszitter_events: what happened to an entry, each with the date it took effect — its category
 *   (with the school location the child was enrolled at), the responsible professional, the offer
 *   (education and/or care, hours per week, fitting or not) and the end with its reason. The state
 *   on a date is the latest event of each kind effective on or before that date.
 * - thuiszitter_candidate_decisions: a person's decision on a candidate found in the absence data
 *   (an LRV report) or in the registry (not enrolled): confirmed into the register, or rejected with
 *   a reason. A decided candidate leaves the candidate list; the decision stays.
 */
export const thuiszitters = /* sql */ `
create table thuiszitters (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  child_id uuid not null references children(id),
  start_date date not null,
  absence_report_id uuid references absence_reports(id),
  registered_by_person_id uuid references people(id),
  registered_by_organisation_id uuid references organisations(id),
  created_at timestamptz not null default now()
);
create index thuiszitters_region_idx on thuiszitters(region_id, start_date);
create index thuiszitters_child_idx on thuiszitters(child_id);
create unique index thuiszitters_report_idx on thuiszitters(absence_report_id) where absence_report_id is not null;
create trigger thuiszitters_no_change before update or delete on thuiszitters
  for each row execute function forbid_history_change();

create table thuiszitter_events (
  id bigint generated always as identity primary key,
  thuiszitter_id uuid not null references thuiszitters(id),
  kind text not null check (kind in ('category', 'responsible', 'offer', 'end')),
  effective_on date not null,
  category text check (category in ('lrv', 'absoluut', '5a', '5b', '5c', 'art15')),
  school_location_id uuid references organisations(id),
  responsible_person_id uuid references people(id),
  offer text check (offer in ('none', 'education_partial', 'education_full', 'care', 'education_care')),
  offer_hours numeric(4, 1) check (offer_hours is null or (offer_hours > 0 and offer_hours <= 40)),
  offer_fitting boolean,
  end_reason text check (end_reason in ('back_to_school', 'fitting_offer', 'moved_away', 'exemption_ended', 'no_longer_compulsory', 'other')),
  note text check (note is null or length(note) <= 2000),
  person_id uuid references people(id),
  organisation_id uuid references organisations(id),
  recorded_at timestamptz not null default now(),
  check (kind <> 'category' or category is not null),
  check (kind <> 'responsible' or responsible_person_id is not null),
  check (kind <> 'offer' or (offer is not null and offer_fitting is not null)),
  check (kind <> 'offer' or offer <> 'none' or (offer_fitting = false and offer_hours is null)),
  check (kind <> 'offer' or offer <> 'education_partial' or offer_hours is not null),
  check (kind <> 'end' or end_reason is not null),
  check (kind <> 'end' or end_reason <> 'other' or note is not null)
);
create index thuiszitter_events_entry_idx on thuiszitter_events(thuiszitter_id, kind, effective_on, id);
create index thuiszitter_events_school_idx on thuiszitter_events(school_location_id) where school_location_id is not null;
-- An entry ends once.
create unique index thuiszitter_events_one_end_idx on thuiszitter_events(thuiszitter_id) where kind = 'end';
create trigger thuiszitter_events_no_change before update or delete on thuiszitter_events
  for each row execute function forbid_history_change();

create table thuiszitter_candidate_decisions (
  id bigint generated always as identity primary key,
  region_id uuid not null references regions(id),
  child_id uuid not null references children(id),
  kind text not null check (kind in ('lrv', 'absoluut')),
  absence_report_id uuid references absence_reports(id),
  -- For 'absoluut': the period of not being enrolled that was judged (the day after the last
  -- enrolment ended; null when the child was never enrolled).
  not_enrolled_since date,
  decision text not null check (decision in ('confirmed', 'rejected')),
  reason text check (reason is null or length(reason) <= 2000),
  thuiszitter_id uuid references thuiszitters(id),
  person_id uuid references people(id),
  organisation_id uuid references organisations(id),
  decided_at timestamptz not null default now(),
  check ((kind = 'lrv') = (absence_report_id is not null)),
  check (decision <> 'rejected' or reason is not null),
  check (decision <> 'confirmed' or thuiszitter_id is not null)
);
create unique index thuiszitter_candidate_decisions_report_idx on thuiszitter_candidate_decisions(absence_report_id) where absence_report_id is not null;
create index thuiszitter_candidate_decisions_child_idx on thuiszitter_candidate_decisions(child_id, kind);
create trigger thuiszitter_candidate_decisions_no_change before update or delete on thuiszitter_candidate_decisions
  for each row execute function forbid_history_change();
`;
