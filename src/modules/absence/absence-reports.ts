import { sql } from 'kysely';
import type { Database, Db, Tx } from '../../kernel/db/database.ts';
import type { AbsenceReportType } from '../../kernel/db/schema.ts';
import { ABSENCE_REASONS, REPORT_TYPE_LABELS, type AbsenceReason, type Followup, type FollowupStatus, type ReportType } from '../../contracts/values/absence.ts';
import type { AbsenceRecorded, AbsenceRecordInput, AbsenceReport, AbsenceReportDetail, FollowupInput, FollowupItem, FollowupRecorded, ReportDay, ReportDecisionInput, SchoolReportPage, WorkspaceItem, WorkspacePage } from '../../contracts/absence.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { groundsQuery, type Ground } from '../../kernel/policy/child-policy.ts';
import { accessIn, rules, subject, withChildAccess, withChildrenAccess, type Access } from '../../kernel/policy/gateway.ts';
import { isCareCoordinator } from '../../kernel/policy/signal-policy.ts';
import { ConflictError, ForbiddenError, NotFoundError, ProblemError, StaleVersionError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { isIsoDate, today } from '../../kernel/time.ts';
import { addWorkingDays, DEADLINE_WORKING_DAYS } from './absence-rules.ts';
import { evaluateAbsenceReports, RULE_REASONS } from './report-evaluation.ts';
import { lessonDayCheck } from './lesson-day.ts';
import { FOLLOWUP_TRANSITIONS, REPORT_STATUSES, REPORT_TRANSITIONS, reportStateOn, type ReportEvent, type ReportState, type ReportStatus } from './report-status.ts';

export type { FollowupItem };

/** Grounds through which a school sees its own pupils' absence (reports, records, imports). */
export const SCHOOL_GROUNDS: readonly Ground[] = ['school_care', 'case_owner'];

/** A report as the API answers it (contracts/absence.ts). */
export type ReportItem = AbsenceReport;

type ReportRow = {
  id: string;
  child_id: string;
  organisation_id: string;
  type: AbsenceReportType;
  start_date: string;
  end_date: string;
  hours: number | string;
  due_on: string;
  deadline: string;
  origin: 'rule' | 'manual';
  explanation: string | null;
  given_name: string;
  family_name: string;
  birth_date: string;
  school_name: string;
  version: number;
};

/**
 * The version of a report. A report and its history are append-only (a trigger refuses any update,
 * migration 0007), so its version is not bumped in place: every change of a report is a row
 * appended to its events (a decision, a withdrawal or reopening by the rules) or to its follow-ups,
 * and the version counts them. A change claims it under the report's row lock (claimReportVersion).
 *
 * Follow-ups are seen only within the attendance officer's own organisation, so they count only in
 * the version that organisation sees (`followupsOf`); the school's version counts the events alone
 * (and so reveals nothing of the officer's work).
 */
const reportVersion = (alias: string, followupsOf: string | null) =>
  followupsOf
    ? sql<number>`${sql.ref(`${alias}.version`)} + (select count(*) from absence_report_events e where e.report_id = ${sql.ref(`${alias}.id`)})::int + (select count(*) from absence_report_followups f where f.report_id = ${sql.ref(`${alias}.id`)} and f.organisation_id = ${followupsOf})::int`
    : sql<number>`${sql.ref(`${alias}.version`)} + (select count(*) from absence_report_events e where e.report_id = ${sql.ref(`${alias}.id`)})::int`;

/** Reports with what a list shows; `followupsOf`: the attendance officer's organisation, whose follow-ups count in the version. */
function baseReports(tx: Tx, followupsOf: string | null = null) {
  return tx
    .selectFrom('absence_reports as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select([
      'r.id',
      'r.child_id',
      'r.organisation_id',
      'r.type',
      'r.start_date',
      'r.end_date',
      'r.hours',
      'r.due_on',
      'r.deadline',
      'r.origin',
      'r.explanation',
      'c.given_name',
      'c.family_name',
      'c.birth_date',
      'o.name as school_name',
      reportVersion('r', followupsOf).as('version'),
    ]);
}

async function eventsOf(tx: Db | Tx, ids: string[]): Promise<Map<string, ReportEvent[]>> {
  const out = new Map<string, ReportEvent[]>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await tx.selectFrom('absence_report_events').select(['id', 'report_id', 'kind', 'occurred_on', 'reference', 'reason']).where('report_id', 'in', ids.slice(i, i + 5000)).orderBy('id').execute();
    for (const e of rows) {
      let list = out.get(e.report_id);
      if (!list) out.set(e.report_id, (list = []));
      list.push({ id: Number(e.id), kind: e.kind, occurred_on: e.occurred_on, reference: e.reference, reason: e.reason });
    }
  }
  return out;
}

function present(r: ReportRow, state: ReportState): ReportItem {
  return {
    id: r.id,
    childId: r.child_id,
    child: { givenName: r.given_name, familyName: r.family_name, birthDate: r.birth_date },
    schoolLocationId: r.organisation_id,
    schoolName: r.school_name,
    type: r.type,
    startDate: r.start_date,
    endDate: r.end_date,
    hours: Number(r.hours),
    dueOn: r.due_on,
    deadline: r.deadline,
    origin: r.origin,
    explanation: r.explanation,
    ...state,
    allowed: REPORT_TRANSITIONS[state.status],
    version: r.version,
  };
}

