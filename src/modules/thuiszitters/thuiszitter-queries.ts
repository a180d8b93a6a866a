import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { ThuiszitterCategory } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordListed, rules, subject, withAccess, withChildAccess } from '../../kernel/policy/gateway.ts';
import { groundsQuery, type Ground, isConsentGround } from '../../kernel/policy/child-policy.ts';
import { ageOn, today } from '../../kernel/time.ts';
import { isCompulsoryOn, schoolYearEnd } from '../absence/index.ts';
import { caseToSendFrom } from '../cases/index.ts';
import { stateOn, type EntryEvent, type EntryState } from './thuiszitter-state.ts';
import { regionSetting } from '../../kernel/settings/region-settings.ts';
import type { Role } from '../../contracts/values/registry.ts';
import type { ResponsibleOptions, ThuiszitterCandidates, ThuiszitterDetail, ThuiszitterList } from '../../contracts/thuiszitters.ts';
import { asList, logGround, RESPONSIBLE_ROLES, thuiszitterScope, WRITE_GROUNDS } from './thuiszitter-access.ts';

export interface StoredEntry {
  id: string;
  childId: string;
  startDate: string;
  absenceReportId: string | null;
  createdAt: string;
  events: EntryEvent[];
}

type EventRow = {
  id: number;
  thuiszitter_id: string;
  kind: EntryEvent['kind'];
  effective_on: string;
  category: EntryEvent['category'];
  school_location_id: string | null;
  responsible_person_id: string | null;
  offer: EntryEvent['offer'];
  offer_hours: number | string | null;
  offer_fitting: boolean | null;
  end_reason: EntryEvent['endReason'];
  note: string | null;
  person_id: string | null;
  organisation_id: string | null;
  recorded_at: Date | string;
};

export const toEvent = (e: EventRow): EntryEvent => ({
  id: Number(e.id),
  kind: e.kind,
  effectiveOn: e.effective_on,
  category: e.category,
  schoolLocationId: e.school_location_id,
  responsiblePersonId: e.responsible_person_id,
  offer: e.offer,
  offerHours: e.offer_hours === null ? null : Number(e.offer_hours),
  offerFitting: e.offer_fitting,
  endReason: e.end_reason,
  note: e.note,
});

/** The events of some entries, in the order they were recorded. */
export async function eventRows(tx: Tx | Database['db'], entryIds: string[]): Promise<EventRow[]> {
  if (entryIds.length === 0) return [];
  const rows: EventRow[] = [];
  for (let i = 0; i < entryIds.length; i += 1000) {
    rows.push(...((await tx.selectFrom('thuiszitter_events').selectAll().where('thuiszitter_id', 'in', entryIds.slice(i, i + 1000)).orderBy('id').execute()) as EventRow[]));
  }
  return rows;
}

/** Entries with their events. */
export async function loadEntries(tx: Tx | Database['db'], rows: { id: string; child_id: string; start_date: string; absence_report_id: string | null; created_at: Date | string }[]): Promise<StoredEntry[]> {
  const events = await eventRows(
    tx,
    rows.map((r) => r.id),
  );
  const byEntry = new Map<string, EntryEvent[]>();
  for (const e of events) byEntry.set(e.thuiszitter_id, [...(byEntry.get(e.thuiszitter_id) ?? []), toEvent(e)]);
  return rows.map((r) => ({
    id: r.id,
    childId: r.child_id,
    startDate: r.start_date,
    absenceReportId: r.absence_report_id,
    createdAt: new Date(r.created_at).toISOString(),
    events: byEntry.get(r.id) ?? [],
  }));
}

/** Names of the school locations and people an entry refers to. */
async function namesFor(tx: Tx, orgIds: (string | null)[], personIds: (string | null)[]) {
  const orgs = [...new Set(orgIds.filter((x): x is string => !!x))];
  const people = [...new Set(personIds.filter((x): x is string => !!x))];
  const orgRows = orgs.length ? await tx.selectFrom('organisations').select(['id', 'name', 'school_type']).where('id', 'in', orgs).execute() : [];
  const personRows = people.length
    ? await tx
        .selectFrom('people as p')
        .select([
          'p.id',
          sql<string>`p.given_name || ' ' || p.family_name`.as('name'),
          sql<string | null>`(select o.name from memberships m join organisations o on o.id = m.organisation_id where m.person_id = p.id and m.ended_at is null order by m.created_at limit 1)`.as('organisation_name'),
        ])
        .where('p.id', 'in', people)
        .execute()
    : [];
  return {
    org: new Map(orgRows.map((o) => [o.id, { id: o.id, name: o.name, schoolType: o.school_type }])),
    person: new Map(personRows.map((p) => [p.id, { personId: p.id, name: p.name, organisationName: p.organisation_name }])),
  };
}
type Names = Awaited<ReturnType<typeof namesFor>>;

