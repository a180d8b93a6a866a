import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Kysely table types, written next to migrations/ and held to the migrated database by
 * schema.test.ts (tables, columns, nullability, type family, defaults). Dates are 'YYYY-MM-DD'
 * strings. A timestamp the database fills itself is `Generated<Date>`; a plain `Timestamp` must be
 * given on insert.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp with a default in the database (`default now()`): may be left out of an insert. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = string;

export type OrganisationKind = 'school_location' | 'swv' | 'gemeente' | 'wijkteam' | 'youth_care_provider' | 'jgz' | 'region_office';
export type SchoolType = 'po' | 'so' | 'sbo' | 'vo' | 'vso' | 'mbo';
export type HolidayRegion = 'noord' | 'midden' | 'zuid';
export type AccountKind = 'professional' | 'guardian' | 'youth';
export type GuardianRelation = 'parent' | 'foster_parent' | 'guardian' | 'other';

export interface RegionsTable {
  id: Generated<string>;
  name: string;
  slug: string;
  created_at: Generated<Date>;
  /** Optimistic concurrency (0014): the region itself, and the three settings screens. */
  version: Generated<number>;
  settings_version: Generated<number>;
  signal_terms_version: Generated<number>;
  early_warning_version: Generated<number>;
}
export interface GemeentenTable {
  id: Generated<string>;
  region_id: string;
  cbs_code: string;
  name: string;
  holiday_region: HolidayRegion;
  /** From the shipped list of Dutch gemeenten; null for one added by hand without it. */
  province: Generated<string | null>;
}
export interface GemeentePostcodesTable {
  id: Generated<string>;
  region_id: string;
  gemeente_id: string;
  pc4_from: number;
  pc4_to: number;
  created_at: Generated<Date>;
}
export interface OrganisationsTable {
  id: Generated<string>;
  region_id: string;
  kind: OrganisationKind;
  name: string;
  gemeente_id: string | null;
  brin: string | null;
  vestiging: string | null;
  school_type: SchoolType | null;
  meldcode_contact_person_id: Generated<string | null>;
  /** The school board (bevoegd gezag) of a school location. */
  board_name: Generated<string | null>;
  created_at: Generated<Date>;
  /** Optimistic concurrency (0014): an update names the version it was based on. */
  version: Generated<number>;
}
export interface PeopleTable {
  id: Generated<string>;
  region_id: string;
  given_name: string;
  family_name: string;
  email: string | null;
  created_at: Generated<Date>;
  /** Optimistic concurrency (0014): an update names the version it was based on. */
  version: Generated<number>;
}
export interface MembershipsTable {
  id: Generated<string>;
  person_id: string;
  organisation_id: string;
  role: string;
  created_at: Generated<Date>;
  ended_at: Timestamp | null;
}
export interface ChildrenTable {
  id: Generated<string>;
  region_id: string;
  given_name: string;
  family_name: string;
  birth_date: DateOnly;
  bsn: string | null;
  /** A startkwalificatie (havo, vwo, mbo 2+) ends kwalificatieplicht: no absence reports after. */
  startkwalificatie_on: ColumnType<DateOnly | null, DateOnly | null | undefined, DateOnly | null>;
  /** Used by a school when the pupil has no BSN: 9 digits starting with 10 (domain.md §6). */
  onderwijsnummer: Generated<string | null>;
  created_at: Generated<Date>;
  /** Optimistic concurrency (0014): an update names the version it was based on. */
  version: Generated<number>;
  /** Kept by the database (0019): family name without tussenvoegsel, given name, tussenvoegsel; accents folded, "C" order. */
  sort_key: ColumnType<string, never, never>;
  /** Kept by the database (0019): given and family name, accents folded, lower case: what a search matches. */
  search_name: ColumnType<string, never, never>;
}
export interface ChildResidencesTable {
  id: Generated<string>;
  child_id: string;
  gemeente_id: string;
  valid_from: DateOnly;
  recorded_at: Generated<Date>;
}
export interface GuardiansTable {
  id: Generated<string>;
  region_id: string;
  given_name: string;
  family_name: string;
  email: string | null;
  phone: string | null;
  created_at: Generated<Date>;
}
export interface ChildGuardiansTable {
  id: Generated<string>;
  child_id: string;
  guardian_id: string;
  relation: GuardianRelation;
  has_authority: boolean;
  created_at: Generated<Date>;
}
export interface SchoolGroupsTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  school_year: string;
}
export interface GroupStaffTable {
  group_id: string;
  person_id: string;
  role: 'teacher' | 'mentor';
}
export interface EnrolmentsTable {
  id: Generated<string>;
  child_id: string;
  organisation_id: string;
  group_id: string | null;
  mentor_person_id: string | null;
  start_date: DateOnly;
  end_date: DateOnly | null;
  created_at: Generated<Date>;
  pupil_number: Generated<string | null>;
  /** Level or year as the school's administration names it: groep 5, havo 3, vmbo-t 2. */
  school_level: Generated<string | null>;
  /** Optimistic concurrency (0014): an update names the version it was based on. */
  version: Generated<number>;
}
export interface AccountsTable {
  id: Generated<string>;
  region_id: string;
  username: string;
  /** Null for an invited account that has not set a password yet: it cannot sign in. */
  password_hash: string | null;
  kind: AccountKind;
  person_id: string | null;
  guardian_id: string | null;
  child_id: string | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  /** The time step of the last TOTP code accepted (enrolment or sign-in): a code of that step or earlier is refused. */
  totp_last_step: number | null;
  disabled_at: Timestamp | null;
  created_at: Generated<Date>;
}
export interface SessionsTable {
  id: string;
  account_id: string;
  csrf_token: string;
  membership_id: string | null;
  totp_enrolment_pending: Generated<boolean>;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  ended_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}