/**
 * Claims the next version of a report, in the checked transaction and before anything is written:
 * locks the report (so two changes cannot both pass the check; the second reads the version after
 * the first committed) and throws StaleVersionError when the screen showed an older version. The
 * caller then appends exactly one event or follow-up, which makes the version `expected + 1`.
 */
async function claimReportVersion(tx: Tx, reportId: string, expected: number, followupsOf: string | null = null): Promise<number> {
  await tx.selectFrom('absence_reports').select('id').where('id', '=', reportId).forUpdate().execute();
  const current = await tx.selectFrom('absence_reports as r').select(reportVersion('r', followupsOf).as('version')).where('r.id', '=', reportId).executeTakeFirstOrThrow();
  if (current.version !== expected) throw new StaleVersionError();
  return expected + 1;
}

function requireSchoolCare(actor: Actor, schoolLocationId: string) {
  if (!isCareCoordinator(actor) || actor.membership!.organisationId !== schoolLocationId) {
    throw new ForbiddenError('Verzuimmeldingen van een school beheert de intern begeleider of zorgcoördinator van die schoolvestiging.');
  }
}

export interface SchoolReportFilter {
  schoolLocationId: string;
  asOf?: string;
  status?: ReportStatus[];
  type?: ReportType[];
  page: number;
  pageSize: number;
}

/**
 * The school's reports as they stand on `asOf` (default today): only reports due on or before
 * that day, with the status derived from the events up to that day. Scoped by the access policy;
 * every pupil on the page is written to the access log.
 */
export async function listSchoolReports(database: Database, actor: Actor, f: SchoolReportFilter): Promise<SchoolReportPage> {
  requireSchoolCare(actor, f.schoolLocationId);
  const asOf = f.asOf ?? today();
  return database.db.transaction().execute((tx) => schoolReportPage(tx, actor, { ...f, asOf }));
}

/**
 * One page of the school's reports, in the caller's transaction. The reports are scoped by the
 * policy's own query; the policy is then asked for every pupil on the page (kind 'absence', the
 * school's grounds), which logs each with its ground ('absence.report.list'). A pupil it refuses
 * (the relation ended since the query ran) is left off the page.
 */
