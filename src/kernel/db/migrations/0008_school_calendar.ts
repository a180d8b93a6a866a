import { shippedRows, type ShippedRow } from '../../calendar/holidays-nl.ts';

/**
 * The school calendar (domain.md §3): the official holidays per school year and holiday region,
 * the national free days, and each school location's own free days (studiedagen), all in
 * school_free_periods (from 0002), which gets:
 * - kind: 'vacation' (a Rijksoverheid vacation), 'national_free_day' (for every school) or
 *   'school_free_day' (one school location's own day);
 * - school_year and vacation_type for the official rows: one row per school year, vacation type
 *   and region (region null = "heel Nederland"), which keeps the import idempotent;
 * - origin: 'shipped' (this migration), 'rijksoverheid_import' or 'school';
 * - verified/note: a shipped date no unambiguous source confirmed is marked as such;
 * - who added a school's free day and when.
 * holiday_imports holds the preview of an import of the Rijksoverheid open-data JSON until it is
 * committed (all or nothing), like absence_imports.
 *
 * The shipped dates (kernel/calendar/holidays-nl.ts) are inserted here, so that every
 * installation has them, not only the demo. A later correction of a shipped date comes with its
 * own migration, or through the import.
 */

const literal = (v: string | null) => {
  if (v === null) return 'null';
  // The migration runner splits scripts on ';' and strips '--' comments outside $$ bodies.
  if (v.includes(';') || v.includes('--')) throw new Error(`shipped calendar text may not contain ';' or '--': ${v}`);
  return `'${v.replace(/'/g, "''")}'`;
};

const values = (r: ShippedRow) =>
  `(${[
    literal(r.holidayRegion),
    literal(r.name),
    `date ${literal(r.start)}`,
    `date ${literal(r.end)}`,
    literal(r.kind),
    literal(r.schoolYear),
    literal(r.vacationType),
    `'shipped'`,
    r.verified ? 'true' : 'false',
    literal(r.note),
  ].join(', ')})`;

export const schoolCalendar = /* sql */ `
alter table school_free_periods add column kind text;
update school_free_periods set kind = case
  when organisation_id is not null then 'school_free_day'
  when holiday_region is not null then 'vacation'
  else 'national_free_day' end;
alter table school_free_periods alter column kind set not null;
-- Callers from before 0008 insert without a kind: derive it from the scope, as above.
create function school_free_periods_default_kind() returns trigger language plpgsql as $$
begin
  if new.kind is null then
    new.kind := case when new.organisation_id is not null then 'school_free_day'
                     when new.holiday_region is not null then 'vacation'
                     else 'national_free_day' end;
  end if;
  return new;
end $$;
create trigger school_free_periods_default_kind before insert on school_free_periods
  for each row execute function school_free_periods_default_kind();
alter table school_free_periods add constraint school_free_periods_kind_check
  check (kind in ('vacation', 'national_free_day', 'school_free_day'));
alter table school_free_periods add constraint school_free_periods_kind_scope_check
  check ((kind = 'school_free_day') = (organisation_id is not null));
alter table school_free_periods add column school_year text check (school_year ~ '^[0-9]{4}-[0-9]{4}$');
alter table school_free_periods add column vacation_type text
  check (vacation_type in ('herfstvakantie', 'kerstvakantie', 'voorjaarsvakantie', 'meivakantie', 'zomervakantie'));
alter table school_free_periods add constraint school_free_periods_official_type_check
  check ((kind = 'vacation') = (vacation_type is not null) or school_year is null);
alter table school_free_periods add column origin text not null default 'school'
  check (origin in ('shipped', 'rijksoverheid_import', 'school'));
alter table school_free_periods add column verified boolean not null default true;
alter table school_free_periods add column note text;
alter table school_free_periods add column created_by_person_id uuid references people(id);
alter table school_free_periods add column created_at timestamptz not null default now();
alter table school_free_periods add column updated_at timestamptz;

-- One official row per school year, vacation type (or free day) and region; region null = heel Nederland.
create unique index school_free_periods_official_idx on school_free_periods
  (school_year, kind, coalesce(vacation_type, name), coalesce(holiday_region, ''))
  where organisation_id is null and school_year is not null;
create index school_free_periods_org_idx on school_free_periods(organisation_id, start_date) where organisation_id is not null;

create table holiday_imports (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  uploaded_by_person_id uuid references people(id),
  uploaded_at timestamptz not null default now(),
  file_name text not null,
  file_sha256 text not null,
  school_years jsonb not null,
  periods jsonb not null,
  errors jsonb not null,
  status text not null default 'preview' check (status in ('preview', 'committed')),
  committed_at timestamptz,
  result jsonb
);
create index holiday_imports_region_idx on holiday_imports(region_id, uploaded_at);

insert into school_free_periods (holiday_region, name, start_date, end_date, kind, school_year, vacation_type, origin, verified, note) values
${shippedRows().map(values).join(',\n')};
`;
