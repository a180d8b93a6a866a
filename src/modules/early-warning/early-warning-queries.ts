import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { SchoolType } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { groundsQuery } from '../../kernel/policy/child-policy.ts';
import { recordListed, withChildAccess, type LogGround } from '../../kernel/policy/gateway.ts';
import { isCareCoordinator } from '../../kernel/policy/signal-policy.ts';
import { addCalendarDays, loadCalendarOf } from '../../kernel/calendar/school-days.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../kernel/errors.ts';
import { isIsoDate, today } from '../../kernel/time.ts';
import {
  BANDS,
  LOOKBACK_WEEKS,
  NO_MISSED_HOURS,
  SchoolDayCounter,
  UNAUTHORISED_REASONS,
  absencePercentage,
  evaluationPeriods,
  schoolYearStart,
  summarisePupil,
  type Band,
  type EnrolmentSpan,
  type EvaluationPeriods,
  type MissedHours,
  type PeriodSummary,
  type PupilSummary,
} from './early-warning-math.ts';
import { loadSettings, type EarlyWarningSettingValues } from './early-warning-settings.ts';
import { SORTS, type BandFilter, type Sort } from '../../contracts/values/early-warning.ts';
import type { AbsenceSummary, EarlyWarningList } from '../../contracts/early-warning.ts';

/**
 * Early warning queries: the care coordinator's list of a school's pupils with their absence
 * percentages, bands and trend, and one child's summary. The missed hours come from one SQL
 * aggregate per school (sums per pupil over the periods, each day capped at its scheduled hours);
 * the calendar and the enrolments are counted in memory. No absence row is loaded into JS.
 */

export { SORTS, type BandFilter, type Sort };

/** Evaluation "as of" a day: default today, never in the future. */
export function asOfDay(asOf: string | undefined): string {
  const day = today();
  if (asOf === undefined || asOf === '') return day;
  if (!isIsoDate(asOf)) throw new ValidationError([{ name: 'asOf', code: 'date', reason: 'Vul de peildatum in als JJJJ-MM-DD.' }]);
  if (asOf > day) throw new ValidationError([{ name: 'asOf', code: 'future', reason: 'De peildatum ligt in de toekomst. Kies vandaag of een dag ervoor.' }]);
  return asOf;
}

interface SchoolEvaluation {
  periods: EvaluationPeriods;
  hoursPerDay: number;
  summaries: Map<string, PupilSummary>;
  /** Unrounded percentages for sorting: [school year all, rolling all]. */
  exact: Map<string, { schoolYear: number | null; rolling: number | null }>;
}

interface SumsRow {
  child_id: string;
  year_all: number | string;
  year_unauth: number | string;
  roll_all: number | string;
  roll_unauth: number | string;
  prev_year_all: number | string;
  prev_roll_all: number | string;
}

/**
 * Percentages of the given pupils at one school as of a day. The pupils must already be scoped by
 * the access policy; this only counts.
 */