export interface LoginFailuresTable {
  id: Generated<number>;
  username: string;
  address: string;
  at: Generated<Date>;
}
export interface AccessLogTable {
  seq: Generated<number>;
  occurred_at: Timestamp;
  region_id: string | null;
  event: string;
  outcome: 'allowed' | 'denied';
  child_id: string | null;
  account_id: string | null;
  person_id: string | null;
  organisation_id: string | null;
  role: string | null;
  ground: string | null;
  consent_id: string | null;
  ip: string | null;
  detail: ColumnType<Record<string, unknown>, string, string>;
}
/** The chain over the access log: one link per entry, in the order the sequencer sealed them. */
export interface AccessLogSealsTable {
  chain_seq: number;
  entry_seq: number;
  prev_hash: string;
  hash: string;
  /** The installation key that made the MAC; null: a link of the first, unkeyed chain. */
  key_id: string | null;
  sealed_at: Generated<Date>;
}
/** Entries the sequencer has not sealed yet. */
export interface AccessLogPendingTable {
  entry_seq: number;
}
export type RoleGrantStatus = 'pending' | 'granted' | 'rejected';
/** A role that sees children's data, given to someone: the ledger, and the approvals (region setting roleGrantApproval). */
export interface RoleGrantsTable {
  id: Generated<string>;
  region_id: string;
  person_id: string;
  organisation_id: string;
  role: string;
  requested_by_person_id: string | null;
  requested_at: Generated<Date>;
  import_id: string | null;
  approval_required: boolean;
  status: RoleGrantStatus;
  decided_by_person_id: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  membership_id: string | null;
}
export type FreePeriodKind = 'vacation' | 'national_free_day' | 'school_free_day';
export type FreePeriodOrigin = 'shipped' | 'rijksoverheid_import' | 'school';
export interface SchoolFreePeriodsTable {
  id: Generated<string>;
  holiday_region: HolidayRegion | null;
  organisation_id: string | null;
  name: string;
  start_date: DateOnly;
  end_date: DateOnly;
  /** From 0008_school_calendar; derived from the scope by a trigger when left out. */
  kind: Generated<FreePeriodKind>;
  school_year: string | null;
  vacation_type: string | null;
  origin: Generated<FreePeriodOrigin>;
  verified: Generated<boolean>;
  note: string | null;
  created_by_person_id: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp | null;
}
export interface HolidayImportsTable {
  id: Generated<string>;
  region_id: string;
  uploaded_by_person_id: string | null;
  uploaded_at: Generated<Date>;
  file_name: string;
  file_sha256: string;
  school_years: ColumnType<unknown, string, string>;
  periods: ColumnType<unknown, string, string>;
  errors: ColumnType<unknown, string, string>;
  status: Generated<'preview' | 'committed'>;
  committed_at: Timestamp | null;
  result: ColumnType<unknown, string | null | undefined, string | null>;
}
export interface DeadlineRulesTable {
  id: Generated<string>;
  subject: 'signal_pickup' | 'signal_pickup_urgent';
  region_id: string | null;
  category: string | null;
  school_days: number;
}
export interface SignalsTable {
  id: Generated<string>;
  region_id: string;
  child_id: string;
  organisation_id: string;
  author_person_id: string;
  author_role: string;
  category: string;
  urgency: string;
  observation: string;
  parents_informed: boolean;
  parents_not_informed_reason: string | null;
  status: string;
  raised_at: Generated<Date>;
  raised_on: DateOnly;
  pickup_deadline: DateOnly;
  pickup_school_days: number;
  triaged_at: Timestamp | null;
  triaged_on: DateOnly | null;
  triage_decision: string | null;
  /** Optimistic concurrency (0014): an update names the version it was based on. */
  version: Generated<number>;
}
export interface SignalEventsTable {
  id: Generated<number>;
  signal_id: string;
  at: Generated<Date>;
  person_id: string | null;
  role: string | null;
  from_status: string | null;
  to_status: string;
  decision: string | null;
  reason: string | null;
}
export interface CasesTable {
  id: Generated<string>;
  region_id: string;
  child_id: string;
  organisation_id: string;
  opened_from_signal_id: string | null;
  case_manager_person_id: string;
  case_manager_organisation_id: string;
  title: string;
  safety_route: Generated<boolean>;
  status: Generated<'open' | 'closed'>;
  opened_at: Generated<Date>;
  opened_on: DateOnly;
  next_evaluation_on: DateOnly;
  closed_at: Timestamp | null;
  family_id: Generated<string | null>;
  /** Optimistic concurrency (0014): an update names the version it was based on. */
  version: Generated<number>;
  /** The day the school registered the child in the gemeente's verwijsindex (0022), and who recorded it. */
  verwijsindex_registered_on: DateOnly | null;
  verwijsindex_registered_by_person_id: string | null;
}
export interface CaseMembersTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  organisation_id: string;
  role: string;
  added_at: Generated<Date>;
  removed_at: Timestamp | null;
}
export interface CaseEventsTable {
  id: Generated<number>;
  case_id: string;
  at: Generated<Date>;
  person_id: string | null;
  organisation_id: string | null;
  event: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}
