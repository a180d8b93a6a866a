/**
 * Onboarding a region (issue 5): the set-up wizard, the imports from the schools' own
 * administration, and invitations.
 *
 * - gemeenten.province: from the shipped list of Dutch gemeenten (kernel/reference/gemeenten-nl.ts).
 * - gemeente_postcodes: which 4-digit postcodes (PC4) lie in which gemeente of the region, so a pupil
 *   import can find the gemeente of residence from a postcode.
 * - organisations.board_name: the school board (bevoegd gezag) of a school location.
 * - region_setup_steps: the steps of the set-up wizard the functional administrator marked done,
 *   so the wizard can be left and resumed.
 * - region_settings: the settings other capabilities use (suppression threshold, norms, retention
 *   terms, invitation validity). A missing row means the default (kernel/settings).
 * - children.onderwijsnummer: the number a school uses when a pupil has no BSN (starts with 10).
 * - enrolments.school_level: the level or year as the school's administration names it (groep 5,
 *   havo 3, vmbo-t 2, ...).
 * - registry_imports: the preview of a staff, pupil or guardian import until it is committed, all
 *   or nothing (like absence_imports); rows holds the planned changes, matches the transfer matches
 *   (name + birth date) a person must review, leavers the probable leavers of a full export.
 * - leaver_candidates: pupils (enrolments) or staff (memberships) missing from a full export. They
 *   end only after the administrator confirms the date; until then nothing changes.
 * - accounts.password_hash may be null: an invited account has no password until the invitation is
 *   accepted. Such an account cannot sign in.
 * - invitations: a link to set a password and a second factor. Only the SHA-256 of the token is
 *   stored; a link works once and expires.
 * - mail_outbox: every e-mail Samenspel sends is written here first (in the same transaction as its
 *   cause), then delivered; in demo mode the outbox page shows them instead.
 */
export const onboarding = /* sql */ `
alter table gemeenten add column province text;

create table gemeente_postcodes (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  gemeente_id uuid not null references gemeenten(id),
  pc4_from integer not null check (pc4_from between 1000 and 9999),
  pc4_to integer not null check (pc4_to between 1000 and 9999),
  created_at timestamptz not null default now(),
  check (pc4_to >= pc4_from)
);
create index gemeente_postcodes_region_idx on gemeente_postcodes(region_id, pc4_from);

alter table organisations add column board_name text;

create table region_setup_steps (
  region_id uuid not null references regions(id),
  step text not null check (step in ('region', 'gemeenten', 'schools', 'partners', 'settings', 'staff', 'pupils')),
  completed_at timestamptz not null default now(),
  completed_by_person_id uuid references people(id),
  primary key (region_id, step)
);

create table region_settings (
  region_id uuid not null references regions(id),
  key text not null,
  value jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by_person_id uuid references people(id),
  primary key (region_id, key)
);

alter table children add column onderwijsnummer text check (onderwijsnummer ~ '^10[0-9]{7}$');
create unique index children_onderwijsnummer_idx on children(region_id, onderwijsnummer) where onderwijsnummer is not null;
create index children_birth_date_idx on children(region_id, birth_date);

alter table enrolments add column school_level text;

create table registry_imports (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  organisation_id uuid not null references organisations(id),
  kind text not null check (kind in ('staff', 'pupils', 'guardians')),
  uploaded_by_person_id uuid references people(id),
  uploaded_at timestamptz not null default now(),
  file_name text not null,
  file_sha256 text not null,
  file_type text,
  format text,
  full_export boolean not null default false,
  row_count integer not null,
  rows jsonb not null,
  errors jsonb not null,
  matches jsonb not null default '[]',
  leavers jsonb not null default '[]',
  summary jsonb not null default '{}',
  status text not null default 'preview' check (status in ('preview', 'committed', 'discarded')),
  committed_at timestamptz,
  committed_by_person_id uuid references people(id)
);
create index registry_imports_org_idx on registry_imports(organisation_id, kind, uploaded_at);

create table leaver_candidates (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  organisation_id uuid not null references organisations(id),
  import_id uuid not null references registry_imports(id),
  kind text not null check (kind in ('pupil', 'staff')),
  enrolment_id uuid references enrolments(id),
  person_id uuid references people(id),
  status text not null default 'open' check (status in ('open', 'confirmed', 'dismissed')),
  end_date date,
  decided_at timestamptz,
  decided_by_person_id uuid references people(id),
  created_at timestamptz not null default now(),
  check ((kind = 'pupil') = (enrolment_id is not null)),
  check ((kind = 'staff') = (person_id is not null)),
  check ((status = 'confirmed') = (end_date is not null))
);
create unique index leaver_candidates_open_enrolment_idx on leaver_candidates(enrolment_id) where status = 'open';
create unique index leaver_candidates_open_person_idx on leaver_candidates(organisation_id, person_id) where status = 'open';
create index leaver_candidates_org_idx on leaver_candidates(organisation_id, status);

alter table accounts alter column password_hash drop not null;

create table invitations (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  account_id uuid not null references accounts(id),
  token_sha256 text not null unique,
  email text not null,
  created_at timestamptz not null default now(),
  created_by_person_id uuid references people(id),
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz
);
create index invitations_account_idx on invitations(account_id, created_at);

create table mail_outbox (
  id uuid primary key default gen_random_uuid(),
  region_id uuid references regions(id),
  kind text not null,
  to_address text not null,
  subject text not null,
  body_text text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  attempts integer not null default 0,
  -- A node that takes a message for delivery sets this; others leave it alone for 5 minutes.
  claimed_at timestamptz,
  last_error text
);
create index mail_outbox_pending_idx on mail_outbox(created_at) where sent_at is null;
create index mail_outbox_region_idx on mail_outbox(region_id, created_at);
`;
