/**
 * No lost update (issue 11): every shared record that is updated carries a version. An update
 * names the version it was based on (`… where id = $1 and version = $2`, setting version + 1); when
 * no row matches, someone else changed the record meanwhile and the writer gets 409 with the
 * current state. Appends (history, notes, evaluations, events) need none.
 *
 * regions holds four: the region itself (PATCH /region) and three settings screens that each save a
 * whole set of rows at once (general settings, the signal pick-up terms, early warning).
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
`;