export interface ConsentsTable {
  id: Generated<string>;
  region_id: string;
  child_id: string;
  case_id: string | null;
  purpose: string;
  data_kinds: ColumnType<string[], string[], string[]>;
  method: 'written' | 'verbal' | 'portal';
  given_on: DateOnly;
  valid_until: DateOnly;
  age_rule: 'guardians' | 'child_and_guardians' | 'child';
  recorded_by_person_id: string | null;
  recorded_at: Generated<Date>;
}
export interface ConsentRecipientsTable {
  consent_id: string;
  organisation_id: string;
}
export interface ConsentGiversTable {
  id: Generated<string>;
  consent_id: string;
  guardian_id: string | null;
  child_self: Generated<boolean>;
}
export interface ConsentWithdrawalsTable {
  consent_id: string;
  withdrawn_at: Generated<Date>;
  withdrawn_on: DateOnly;
  recorded_by_person_id: string | null;
  by_guardian_id: string | null;
  by_child: Generated<boolean>;
  reason: string | null;
  /** How the withdrawal reached the case manager, or 'portal' when the person withdrew it there. */
  method: 'written' | 'verbal' | 'portal' | null;
  recorded_by_organisation_id: string | null;
  /** The guardian's or young person's own account, when they withdrew it themselves. */
  by_account_id: string | null;
}
export interface EmergencyAccessesTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  organisation_id: string;
  reason: string;
  granted_at: Generated<Date>;
  expires_at: Timestamp;
}
export interface RequestsTable {
  id: Generated<string>;
  region_id: string;
  child_id: string;
  case_id: string;
  kind: 'toegang' | 'provider' | 'swv_arrangement' | 'tlv' | 'question_to_school';
  from_organisation_id: string;
  from_person_id: string;
  to_organisation_id: string;
  holder_person_id: string | null;
  status: 'sent' | 'info_requested' | 'accepted' | 'declined' | 'decided' | 'help_started' | 'closed' | 'withdrawn';
  question: string;
  tried: string | null;
  urgency: 'normal' | 'urgent';
  goal: string;
  back_to_school: Generated<boolean>;
  data_kinds: ColumnType<string[], string[], string[]>;
  step_since: DateOnly;
  step_due_on: DateOnly | null;
  sent_on: DateOnly;
  accepted_on: DateOnly | null;
  decided_on: DateOnly | null;
  decision: 'granted' | 'partly' | 'refused' | null;
  help_started_on: DateOnly | null;
  ended_on: DateOnly | null;
  /** The signal whose decision "doorverwijzen" sent it (migration 0023). */
  signal_id: Generated<string | null>;
  /** The thuiszitter's entry it serves (migration 0023). */
  thuiszitter_id: Generated<string | null>;
  created_at: Generated<Date>;
  /** Optimistic concurrency: an update names the version it was based on. */
  version: Generated<number>;
}
/** A region's own term of a kind's waiting status (0026); no row: the installation's default. */
export interface RequestTermsTable {
  region_id: string;
  kind: RequestsTable['kind'];
  /** A waiting status (the database refuses an end status). */
  status: RequestsTable['status'];
  days: number;
  unit: 'working' | 'school';
  updated_by_person_id: string | null;
  updated_at: Generated<Date>;
}
/** The version of a region's request terms screen (0026): no row is version 1. */
export interface RequestTermsVersionsTable {
  region_id: string;
  version: Generated<number>;
}
/** The region asked a receiving organisation to take up its overdue requests of one kind (0026; append-only). */
export interface RequestEscalationsTable {
  id: Generated<string>;
  region_id: string;
  organisation_id: string;
  kind: RequestsTable['kind'];
  overdue_count: number;
  note: string;
  person_id: string;
  by_organisation_id: string;
  at: Generated<Date>;
  on_date: DateOnly;
}
export interface RequestEventsTable {
  id: Generated<string>;
  request_id: string;
  at: Generated<Date>;
  on_date: DateOnly;
  person_id: string;
  organisation_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  text: string | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}
