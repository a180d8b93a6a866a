import { sql, type InferResult } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { mayFollow, recordListed, rules, subject, withAccess, withChildAccess } from '../../kernel/policy/gateway.ts';
import { isCareCoordinator, signalAccess, signalGround, type SignalAccess } from '../../kernel/policy/signal-policy.ts';
import { ageOn, today } from '../../kernel/time.ts';
import { calendarAround, isUrgentSignal, latenessOf } from './signal-deadlines.ts';
import { MELDCODE_STEPS } from './signal-workflow.ts';
import type { Lateness, SignalAction, SignalCategory, SignalStatus, SignalUrgency, SignalView } from '../../contracts/values/signals.ts';
import type { Signal, SignalDetail, SignalPage } from '../../contracts/signals.ts';
import type { SchoolCalendar } from '../../kernel/calendar/school-days.ts';

const signalColumns = [
  's.id',
  's.region_id',
  's.child_id',
  's.organisation_id',
  's.author_person_id',
  's.author_role',
  's.category',
  's.urgency',
  's.observation',
  's.parents_informed',
  's.parents_not_informed_reason',
  's.status',
  's.raised_at',
  's.raised_on',
  's.pickup_deadline',
  's.pickup_school_days',
  's.triaged_at',
  's.triaged_on',
  's.triage_decision',
  's.version',
  'c.given_name as child_given_name',
  'c.family_name as child_family_name',
  'c.birth_date as child_birth_date',
  'o.name as organisation_name',
  sql<string>`a.given_name || ' ' || a.family_name`.as('author_name'),
  sql<string | null>`(select e.decision from signal_events e where e.signal_id = s.id and e.decision is not null order by e.id desc limit 1)`.as('latest_decision'),
  sql<string | null>`(select k.id from cases k where k.opened_from_signal_id = s.id)`.as('case_id'),
  sql<string | null>`(select e.reason from signal_events e where e.signal_id = s.id and e.decision is not null order by e.id desc limit 1)`.as('latest_reason'),
] as const;

const baseQuery = (db: Tx) =>
  db
    .selectFrom('signals as s')
    .innerJoin('children as c', 'c.id', 's.child_id')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .innerJoin('people as a', 'a.id', 's.author_person_id');

/** The workflow's columns hold only the values of its enumerations (check constraints and signal-workflow.ts). */
interface SignalEnums {
  category: SignalCategory;
  urgency: SignalUrgency;
  status: SignalStatus;
  triage_decision: SignalAction | null;
  latest_decision: SignalAction | null;
}

/** The signals of a query with everything a list or a page shows. */
const selectSignals = (db: Tx) => baseQuery(db).select([...signalColumns]).$narrowType<SignalEnums>();

type SignalRow = InferResult<ReturnType<typeof selectSignals>>[number];

function present(r: SignalRow, access: Exclude<SignalAccess, null>, cal: SchoolCalendar, day: string, actor: Actor): Signal {
  return {
    id: r.id,
    child: { id: r.child_id, givenName: r.child_given_name, familyName: r.child_family_name, age: ageOn(r.child_birth_date, day) },
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    author: { name: r.author_name, role: r.author_role, isMe: r.author_person_id === actor.personId },
    category: r.category,
    urgency: r.urgency,
    urgent: isUrgentSignal(r),
    observation: r.observation,
    parentsInformed: r.parents_informed,
    parentsNotInformedReason: r.parents_not_informed_reason,
    status: r.status,
    raisedAt: new Date(r.raised_at).toISOString(),
    raisedOn: r.raised_on,
    pickupDeadline: r.pickup_deadline,
    pickupSchoolDays: r.pickup_school_days,
    pickedUpOn: r.triaged_on,
    triageDecision: r.triage_decision,
    latestDecision: r.latest_decision,
    latestReason: r.latest_reason,
    /** The case opened from this signal — only for the care coordinator (the author learns the outcome, not the case). */
    caseId: access === 'care' ? r.case_id : null,
    // A withdrawn signal was never due: it counts as on time.
    lateness: r.status === 'withdrawn' ? 'on_time' : latenessOf(cal, r, day),
    access,
    version: r.version,
  };
}

export interface SignalListOptions {
  view: SignalView;
  status?: SignalStatus;
  lateness?: Lateness;
  open?: boolean;
  pickedUp?: boolean;
  page: number;
  pageSize: number;
}

/**
 * The queue's order: urgent signals still waiting first ("Dringend" and every safety signal), then
 * the other waiting ones, each by deadline; then the ones picked up or withdrawn. A last key that is
 * unique: signals raised at the same moment keep their place from page to page.
 */