async function schoolReportPage(tx: Tx, actor: Actor, f: SchoolReportFilter & { asOf: string }): Promise<SchoolReportPage> {
  const asOf = f.asOf;
  const counts: Record<ReportStatus, number> = { due: 0, overdue: 0, reported: 0, dismissed: 0, withdrawn: 0 };
  const grounds = groundsQuery(tx, actor, today());
  if (!grounds) return { asOf, items: [], total: 0, page: f.page, pageSize: f.pageSize, counts };
  // Each report with the latest of its events up to `asOf` (which decides its status then), and its
  // status in SQL as reportStateOn derives it, so the page is sorted, counted and cut in the
  // database: a school's page costs the school's reports, not the region's events.
  const day = sql`${asOf}::date`;
  const stated = tx
    .selectFrom(
      baseReports(tx)
        .leftJoinLateral(
          (eb) =>
            eb
              .selectFrom('absence_report_events as e')
              .select(['e.id as event_id', 'e.kind as last_kind', 'e.occurred_on as last_on', 'e.reference as last_reference', 'e.reason as last_reason'])
              .whereRef('e.report_id', '=', 'r.id')
              .where('e.occurred_on', '<=', asOf)
              .orderBy('e.id', 'desc')
              .limit(1)
              .as('le'),
          (j) => j.onTrue(),
        )
        .select(['le.event_id', 'le.last_kind', 'le.last_on', 'le.last_reference', 'le.last_reason', 'c.sort_key'])
        .where('r.organisation_id', '=', f.schoolLocationId)
        .where('r.region_id', '=', actor.regionId)
        .where('r.due_on', '<=', asOf)
        .$if(!!f.type?.length, (q) => q.where('r.type', 'in', f.type!))
        .where('r.child_id', 'in', tx.selectFrom(grounds.as('g')).select('g.child_id').where('g.ground', 'in', SCHOOL_GROUNDS))
        .as('x'),
    )
    .selectAll('x')
    .select(sql<ReportStatus>`case when x.last_kind in ('reported', 'dismissed', 'withdrawn') then x.last_kind when ${day} > x.deadline then 'overdue' else 'due' end`.as('status'));
  const rows = await tx
    .with('stated', () => stated)
    .with('counted', (w) =>
      w
        .selectFrom('stated')
        .selectAll()
        // The counts of every status, before the status filter (the tabs show them all).
        .select([
          sql<string>`count(*) filter (where status = 'due') over ()`.as('n_due'),
          sql<string>`count(*) filter (where status = 'overdue') over ()`.as('n_overdue'),
          sql<string>`count(*) filter (where status = 'reported') over ()`.as('n_reported'),
          sql<string>`count(*) filter (where status = 'dismissed') over ()`.as('n_dismissed'),
          sql<string>`count(*) filter (where status = 'withdrawn') over ()`.as('n_withdrawn'),
        ]),
    )
    .selectFrom('counted')
    // Named columns, not `*`: the statement stays prepared (kernel/db/prepared.ts).
    .select([
      'id',
      'child_id',
      'organisation_id',
      'type',
      'start_date',
      'end_date',
      'hours',
      'due_on',
      'deadline',
      'origin',
      'explanation',
      'given_name',
      'family_name',
      'birth_date',
      'school_name',
      'version',
      'event_id',
      'last_kind',
      'last_on',
      'last_reference',
      'last_reason',
      'status',
      'n_due',
      'n_overdue',
      'n_reported',
      'n_dismissed',
      'n_withdrawn',
    ])
    .select(sql<string>`count(*) over ()`.as('total'))
    .$if(!!f.status?.length, (q) => q.where('status', 'in', f.status!))
    // Overdue, due (each by deadline), then dismissed, reported and withdrawn (the latest due first); then the pupil in Dutch name order.
    .orderBy(sql`case status when 'overdue' then 0 when 'due' then 1 when 'dismissed' then 2 when 'reported' then 3 else 4 end`)
    .orderBy(sql`case when status in ('due', 'overdue') then deadline end`)
    .orderBy(sql`case when status not in ('due', 'overdue') then due_on end`, 'desc')
    .orderBy('sort_key')
    .orderBy('id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  if (rows.length) {
    const [first] = rows;
    Object.assign(counts, { due: Number(first.n_due), overdue: Number(first.n_overdue), reported: Number(first.n_reported), dismissed: Number(first.n_dismissed), withdrawn: Number(first.n_withdrawn) });
  } else {
    // No row to carry the counts (a page past the end, or no report with the status asked).
    for (const r of await tx.with('stated', () => stated).selectFrom('stated').select(['status', sql<string>`count(*)`.as('n')]).groupBy('status').execute()) counts[r.status] = Number(r.n);
  }
  const asked: readonly ReportStatus[] = f.status?.length ? f.status : REPORT_STATUSES;
  const total = rows.length ? Number(rows[0].total) : asked.reduce((n, st) => n + counts[st], 0);
  const onPage = rows.map((r) => {
    const last: ReportEvent[] = r.event_id === null ? [] : [{ id: Number(r.event_id), kind: r.last_kind!, occurred_on: r.last_on!, reference: r.last_reference, reason: r.last_reason }];
    return present(r, reportStateOn(r, last, asOf));
  });
  const { allowed } = await withChildrenAccess(tx, actor, { childIds: onPage.map((i) => i.childId), kind: 'absence', event: 'absence.report.list', detailOf: () => ({ asOf }), grounds: SCHOOL_GROUNDS });
  const items = onPage.filter((i) => allowed.has(i.childId));
  return { asOf, items, total, page: f.page, pageSize: f.pageSize, counts };
}

type ReportKeys = { id: string; organisation_id: string; deadline: string };

/**
 * Which grounds may open this report: the school that holds it, or the attendance officer of the
 * pupil's gemeente once the school reported it.
 */
async function groundsForReport(tx: Tx, actor: Actor, report: ReportKeys): Promise<readonly Ground[]> {
  if (actor.membership?.organisationId === report.organisation_id && isCareCoordinator(actor)) return SCHOOL_GROUNDS;
  if (actor.membership?.role === 'attendance_officer') {
    const events = await eventsOf(tx, [report.id]);
    return reportStateOn(report, events.get(report.id) ?? [], today()).status === 'reported' ? ['leerplicht_residence'] : [];
  }
  return [];
}

/**
 * One report through the gateway, in one transaction. The report is read first: which grounds may
 * use it depends on it (`groundsOf`: its school, whether the school reported it; a check that
 * answers without the child — 403, 400 — throws there, and nothing is logged). Then the gateway
 * resolves the child behind the report, asks the policy (kind 'absence', only those grounds) and
 * logs, with the report's id as absenceReportId; `work` runs in the same transaction. No such
 * report in the actor's region, or refused: the denied entry is committed and the answer is 404.
 */
async function withReport<T>(
  database: Database,
  actor: Actor,
  reportId: string,
  event: string,
  groundsOf: (tx: Tx, report: ReportKeys) => Promise<readonly Ground[]>,
  work: (access: Access) => Promise<T>,
): Promise<T> {
  const result = await database.db.transaction().execute(async (tx) => {
    const report = await tx.selectFrom('absence_reports').select(['id', 'organisation_id', 'deadline']).where('id', '=', reportId).where('region_id', '=', actor.regionId).executeTakeFirst();
    const grounds = report ? await groundsOf(tx, report) : [];
    const access = await accessIn(tx, actor, subject.absenceReport(reportId), rules.childData('absence', grounds), event, { detail: { kind: 'absence' } });
    if (!access) return { denied: true as const };
    return { denied: false as const, value: await work(access) };
  });
  if (result.denied) throw new NotFoundError();
  return result.value;
}

