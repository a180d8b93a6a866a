/**
 * Cases (casussen) with the team around the child, and consents (toestemming) that cover every
 * share of a child's data outside the organisation that holds it. Consents are never edited:
 * a withdrawal is an appended row. Emergency access (Meldcode route) is recorded with its reason.
 */
export const cases = /* sql */ `
create table cases (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  child_id uuid not null references children(id),
  organisation_id uuid not null references organisations(id),
  opened_from_signal_id uuid references signals(id),
  case_manager_person_id uuid not null references people(id),
  case_manager_organisation_id uuid not null references organisations(id),
  title text not null check (length(title) between 1 and 200),
  safety_route boolean not null default false,
  status text not null default 'open' check (status in ('open', 'closed')),
  opened_at timestamptz not null default now(),
  opened_on date not null,
  next_evaluation_on date not null,
  closed_at timestamptz
);
create index cases_child_idx on cases(child_id);
create index cases_org_idx on cases(organisation_id, status);
create unique index cases_signal_idx on cases(opened_from_signal_id) where opened_from_signal_id is not null;

create table case_members (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  person_id uuid not null references people(id),
  organisation_id uuid not null references organisations(id),
  role text not null,
  added_at timestamptz not null default now(),
  removed_at timestamptz
);
create unique index case_members_active_idx on case_members(case_id, person_id) where removed_at is null;
create index case_members_person_idx on case_members(person_id) where removed_at is null;

create table case_events (
  id bigint generated always as identity primary key,
  case_id uuid not null references cases(id),
  at timestamptz not null default now(),
  person_id uuid references people(id),
  organisation_id uuid references organisations(id),
  event text not null,
  detail jsonb not null default '{}'
);
create index case_events_case_idx on case_events(case_id, id);
create trigger case_events_no_change before update or delete on case_events
  for each row execute function forbid_history_change();

create table consents (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  child_id uuid not null references children(id),
  case_id uuid references cases(id),
  purpose text not null check (length(purpose) between 1 and 1000),
  data_kinds text[] not null check (cardinality(data_kinds) > 0),
  method text not null check (method in ('written', 'verbal', 'portal')),
  given_on date not null,
  valid_until date not null,
  -- the age rule applied when it was recorded: guardians (<12), child_and_guardians (12–15), child (16+)
  age_rule text not null check (age_rule in ('guardians', 'child_and_guardians', 'child')),
  recorded_by_person_id uuid references people(id),
  recorded_at timestamptz not null default now(),
  check (valid_until >= given_on)
);
create index consents_child_idx on consents(child_id);
create trigger consents_no_change before update or delete on consents
  for each row execute function forbid_history_change();

create table consent_recipients (
  consent_id uuid not null references consents(id),
  organisation_id uuid not null references organisations(id),
  primary key (consent_id, organisation_id)
);
create index consent_recipients_org_idx on consent_recipients(organisation_id);

create table consent_givers (
  id uuid primary key default gen_random_uuid(),
  consent_id uuid not null references consents(id),
  guardian_id uuid references guardians(id),
  child_self boolean not null default false,
  check ((guardian_id is not null) <> child_self)
);
create index consent_givers_consent_idx on consent_givers(consent_id);

create table consent_withdrawals (
  consent_id uuid primary key references consents(id),
  withdrawn_at timestamptz not null default now(),
  withdrawn_on date not null,
  recorded_by_person_id uuid references people(id),
  by_guardian_id uuid references guardians(id),
  by_child boolean not null default false,
  reason text
);

create table emergency_accesses (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  person_id uuid not null references people(id),
  organisation_id uuid not null references organisations(id),
  reason text not null check (length(reason) >= 10),
  granted_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index emergency_accesses_person_idx on emergency_accesses(person_id, expires_at);
`;