interface ChildRow {
  child_id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
}

function present(entry: StoredEntry, state: EntryState, child: ChildRow, showIdentity: boolean, names: Names, day: string) {
  return {
    id: entry.id,
    child: showIdentity ? { id: child.child_id, givenName: child.given_name, familyName: child.family_name, birthDate: child.birth_date, age: ageOn(child.birth_date, day) } : { id: child.child_id },
    category: state.category,
    startDate: entry.startDate,
    schoolLocation: state.schoolLocationId ? (names.org.get(state.schoolLocationId) ?? null) : null,
    responsible: state.responsiblePersonId ? (names.person.get(state.responsiblePersonId) ?? null) : null,
    offer: state.offer,
    end: state.end,
    open: state.open,
    duration: state.duration,
    normApplies: state.normApplies,
    normDate: state.normDate,
    over3Months: state.over3Months,
    absenceReportId: entry.absenceReportId,
  };
}
export type PresentedEntry = ReturnType<typeof present>;

export interface ListOptions {
  category?: ThuiszitterCategory;
  open?: boolean;
  over3Months?: boolean;
  page: number;
  pageSize: number;
}

/** Longest at home first, and the ones over the norm before the rest; closed entries last, latest ended first. */
function byUrgency(a: { state: EntryState; entry: StoredEntry }, b: { state: EntryState; entry: StoredEntry }) {
  if (a.state.open !== b.state.open) return a.state.open ? -1 : 1;
  if (a.state.over3Months !== b.state.over3Months) return a.state.over3Months ? -1 : 1;
  if (!a.state.open) return (b.state.end?.on ?? '').localeCompare(a.state.end?.on ?? '');
  return a.entry.startDate.localeCompare(b.entry.startDate) || a.entry.id.localeCompare(b.entry.id);
}

/**
 * The register as the actor may see it: scoped in SQL by the access policy (data kind
 * 'thuiszitter'), the state of each entry derived from its events as of today, filtered, with
 * the most urgent first. Every child on the returned page is written to the access log.
 */
export async function listThuiszitters(database: Database, actor: Actor, opts: ListOptions, event = 'thuiszitter.list'): Promise<ThuiszitterList> {
  const day = today();
  return database.db.transaction().execute(async (tx) => {
    const empty = { items: [] as PresentedEntry[], total: 0, page: opts.page, pageSize: opts.pageSize, summary: { open: 0, over3Months: 0 } };
    const scope = thuiszitterScope(tx, actor, day);
    if (!scope) return empty;
    const rows = await tx
      .selectFrom('thuiszitters as t')
      .innerJoin('children as c', 'c.id', 't.child_id')
      .innerJoin(scope.as('s'), 's.child_id', 't.child_id')
      .where('t.region_id', '=', actor.regionId)
      .select(['t.id', 't.child_id', 't.start_date', 't.absence_report_id', 't.created_at', 'c.given_name', 'c.family_name', 'c.birth_date', 's.grounds', 's.consent_id', 's.identity'])
      .execute();
    const entries = await loadEntries(tx, rows);
    const normMonths = await regionSetting(tx, actor.regionId, 'thuiszitterNormMonths');
    const all = entries.map((entry, i) => ({ entry, row: rows[i], state: stateOn(entry, day, normMonths) }));
    const summary = { open: all.filter((x) => x.state.open).length, over3Months: all.filter((x) => x.state.over3Months).length };
    const filtered = all
      .filter(
        (x) =>
          (!opts.category || x.state.category === opts.category) &&
          (opts.open === undefined || x.state.open === opts.open) &&
          (opts.over3Months === undefined || x.state.over3Months === opts.over3Months),
      )
      .sort(byUrgency);
    const page = filtered.slice((opts.page - 1) * opts.pageSize, opts.page * opts.pageSize);
    const names = await namesFor(
      tx,
      page.map((x) => x.state.schoolLocationId),
      page.map((x) => x.state.responsiblePersonId),
    );
    await recordListed(
      tx,
      actor,
      event,
      page.map((x) => {
        // The ground the policy's scoped query found; a consent is named only when it is the ground.
        const ground = logGround(asList<Ground>(x.row.grounds));
        return { childId: x.entry.childId, ground, consentId: ground && isConsentGround(ground) ? x.row.consent_id : null, detail: { kind: 'thuiszitter', thuiszitterId: x.entry.id } };
      }),
    );
    return {
      items: page.map((x) => present(x.entry, x.state, x.row, x.row.identity === true, names, day)),
      total: filtered.length,
      page: opts.page,
      pageSize: opts.pageSize,
      summary,
    };
  });
}