async function followupsOf(tx: Tx, reportId: string, organisationId: string): Promise<FollowupItem[]> {
  const rows = await tx
    .selectFrom('absence_report_followups as f')
    .leftJoin('people as p', 'p.id', 'f.person_id')
    .select(['f.id', 'f.status', 'f.note', 'f.recorded_at', sql<string | null>`p.given_name || ' ' || p.family_name`.as('by')])
    .where('f.report_id', '=', reportId)
    .where('f.organisation_id', '=', organisationId)
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), status: r.status, note: r.note, by: r.by, at: new Date(r.recorded_at).toISOString() }));
}

/**
 * The absence records that made a report: the days and hours of its period, at its school, of the
 * reasons its type counts (unauthorised for 16-uur, LRV and RMC; luxury for luxe; every recorded
 * absence for overig verzuim, which the school reported on its own judgement).
 */
const isReason = (r: string): r is AbsenceReason => (ABSENCE_REASONS as readonly string[]).includes(r);
const DAYS_OF_TYPE: Record<ReportType, readonly AbsenceReason[] | null> = { '16-uur': ['unauthorised'], lrv: ['unauthorised'], rmc: ['unauthorised'], luxe: ['luxury'], overig: null };
async function daysOf(tx: Tx, r: { child_id: string; organisation_id: string; type: ReportType; start_date: string; end_date: string }): Promise<ReportDay[]> {
  const reasons = DAYS_OF_TYPE[r.type];
  const rows = await tx
    .selectFrom('absence_records')
    .select(['day', 'hours', 'reason'])
    .where('child_id', '=', r.child_id)
    .where('organisation_id', '=', r.organisation_id)
    .where('day', '>=', r.start_date)
    .where('day', '<=', r.end_date)
    .$if(reasons !== null, (q) => q.where('reason', 'in', reasons!))
    .orderBy('day')
    .orderBy('reason')
    .execute();
  return rows.flatMap((d) => (isReason(d.reason) ? [{ day: d.day, hours: Number(d.hours), reason: d.reason }] : []));
}

const currentFollowup = (items: FollowupItem[]): Followup => [...items].reverse().find((f) => f.status)?.status ?? 'new';

/** One report with its history; for the attendance officer also their own follow-up. */
export async function getReport(database: Database, actor: Actor, reportId: string): Promise<AbsenceReportDetail> {
  return withReport(
    database,
    actor,
    reportId,
    'absence.report.read',
    (tx, report) => groundsForReport(tx, actor, report),
    async ({ tx, ground }) => {
      const isOfficer = ground === 'leerplicht_residence';
      const row = (await baseReports(tx, isOfficer ? actor.membership!.organisationId : null).where('r.id', '=', reportId).executeTakeFirstOrThrow()) as ReportRow;
      const events = (await eventsOf(tx, [reportId])).get(reportId) ?? [];
      const item = present(row, reportStateOn(row, events, today()));
      const history = await tx
        .selectFrom('absence_report_events as e')
        .leftJoin('people as p', 'p.id', 'e.person_id')
        .select(['e.id', 'e.kind', 'e.occurred_on', 'e.reference', 'e.reason', 'e.recorded_at', sql<string | null>`p.given_name || ' ' || p.family_name`.as('by')])
        .where('e.report_id', '=', reportId)
        .orderBy('e.id')
        .execute();
      const followups = isOfficer ? await followupsOf(tx, reportId, actor.membership!.organisationId) : [];
      return {
        ...item,
        allowed: isOfficer ? [] : item.allowed,
        days: await daysOf(tx, row),
        history: history.map((h) => ({ id: Number(h.id), kind: h.kind, occurredOn: h.occurred_on, reference: h.reference, reason: h.reason, by: h.by, at: new Date(h.recorded_at).toISOString() })),
        followup: isOfficer ? { status: currentFollowup(followups), allowed: FOLLOWUP_TRANSITIONS[currentFollowup(followups)], items: followups } : null,
      };
    },
  );
}

export type ReportDecision = ReportDecisionInput;

/**
 * The school records what it did with a report: reported to DUO (date and reference), dismissed
 * (reason), or reopened; based on the version of the report the screen showed (409 when stale).
 */
