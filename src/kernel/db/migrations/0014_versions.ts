/**
 * No lost update (issue 11): every shared record that is updated carries a version. An update
 * names the version it was based on (`… where id = $1 and version = $2`, setting version + 1); when
 * no row matches, someone else changed the record meanwhile and the writer gets 409 with the
 * current state. Appends (history, notes, evaluations, events) need none.
 *
 * regions holds four: the region itself (PATCH /region) and three settings screens that each save a
 * whole set of rows at once (general settings, the signal pick-up terms, early warning).
 *
 * absence_reports and thuiszitters are append-only (their state is their events): their triggers
 * now let exactly one change through — the version going up by one with nothing else changed — so
 * that two decisions on the same report, or two events on the same entry, based on the same state
 * cannot both be recorded. Deleting, and changing anything else, is still refused.
 */
export const versions = /* sql */ `
alter table cases add column version integer not null default 1;
alter table plans add column version integer not null default 1;
alter table signals add column version integer not null default 1;
alter table absence_reports add column version integer not null default 1;
alter table thuiszitters add column version integer not null default 1;
alter table organisations add column version integer not null default 1;
alter table people add column version integer not null default 1;
alter table children add column version integer not null default 1;
alter table enrolments add column version integer not null default 1;
alter table regions add column version integer not null default 1;
alter table regions add column settings_version integer not null default 1;
alter table regions add column signal_terms_version integer not null default 1;
alter table regions add column early_warning_version integer not null default 1;

create function forbid_history_change_but_version() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'UPDATE' and (to_jsonb(new) - 'version') = (to_jsonb(old) - 'version') and new.version = old.version + 1 then
    return new;
  end if;
  raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = '42501';
end
$fn$;
drop trigger absence_reports_no_change on absence_reports;
create trigger absence_reports_no_change before update or delete on absence_reports
  for each row execute function forbid_history_change_but_version();
drop trigger thuiszitters_no_change on thuiszitters;
create trigger thuiszitters_no_change before update or delete on thuiszitters
  for each row execute function forbid_history_change_but_version();
`;
