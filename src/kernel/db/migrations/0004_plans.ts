/**
 * The shared plan of a case (1 gezin, 1 plan): goals per life domain with actions, Goal
 * Attainment Scaling evaluations, the OPP elements for pupils with extra support (as appended
 * versions), the guardians' agreement and the pupil being heard, comments from the family,
 * teachers' observations of whether the help works, and professional notes that stay inside
 * the author's organisation unless shared under consent.
 */
export const plans = /* sql */ `
create table plans (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null unique references cases(id),
  child_id uuid not null references children(id),
  region_id uuid not null references regions(id),
  created_at timestamptz not null default now()
);

create table plan_goals (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plans(id),
  life_domain text not null check (life_domain in ('school', 'home_family', 'health', 'leisure', 'safety', 'future_work')),
  description text not null check (length(description) between 1 and 2000),
  expected_outcome text not null check (length(expected_outcome) between 1 and 2000),
  in_family_words boolean not null default false,
  added_by_person_id uuid references people(id),
  added_by_guardian_id uuid references guardians(id),
  added_by_child boolean not null default false,
  created_at timestamptz not null default now()
);
create index plan_goals_plan_idx on plan_goals(plan_id);

create table plan_actions (
  id uuid primary key default gen_random_uuid(),
  goal_id uuid not null references plan_goals(id),
  description text not null check (length(description) between 1 and 2000),
  owner_person_id uuid references people(id),
  owner_organisation_id uuid references organisations(id),
  owner_family boolean not null default false,
  deadline date,
  created_at timestamptz not null default now(),
  check (owner_family or owner_person_id is not null or owner_organisation_id is not null)
);
create index plan_actions_goal_idx on plan_actions(goal_id);

-- Goal Attainment Scaling: -2 much worse than expected … 0 as expected … +2 much better.
create table goal_evaluations (
  id uuid primary key default gen_random_uuid(),
  goal_id uuid not null references plan_goals(id),
  score integer not null check (score between -2 and 2),
  evaluated_on date not null,
  rated_by_person_id uuid references people(id),
  rated_by_guardian_id uuid references guardians(id),
  rated_by_child boolean not null default false,
  comment text,
  created_at timestamptz not null default now()
);
create index goal_evaluations_goal_idx on goal_evaluations(goal_id, evaluated_on);

create table plan_opp_versions (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plans(id),
  exit_profile text not null,
  exit_grounds text not null,
  hindering_factors text not null,
  supporting_factors text not null,
  support text not null,
  deviations text,
  recorded_by_person_id uuid references people(id),
  recorded_at timestamptz not null default now()
);
create index plan_opp_versions_plan_idx on plan_opp_versions(plan_id, recorded_at);

-- Guardians' agreement (instemming) with the action part of the OPP, and the pupil being heard.
create table plan_agreements (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plans(id),
  opp_version_id uuid references plan_opp_versions(id),
  kind text not null check (kind in ('guardian_agreement', 'pupil_heard')),
  guardian_id uuid references guardians(id),
  agreed boolean not null,
  on_date date not null,
  note text,
  recorded_by_person_id uuid references people(id),
  recorded_at timestamptz not null default now(),
  check ((kind = 'guardian_agreement') = (guardian_id is not null))
);

create table plan_comments (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plans(id),
  goal_id uuid references plan_goals(id),
  text text not null check (length(text) between 1 and 2000),
  author_person_id uuid references people(id),
  author_guardian_id uuid references guardians(id),
  author_child boolean not null default false,
  created_at timestamptz not null default now()
);

-- Teachers' short observations: does the help have effect in class?
create table plan_observations (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plans(id),
  goal_id uuid references plan_goals(id),
  author_person_id uuid not null references people(id),
  organisation_id uuid not null references organisations(id),
  effect text not null check (effect in ('better', 'same', 'worse', 'unclear')),
  text text not null check (length(text) between 1 and 1000),
  observed_on date not null,
  created_at timestamptz not null default now()
);

create table case_notes (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  author_person_id uuid not null references people(id),
  organisation_id uuid not null references organisations(id),
  text text not null check (length(text) between 1 and 10000),
  shared boolean not null default false,
  created_at timestamptz not null default now()
);
create index case_notes_case_idx on case_notes(case_id, created_at);

create trigger goal_evaluations_no_change before update or delete on goal_evaluations for each row execute function forbid_history_change();
create trigger plan_opp_versions_no_change before update or delete on plan_opp_versions for each row execute function forbid_history_change();
create trigger plan_agreements_no_change before update or delete on plan_agreements for each row execute function forbid_history_change();
create trigger plan_comments_no_change before update or delete on plan_comments for each row execute function forbid_history_change();
create trigger plan_observations_no_change before update or delete on plan_observations for each row execute function forbid_history_change();
create trigger case_notes_no_change before update or delete on case_notes for each row execute function forbid_history_change();

insert into plans (case_id, child_id, region_id) select id, child_id, region_id from cases;
`;