export async function recordReportDecision(database: Database, actor: Actor, reportId: string, input: ReportDecision): Promise<AbsenceReport> {
  const day = today();
  const occurredOn = input.occurredOn ?? day;
  const errors: FieldError[] = [];
  if (!isIsoDate(occurredOn)) errors.push({ name: 'occurredOn', code: 'invalid_date', reason: 'Geef de datum als JJJJ-MM-DD.' });
  else if (occurredOn > day) errors.push({ name: 'occurredOn', code: 'in_future', reason: 'De datum kan niet in de toekomst liggen.' });
  const reference = input.reference?.trim() ?? '';
  const reason = input.reason?.trim() ?? '';
  if (input.kind === 'reported' && !reference) errors.push({ name: 'reference', code: 'required', reason: 'Vul het meldingsnummer van DUO (of het kenmerk van de melding) in.' });
  if (reference.length > 100) errors.push({ name: 'reference', code: 'too_long', reason: 'Het kenmerk is hooguit 100 tekens.' });
  if (input.kind === 'dismissed' && reason.length < 5) errors.push({ name: 'reason', code: 'required', reason: 'Leg in een zin uit waarom deze melding niet nodig is (bijvoorbeeld: verlof alsnog verleend).' });
  if (reason.length > 2000) errors.push({ name: 'reason', code: 'too_long', reason: 'De toelichting is hooguit 2000 tekens.' });
  // Deciding on reports is the function of a school's care coordinator: anyone else is refused
  // (403) before any report is looked up, so the answer says nothing about which reports exist.
  if (!isCareCoordinator(actor)) throw new ForbiddenError('Verzuimmeldingen van een school beheert de intern begeleider of zorgcoördinator van die schoolvestiging.');
  return withReport(
    database,
    actor,
    reportId,
    `absence.report.${input.kind}`,
    // Only the school that holds the report decides on it: another school's care coordinator is
    // refused by the policy (404, logged), as for a report that does not exist; then the input (400).
    async (_tx, report) => {
      if (report.organisation_id !== actor.membership!.organisationId) return [];
      if (errors.length) throw new ValidationError(errors);
      return SCHOOL_GROUNDS;
    },
    async ({ tx }) => {
      const version = await claimReportVersion(tx, reportId, input.version);
      const row = (await baseReports(tx).where('r.id', '=', reportId).executeTakeFirstOrThrow()) as ReportRow;
      const state = reportStateOn(row, (await eventsOf(tx, [reportId])).get(reportId) ?? [], day);
      if (!REPORT_TRANSITIONS[state.status].includes(input.kind)) {
        throw new ConflictError(`Deze melding heeft de status "${state.status}"; "${input.kind}" kan dan niet.`, 'invalid_transition');
      }
      if (input.kind === 'reported' && occurredOn < row.start_date) throw new ValidationError([{ name: 'occurredOn', code: 'before_start', reason: 'De meldingsdatum ligt voor het begin van het verzuim.' }]);
      await tx
        .insertInto('absence_report_events')
        .values({ report_id: reportId, kind: input.kind, occurred_on: occurredOn, reference: reference || null, reason: reason || null, person_id: actor.personId })
        .execute();
      const events = (await eventsOf(tx, [reportId])).get(reportId) ?? [];
      return present({ ...row, version }, reportStateOn(row, events, day));
    },
  );
}

/** Whether the pupil was enrolled at the school on some day from `from` to `to`. */
async function enrolledBetween(tx: Tx, childId: string, schoolLocationId: string, from: string, to: string) {
  const row = await tx
    .selectFrom('enrolments')
    .select('id')
    .where('child_id', '=', childId)
    .where('organisation_id', '=', schoolLocationId)
    .where('start_date', '<=', to)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', from)]))
    .executeTakeFirst();
  return !!row;
}

