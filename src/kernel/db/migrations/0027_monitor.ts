/**
 * Issue 14, the regional monitor (docs/monitor.md).
 *
 * - monitor_facts: the pre-aggregated counts the dashboard sums over any filter: per region,
 *   indicator, completed month, measure, detail, bucket (a distribution's value, −1 for a plain
 *   count), gemeente of residence and organisation. Never a child: each row is a count. Computed
 *   from the source tables by each indicator's owning module (kernel/disclosure/facts.ts) and
 *   replaced month by month by the refresh (modules/monitor/refresh-monitor.ts); derived data, so
 *   it is deleted and inserted, not appended.
 * - monitor_refreshes: per region, when the facts were last brought up to date (the watermark the
 *   next incremental refresh starts from), which months it recomputed and how long it took.
 * - monitor_national_facts: for a national deployment (docs/operations.md, "Landelijke optelling"):
 *   the facts of every region's database, keyed by codes that mean the same everywhere (the region's
 *   slug, the gemeente's CBS code, the school type), loaded from each region's export
 *   (`samenspel monitor-facts export` / `import`). A region's load replaces its rows.
 * - monitor_national_areas: the regions loaded and their gemeenten (every gemeente of a region's
 *   export, also one without facts), so that a national breakdown lists all of them without
 *   reading the facts.
 */
export const monitor = /* sql */ `
create table monitor_facts (
  region_id uuid not null references regions(id),
  indicator text not null,
  month date not null check (extract(day from month) = 1),
  measure text not null,
  detail text not null default '',
  bucket integer not null default -1,
  gemeente_id uuid references gemeenten(id),
  organisation_id uuid references organisations(id),
  value integer not null check (value >= 0)
);
create index monitor_facts_read on monitor_facts (region_id, indicator, month);

create table monitor_refreshes (
  region_id uuid primary key references regions(id),
  refreshed_at timestamptz not null,
  from_month date,
  to_month date,
  months integer not null default 0,
  facts integer not null default 0,
  duration_ms integer not null default 0,
  full_rebuild boolean not null default false
);

create table monitor_national_facts (
  region_code text not null,
  indicator text not null,
  month date not null check (extract(day from month) = 1),
  measure text not null,
  detail text not null default '',
  bucket integer not null default -1,
  gemeente_code text,
  school_type text,
  value integer not null check (value >= 0)
);
create index monitor_national_facts_read on monitor_national_facts (indicator, month);
create index monitor_national_facts_region on monitor_national_facts (region_code);

create table monitor_national_areas (
  region_code text not null,
  gemeente_code text not null,
  primary key (region_code, gemeente_code)
);
`;
