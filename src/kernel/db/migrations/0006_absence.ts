/**
 * Absence (verzuim) per pupil per day, in categories that map to the Leerplichtwet, and the
 * imports they come from: a preview with per-row errors is stored first, then committed all or
 * nothing. Schools may identify pupils by their own pupil number (enrolments.pupil_number).
 */
export const absence = /* sql */ `
alter table enrolments add column pupil_number text;
create unique index enrolments_pupil_number_idx on enrolments(organisation_id, pupil_number) where pupil_number is not null and end_date is null;

create table absence_imports (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  organisation_id uuid not null references organisations(id),
  uploaded_by_person_id uuid references people(id),
  uploaded_at timestamptz not null default now(),
  file_name text not null,
  file_sha256 text not null,
  row_count integer not null,
  rows jsonb not null,
  errors jsonb not null,
  status text not null default 'preview' check (status in ('preview', 'committed')),
  committed_at timestamptz
);
create index absence_imports_org_idx on absence_imports(organisation_id, uploaded_at);

create table absence_records (
  id bigint generated always as identity primary key,
  region_id uuid not null references regions(id),
  child_id uuid not null references children(id),
  organisation_id uuid not null references organisations(id),
  day date not null,
  hours numeric(4, 2) not null check (hours > 0 and hours <= 12),
  reason text not null check (reason in ('ill', 'authorised', 'suspension', 'unauthorised', 'late', 'luxury', 'other')),
  source text not null check (source in ('manual', 'import', 'api')),
  import_id uuid references absence_imports(id),
  recorded_at timestamptz not null default now(),
  unique (child_id, organisation_id, day, reason)
);
create index absence_records_org_day_idx on absence_records(organisation_id, day);
`;