async function evaluateSchool(
  tx: Tx,
  school: { id: string; schoolType: SchoolType },
  childIds: string[],
  asOf: string,
  settings: EarlyWarningSettingValues,
): Promise<SchoolEvaluation> {
  const lookback = addCalendarDays(asOf, -7 * (LOOKBACK_WEEKS + 1));
  const yearStart = schoolYearStart(asOf);
  const calendarFrom = yearStart < lookback ? yearStart : lookback;
  // The rest of the week of asOf too: whether that week is a lesson week depends on all its days.
  const cal = await loadCalendarOf(tx, school.id, calendarFrom, addCalendarDays(asOf, 7));
  const periods = evaluationPeriods(cal, asOf);
  const counter = new SchoolDayCounter(cal, periods.earliest, asOf);
  const hoursPerDay = settings.lessonHoursPerDay[school.schoolType];
  const summaries = new Map<string, PupilSummary>();
  const exact = new Map<string, { schoolYear: number | null; rolling: number | null }>();
  if (!childIds.length) return { periods, hoursPerDay, summaries, exact };

  const enrolmentRows = await tx
    .selectFrom('enrolments')
    .select(['child_id', 'start_date', 'end_date'])
    .where('organisation_id', '=', school.id)
    .where(sql<boolean>`child_id in (select unnest(${childIds}::uuid[]))`)
    .where('start_date', '<=', asOf)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', periods.earliest)]))
    .execute();
  const enrolments = new Map<string, EnrolmentSpan[]>();
  for (const e of enrolmentRows) {
    const list = enrolments.get(e.child_id) ?? [];
    list.push({ start: e.start_date, end: e.end_date });
    enrolments.set(e.child_id, list);
  }

  const prev = periods.previous;
  const never = null as string | null;
  // One aggregate: per pupil and day the missed hours (all reasons; unauthorised only), capped at
  // the day's lesson hours, on school days on which the pupil was enrolled here; then per pupil the
  // sums over the periods.
  const { rows } = await sql<SumsRow>`
    with days as (
      select a.child_id, a.day,
        least(sum(a.hours), ${hoursPerDay}::numeric) as all_h,
        least(coalesce(sum(a.hours) filter (where a.reason = any(${[...UNAUTHORISED_REASONS]}::text[])), 0), ${hoursPerDay}::numeric) as unauth_h
      from absence_records a
      where a.organisation_id = ${school.id}
        and a.child_id = any(${childIds}::uuid[])
        and a.day >= ${periods.earliest}::date and a.day <= ${asOf}::date
        and a.day = any(${counter.schoolDays()}::date[])
        and exists (
          select 1 from enrolments e
          where e.child_id = a.child_id and e.organisation_id = a.organisation_id
            and e.start_date <= a.day and (e.end_date is null or e.end_date >= a.day)
        )
      group by a.child_id, a.day
    )
    select child_id,
      coalesce(sum(all_h) filter (where day >= ${periods.schoolYear.from}::date), 0) as year_all,
      coalesce(sum(unauth_h) filter (where day >= ${periods.schoolYear.from}::date), 0) as year_unauth,
      coalesce(sum(all_h) filter (where day >= ${periods.rolling.from}::date), 0) as roll_all,
      coalesce(sum(unauth_h) filter (where day >= ${periods.rolling.from}::date), 0) as roll_unauth,
      coalesce(sum(all_h) filter (where day >= ${prev?.schoolYear?.from ?? never}::date and day <= ${prev?.asOf ?? never}::date), 0) as prev_year_all,
      coalesce(sum(all_h) filter (where day >= ${prev?.rolling.from ?? never}::date and day <= ${prev?.asOf ?? never}::date), 0) as prev_roll_all
    from days
    group by child_id
  `.execute(tx);
  const missed = new Map<string, MissedHours>(
    rows.map((r) => [
      r.child_id,
      {
        schoolYearAll: Number(r.year_all),
        schoolYearUnauthorised: Number(r.year_unauth),
        rollingAll: Number(r.roll_all),
        rollingUnauthorised: Number(r.roll_unauth),
        previousSchoolYearAll: Number(r.prev_year_all),
        previousRollingAll: Number(r.prev_roll_all),
      },
    ]),
  );
  for (const id of childIds) {
    const m = missed.get(id) ?? NO_MISSED_HOURS;
    const s = summarisePupil({ missed: m, enrolments: enrolments.get(id) ?? [], counter, periods, hoursPerDay, thresholds: settings.thresholds });
    summaries.set(id, s);
    exact.set(id, { schoolYear: absencePercentage(m.schoolYearAll, s.schoolYear.scheduledHours), rolling: absencePercentage(m.rollingAll, s.rolling.scheduledHours) });
  }
  return { periods, hoursPerDay, summaries, exact };
}

const presentPeriods = (p: EvaluationPeriods) => ({
  schoolYear: p.schoolYear,
  rolling: { from: p.rolling.from, to: p.rolling.to, lessonWeeks: p.rolling.lessonWeeks.length },
  previousAsOf: p.previous?.asOf ?? null,
});