const HISTORY_EVENT_KINDS = { category: 'category', responsible: 'responsible', offer: 'offer', end: 'end' } as const;

/** One entry with its whole history, and what the actor may do with it. */
export async function getThuiszitter(database: Database, actor: Actor, id: string): Promise<ThuiszitterDetail> {
  const day = today();
  return withAccess(
    database,
    actor,
    subject.thuiszitter(id),
    rules.childData('thuiszitter'),
    'thuiszitter.read',
    async ({ tx, kinds, grounds }) => {
      const row = await tx.selectFrom('thuiszitters').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const child = await tx.selectFrom('children').select(['id as child_id', 'given_name', 'family_name', 'birth_date']).where('id', '=', row.child_id).executeTakeFirstOrThrow();
      const { version } = row;
      const [entry] = await loadEntries(tx, [row]);
      const state = stateOn(entry, day, await regionSetting(tx, actor.regionId, 'thuiszitterNormMonths'));
      const events = await eventRows(tx, [id]);
      const names = await namesFor(
        tx,
        [state.schoolLocationId, ...events.map((e) => e.school_location_id), ...events.map((e) => e.organisation_id), row.registered_by_organisation_id],
        [state.responsiblePersonId, ...events.map((e) => e.responsible_person_id), ...events.map((e) => e.person_id)],
      );
      const report = row.absence_report_id
        ? await tx
            .selectFrom('absence_reports as r')
            .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
            .select(['r.id', 'r.start_date', 'r.end_date', 'r.hours', 'o.name'])
            .where('r.id', '=', row.absence_report_id)
            .executeTakeFirst()
        : null;
      return {
        ...present(entry, state, child, kinds.has('identity'), names, day),
        version,
        absenceReport: report ? { id: report.id, startDate: report.start_date, endDate: report.end_date, hours: Number(report.hours), schoolLocationName: report.name } : null,
        registeredAt: entry.createdAt,
        history: events.map((e) => ({
          id: Number(e.id),
          kind: HISTORY_EVENT_KINDS[e.kind],
          effectiveOn: e.effective_on,
          recordedAt: new Date(e.recorded_at).toISOString(),
          recordedBy: e.person_id ? { name: names.person.get(e.person_id)?.name ?? null, organisationName: e.organisation_id ? (names.org.get(e.organisation_id)?.name ?? null) : null } : null,
          category: e.category,
          schoolLocation: e.school_location_id ? (names.org.get(e.school_location_id) ?? null) : null,
          responsible: e.responsible_person_id ? (names.person.get(e.responsible_person_id) ?? null) : null,
          offer: e.offer ? { kind: e.offer, hoursPerWeek: e.offer_hours === null ? null : Number(e.offer_hours), fitting: e.offer_fitting === true } : null,
          endReason: e.end_reason,
          note: e.note,
        })),
        can: { change: state.open && grounds.some((g) => WRITE_GROUNDS.includes(g)) },
        // Help for the way back to school: a request from the child's open case, for who keeps it.
        askHelpFromCaseId: state.open ? await caseToSendFrom(tx, actor, entry.childId) : null,
      };
    },
    { detail: { kind: 'thuiszitter' } },
  );
}

/** Whether a child is leerplichtig or kwalificatieplichtig on a day (domain.md §3), or neither. */
export function compulsoryStatusOn(child: { birthDate: string; startkwalificatieOn: string | null }, day: string): 'leerplicht' | 'kwalificatieplicht' | null {
  if (!isCompulsoryOn(child, day)) return null;
  const sixteenth = `${Number(child.birthDate.slice(0, 4)) + 16}${child.birthDate.slice(4)}`;
  return day <= schoolYearEnd(sixteenth) ? 'leerplicht' : 'kwalificatieplicht';
}