export interface PlansTable {
  id: Generated<string>;
  case_id: string;
  child_id: string;
  region_id: string;
  created_at: Generated<Date>;
  /** Optimistic concurrency (0014): an update names the version it was based on. */
  version: Generated<number>;
}
export interface PlanGoalsTable {
  id: Generated<string>;
  plan_id: string;
  life_domain: string;
  description: string;
  expected_outcome: string;
  in_family_words: Generated<boolean>;
  added_by_person_id: string | null;
  added_by_guardian_id: string | null;
  added_by_child: Generated<boolean>;
  created_at: Generated<Date>;
}
export interface PlanActionsTable {
  id: Generated<string>;
  goal_id: string;
  description: string;
  owner_person_id: string | null;
  owner_organisation_id: string | null;
  owner_family: Generated<boolean>;
  deadline: DateOnly | null;
  created_at: Generated<Date>;
}
export interface GoalEvaluationsTable {
  id: Generated<string>;
  goal_id: string;
  score: number;
  evaluated_on: DateOnly;
  rated_by_person_id: string | null;
  rated_by_guardian_id: string | null;
  rated_by_child: Generated<boolean>;
  comment: string | null;
  created_at: Generated<Date>;
  /** A correction: the evaluation it corrects (appended; the original stays), with the reason. */
  corrects_evaluation_id: string | null;
  correction_reason: string | null;
}
export interface PlanOppVersionsTable {
  id: Generated<string>;
  plan_id: string;
  exit_profile: string;
  exit_grounds: string;
  hindering_factors: string;
  supporting_factors: string;
  support: string;
  deviations: string | null;
  recorded_by_person_id: string | null;
  recorded_at: Generated<Date>;
}
export interface PlanAgreementsTable {
  id: Generated<string>;
  plan_id: string;
  opp_version_id: string | null;
  kind: 'guardian_agreement' | 'pupil_heard';
  guardian_id: string | null;
  agreed: boolean;
  on_date: DateOnly;
  note: string | null;
  recorded_by_person_id: string | null;
  recorded_at: Generated<Date>;
}
export interface PlanCommentsTable {
  id: Generated<string>;
  plan_id: string;
  goal_id: string | null;
  text: string;
  author_person_id: string | null;
  author_guardian_id: string | null;
  author_child: Generated<boolean>;
  created_at: Generated<Date>;
}
export interface PlanObservationsTable {
  id: Generated<string>;
  plan_id: string;
  goal_id: string | null;
  author_person_id: string;
  organisation_id: string;
  effect: 'better' | 'same' | 'worse' | 'unclear';
  text: string;
  observed_on: DateOnly;
  created_at: Generated<Date>;
}
export interface CaseNotesTable {
  id: Generated<string>;
  case_id: string;
  author_person_id: string;
  organisation_id: string;
  text: string;
  shared: Generated<boolean>;
  created_at: Generated<Date>;
}
export interface AbsenceImportsTable {
  id: Generated<string>;
  region_id: string;
  organisation_id: string;
  uploaded_by_person_id: string | null;
  uploaded_at: Generated<Date>;
  file_name: string;
  file_sha256: string;
  row_count: number;
  rows: ColumnType<unknown, string, string>;
  errors: ColumnType<unknown, string, string>;
  status: Generated<'preview' | 'committed'>;
  committed_at: Timestamp | null;
}
export type AbsenceReportType = '16-uur' | 'lrv' | 'luxe' | 'overig' | 'rmc';
export type AbsenceReportEventKind = 'reported' | 'dismissed' | 'reopened' | 'withdrawn';
export type FollowupStatus = 'received' | 'talk' | 'warning' | 'official_report' | 'closed';