const presentPeriod = ({ scheduledDays, scheduledHours, all, unauthorised }: PeriodSummary) => ({ scheduledDays, scheduledHours, all, unauthorised });

const presentSummary = (s: PupilSummary) => ({
  schoolYear: presentPeriod(s.schoolYear),
  rolling: presentPeriod(s.rolling),
  band: s.band,
  trend: s.trend,
  becameChronic: s.becameChronic,
});

export interface EarlyWarningListOptions {
  schoolLocationId?: string;
  asOf?: string;
  band?: BandFilter;
  sort: Sort;
  page: number;
  pageSize: number;
}

/**
 * The care coordinator's early-warning list: every pupil of the own school location (scoped in SQL
 * by the school_care ground, which covers the 'absence' data kind) enrolled there on the day "as
 * of", with percentages, band and trend; and on top the pupils who became chronic this lesson week.
 * Every child returned is written to the access log in the same transaction.
 */
export async function listEarlyWarning(database: Database, actor: Actor, opts: EarlyWarningListOptions): Promise<EarlyWarningList> {
  if (!isCareCoordinator(actor)) throw new ForbiddenError('De verzuimsignalering is er voor de intern begeleider of zorgcoördinator van de school.');
  const m = actor.membership!;
  const schoolId = opts.schoolLocationId ?? m.organisationId;
  if (schoolId !== m.organisationId) {
    throw new ForbiddenError('U ziet alleen de leerlingen van de schoolvestiging waarvoor u nu werkt. Wissel in de kop van de pagina van organisatie.');
  }
  const day = today();
  const asOf = asOfDay(opts.asOf);
  return database.db.transaction().execute(async (tx) => {
    const org = await tx
      .selectFrom('organisations')
      .select(['id', 'name', 'school_type'])
      .where('id', '=', schoolId)
      .where('region_id', '=', actor.regionId)
      .where('kind', '=', 'school_location')
      .executeTakeFirst();
    if (!org?.school_type) throw new NotFoundError();
    const settings = await loadSettings(tx, actor.regionId);
    const grounds = groundsQuery(tx, actor, day);
    // The children the policy gives this actor through the school_care ground (which covers the
    // 'absence' data kind), then those enrolled here on the day "as of". Two steps, so that the
    // planner never has to join the union of grounds row by row.
    const scopedRows = grounds ? await tx.selectFrom(grounds.as('g')).select(['g.child_id', 'g.ground']).distinct().where('g.ground', '=', 'school_care').execute() : [];
    // The ground each child is shown on, as the policy's query found it (logged with the list).
    const groundOf = new Map<string, LogGround>(scopedRows.map((g) => [g.child_id, g.ground]));
    const scoped = [...groundOf.keys()];
    const pupils = scoped.length
      ? await tx
          .selectFrom('enrolments as e')
          .innerJoin('children as c', 'c.id', 'e.child_id')
          .leftJoin('school_groups as sg', 'sg.id', 'e.group_id')
          .where(sql<boolean>`c.id in (select unnest(${scoped}::uuid[]))`)
          .where('c.region_id', '=', actor.regionId)
          .where('e.organisation_id', '=', schoolId)
          .where('e.start_date', '<=', asOf)
          .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', asOf)]))
          .select(['c.id', 'c.given_name', 'c.family_name', 'sg.name as group_name'])
          .execute()
      : [];
    const unique = [...new Map(pupils.map((p) => [p.id, p])).values()];
    const evaluation = await evaluateSchool(tx, { id: org.id, schoolType: org.school_type }, unique.map((p) => p.id), asOf, settings);

    const all = unique.map((p) => {
      const s = evaluation.summaries.get(p.id)!;
      return {
        child: { id: p.id, givenName: p.given_name, familyName: p.family_name, groupName: p.group_name },
        ...presentSummary(s),
        exact: evaluation.exact.get(p.id)!,
      };
    });
    type Item = (typeof all)[number];
    const byName = (a: Item, b: Item) =>
      a.child.familyName.localeCompare(b.child.familyName, 'nl') || a.child.givenName.localeCompare(b.child.givenName, 'nl') || (a.child.id < b.child.id ? -1 : 1);
    const desc = (x: number | null | undefined, y: number | null | undefined) => (y ?? -1) - (x ?? -1);
    const rank = (b: Band | null) => (b === null ? -1 : BANDS.indexOf(b));
    const comparators: Record<Sort, (a: Item, b: Item) => number> = {
      severity: (a, b) => rank(b.band) - rank(a.band) || desc(a.exact.rolling, b.exact.rolling) || desc(a.exact.schoolYear, b.exact.schoolYear) || byName(a, b),
      name: byName,
      schoolYear: (a, b) => desc(a.exact.schoolYear, b.exact.schoolYear) || byName(a, b),
      rolling: (a, b) => desc(a.exact.rolling, b.exact.rolling) || byName(a, b),
      trend: (a, b) => (b.trend?.differencePp ?? -Infinity) - (a.trend?.differencePp ?? -Infinity) || byName(a, b) || 0,
    };
    const counts = { total: all.length, on_track: 0, attention: 0, chronic: 0, severe: 0, none: 0 };
    for (const item of all) counts[item.band ?? 'none']++;
    const becameChronic = all.filter((i) => i.becameChronic.length > 0).sort(comparators.severity);
    const filtered = all.filter((i) => !opts.band || (i.band ?? 'none') === opts.band).sort(comparators[opts.sort]);
    const page = filtered.slice((opts.page - 1) * opts.pageSize, opts.page * opts.pageSize);

    const shown = [...new Set([...becameChronic, ...page].map((i) => i.child.id))];
    await recordListed(
      tx,
      actor,
      'early_warning.list',
      shown.map((childId) => ({ childId, ground: groundOf.get(childId)!, detail: { kind: 'absence', asOf, schoolLocationId: schoolId } })),
    );
    const strip = ({ exact: _exact, ...rest }: Item) => rest;
    return {
      school: { id: org.id, name: org.name, schoolType: org.school_type, lessonHoursPerDay: evaluation.hoursPerDay },
      asOf,
      periods: presentPeriods(evaluation.periods),
      thresholds: settings.thresholds,
      counts,
      becameChronic: becameChronic.map(strip),
      items: page.map(strip),
      total: filtered.length,
      page: opts.page,
      pageSize: opts.pageSize,
    };
  });
}