/** SQL: the child has an entry open on the day. */
export const openEntryExists = (childColumn: string, day: string) =>
  sql<boolean>`exists (select 1 from thuiszitters t2 where t2.child_id = ${sql.ref(childColumn)} and t2.start_date <= ${day}::date and not exists (select 1 from thuiszitter_events te2 where te2.thuiszitter_id = t2.id and te2.kind = 'end' and te2.effective_on <= ${day}::date))`;

/** SQL: the day after the child's last enrolment ended (null: never enrolled) — the period of not being enrolled. */
export const notEnrolledSinceSql = (childColumn: string) => sql<string | null>`(select max(e2.end_date) + 1 from enrolments e2 where e2.child_id = ${sql.ref(childColumn)})`;

/**
 * Candidates for the register, for the people who confirm them:
 * - LRV: legal absence reports of type 'lrv' that were not withdrawn, not yet decided on, whose
 *   period no register entry covers, for children without an open entry — for the care
 *   coordinator of the reporting school and the attendance officer of the child's gemeente;
 * - not enrolled (absoluut): children living in the attendance officer's gemeente, of compulsory
 *   school age, without a current or coming enrolment and without an open entry, unless this
 *   period of not being enrolled was already judged (rejected with a reason).
 * Every child shown is written to the access log.
 */
export async function listCandidates(database: Database, actor: Actor): Promise<ThuiszitterCandidates> {
  const day = today();
  return database.db.transaction().execute(async (tx) => {
    const grounds = groundsQuery(tx, actor, day);
    if (!grounds) return { lrv: [], absoluut: [] };
    const org = actor.membership?.organisationId ?? '00000000-0000-0000-0000-000000000000';
    const lrv = await tx
      .selectFrom('absence_reports as r')
      .innerJoin('children as c', 'c.id', 'r.child_id')
      .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
      .innerJoin(grounds.as('g'), 'g.child_id', 'r.child_id')
      .where('r.region_id', '=', actor.regionId)
      .where('r.type', '=', 'lrv')
      .where((eb) => eb.or([eb('g.ground', '=', 'leerplicht_residence'), eb.and([eb('g.ground', '=', 'school_care'), eb('r.organisation_id', '=', org)])]))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('absence_report_events as w').whereRef('w.report_id', '=', 'r.id').where('w.kind', '=', 'withdrawn').select(sql`1`.as('one')))))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('thuiszitter_candidate_decisions as d').whereRef('d.absence_report_id', '=', 'r.id').select(sql`1`.as('one')))))
      .where(sql<boolean>`not ${openEntryExists('r.child_id', day)}`)
      .where(
        sql<boolean>`not exists (select 1 from thuiszitters t3 where t3.child_id = r.child_id and t3.start_date <= r.end_date and not exists (select 1 from thuiszitter_events te3 where te3.thuiszitter_id = t3.id and te3.kind = 'end' and te3.effective_on <= r.start_date))`,
      )
      .select(['r.id', 'r.child_id', 'r.organisation_id', 'o.name as organisation_name', 'r.start_date', 'r.end_date', 'r.hours', 'r.due_on', 'c.given_name', 'c.family_name', 'c.birth_date', 'g.ground'])
      .orderBy('r.start_date')
      .orderBy('r.id')
      .execute();
    const seenReports = new Set<string>();
    const lrvItems = lrv.filter((r) => !seenReports.has(r.id) && seenReports.add(r.id));

    const absoluutRows =
      actor.membership?.role === 'attendance_officer'
        ? await tx
            .selectFrom('children as c')
            .innerJoin(grounds.as('g'), 'g.child_id', 'c.id')
            .where('g.ground', '=', 'leerplicht_residence')
            .where('c.region_id', '=', actor.regionId)
            .where(sql<boolean>`c.birth_date > ${day}::date - interval '18 years'`)
            .where(sql<boolean>`c.birth_date <= ${day}::date - interval '5 years'`)
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('enrolments as e')
                    .whereRef('e.child_id', '=', 'c.id')
                    .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', day)]))
                    .select(sql`1`.as('one')),
                ),
              ),
            )
            .where(sql<boolean>`not ${openEntryExists('c.id', day)}`)
            .where(
              sql<boolean>`not exists (select 1 from thuiszitter_candidate_decisions d where d.child_id = c.id and d.kind = 'absoluut' and d.decision = 'rejected' and d.not_enrolled_since is not distinct from ${notEnrolledSinceSql('c.id')})`,
            )
            .select([
              'c.id',
              'g.ground',
              'c.given_name',
              'c.family_name',
              'c.birth_date',
              'c.startkwalificatie_on',
              notEnrolledSinceSql('c.id').as('not_enrolled_since'),
              sql<string | null>`(select o.name from enrolments e3 join organisations o on o.id = e3.organisation_id where e3.child_id = c.id order by e3.end_date desc limit 1)`.as('last_school'),
            ])
            .orderBy('c.family_name')
            .orderBy('c.given_name')
            .execute()
        : [];
    const absoluut = absoluutRows
      .map((c) => ({ c, status: compulsoryStatusOn({ birthDate: c.birth_date, startkwalificatieOn: c.startkwalificatie_on }, day) }))
      .filter((x) => x.status !== null);

    // Each child with the ground the policy's query found for it (the row joined above).
    await recordListed(tx, actor, 'thuiszitter.candidates.list', [
      ...lrvItems.map((r) => ({ childId: r.child_id, ground: r.ground, detail: { kind: 'thuiszitter', absenceReportId: r.id } })),
      ...absoluut.map((x) => ({ childId: x.c.id, ground: x.c.ground, detail: { kind: 'thuiszitter', candidate: 'absoluut' } })),
    ]);
    const child = (id: string, given: string, family: string, birth: string) => ({ id, givenName: given, familyName: family, birthDate: birth, age: ageOn(birth, day) });
    return {
      lrv: lrvItems.map((r) => ({
        absenceReportId: r.id,
        child: child(r.child_id, r.given_name, r.family_name, r.birth_date),
        schoolLocation: { id: r.organisation_id, name: r.organisation_name },
        startDate: r.start_date,
        endDate: r.end_date,
        hours: Number(r.hours),
        dueOn: r.due_on,
      })),
      absoluut: absoluut.map(({ c, status }) => ({
        child: child(c.id, c.given_name, c.family_name, c.birth_date),
        compulsory: status!,
        notEnrolledSince: c.not_enrolled_since,
        lastSchoolName: c.last_school,
      })),
    };
  });
}

