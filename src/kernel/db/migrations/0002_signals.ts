/**
 * Signals (zorgsignalen): a teacher's concern about a pupil, its triage by the school's care
 * coordinator, and the appended history of its status. Also the school calendar's free periods
 * (holidays per holiday region, a school location's own free days) that school-day deadlines
 * count with, and deadline rules as data.
 */
export const signals = /* sql */ `
create table school_free_periods (
  id uuid primary key default gen_random_uuid(),
  -- national holidays per holiday region, or a school location's own free days
  holiday_region text check (holiday_region in ('noord', 'midden', 'zuid')),
  organisation_id uuid references organisations(id),
  name text not null,
  start_date date not null,
  end_date date not null,
  check (end_date >= start_date),
  -- neither: a free day for every school (e.g. Koningsdag)
  check (holiday_region is null or organisation_id is null)
);
create index school_free_periods_dates_idx on school_free_periods(start_date, end_date);

-- Deadlines as data: a term in school days per subject, optionally per region and category.
-- The most specific rule wins: region+category, region, category, default.
create table deadline_rules (
  id uuid primary key default gen_random_uuid(),
  subject text not null check (subject in ('signal_pickup')),
  region_id uuid references regions(id),
  category text,
  school_days integer not null check (school_days between 1 and 60),
  unique nulls not distinct (subject, region_id, category)
);
insert into deadline_rules (subject, region_id, category, school_days) values ('signal_pickup', null, null, 5);

alter table organisations add column meldcode_contact_person_id uuid references people(id);

create table signals (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  child_id uuid not null references children(id),
  organisation_id uuid not null references organisations(id),
  author_person_id uuid not null references people(id),
  author_role text not null,
  category text not null check (category in ('learning', 'behaviour', 'social_emotional', 'home_situation', 'health', 'absence', 'safety')),
  urgency text not null check (urgency in ('normal', 'soon', 'urgent')),
  observation text not null check (length(observation) between 1 and 5000),
  parents_informed boolean not null,
  parents_not_informed_reason text,
  status text not null,
  raised_at timestamptz not null default now(),
  raised_on date not null,
  pickup_deadline date not null,
  pickup_school_days integer not null,
  triaged_at timestamptz,
  triaged_on date,
  triage_decision text,
  check (parents_informed or parents_not_informed_reason is not null)
);
create index signals_org_status_idx on signals(organisation_id, status, pickup_deadline);
create index signals_child_idx on signals(child_id);
create index signals_author_idx on signals(author_person_id, raised_at);

-- History of a signal: appended, never edited.
create table signal_events (
  id bigint generated always as identity primary key,
  signal_id uuid not null references signals(id),
  at timestamptz not null default now(),
  person_id uuid references people(id),
  role text,
  from_status text,
  to_status text not null,
  decision text,
  reason text
);
create index signal_events_signal_idx on signal_events(signal_id, id);
create trigger signal_events_no_change before update or delete on signal_events
  for each row execute function forbid_history_change();
`;