export interface AbsenceReportsTable {
  id: Generated<string>;
  region_id: string;
  child_id: string;
  organisation_id: string;
  type: AbsenceReportType;
  start_date: DateOnly;
  end_date: DateOnly;
  hours: ColumnType<number, number | string | undefined, never>;
  due_on: DateOnly;
  deadline: DateOnly;
  origin: 'rule' | 'manual';
  explanation: string | null;
  created_by_person_id: string | null;
  detected_at: Generated<Date>;
  /** Optimistic concurrency (0014): an update names the version it was based on. */
  version: Generated<number>;
}

export interface AbsenceReportEventsTable {
  id: Generated<number>;
  report_id: string;
  kind: AbsenceReportEventKind;
  occurred_on: DateOnly;
  reference: string | null;
  reason: string | null;
  person_id: string | null;
  recorded_at: Generated<Date>;
}

export interface AbsenceReportFollowupsTable {
  id: Generated<number>;
  report_id: string;
  organisation_id: string;
  status: FollowupStatus | null;
  note: string | null;
  person_id: string | null;
  recorded_at: Generated<Date>;
}

export interface AbsenceRecordsTable {
  id: Generated<number>;
  region_id: string;
  child_id: string;
  organisation_id: string;
  day: DateOnly;
  hours: ColumnType<number, number | string, number | string>;
  reason: string;
  source: 'manual' | 'import' | 'api';
  import_id: string | null;
  recorded_at: Generated<Date>;
}
/** Early warning (0009): band thresholds per region; region_id null holds the defaults. */
export interface EarlyWarningSettingsTable {
  id: Generated<string>;
  region_id: string | null;
  attention_threshold: ColumnType<number, number | string, number | string>;
  chronic_threshold: ColumnType<number, number | string, number | string>;
  severe_threshold: ColumnType<number, number | string, number | string>;
  updated_at: DefaultedTimestamp;
  updated_by_person_id: string | null;
}
/** Early warning (0009): lesson hours per school day per school type; region_id null holds the defaults. */
export interface EarlyWarningLessonHoursTable {
  id: Generated<string>;
  region_id: string | null;
  school_type: SchoolType;
  hours_per_day: ColumnType<number, number | string, number | string>;
  updated_at: DefaultedTimestamp;
  updated_by_person_id: string | null;
}
export interface SchemaMigrationsTable {
  name: string;
  applied_at: Generated<Date>;
}

