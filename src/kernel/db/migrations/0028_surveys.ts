/**
 * Issue 14, "Satisfaction: parents and young people (1–10 with an open answer, asked after a plan
 * evaluation) and teachers feeling supported" (docs/monitor-satisfaction.md).
 *
 * Two tables that share nothing but the region:
 *
 * - survey_answers: the answers, anonymous by construction. No person, guardian, child, account,
 *   case, event or invitation id, and no time finer than the month: the kind of respondent, the
 *   month it was given in, the school (the case's school location, or the teacher's school), the
 *   gemeente the child lived in on the evaluation day (none for a teacher), the score (null: "liever
 *   niet") and the open answer. `stored_on` is the month the row was stored by the database's own
 *   clock (for the monitor's refresh), never finer. The id is random (gen_random_uuid), and the
 *   rows of a region's month are written anew in a random order with every answer (survey-answers.ts),
 *   so neither the id, nor the physical order, nor the writing transaction links a row to who gave it.
 * - survey_participations: THAT someone answered or declined, keyed by who (the guardian, the young
 *   person, the teacher) and by what (the plan evaluation's event, or the quarter), so that nobody
 *   answers twice. It does not say whether they declined, and holds no time.
 */
export const surveys = /* sql */ `
create table survey_answers (
  id uuid primary key default gen_random_uuid(),
  region_id uuid not null references regions(id),
  kind text not null check (kind in ('family', 'youth', 'teacher')),
  month date not null check (extract(day from month) = 1),
  organisation_id uuid not null references organisations(id),
  gemeente_id uuid references gemeenten(id),
  score integer,
  open_answer text,
  stored_on date not null default (date_trunc('month', now() at time zone 'Europe/Amsterdam'))::date check (extract(day from stored_on) = 1),
  check (score is null or (kind = 'teacher' and score between 1 and 5) or (kind <> 'teacher' and score between 1 and 10)),
  check (score is not null or open_answer is null),
  check (open_answer is null or char_length(open_answer) between 1 and 1000),
  check (kind <> 'teacher' or gemeente_id is null)
);
create index survey_answers_month_idx on survey_answers(region_id, month);
create index survey_answers_stored_idx on survey_answers(region_id, stored_on);

create table survey_participations (
  region_id uuid not null references regions(id),
  kind text not null check (kind in ('family', 'youth', 'teacher')),
  -- family and youth: the plan evaluation asked about (case_events, event plan_evaluated).
  case_event_id bigint references case_events(id),
  -- teacher: the first day of the quarter (August, November, February or May).
  period_start date check (period_start is null or (extract(day from period_start) = 1 and extract(month from period_start) in (2, 5, 8, 11))),
  guardian_id uuid references guardians(id),
  child_id uuid references children(id),
  person_id uuid references people(id),
  check ((kind = 'family') = (guardian_id is not null)),
  check ((kind = 'youth') = (child_id is not null)),
  check ((kind = 'teacher') = (person_id is not null)),
  check ((kind = 'teacher') = (period_start is not null)),
  check ((kind = 'teacher') = (case_event_id is null))
);
create unique index survey_participations_family_idx on survey_participations(case_event_id, guardian_id) where kind = 'family';
create unique index survey_participations_youth_idx on survey_participations(case_event_id, child_id) where kind = 'youth';
create unique index survey_participations_teacher_idx on survey_participations(person_id, period_start) where kind = 'teacher';
`;
