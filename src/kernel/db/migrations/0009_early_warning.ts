/**
 * Early warning of chronic absence (issue 4; domain.md §3 "Chronic absence"): the settings a
 * region's functional administrator tunes. A row with region_id null holds the defaults for every
 * region; a region's own row overrides them.
 *
 * - early_warning_settings: the band thresholds in percent of lesson time (5, 10, 20 by default:
 *   under 5% on track, 5–10% attention, 10–20% chronic, 20% and more severely chronic).
 * - early_warning_lesson_hours: lesson hours per school day per school type, the denominator of the
 *   absence percentage (po/so/sbo 5.5 — 940 hours a year over about 170 days; vo/vso 6; mbo 5).
 */
export const earlyWarning = /* sql */ `
create table early_warning_settings (
  id uuid primary key default gen_random_uuid(),
  region_id uuid references regions(id),
  attention_threshold numeric(4, 1) not null,
  chronic_threshold numeric(4, 1) not null,
  severe_threshold numeric(4, 1) not null,
  updated_at timestamptz not null default now(),
  updated_by_person_id uuid references people(id),
  check (attention_threshold > 0 and attention_threshold < chronic_threshold and chronic_threshold < severe_threshold and severe_threshold <= 100),
  unique nulls not distinct (region_id)
);
insert into early_warning_settings (region_id, attention_threshold, chronic_threshold, severe_threshold) values (null, 5, 10, 20);

create table early_warning_lesson_hours (
  id uuid primary key default gen_random_uuid(),
  region_id uuid references regions(id),
  school_type text not null check (school_type in ('po', 'so', 'sbo', 'vo', 'vso', 'mbo')),
  hours_per_day numeric(4, 2) not null check (hours_per_day > 0 and hours_per_day <= 12),
  updated_at timestamptz not null default now(),
  updated_by_person_id uuid references people(id),
  unique nulls not distinct (region_id, school_type)
);
insert into early_warning_lesson_hours (region_id, school_type, hours_per_day) values
  (null, 'po', 5.5), (null, 'so', 5.5), (null, 'sbo', 5.5), (null, 'vo', 6), (null, 'vso', 6), (null, 'mbo', 5);
`;
