/**
 * Issue 12, plans and signals.
 *
 * - GAS: a mistaken evaluation is corrected by an appended row that points to the one it corrects,
 *   with the reason (who: its rated_by columns). The original is never edited (the append-only
 *   trigger of 0004 stays); one correction per evaluation (a correction may itself be corrected).
 * - Urgent signals (urgency 'urgent', and every safety signal) get their own pick-up term as data:
 *   the deadline rule 'signal_pickup_urgent', by default 0 school days (the same school day).
 * - Notifications in the app (owned by the signals module for now): one row per person and
 *   school, read or not.
 */
export const urgentSignalsGas = `
alter table goal_evaluations add column corrects_evaluation_id uuid references goal_evaluations(id);
alter table goal_evaluations add column correction_reason text;
alter table goal_evaluations add constraint goal_evaluations_correction_check
  check ((corrects_evaluation_id is null and correction_reason is null)
      or (corrects_evaluation_id is not null and length(correction_reason) between 1 and 1000));
create unique index goal_evaluations_corrects_idx on goal_evaluations(corrects_evaluation_id) where corrects_evaluation_id is not null;

alter table deadline_rules drop constraint deadline_rules_subject_check;
alter table deadline_rules add constraint deadline_rules_subject_check check (subject in ('signal_pickup', 'signal_pickup_urgent'));
alter table deadline_rules drop constraint deadline_rules_school_days_check;
alter table deadline_rules add constraint deadline_rules_school_days_check
  check (school_days between 0 and 60 and (school_days >= 1 or subject = 'signal_pickup_urgent'));
insert into deadline_rules (subject, region_id, category, school_days) values ('signal_pickup_urgent', null, null, 0);

create table notifications (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  person_id uuid not null references people(id),
  organisation_id uuid not null references organisations(id),
  kind text not null check (kind in ('urgent_signal')),
  signal_id uuid references signals(id),
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_person_idx on notifications(person_id, organisation_id, created_at);
`;