const ORDER = sql`order by s.status = 'new' and (s.urgency = 'urgent' or s.category = 'safety') desc, s.status = 'new' desc, s.pickup_deadline, s.raised_at, s.id`;

/**
 * The care coordinator's queue (all signals of the own school location) or the author's own
 * signals. Scoped in SQL; lateness is computed in school days of the school's calendar; every
 * signal shown is logged against its child.
 */
export async function listSignals(database: Database, actor: Actor, opts: SignalListOptions): Promise<SignalPage> {
  const day = today();
  return database.db.transaction().execute(async (tx) => {
    const empty = { items: [], total: 0, page: opts.page, pageSize: opts.pageSize, counts: emptyCounts() };
    let access: Exclude<SignalAccess, null>;
    let scoped = tx.selectFrom('signals as s').where('s.region_id', '=', actor.regionId);
    if (opts.view === 'queue') {
      if (!isCareCoordinator(actor)) return empty;
      scoped = scoped.where('s.organisation_id', '=', actor.membership!.organisationId);
      access = 'care';
    } else {
      if (!actor.personId || !actor.membership) return empty;
      // Own signals raised at the school acted for now (signal-policy.ts: the author's relation).
      scoped = scoped.where('s.author_person_id', '=', actor.personId).where('s.organisation_id', '=', actor.membership.organisationId);
      access = 'author';
    }
    const organisationId = actor.membership!.organisationId;
    // Lateness counts school days, so it is computed here, with the school's calendar — only for the
    // signals still waiting (the counters and the lateness filter are about those): a year of picked-up
    // signals is counted and paged in SQL, not read.
    const tally = await scoped
      .select([
        sql<string>`count(*) filter (where s.status = 'new')`.as('new'),
        sql<string>`count(*) filter (where s.triaged_on is not null)`.as('picked_up'),
        sql<string | null>`min(s.raised_on)`.as('first_raised'),
        // The signals still waiting, with what their lateness is computed from.
        sql<{ id: string; raised_on: string; pickup_school_days: number; pickup_deadline: string }[]>`coalesce(json_agg(json_build_object('id', s.id, 'raised_on', s.raised_on, 'pickup_school_days', s.pickup_school_days, 'pickup_deadline', s.pickup_deadline)) filter (where s.status = 'new'), '[]')`.as('waiting'),
      ])
      .executeTakeFirstOrThrow();
    const waiting = tally.waiting.map((r) => ({ ...r, triaged_on: null }));
    // One calendar from the first signal on: for the waiting ones and for any on the page.
    const cal = await calendarAround(tx, organisationId, tally.first_raised && tally.first_raised < day ? tally.first_raised : day, day);
    const lateOf = new Map(waiting.map((r) => [r.id, latenessOf(cal, r, day)]));
    const late = [...lateOf.values()];
    const counts = { new: Number(tally.new), overdue: late.filter((l) => l !== 'on_time').length, veryLate: late.filter((l) => l === 'very_late').length, pickedUp: Number(tally.picked_up) };
    // Lateness filters the signals still waiting to be picked up, as the counters do.
    const latenessIds = opts.lateness ? [...lateOf].filter(([, l]) => l === opts.lateness || (opts.lateness === 'late' && l === 'very_late')).map(([id]) => id) : null;
    if (latenessIds && latenessIds.length === 0) return { ...empty, counts };
    const filtered = scoped
      .$if(!!opts.status, (q) => q.where('s.status', '=', opts.status!))
      .$if(latenessIds !== null, (q) => q.where('s.id', 'in', latenessIds!))
      .$if(opts.pickedUp !== undefined, (q) => q.where('s.triaged_on', opts.pickedUp ? 'is not' : 'is', null))
      .$if(opts.open !== undefined, (q) => q.where('s.status', opts.open ? 'in' : 'not in', ['new', 'watching', 'in_school']));
    const pageIds = filtered
      .select(['s.id as page_id', sql<string>`count(*) over ()`.as('total'), sql<number>`row_number() over (${ORDER})`.as('n')])
      .orderBy('n')
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize);
    // The page's signals with everything a list shows, in the same statement (the subqueries of a
    // row only for the rows of the page).
    const rows = await selectSignals(tx).innerJoin(pageIds.as('pg'), 'pg.page_id', 's.id').select('pg.total').orderBy('pg.n').execute();
    const total = rows.length ? Number(rows[0].total) : opts.page > 1 ? Number((await filtered.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n) : 0;
    // The policy's own reader relation decides every row (the query above is already scoped the same way).
    const shown = rows.flatMap((r) => {
      const reader = signalAccess(actor, r);
      return reader ? [{ r, reader }] : [];
    });
    const page = shown.map(({ r }) => present(r, access, cal, day, actor));
    await recordListed(
      tx,
      actor,
      'signal.list',
      shown.map(({ r, reader }) => ({ childId: r.child_id, ground: signalGround(reader), detail: { signalId: r.id } })),
    );
    return { items: page, total, page: opts.page, pageSize: opts.pageSize, counts };
  });
}

