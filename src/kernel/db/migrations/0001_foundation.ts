/**
 * The foundation: regions, the registry (gemeenten, organisations, people, children, guardians,
 * enrolments), accounts and sessions, and the append-only, hash-chained access log.
 * Every row of personal data carries its region (the tenant).
 */
export const foundation = /* sql */ `
create table regions (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null unique,
  created_at timestamptz not null default now()
);

create table gemeenten (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  cbs_code text not null check (cbs_code ~ '^GM[0-9]{4}$'),
  name text not null,
  holiday_region text not null check (holiday_region in ('noord', 'midden', 'zuid')),
  unique (region_id, cbs_code)
);

create table organisations (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  kind text not null check (kind in ('school_location', 'swv', 'gemeente', 'wijkteam', 'youth_care_provider', 'jgz', 'region_office')),
  name text not null,
  gemeente_id uuid references gemeenten(id),
  brin text check (brin ~ '^[0-9]{2}[A-Z]{2}$'),
  vestiging text check (vestiging ~ '^[0-9]{2}$'),
  school_type text check (school_type in ('po', 'so', 'sbo', 'vo', 'vso', 'mbo')),
  created_at timestamptz not null default now(),
  check ((kind = 'school_location') = (brin is not null and vestiging is not null and school_type is not null)),
  unique (brin, vestiging)
);
create index organisations_region_idx on organisations(region_id, kind);

create table people (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  given_name text not null,
  family_name text not null,
  email text,
  created_at timestamptz not null default now()
);

create table memberships (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people(id),
  organisation_id uuid not null references organisations(id),
  role text not null check (role in ('functional_admin', 'privacy_officer', 'teacher', 'mentor', 'intern_begeleider', 'care_coordinator',
    'school_leader', 'youth_care_worker', 'wijkteam_worker', 'swv_consultant', 'attendance_officer', 'policy_analyst')),
  created_at timestamptz not null default now(),
  ended_at timestamptz,
  unique (person_id, organisation_id, role)
);
create index memberships_org_idx on memberships(organisation_id);

create table children (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  given_name text not null,
  family_name text not null,
  birth_date date not null,
  bsn text check (bsn ~ '^[0-9]{9}$'),
  created_at timestamptz not null default now(),
  unique (region_id, bsn)
);
create index children_region_name_idx on children(region_id, family_name, given_name);

-- Residence history: appended rows; the residence on a date is the latest row valid from on or before it.
create table child_residences (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id),
  gemeente_id uuid not null references gemeenten(id),
  valid_from date not null,
  recorded_at timestamptz not null default now(),
  unique (child_id, valid_from)
);
create index child_residences_gemeente_idx on child_residences(gemeente_id, child_id);

create table guardians (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  given_name text not null,
  family_name text not null,
  email text,
  phone text,
  created_at timestamptz not null default now()
);

create table child_guardians (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id),
  guardian_id uuid not null references guardians(id),
  relation text not null check (relation in ('parent', 'foster_parent', 'guardian', 'other')),
  has_authority boolean not null,
  created_at timestamptz not null default now(),
  unique (child_id, guardian_id)
);
create index child_guardians_guardian_idx on child_guardians(guardian_id);

create table school_groups (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisations(id),
  name text not null,
  school_year text not null check (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
  unique (organisation_id, school_year, name)
);

create table group_staff (
  group_id uuid not null references school_groups(id),
  person_id uuid not null references people(id),
  role text not null check (role in ('teacher', 'mentor')),
  primary key (group_id, person_id, role)
);
create index group_staff_person_idx on group_staff(person_id);

create table enrolments (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id),
  organisation_id uuid not null references organisations(id),
  group_id uuid references school_groups(id),
  mentor_person_id uuid references people(id),
  start_date date not null,
  end_date date,
  created_at timestamptz not null default now(),
  check (end_date is null or end_date >= start_date)
);
create index enrolments_child_idx on enrolments(child_id);
create index enrolments_org_idx on enrolments(organisation_id, start_date);
create index enrolments_group_idx on enrolments(group_id);
create index enrolments_mentor_idx on enrolments(mentor_person_id);

create table accounts (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  username text not null unique,
  password_hash text not null,
  kind text not null check (kind in ('professional', 'guardian', 'youth')),
  person_id uuid references people(id),
  guardian_id uuid references guardians(id),
  child_id uuid references children(id),
  totp_secret text,
  totp_enabled boolean not null default false,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  check ((kind = 'professional') = (person_id is not null)),
  check ((kind = 'guardian') = (guardian_id is not null)),
  check ((kind = 'youth') = (child_id is not null))
);

create table sessions (
  id text primary key,
  account_id uuid not null references accounts(id),
  csrf_token text not null,
  membership_id uuid references memberships(id),
  totp_enrolment_pending boolean not null default false,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  ended_at timestamptz,
  ip text,
  user_agent text
);
create index sessions_account_idx on sessions(account_id);

create table login_failures (
  id bigint generated always as identity primary key,
  username text not null,
  address text not null,
  at timestamptz not null default now()
);
create index login_failures_address_idx on login_failures(address, at);
create index login_failures_at_idx on login_failures(at);

-- NEN 7513 access log. Append-only (triggers below) and hash-chained (see src/kernel/audit).
create table access_log (
  seq bigint primary key,
  occurred_at timestamptz not null,
  region_id uuid,
  event text not null,
  outcome text not null check (outcome in ('allowed', 'denied')),
  child_id uuid,
  account_id uuid,
  person_id uuid,
  organisation_id uuid,
  role text,
  ground text,
  consent_id uuid,
  ip text,
  detail jsonb not null default '{}',
  prev_hash text not null,
  hash text not null unique
);
create index access_log_child_idx on access_log(child_id, occurred_at);
create index access_log_account_idx on access_log(account_id, occurred_at);
create index access_log_region_time_idx on access_log(region_id, occurred_at);

create function forbid_history_change() returns trigger language plpgsql as $fn$
begin
  raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = '42501';
end
$fn$;
create trigger access_log_no_update before update or delete on access_log
  for each row execute function forbid_history_change();
create trigger access_log_no_truncate before truncate on access_log
  for each statement execute function forbid_history_change();
create trigger child_residences_no_change before update or delete on child_residences
  for each row execute function forbid_history_change();
`;