/** "Overig verzuim" (signaalverzuim): worrying absence below the threshold, reported by the school's own judgement. */
export async function createOverigReport(database: Database, actor: Actor, input: { childId: string; schoolLocationId: string; startDate: string; endDate: string; explanation: string }): Promise<AbsenceReport> {
  requireSchoolCare(actor, input.schoolLocationId);
  const day = today();
  const errors: FieldError[] = [];
  if (!isIsoDate(input.startDate)) errors.push({ name: 'startDate', code: 'invalid_date', reason: 'Geef de eerste verzuimdag als JJJJ-MM-DD.' });
  if (!isIsoDate(input.endDate)) errors.push({ name: 'endDate', code: 'invalid_date', reason: 'Geef de laatste verzuimdag als JJJJ-MM-DD.' });
  if (!errors.length && input.endDate < input.startDate) errors.push({ name: 'endDate', code: 'before_start', reason: 'De laatste verzuimdag ligt voor de eerste.' });
  if (!errors.length && input.endDate > day) errors.push({ name: 'endDate', code: 'in_future', reason: 'Meld alleen verzuim dat al heeft plaatsgevonden.' });
  const explanation = input.explanation?.trim() ?? '';
  if (explanation.length < 10) errors.push({ name: 'explanation', code: 'required', reason: 'Beschrijf waarom dit verzuim zorgen geeft (minstens een zin).' });
  if (explanation.length > 2000) errors.push({ name: 'explanation', code: 'too_long', reason: 'De toelichting is hooguit 2000 tekens.' });
  if (errors.length) throw new ValidationError(errors);
  return withChildAccess(
    database,
    actor,
    input.childId,
    'absence',
    'absence.report.create',
    async ({ tx }) => {
      if (!(await enrolledBetween(tx, input.childId, input.schoolLocationId, input.startDate, input.endDate))) throw new ValidationError([{ name: 'startDate', code: 'not_enrolled', reason: 'De leerling stond in deze periode niet ingeschreven op deze school.' }]);
      const hours = await tx
        .selectFrom('absence_records')
        .select(sql<string>`coalesce(sum(hours), 0)`.as('h'))
        .where('child_id', '=', input.childId)
        .where('organisation_id', '=', input.schoolLocationId)
        .where('day', '>=', input.startDate)
        .where('day', '<=', input.endDate)
        .executeTakeFirstOrThrow();
      const created = await tx
        .insertInto('absence_reports')
        .values({
          region_id: actor.regionId,
          child_id: input.childId,
          organisation_id: input.schoolLocationId,
          type: 'overig',
          start_date: input.startDate,
          end_date: input.endDate,
          hours: Number(hours.h),
          due_on: day,
          deadline: addWorkingDays(day, DEADLINE_WORKING_DAYS),
          origin: 'manual',
          explanation,
          created_by_person_id: actor.personId,
        })
        .onConflict((oc) => oc.columns(['child_id', 'organisation_id', 'type', 'start_date', 'end_date']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!created) throw new ConflictError('Er is al een melding overig verzuim voor deze leerling en periode.', 'duplicate');
      const row = (await baseReports(tx).where('r.id', '=', created.id).executeTakeFirstOrThrow()) as ReportRow;
      return present(row, reportStateOn(row, [], day));
    },
    {},
    SCHOOL_GROUNDS,
  );
}

/**
 * The attendance officer's own status and notes on a report of a pupil living in their gemeente,
 * based on the version of the report the screen showed (409 when stale).
 */
export async function addFollowup(database: Database, actor: Actor, reportId: string, input: FollowupInput): Promise<FollowupRecorded> {
  if (actor.membership?.role !== 'attendance_officer') throw new ForbiddenError('Alleen de leerplichtambtenaar houdt de opvolging van een melding bij.');
  const note = input.note?.trim() || null;
  const errors: FieldError[] = [];
  if (!input.status && !note) errors.push({ name: 'note', code: 'required', reason: 'Kies een nieuwe status of schrijf een notitie.' });
  if (note && note.length > 4000) errors.push({ name: 'note', code: 'too_long', reason: 'Een notitie is hooguit 4000 tekens.' });
  if (errors.length) throw new ValidationError(errors);
  return withReport(
    database,
    actor,
    reportId,
    'absence.report.followup',
    (tx, report) => groundsForReport(tx, actor, report),
    async ({ tx }) => {
      const orgId = actor.membership!.organisationId;
      const version = await claimReportVersion(tx, reportId, input.version, orgId);
      const current = currentFollowup(await followupsOf(tx, reportId, orgId));
      if (input.status && !FOLLOWUP_TRANSITIONS[current].includes(input.status)) {
        throw new ConflictError(`Van "${current}" kan de opvolging niet naar "${input.status}".`, 'invalid_transition');
      }
      await tx.insertInto('absence_report_followups').values({ report_id: reportId, organisation_id: orgId, status: input.status ?? null, note, person_id: actor.personId }).execute();
      const items = await followupsOf(tx, reportId, orgId);
      return { status: currentFollowup(items), allowed: FOLLOWUP_TRANSITIONS[currentFollowup(items)], items, version };
    },
  );
}

/**
 * The attendance officer's workspace: reports the schools have made for pupils living in their
 * gemeente (scoped by the policy's leerplicht_residence ground), with the officer's own status.
 */
export async function listWorkspace(database: Database, actor: Actor, f: { followup?: Followup[]; q?: string; page: number; pageSize: number }): Promise<WorkspacePage> {
  if (actor.membership?.role !== 'attendance_officer') throw new ForbiddenError('De werkvoorraad verzuimmeldingen is er voor de leerplichtambtenaar.');
  const day = today();
  const orgId = actor.membership.organisationId;
  return database.db.transaction().execute(async (tx) => {
    const grounds = groundsQuery(tx, actor, day);
    let rows: ReportRow[] = [];
    if (grounds) {
      let q = baseReports(tx, orgId)
        .where('r.region_id', '=', actor.regionId)
        .where('r.child_id', 'in', tx.selectFrom(grounds.as('g')).select('g.child_id').where('g.ground', '=', 'leerplicht_residence'))
        .where(sql<boolean>`exists (select 1 from absence_report_events e where e.report_id = r.id and e.kind = 'reported')`);
      const term = f.q?.trim();
      if (term) q = q.where(sql<boolean>`(c.given_name || ' ' || c.family_name || ' ' || o.name) ilike ${'%' + term.replace(/[\\%_]/g, (ch) => '\\' + ch) + '%'}`);
      rows = await q.execute();
    }
    const events = await eventsOf(tx, rows.map((r) => r.id));
    const follow = new Map<string, FollowupStatus>();
    for (let i = 0; i < rows.length; i += 5000) {
      const fs = await tx
        .selectFrom('absence_report_followups')
        .select(['report_id', 'status'])
        .where('organisation_id', '=', orgId)
        .where('status', 'is not', null)
        .where('report_id', 'in', rows.slice(i, i + 5000).map((r) => r.id))
        .orderBy('id')
        .execute();
      for (const x of fs) follow.set(x.report_id, x.status!);
    }
    const all: WorkspaceItem[] = rows
      .map((r) => ({ ...present(r, reportStateOn(r, events.get(r.id) ?? [], day)), followup: follow.get(r.id) ?? ('new' as const) }))
      .filter((x) => x.status === 'reported')
      .map((x) => ({ ...x, allowed: [] }));
    const counts: Record<Followup, number> = { new: 0, received: 0, talk: 0, warning: 0, official_report: 0, closed: 0 };
    for (const x of all) counts[x.followup]++;
    const wanted = f.followup?.length ? all.filter((x) => f.followup!.includes(x.followup)) : all;
    wanted.sort((a, b) => (a.followup === 'new' ? 0 : 1) - (b.followup === 'new' ? 0 : 1) || (b.reportedOn ?? '').localeCompare(a.reportedOn ?? '') || a.child.familyName.localeCompare(b.child.familyName));
    // The policy is asked for every pupil on the page (the officer's residence ground), which logs
    // each; a pupil it refuses (moved out of the gemeente since the query ran) is left off.
    const onPage = wanted.slice((f.page - 1) * f.pageSize, f.page * f.pageSize);
    const { allowed } = await withChildrenAccess(tx, actor, { childIds: onPage.map((i) => i.childId), kind: 'absence', event: 'absence.report.workspace', grounds: ['leerplicht_residence'] });
    const items = onPage.filter((i) => allowed.has(i.childId));
    return { items, total: wanted.length, page: f.page, pageSize: f.pageSize, counts };
  });
}

/** Labels of the report types as the verzuimloket names them. */
export const DUO_TYPE_LABEL = REPORT_TYPE_LABELS;

export const DUO_COLUMNS = ['brin', 'vestiging', 'bsn_of_onderwijsnummer', 'geboortedatum', 'achternaam', 'voornamen', 'soort_verzuim', 'begindatum_verzuim', 'einddatum_verzuim', 'aantal_uren', 'toelichting', 'contactpersoon_school'] as const;

/**
 * The export for DUO's verzuimloket: one row per report still to be made (due or overdue on
 * `asOf`), with the fields the verzuimloket asks for. It contains the BSN, so each pupil's 'bsn'
 * use is logged.
 */
export async function exportForDuo(database: Database, actor: Actor, f: { schoolLocationId: string; asOf?: string }) {
  requireSchoolCare(actor, f.schoolLocationId);
  const asOf = f.asOf ?? today();
  // One transaction: the reports (logged as the list they are), then the BSN of their pupils.
  const result = await database.db.transaction().execute(async (tx) => {
    const list = await schoolReportPage(tx, actor, { schoolLocationId: f.schoolLocationId, asOf, status: ['due', 'overdue'], page: 1, pageSize: 100_000 });
    // DUO identifies a pupil by BSN or onderwijsnummer: an empty column is a report DUO cannot
    // place. Pupils without either are named (as the list shows them) and nothing is exported; the
    // BSNs are then not read at all. Only whether a number exists is asked here.
    const missing = await withoutIdentifier(tx, f.schoolLocationId, [...new Set(list.items.map((i) => i.childId))]);
    if (missing.length) return { missing, asOf, rows: [] };
    const school = await tx.selectFrom('organisations').select(['brin', 'vestiging']).where('id', '=', f.schoolLocationId).executeTakeFirstOrThrow();
    const contact = actor.personId ? await tx.selectFrom('people').select(sql<string>`given_name || ' ' || family_name`.as('n')).where('id', '=', actor.personId).executeTakeFirst() : null;
    // The policy is asked for each pupil's BSN (and logs it); a pupil it refuses is not exported.
    const { allowed } = await withChildrenAccess(tx, actor, { childIds: list.items.map((i) => i.childId), kind: 'bsn', event: 'absence.report.export', detailOf: () => ({ asOf }), grounds: SCHOOL_GROUNDS });
    const ids = [...allowed];
    const identifier = new Map(ids.length ? (await tx.selectFrom('children').select(['id', 'bsn', 'onderwijsnummer']).where('id', 'in', ids).execute()).map((c) => [c.id, c.bsn ?? c.onderwijsnummer ?? '']) : []);
    const rows = list.items.filter((i) => allowed.has(i.childId) && identifier.get(i.childId)).map((i) => ({
      brin: school.brin ?? '',
      vestiging: school.vestiging ?? '',
      bsn_of_onderwijsnummer: identifier.get(i.childId)!,
      geboortedatum: i.child.birthDate,
      achternaam: i.child.familyName,
      voornamen: i.child.givenName,
      soort_verzuim: DUO_TYPE_LABEL[i.type],
      begindatum_verzuim: i.startDate,
      einddatum_verzuim: i.endDate,
      aantal_uren: i.hours.toFixed(2).replace('.', ','),
      toelichting: i.explanation ?? '',
      contactpersoon_school: contact?.n ?? '',
    }));
    return { missing: [], asOf, rows };
  });
  if (result.missing.length) throw missingIdentifiers(result.missing);
  return { asOf: result.asOf, rows: result.rows };
}

type MissingIdentifier = { childId: string; name: string; pupilNumber: string | null };

/** The pupils among `childIds` who have neither a BSN nor an onderwijsnummer, with their pupil number at the school. */
async function withoutIdentifier(tx: Tx, schoolLocationId: string, childIds: string[]): Promise<MissingIdentifier[]> {
  if (!childIds.length) return [];
  const rows = await tx
    .selectFrom('children as c')
    .select([
      'c.id',
      'c.given_name',
      'c.family_name',
      (eb) =>
        eb
          .selectFrom('enrolments as e')
          .select('e.pupil_number')
          .whereRef('e.child_id', '=', 'c.id')
          .where('e.organisation_id', '=', schoolLocationId)
          .where('e.pupil_number', 'is not', null)
          .orderBy('e.start_date', 'desc')
          .limit(1)
          .as('pupil_number'),
    ])
    .where('c.id', 'in', childIds)
    .where('c.bsn', 'is', null)
    .where('c.onderwijsnummer', 'is', null)
    .orderBy('c.family_name')
    .orderBy('c.given_name')
    .execute();
  return rows.map((r) => ({ childId: r.id, name: `${r.given_name} ${r.family_name}`, pupilNumber: r.pupil_number }));
}

/** 422 before the export: who has no identifier, and how to fix it; one field error per pupil. */
function missingIdentifiers(missing: MissingIdentifier[]): ProblemError {
  const who = (m: MissingIdentifier) => `${m.name} (${m.pupilNumber ? `leerlingnummer ${m.pupilNumber}` : 'geen leerlingnummer'})`;
  const fix = 'Leg het BSN of het onderwijsnummer vast op de pagina van het kind of met de leerlingenimport, en exporteer daarna opnieuw.';
  const n = missing.length;
  const detail = `${n === 1 ? 'Eén leerling heeft' : `${n} leerlingen hebben`} geen BSN of onderwijsnummer, en DUO kan een melding zonder dat nummer niet plaatsen: ${missing.map(who).join(', ')}. ${fix} Er is niets geëxporteerd.`;
  return new ProblemError(
    422,
    'BSN of onderwijsnummer ontbreekt',
    detail,
    'missing_identifier',
    missing.map((m) => ({ name: `pupils/${m.childId}`, code: 'missing_identifier', reason: `${who(m)} heeft geen BSN of onderwijsnummer. ${fix}` })),
  );
}

/** A CSV for the verzuimloket: `;`-separated, UTF-8 with BOM (Excel opens it correctly), quoted where needed, no formulas. */
export function duoCsv(rows: Record<(typeof DUO_COLUMNS)[number], string>[]): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\uFEFF' + [DUO_COLUMNS.join(';'), ...rows.map((r) => DUO_COLUMNS.map((c) => cell(r[c])).join(';'))].join('\r\n') + '\r\n';
}

