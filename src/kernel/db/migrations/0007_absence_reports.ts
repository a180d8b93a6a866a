/**
 * The legal absence reports (verzuimmeldingen, Leerplichtwet art. 21/21a; domain.md §3).
 *
 * - absence_reports: what the rules found in the absence records (16-uur, lrv, luxe) or what the
 *   school reported by hand (overig). A row is a fact, "this report became due on due_on"; it is
 *   never changed. What happened to it is appended as events.
 * - absence_report_events: the school's side — reported to DUO (date, reference), dismissed (with
 *   a reason), reopened, or withdrawn because corrected absence no longer yields it.
 * - absence_report_followups: the attendance officer's side — their own status and notes, visible
 *   only inside their organisation.
 * - children.startkwalificatie_on: a startkwalificatie ends kwalificatieplicht, so no reports after.
 */
export const absenceReports = /* sql */ `
alter table children add column startkwalificatie_on date;

create table absence_reports (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  child_id uuid not null references children(id),
  organisation_id uuid not null references organisations(id),
  type text not null check (type in ('16-uur', 'lrv', 'luxe', 'overig')),
  start_date date not null,
  end_date date not null,
  hours numeric(7, 2) not null default 0,
  due_on date not null,
  deadline date not null,
  origin text not null check (origin in ('rule', 'manual')),
  explanation text,
  created_by_person_id uuid references people(id),
  detected_at timestamptz not null default now(),
  check (end_date >= start_date),
  check (deadline >= due_on)
);
create unique index absence_reports_key_idx on absence_reports(child_id, organisation_id, type, start_date, end_date);
create index absence_reports_org_due_idx on absence_reports(organisation_id, due_on);
create index absence_reports_region_due_idx on absence_reports(region_id, due_on);
create trigger absence_reports_no_change before update or delete on absence_reports
  for each row execute function forbid_history_change();

create table absence_report_events (
  id bigint generated always as identity primary key,
  report_id uuid not null references absence_reports(id),
  kind text not null check (kind in ('reported', 'dismissed', 'reopened', 'withdrawn')),
  occurred_on date not null,
  reference text,
  reason text,
  person_id uuid references people(id),
  recorded_at timestamptz not null default now(),
  check (kind <> 'reported' or reference is not null),
  check (kind <> 'dismissed' or reason is not null)
);
create index absence_report_events_report_idx on absence_report_events(report_id, id);
create trigger absence_report_events_no_change before update or delete on absence_report_events
  for each row execute function forbid_history_change();

create table absence_report_followups (
  id bigint generated always as identity primary key,
  report_id uuid not null references absence_reports(id),
  organisation_id uuid not null references organisations(id),
  status text check (status in ('received', 'talk', 'warning', 'official_report', 'closed')),
  note text,
  person_id uuid references people(id),
  recorded_at timestamptz not null default now(),
  check (status is not null or note is not null)
);
create index absence_report_followups_report_idx on absence_report_followups(report_id, organisation_id, id);
create trigger absence_report_followups_no_change before update or delete on absence_report_followups
  for each row execute function forbid_history_change();
`;
