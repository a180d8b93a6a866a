/**
 * Issue 14, the national roll-up's target (docs/operations.md, "Landelijke optelling"). The national
 * facts summed on load, so that a national view reads as few rows as its breakdown needs:
 *
 * - monitor_national_by_gemeente: summed over the school type, per region, gemeente, month,
 *   measure, detail and bucket (a quarter of the rows of monitor_national_facts); read by the views
 *   by gemeente and those of one gemeente.
 * - monitor_national_by_region: summed over the gemeenten as well, per region; read by the views by
 *   region and by month and the national total.
 *
 * Only the view by school type reads monitor_national_facts itself. A region's load (national.ts
 * `importRegionFacts`) replaces its rows of all three tables in one transaction; this migration
 * fills the two from the facts loaded before they existed.
 */
export const monitorNationalRollup = /* sql */ `
create table monitor_national_by_gemeente (
  region_code text not null,
  indicator text not null,
  month date not null check (extract(day from month) = 1),
  measure text not null,
  detail text not null default '',
  bucket integer not null default -1,
  gemeente_code text,
  value integer not null check (value >= 0)
);
create index monitor_national_by_gemeente_read on monitor_national_by_gemeente (indicator, month);
create index monitor_national_by_gemeente_region on monitor_national_by_gemeente (region_code);

create table monitor_national_by_region (
  region_code text not null,
  indicator text not null,
  month date not null check (extract(day from month) = 1),
  measure text not null,
  detail text not null default '',
  bucket integer not null default -1,
  value integer not null check (value >= 0)
);
create index monitor_national_by_region_read on monitor_national_by_region (indicator, month);
create index monitor_national_by_region_region on monitor_national_by_region (region_code);

insert into monitor_national_by_gemeente (region_code, indicator, month, measure, detail, bucket, gemeente_code, value)
select region_code, indicator, month, measure, detail, bucket, gemeente_code, sum(value)::int
from monitor_national_facts
group by region_code, indicator, month, measure, detail, bucket, gemeente_code;

insert into monitor_national_by_region (region_code, indicator, month, measure, detail, bucket, value)
select region_code, indicator, month, measure, detail, bucket, sum(value)::int
from monitor_national_facts
group by region_code, indicator, month, measure, detail, bucket;
`;
