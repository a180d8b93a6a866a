/**
 * The teacher's observation after a report back (docs/requests.md, "De leerkracht kijkt mee"): when
 * the helper reports back to the school, each teacher of the school on the case's team — or, when
 * none is on the team, the child's group teachers and mentor — is asked whether the help works in
 * class, within a term in school days of her school. Her answer is appended to the request's
 * history, where the helper and the school read it; the ask only records that it was answered.
 */
import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { decideEach, recordListed, rules, subject, withAccess, type Listed, type Resolved } from '../../kernel/policy/gateway.ts';
import { ConflictError, StaleVersionError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import { addCalendarDays, loadCalendarOf } from '../../kernel/calendar/school-days.ts';
import { OBSERVATION_TERM_SCHOOL_DAYS, type ObservationVerdict, type Progress } from '../../contracts/values/requests.ts';
import type { AnswerObservationBody, ObservationView } from '../../contracts/requests.ts';
import type { WorklistAsk, WorklistItem, WorklistPart } from '../../contracts/worklist.ts';
import { notifyPeople } from '../signals/index.ts';

/** The e-mail to a teacher asked for an observation: no child data, only where to log in. */
export const OBSERVATION_MAIL = {
  subject: 'Uw observatie gevraagd',
  body: (link: string) => `De hulp aan een leerling van u heeft teruggekoppeld aan de school. Hoe gaat het in de klas? Log in om te antwoorden.\n\n${link}\n`,
};

const TEACHING_ROLES = ['teacher', 'mentor'];

/**
 * Asks the teachers for an observation, in the transaction of the report back. The teachers of the
 * case's school on its team with a current membership there; none on the team: the child's group
 * teachers and mentor at that school today. Each once per report back, due in school days of the
 * school; each notified (the e-mail holds no child data).
 */
export async function askObservations(tx: Tx, r: { requestId: string; regionId: string; caseId: string; childId: string; reportEventId: string }, linkBase: string): Promise<number> {
  const day = today();
  const k = await tx.selectFrom('cases').select('organisation_id').where('id', '=', r.caseId).executeTakeFirstOrThrow();
  const school = k.organisation_id;
  const current = (personIds: string[]) =>
    personIds.length
      ? tx.selectFrom('memberships').select('person_id').distinct().where('organisation_id', '=', school).where('person_id', 'in', personIds).where('ended_at', 'is', null).execute()
      : Promise.resolve([]);
  const onTeam = await tx
    .selectFrom('case_members')
    .select('person_id')
    .where('case_id', '=', r.caseId)
    .where('organisation_id', '=', school)
    .where('role', 'in', TEACHING_ROLES)
    .where('removed_at', 'is', null)
    .execute();
  let teachers = (await current(onTeam.map((m) => m.person_id))).map((m) => m.person_id);
  if (!teachers.length) {
    const running = sql<boolean>`e.start_date <= ${day}::date and (e.end_date is null or e.end_date >= ${day}::date)`;
    const group = await tx
      .selectFrom('enrolments as e')
      .innerJoin('group_staff as gs', 'gs.group_id', 'e.group_id')
      .select('gs.person_id')
      .where('e.child_id', '=', r.childId)
      .where('e.organisation_id', '=', school)
      .where(running)
      .execute();
    const mentors = await tx.selectFrom('enrolments as e').select('e.mentor_person_id').where('e.child_id', '=', r.childId).where('e.organisation_id', '=', school).where(running).execute();
    const ids = [...group.map((g) => g.person_id), ...mentors.map((m) => m.mentor_person_id).filter((x): x is string => !!x)];
    teachers = (await current([...new Set(ids)])).map((m) => m.person_id);
  }
  if (!teachers.length) return 0;
  const cal = await loadCalendarOf(tx, school, day, addCalendarDays(day, 40 + OBSERVATION_TERM_SCHOOL_DAYS * 3));
  const dueOn = cal.addSchoolDays(day, OBSERVATION_TERM_SCHOOL_DAYS);
  const rows = await tx
    .insertInto('request_observations')
    .values(teachers.map((p) => ({ region_id: r.regionId, request_id: r.requestId, report_event_id: r.reportEventId, person_id: p, organisation_id: school, asked_on: day, due_on: dueOn })))
    .returning(['id', 'person_id'])
    .execute();
  for (const o of rows) {
    await notifyPeople(tx, {
      regionId: r.regionId,
      organisationId: school,
      personIds: [o.person_id],
      kind: 'observation_asked',
      requestId: r.requestId,
      observationId: o.id,
      mail: { subject: OBSERVATION_MAIL.subject, body: OBSERVATION_MAIL.body(`${linkBase}/observaties/${o.id}`) },
    });
  }
  return rows.length;
}

/** The observation as the teacher asked sees it, in the transaction the gateway checked. */
async function observationView(tx: Tx, actor: Actor, id: string, seesChild: boolean): Promise<ObservationView> {
  const day = today();
  const o = await tx
    .selectFrom('request_observations as o')
    .innerJoin('requests as rq', 'rq.id', 'o.request_id')
    .innerJoin('organisations as tor', 'tor.id', 'rq.to_organisation_id')
    .innerJoin('children as c', 'c.id', 'rq.child_id')
    .innerJoin('request_events as re', 're.id', 'o.report_event_id')
    .innerJoin('people as rp', 'rp.id', 're.person_id')
    .leftJoin('request_events as ae', 'ae.id', 'o.answer_event_id')
    .where('o.id', '=', id)
    .select([
      'o.id',
      'o.version',
      'o.request_id',
      'o.person_id',
      'o.asked_on',
      'o.due_on',
      'o.answered_on',
      'rq.kind',
      'rq.child_id',
      'tor.name as receiver_name',
      'c.given_name',
      'c.family_name',
      're.on_date as report_on',
      're.text as report_text',
      're.detail as report_detail',
      sql<string>`rp.given_name || ' ' || rp.family_name`.as('reporter_name'),
      'ae.text as answer_text',
      'ae.detail as answer_detail',
    ])
    .executeTakeFirstOrThrow();
  const progress = (o.report_detail as { progress?: Progress }).progress ?? null;
  const verdict = o.answered_on ? ((o.answer_detail as { verdict?: ObservationVerdict } | null)?.verdict ?? null) : null;
  return {
    id: o.id,
    version: o.version,
    requestId: o.request_id,
    kind: o.kind,
    receiverName: o.receiver_name,
    child: seesChild ? { id: o.child_id, name: `${o.given_name} ${o.family_name}` } : null,
    askedOn: o.asked_on,
    dueOn: o.due_on,
    overdue: !o.answered_on && o.due_on < day,
    report: { on: o.report_on, personName: o.reporter_name, progress, text: o.report_text },
    answer: o.answered_on && verdict ? { on: o.answered_on, verdict, text: o.answer_text ?? '' } : null,
    can: { answer: !o.answered_on && o.person_id === actor.personId },
  };
}

/** One observation, for the teacher asked (rules.observation: her, for that school, related to the child today); logged. */
export function getObservation(database: Database, actor: Actor, id: string): Promise<ObservationView> {
  return withAccess(database, actor, subject.observation(id), rules.observation(), 'request.observation.read', ({ tx, ground }) => observationView(tx, actor, id, ground !== 'case_team'));
}

/**
 * The teacher answers (once, on the version her screen showed): the answer is appended to the
 * request's history (action `observation`, the request's status unchanged) and the ask records it;
 * the helper who reported back hears of it.
 */
export async function answerObservation(
  database: Database,
  actor: Actor,
  id: string,
  input: AnswerObservationBody,
  opts: { linkBase: string; notify: (tx: Tx, requestId: string) => Promise<void> },
): Promise<ObservationView> {
  return withAccess(database, actor, subject.observation(id), rules.observation(), 'request.observation.answer', async ({ tx, ground }) => {
    const o = await tx.selectFrom('request_observations').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (o.version !== input.version) throw new StaleVersionError();
    if (o.answered_on) throw new ConflictError('U heeft deze observatie al gegeven.', 'already_answered');
    const r = await tx.selectFrom('requests').select(['status']).where('id', '=', o.request_id).forUpdate().executeTakeFirstOrThrow();
    const day = today();
    const e = await tx
      .insertInto('request_events')
      .values({
        request_id: o.request_id,
        on_date: day,
        person_id: actor.personId!,
        organisation_id: o.organisation_id,
        action: 'observation',
        from_status: r.status,
        to_status: r.status,
        text: input.text.trim(),
        detail: JSON.stringify({ verdict: input.verdict, observationId: id }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.updateTable('request_observations').set({ answered_on: day, answer_event_id: e.id, version: sql`version + 1` }).where('id', '=', id).execute();
    await opts.notify(tx, o.request_id);
    return observationView(tx, actor, id, ground !== 'case_team');
  });
}

/** The asks of one request, for its page: who was asked and whether she answered. */
export async function observationsOf(tx: Tx, requestId: string, day: string) {
  const rows = await tx
    .selectFrom('request_observations as o')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .where('o.request_id', '=', requestId)
    .select(['o.asked_on', 'o.due_on', 'o.answered_on', sql<string>`p.given_name || ' ' || p.family_name`.as('teacher_name')])
    .orderBy('o.asked_on')
    .orderBy('p.family_name')
    .execute();
  return rows.map((o) => ({ teacherName: o.teacher_name, askedOn: o.asked_on, dueOn: o.due_on, answeredOn: o.answered_on, overdue: !o.answered_on && o.due_on < day }));
}

/**
 * The worklist's `observation_asked` (docs/requests.md "De werklijst"): the reader's unanswered
 * asks for the school acted for, by due day — scoped in SQL, then each decided as its page decides
 * (rules.observation); the child named as the grant allows, and logged.
 */
export async function observationsAsked(tx: Tx, actor: Actor, ask: WorklistAsk): Promise<WorklistPart> {
  const m = actor.membership;
  if (actor.kind !== 'professional' || !m || !actor.personId || !TEACHING_ROLES.includes(m.role)) return { items: [], counts: [] };
  const rows = await tx
    .selectFrom('request_observations as o')
    .innerJoin('requests as rq', 'rq.id', 'o.request_id')
    .innerJoin('cases as k', 'k.id', 'rq.case_id')
    .innerJoin('organisations as tor', 'tor.id', 'rq.to_organisation_id')
    .innerJoin('children as c', 'c.id', 'rq.child_id')
    .where('o.person_id', '=', actor.personId)
    .where('o.organisation_id', '=', m.organisationId)
    .where('o.answered_on', 'is', null)
    .select(['o.id', 'o.due_on', 'o.person_id', 'o.organisation_id as asked_for', 'rq.kind', 'rq.child_id', 'rq.urgency', 'tor.name as receiver_name', 'c.given_name', 'c.family_name', 'k.id as case_id', 'k.organisation_id', 'k.case_manager_person_id', 'k.case_manager_organisation_id'])
    .orderBy('o.due_on')
    .orderBy('o.id')
    .execute();
  const resolved: Resolved[] = rows.map((r) => ({
    type: 'observation',
    id: r.id,
    childId: r.child_id,
    caseId: r.case_id,
    planId: null,
    caseKeys: { id: r.case_id, organisation_id: r.organisation_id, case_manager_person_id: r.case_manager_person_id, case_manager_organisation_id: r.case_manager_organisation_id },
    signalKeys: null,
    observationKeys: { person_id: r.person_id, organisation_id: r.asked_for },
  }));
  const decisions = await decideEach(tx, actor, resolved, rules.observation());
  const visible = rows.flatMap((r, i) => (decisions[i] ? [{ r, d: decisions[i]! }] : []));
  const shown = visible.slice(0, ask.limit);
  // The child named only on a grant that covers identity (a teacher of the child's group), and logged.
  const named = (d: { ground: string }) => d.ground !== 'case_team';
  const listed: Listed[] = shown.filter(({ d }) => named(d)).map(({ r, d }) => ({ childId: r.child_id, ground: d.ground, consentId: d.consentId, detail: { observationId: r.id, kind: 'identity' } }));
  await recordListed(tx, actor, ask.event, listed);
  const items: WorklistItem[] = shown.map(({ r, d }) => ({
    kind: 'observation_asked',
    id: r.id,
    dueOn: r.due_on,
    overdue: r.due_on < ask.day,
    urgent: r.urgency === 'urgent',
    title: 'Observatie in de klas gevraagd',
    child: named(d) ? { id: r.child_id, name: `${r.given_name} ${r.family_name}` } : null,
    organisationName: r.receiver_name,
    requestKind: r.kind,
    signalCategory: null,
    reportType: null,
    link: `/observaties/${r.id}`,
  }));
  return {
    items,
    counts: visible.length ? [{ kind: 'observation_asked', total: visible.length, overdue: visible.filter(({ r }) => r.due_on < ask.day).length, listLink: null }] : [],
  };
}