export type ThuiszitterCategory = 'lrv' | 'absoluut' | '5a' | '5b' | '5c' | 'art15';
export type ThuiszitterOffer = 'none' | 'education_partial' | 'education_full' | 'care' | 'education_care';
export type ThuiszitterEndReason = 'back_to_school' | 'fitting_offer' | 'moved_away' | 'exemption_ended' | 'no_longer_compulsory' | 'other';

export interface ThuiszittersTable {
  id: Generated<string>;
  region_id: string;
  child_id: string;
  start_date: DateOnly;
  absence_report_id: string | null;
  registered_by_person_id: string | null;
  registered_by_organisation_id: string | null;
  created_at: Generated<Date>;
  /** Optimistic concurrency (0014): an update names the version it was based on. */
  version: Generated<number>;
}
export interface ThuiszitterEventsTable {
  id: Generated<number>;
  thuiszitter_id: string;
  kind: 'category' | 'responsible' | 'offer' | 'end';
  effective_on: DateOnly;
  category: ThuiszitterCategory | null;
  school_location_id: string | null;
  responsible_person_id: string | null;
  offer: ThuiszitterOffer | null;
  offer_hours: ColumnType<number | string | null, number | null | undefined, never>;
  offer_fitting: boolean | null;
  end_reason: ThuiszitterEndReason | null;
  note: string | null;
  person_id: string | null;
  organisation_id: string | null;
  recorded_at: Generated<Date>;
}
export interface ThuiszitterCandidateDecisionsTable {
  id: Generated<number>;
  region_id: string;
  child_id: string;
  kind: 'lrv' | 'absoluut';
  absence_report_id: string | null;
  not_enrolled_since: DateOnly | null;
  decision: 'confirmed' | 'rejected';
  reason: string | null;
  thuiszitter_id: string | null;
  person_id: string | null;
  organisation_id: string | null;
  decided_at: Generated<Date>;
}

export type SetupStep = 'region' | 'gemeenten' | 'schools' | 'partners' | 'settings' | 'staff' | 'pupils';
export interface RegionSetupStepsTable {
  region_id: string;
  step: SetupStep;
  completed_at: Generated<Date>;
  completed_by_person_id: string | null;
}
export interface RegionSettingsTable {
  region_id: string;
  key: string;
  /** JSON value; pg and PGlite return it parsed. */
  value: ColumnType<unknown, string, string>;
  updated_at: Generated<Date>;
  updated_by_person_id: string | null;
}
export type RegistryImportKind = 'staff' | 'pupils' | 'guardians';
export interface RegistryImportsTable {
  id: Generated<string>;
  region_id: string;
  organisation_id: string;
  kind: RegistryImportKind;
  uploaded_by_person_id: string | null;
  uploaded_at: Generated<Date>;
  file_name: string;
  file_sha256: string;
  file_type: string | null;
  format: string | null;
  full_export: Generated<boolean>;
  row_count: number;
  /** JSON; insert as a JSON string. */
  rows: ColumnType<unknown, string, string>;
  errors: ColumnType<unknown, string, string>;
  matches: ColumnType<unknown, string | undefined, string>;
  leavers: ColumnType<unknown, string | undefined, string>;
  summary: ColumnType<unknown, string | undefined, string>;
  status: Generated<'preview' | 'committed' | 'discarded'>;
  committed_at: Timestamp | null;
  committed_by_person_id: string | null;
}
export interface LeaverCandidatesTable {
  id: Generated<string>;
  region_id: string;
  organisation_id: string;
  import_id: string;
  kind: 'pupil' | 'staff';
  enrolment_id: string | null;
  person_id: string | null;
  status: Generated<'open' | 'confirmed' | 'dismissed'>;
  end_date: DateOnly | null;
  decided_at: Timestamp | null;
  decided_by_person_id: string | null;
  created_at: Generated<Date>;
}
export interface InvitationsTable {
  id: Generated<string>;
  region_id: string;
  account_id: string;
  token_sha256: string;
  email: string;
  created_at: Generated<Date>;
  created_by_person_id: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}
