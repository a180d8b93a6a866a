/**
 * Each table has one owning module (issue 11, "module boundaries"): only the owner writes it; other
 * modules go through the owner's public interface (`src/modules/<owner>/index.ts`). Held by
 * owners.test.ts, which reads every write in the sources. `kernel/…` owners are kernel parts.
 *
 * The demo seed (`modules/demo`) and the command line (`src/cli`) build a region from nothing and
 * are allowed to write any table: they are where the app is put together, not a capability.
 */
export const TABLE_OWNERS = {
  regions: 'setup',
  region_settings: 'setup',
  region_setup_steps: 'setup',
  gemeente_postcodes: 'setup',
  gemeenten: 'registry',
  organisations: 'registry',
  people: 'registry',
  memberships: 'registry',
  role_grants: 'registry',
  accounts: 'session',
  sessions: 'session',
  login_failures: 'session',
  children: 'children',
  child_residences: 'children',
  guardians: 'children',
  child_guardians: 'children',
  enrolments: 'children',
  school_groups: 'children',
  group_staff: 'children',
  access_log: 'kernel/audit',
  access_log_pending: 'kernel/audit',
  access_log_seals: 'kernel/audit',
  schema_migrations: 'kernel/db',
  registry_imports: 'kernel/files',
  leaver_candidates: 'kernel/files',
  school_free_periods: 'calendar',
  holiday_imports: 'calendar',
  deadline_rules: 'signals',
  signals: 'signals',
  signal_events: 'signals',
  notifications: 'signals',
  cases: 'cases',
  case_members: 'cases',
  case_events: 'cases',
  consents: 'cases',
  consent_recipients: 'cases',
  consent_givers: 'cases',
  consent_withdrawals: 'cases',
  emergency_accesses: 'cases',
  requests: 'requests',
  request_events: 'requests',
  plans: 'plans',
  plan_goals: 'plans',
  plan_actions: 'plans',
  goal_evaluations: 'plans',
  plan_opp_versions: 'plans',
  plan_agreements: 'plans',
  plan_comments: 'plans',
  plan_observations: 'plans',
  case_notes: 'plans',
  absence_imports: 'absence',
  absence_records: 'absence',
  absence_reports: 'absence',
  absence_report_events: 'absence',
  absence_report_followups: 'absence',
  early_warning_settings: 'early-warning',
  early_warning_lesson_hours: 'early-warning',
  thuiszitters: 'thuiszitters',
  thuiszitter_events: 'thuiszitters',
  thuiszitter_candidate_decisions: 'thuiszitters',
  invitations: 'staff',
  mail_outbox: 'staff',
} as const;

export type TableName = keyof typeof TABLE_OWNERS;

/** Parts of the app that put it together and may write any table (see above). */
export const COMPOSITION_ROOTS = ['demo', 'cli'] as const;