/**
 * The professionals who can be responsible for a child's entry: the attendance officers of the
 * gemeente the child lives in, the care coordinators of the child's current school, and the actor.
 */
export async function responsibleOptions(database: Database, actor: Actor, childId: string): Promise<ResponsibleOptions> {
  const day = today();
  return withChildAccess(database, actor, childId, 'thuiszitter', 'thuiszitter.responsible_options', async ({ tx }) => {
    const rows = await tx
      .selectFrom('memberships as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .where('m.ended_at', 'is', null)
      .where('p.region_id', '=', actor.regionId)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('m.role', '=', 'attendance_officer'),
            sql<boolean>`o.gemeente_id = (select r.gemeente_id from child_residences r where r.child_id = ${childId} and r.valid_from <= ${day}::date order by r.valid_from desc limit 1)`,
          ]),
          eb.and([
            eb('m.role', 'in', ['intern_begeleider', 'care_coordinator']),
            sql<boolean>`exists (select 1 from enrolments e where e.child_id = ${childId} and e.organisation_id = m.organisation_id and e.start_date <= ${day}::date and (e.end_date is null or e.end_date >= ${day}::date))`,
          ]),
          ...(actor.personId && actor.membership ? [eb.and([eb('m.person_id', '=', actor.personId), eb('m.organisation_id', '=', actor.membership.organisationId)])] : []),
        ]),
      )
      .where('m.role', 'in', RESPONSIBLE_ROLES)
      .select(['p.id', 'p.given_name', 'p.family_name', 'm.role', 'o.name'])
      // Only the responsible roles pass the condition above.
      .$narrowType<{ role: Role }>()
      .orderBy('p.family_name')
      .orderBy('p.given_name')
      .execute();
    const seen = new Set<string>();
    return {
      items: rows
        .filter((r) => !seen.has(r.id) && seen.add(r.id))
        .map((r) => ({ personId: r.id, name: `${r.given_name} ${r.family_name}`, role: r.role, organisationName: r.name, isMe: r.id === actor.personId })),
    };
  });
}