/** Notifications in the app, per person and school (signals: an urgent signal). */
export interface NotificationsTable {
  id: Generated<string>;
  region_id: string;
  person_id: string;
  organisation_id: string;
  kind: NotificationKindColumn;
  signal_id: string | null;
  created_at: Generated<Date>;
  read_at: Timestamp | null;
  request_id: string | null;
  /** The case a notification is about (0022: handed over, transferred). */
  case_id: string | null;
  /** The teacher's observation asked for (0025). */
  observation_id: Generated<string | null>;
  /** A reminder's day (an overdue step, an evaluation due): sent once per person, thing and day (0025). */
  about_day: Generated<DateOnly | null>;
  /** Made while its person chose the daily digest for its kind (0025). */
  by_digest: Generated<boolean>;
  /** The day it went out in a daily digest e-mail (0025). */
  digested_on: Generated<DateOnly | null>;
}
/** The kinds of notification (0025); the contract's NOTIFICATION_KINDS lists the same. */
export type NotificationKindColumn =
  | 'urgent_signal'
  | 'request_received'
  | 'request_update'
  | 'case_handed_over'
  | 'case_transferred'
  | 'observation_asked'
  | 'signal_decided'
  | 'request_overdue'
  | 'consent_withdrawn'
  | 'evaluation_due'
  /** The region asks a receiving organisation to take up its overdue requests (0026). */
  | 'request_escalated';
export interface NotificationPreferencesTable {
  person_id: string;
  kind: NotificationKindColumn;
  channel: 'app' | 'email' | 'digest';
  updated_at: Generated<Date>;
}
export interface RequestObservationsTable {
  id: Generated<string>;
  region_id: string;
  request_id: string;
  report_event_id: string;
  person_id: string;
  organisation_id: string;
  asked_on: DateOnly;
  due_on: DateOnly;
  answered_on: DateOnly | null;
  answer_event_id: string | null;
  version: Generated<number>;
}
export interface MailOutboxTable {
  id: Generated<string>;
  region_id: string | null;
  kind: string;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: Generated<Date>;
  sent_at: Timestamp | null;
  attempts: Generated<number>;
  claimed_at: Timestamp | null;
  last_error: string | null;
  /** The invitation whose link the body's {{invitation_link}} stands for (rendered at delivery). */
  invitation_id: string | null;
}

export interface MonitorFactsTable {
  region_id: string;
  indicator: string;
  month: DateOnly;
  measure: string;
  detail: Generated<string>;
  bucket: Generated<number>;
  gemeente_id: string | null;
  organisation_id: string | null;
  value: number;
}
export interface MonitorRefreshesTable {
  region_id: string;
  refreshed_at: Timestamp;
  from_month: DateOnly | null;
  to_month: DateOnly | null;
  months: Generated<number>;
  facts: Generated<number>;
  duration_ms: Generated<number>;
  full_rebuild: Generated<boolean>;
}

/** Satisfaction answers (0028): anonymous by construction, see docs/monitor-satisfaction.md. */
export interface SurveyAnswersTable {
  id: Generated<string>;
  region_id: string;
  kind: 'family' | 'youth' | 'teacher';
  /** The first day of the month the answer was given in. */
  month: DateOnly;
  organisation_id: string;
  gemeente_id: string | null;
  /** Null: "liever niet" (declined). */
  score: number | null;
  open_answer: string | null;
  /** The first day of the month the database stored it in (its own clock). */
  stored_on: Generated<DateOnly>;
}
/** That someone answered or declined (0028), keyed by who and what; never linked to the answer. */
export interface SurveyParticipationsTable {
  region_id: string;
  kind: 'family' | 'youth' | 'teacher';
  case_event_id: number | null;
  period_start: DateOnly | null;
  guardian_id: string | null;
  child_id: string | null;
  person_id: string | null;
}

export interface MonitorNationalFactsTable {
  region_code: string;
  indicator: string;
  month: DateOnly;
  measure: string;
  detail: Generated<string>;
  bucket: Generated<number>;
  gemeente_code: string | null;
  school_type: string | null;
  value: number;
}