/**
 * One child's absence percentages at the school(s) where the child is enrolled on the day "as of",
 * for whoever the policy gives the 'absence' data kind (the school's care coordinator, the
 * attendance officer of the child's gemeente, a case owner; a team member only under consent).
 */
export async function getAbsenceSummary(database: Database, actor: Actor, childId: string, asOfInput?: string): Promise<AbsenceSummary> {
  const asOf = asOfDay(asOfInput);
  return withChildAccess(
    database,
    actor,
    childId,
    'absence',
    'child.absence_summary.read',
    async ({ tx }) => {
      const schools = await tx
        .selectFrom('enrolments as e')
        .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
        .where('e.child_id', '=', childId)
        .where('e.start_date', '<=', asOf)
        .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', asOf)]))
        .where('o.school_type', 'is not', null)
        .select(['o.id', 'o.name', 'o.school_type'])
        .orderBy('o.name')
        .execute();
      const settings = await loadSettings(tx, actor.regionId);
      const result = [];
      for (const s of [...new Map(schools.map((x) => [x.id, x])).values()]) {
        const evaluation = await evaluateSchool(tx, { id: s.id, schoolType: s.school_type! }, [childId], asOf, settings);
        result.push({
          school: { id: s.id, name: s.name, schoolType: s.school_type!, lessonHoursPerDay: evaluation.hoursPerDay },
          periods: presentPeriods(evaluation.periods),
          ...presentSummary(evaluation.summaries.get(childId)!),
        });
      }
      return { childId, asOf, thresholds: settings.thresholds, schools: result };
    },
    { asOf },
  );
}