const emptyCounts = () => ({ new: 0, overdue: 0, veryLate: 0, pickedUp: 0 });

/** One signal with its history, for the care coordinator or the author. */
export async function getSignal(database: Database, actor: Actor, signalId: string): Promise<SignalDetail> {
  const day = today();
  return withAccess(database, actor, subject.signal(signalId), rules.signal(), 'signal.read', async (entered) => {
    const { tx, signal: access } = entered;
    const r = await selectSignals(tx).where('s.id', '=', signalId).executeTakeFirstOrThrow();
    const cal = await calendarAround(tx, r.organisation_id, r.raised_on, day);
    const events = await tx
      .selectFrom('signal_events as e')
      .leftJoin('people as p', 'p.id', 'e.person_id')
      .where('e.signal_id', '=', signalId)
      .select(['e.id', 'e.at', 'e.role', 'e.from_status', 'e.to_status', 'e.decision', 'e.reason', sql<string | null>`p.given_name || ' ' || p.family_name`.as('person_name')])
      .orderBy('e.id')
      .$narrowType<{ from_status: SignalStatus | null; to_status: SignalStatus; decision: SignalAction | null }>()
      .execute();
    const contact = r.category === 'safety' ? await meldcodeContact(tx, r.organisation_id) : null;
    return {
      ...present(r, access!, cal, day, actor),
      history: events.map((e) => ({ at: new Date(e.at).toISOString(), personName: e.person_name, role: e.role, fromStatus: e.from_status, toStatus: e.to_status, decision: e.decision, reason: e.reason })),
      meldcode: r.category === 'safety' && contact ? { steps: [...MELDCODE_STEPS], contact } : null,
      // The rules the child's page and the case's page ask (a teacher who raised the signal is not on the case's team by that).
      can: {
        openChild: await mayFollow(tx, actor, subject.child(r.child_id), rules.childData('identity'), entered),
        openCase: r.case_id !== null && (await mayFollow(tx, actor, subject.case(r.case_id), rules.readCase(), entered)),
      },
    };
  });
}

/**
 * The school's meldcode contact (aandachtsfunctionaris): the person set on the school location,
 * or else its care coordinators.
 */
export async function meldcodeContact(db: Tx | Database['db'], organisationId: string) {
  const set = await db
    .selectFrom('organisations as o')
    .innerJoin('people as p', 'p.id', 'o.meldcode_contact_person_id')
    .where('o.id', '=', organisationId)
    .select(['p.given_name', 'p.family_name', 'p.email'])
    .executeTakeFirst();
  if (set) return [{ name: `${set.given_name} ${set.family_name}`, email: set.email }];
  const care = await db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .where('m.organisation_id', '=', organisationId)
    .where('m.role', 'in', ['intern_begeleider', 'care_coordinator'])
    .where('m.ended_at', 'is', null)
    .select(['p.given_name', 'p.family_name', 'p.email'])
    .execute();
  return care.map((p) => ({ name: `${p.given_name} ${p.family_name}`, email: p.email }));
}

/** A child's signals: the care coordinator sees those raised at the own school, an author their own. */
export async function childSignals(database: Database, actor: Actor, childId: string) {
  const day = today();
  const care = isCareCoordinator(actor);
  return withChildAccess(
    database,
    actor,
    childId,
    care ? 'signals' : 'school',
    'child.signals.read',
    async ({ tx }) => {
      let q = selectSignals(tx).where('s.child_id', '=', childId);
      q = care ? q.where('s.organisation_id', '=', actor.membership!.organisationId) : q.where('s.author_person_id', '=', actor.personId ?? '00000000-0000-0000-0000-000000000000');
      const rows = await q.orderBy('s.raised_at', 'desc').execute();
      const items: Signal[] = [];
      for (const r of rows) items.push(present(r, care ? 'care' : 'author', await calendarAround(tx, r.organisation_id, r.raised_on, day), day, actor));
      return { items };
    },
    {},
    care ? ['school_care'] : ['group_teacher', 'mentor'],
  );
}