export interface MonitorNationalByGemeenteTable {
  region_code: string;
  indicator: string;
  month: DateOnly;
  measure: string;
  detail: Generated<string>;
  bucket: Generated<number>;
  gemeente_code: string | null;
  value: number;
}

export type MonitorNationalByRegionTable = Omit<MonitorNationalByGemeenteTable, 'gemeente_code'>;

export interface MonitorNationalAreasTable {
  region_code: string;
  gemeente_code: string;
}

export interface DB {
  monitor_facts: MonitorFactsTable;
  monitor_national_areas: MonitorNationalAreasTable;
  monitor_national_facts: MonitorNationalFactsTable;
  monitor_national_by_gemeente: MonitorNationalByGemeenteTable;
  monitor_national_by_region: MonitorNationalByRegionTable;
  monitor_refreshes: MonitorRefreshesTable;
  gemeente_postcodes: GemeentePostcodesTable;
  region_setup_steps: RegionSetupStepsTable;
  region_settings: RegionSettingsTable;
  registry_imports: RegistryImportsTable;
  leaver_candidates: LeaverCandidatesTable;
  invitations: InvitationsTable;
  mail_outbox: MailOutboxTable;
  notifications: NotificationsTable;
  regions: RegionsTable;
  gemeenten: GemeentenTable;
  organisations: OrganisationsTable;
  people: PeopleTable;
  memberships: MembershipsTable;
  children: ChildrenTable;
  child_residences: ChildResidencesTable;
  guardians: GuardiansTable;
  child_guardians: ChildGuardiansTable;
  school_groups: SchoolGroupsTable;
  group_staff: GroupStaffTable;
  enrolments: EnrolmentsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  access_log: AccessLogTable;
  access_log_seals: AccessLogSealsTable;
  access_log_pending: AccessLogPendingTable;
  role_grants: RoleGrantsTable;
  school_free_periods: SchoolFreePeriodsTable;
  holiday_imports: HolidayImportsTable;
  deadline_rules: DeadlineRulesTable;
  signals: SignalsTable;
  signal_events: SignalEventsTable;
  cases: CasesTable;
  case_members: CaseMembersTable;
  case_events: CaseEventsTable;
  consents: ConsentsTable;
  consent_recipients: ConsentRecipientsTable;
  consent_givers: ConsentGiversTable;
  consent_withdrawals: ConsentWithdrawalsTable;
  emergency_accesses: EmergencyAccessesTable;
  requests: RequestsTable;
  request_events: RequestEventsTable;
  request_observations: RequestObservationsTable;
  request_terms: RequestTermsTable;
  request_terms_versions: RequestTermsVersionsTable;
  request_escalations: RequestEscalationsTable;
  notification_preferences: NotificationPreferencesTable;
  plans: PlansTable;
  plan_goals: PlanGoalsTable;
  plan_actions: PlanActionsTable;
  goal_evaluations: GoalEvaluationsTable;
  plan_opp_versions: PlanOppVersionsTable;
  plan_agreements: PlanAgreementsTable;
  plan_comments: PlanCommentsTable;
  plan_observations: PlanObservationsTable;
  case_notes: CaseNotesTable;
  absence_imports: AbsenceImportsTable;
  absence_records: AbsenceRecordsTable;
  absence_reports: AbsenceReportsTable;
  absence_report_events: AbsenceReportEventsTable;
  absence_report_followups: AbsenceReportFollowupsTable;
  early_warning_settings: EarlyWarningSettingsTable;
  early_warning_lesson_hours: EarlyWarningLessonHoursTable;
  thuiszitters: ThuiszittersTable;
  thuiszitter_events: ThuiszitterEventsTable;
  thuiszitter_candidate_decisions: ThuiszitterCandidateDecisionsTable;
  schema_migrations: SchemaMigrationsTable;
  survey_answers: SurveyAnswersTable;
  survey_participations: SurveyParticipationsTable;
}

export type Child = Selectable<ChildrenTable>;
export type NewChild = Insertable<ChildrenTable>;
export type Organisation = Selectable<OrganisationsTable>;