/** Absence entered by hand (or through the API) for one pupil on one day; the reports follow at once. */
export async function recordAbsence(
  database: Database,
  actor: Actor,
  input: AbsenceRecordInput,
): Promise<AbsenceRecorded> {
  requireSchoolCare(actor, input.schoolLocationId);
  const errors: FieldError[] = [];
  if (!isIsoDate(input.day)) errors.push({ name: 'day', code: 'invalid_date', reason: 'Geef de dag als JJJJ-MM-DD.' });
  else if (input.day > today()) errors.push({ name: 'day', code: 'in_future', reason: 'Verzuim kan niet in de toekomst liggen.' });
  if (!(input.hours > 0 && input.hours <= 12)) errors.push({ name: 'hours', code: 'out_of_range', reason: 'Het aantal uren ligt tussen 0 en 12 (bijvoorbeeld 2,5).' });
  if (!(ABSENCE_REASONS as readonly string[]).includes(input.reason)) errors.push({ name: 'reason', code: 'invalid', reason: 'Kies een reden.' });
  if (errors.length) throw new ValidationError(errors);
  return withChildAccess(
    database,
    actor,
    input.childId,
    'absence',
    'absence.record',
    async ({ tx }) => {
      if (!(await enrolledBetween(tx, input.childId, input.schoolLocationId, input.day, input.day))) throw new ValidationError([{ name: 'day', code: 'not_enrolled', reason: 'De leerling stond op deze dag niet ingeschreven op deze school.' }]);
      // Absence only on a lesson day of this school (not a weekend, a holiday, a national or the
      // school's own free day): 422 with the day and why.
      const noLessons = (await lessonDayCheck(tx, input.schoolLocationId, [input.day]))(input.day);
      if (noLessons) throw new ProblemError(422, 'Geen lesdag', noLessons, 'not_a_lesson_day', [{ name: 'day', code: 'not_a_lesson_day', reason: noLessons }]);
      await tx
        .insertInto('absence_records')
        .values({ region_id: actor.regionId, child_id: input.childId, organisation_id: input.schoolLocationId, day: input.day, hours: input.hours, reason: input.reason, source: input.source ?? 'manual' })
        .onConflict((oc) => oc.columns(['child_id', 'organisation_id', 'day', 'reason']).doUpdateSet({ hours: sql`excluded.hours`, source: sql`excluded.source`, import_id: null }))
        .execute();
      const evaluation = RULE_REASONS.includes(input.reason) ? await evaluateAbsenceReports(tx, { regionId: actor.regionId, organisationId: input.schoolLocationId, childIds: [input.childId] }) : null;
      return { childId: input.childId, day: input.day, hours: input.hours, reason: input.reason, newReports: evaluation?.inserted ?? 0 };
    },
    { day: input.day },
    SCHOOL_GROUNDS,
  );
}
