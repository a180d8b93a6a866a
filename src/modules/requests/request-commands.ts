import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { accessIn, rules, subject, withAccess, type Rule } from '../../kernel/policy/gateway.ts';
import { consentKindsInForce } from '../../kernel/policy/child-policy.ts';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import { loadCalendarOf, addCalendarDays } from '../../kernel/calendar/school-days.ts';
import type { RequestDetail, RequestStepBody, SendRequestBody } from '../../contracts/requests.ts';
import { requestView, waitingFor } from './request-view.ts';
import { ACTION_NL, KIND_NL, OPEN_REQUEST_STATUSES, RECEIVER_ORGANISATION_KINDS, STATUS_NL, type RequestKind, type RequestStatus } from '../../contracts/values/requests.ts';
import { findRequestTransition } from './request-workflow.ts';
import { notifyPeople } from '../signals/index.ts';
import { dueOn } from './request-terms.ts';
import { termInForce } from './region-terms.ts';
import { askObservations } from './request-observations.ts';

/**
 * The day the current step is due: the term of the kind's waiting status in force in the region
 * (its own, else the default: region-terms.ts, read in this transaction) in working days, or school
 * days of the school that must answer, counted from `since`. Null for an end status.
 */
async function stepDue(tx: Tx, regionId: string, kind: RequestKind, status: RequestStatus, since: string, waitingOrganisationId: string | null): Promise<string | null> {
  const term = await termInForce(tx, regionId, kind, status);
  if (!term) return null;
  if (term.unit === 'working' || !waitingOrganisationId) return dueOn(since, { days: term.days, unit: 'working' });
  const cal = await loadCalendarOf(tx, waitingOrganisationId, since, addCalendarDays(since, 40 + term.days * 3));
  return dueOn(since, term, cal);
}

/** A team member of another organisation than the school that keeps the case (youth care, leerplicht on the team). */
const teamMemberElsewhere: Rule = (f) => {
  if (!f.relation.isMember || f.actor.membership?.organisationId === f.subject.caseKeys?.organisation_id) return null;
  return rules.caseData({ kind: null, who: 'professional', require: 'team' })(f);
};

/**
 * Sends a request from a case (docs/requests.md). Who keeps the case (its school's care coordinator,
 * its case manager) sends referrals and requests; a team member of another organisation sends a
 * question back to the school. The receiver must be an organisation of the right kind in the
 * region, and — unless it is the school itself — named by a valid consent of this case that covers
 * every kind of data the request shares: without one the request is refused with what to do.
 */
export async function sendRequest(database: Database, actor: Actor, caseId: string, input: SendRequestBody, opts: { linkBase: string }): Promise<{ id: string }> {
  const sent = await database.db.transaction().execute((tx) => sendRequestIn(tx, actor, caseId, input, opts));
  if (!sent) throw new NotFoundError();
  return sent;
}

/**
 * Sends a request in the caller's transaction (a referral from a signal sends one after opening
 * the case and recording the consent): the gateway's question, the checks and the writes of
 * sendRequest. `signalId` links the request to the signal it came from. Null when the gateway
 * refuses (logged in `tx`).
 */
export async function sendRequestIn(tx: Tx, actor: Actor, caseId: string, input: SendRequestBody, opts: { linkBase: string; signalId?: string }): Promise<{ id: string } | null> {
  const rule = input.kind === 'question_to_school' ? teamMemberElsewhere : rules.manageCase();
  const access = await accessIn(tx, actor, subject.case(caseId), rule, 'request.send');
  if (!access) return null;
  const { childId } = access;
  const day = today();
  const k = await tx.selectFrom('cases').select(['status', 'organisation_id']).where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
  const to = await tx.selectFrom('organisations').select(['id', 'kind', 'name']).where('id', '=', input.toOrganisationId).where('region_id', '=', actor.regionId).executeTakeFirst();
  const from = actor.membership!.organisationId;
  const errors: FieldError[] = [];
  if (!input.question.trim()) errors.push({ name: 'question', code: 'required', reason: 'Beschrijf de vraag: wat is er nodig?' });
  if (!input.goal.trim()) errors.push({ name: 'goal', code: 'required', reason: 'Beschrijf het doel waar dit verzoek aan bijdraagt.' });
  if (!to) errors.push({ name: 'toOrganisationId', code: 'unknown_organisation', reason: 'Deze organisatie bestaat niet in de regio. Kies een ontvanger uit de lijst.' });
  else if (to.id === from) errors.push({ name: 'toOrganisationId', code: 'own_organisation', reason: 'Een verzoek gaat naar een andere organisatie dan de uwe.' });
  else if (!(RECEIVER_ORGANISATION_KINDS[input.kind] as readonly string[]).includes(to.kind)) {
    errors.push({ name: 'toOrganisationId', code: 'wrong_receiver', reason: `${to.name} ontvangt geen ${KIND_NL[input.kind]}. Kies een andere ontvanger of een ander soort verzoek.` });
  } else if (input.kind === 'question_to_school' && to.id !== k.organisation_id) {
    errors.push({ name: 'toOrganisationId', code: 'wrong_receiver', reason: 'Een vraag aan de school gaat naar de school die de casus houdt.' });
  }
  if (to && !errors.some((e) => e.name === 'toOrganisationId') && to.id !== k.organisation_id) {
    const covered: string[] = await consentKindsInForce(tx, { caseId, childId, organisationId: to.id, today: day });
    const missing = input.dataKinds.filter((d) => !covered.includes(d));
    if (!covered.length) {
      errors.push({ name: 'dataKinds', code: 'no_consent', reason: `Er is geen geldige toestemming in deze casus die ${to.name} noemt. Leg eerst toestemming vast (doel, gegevens, ontvanger) en stuur het verzoek daarna.` });
    } else if (missing.length) {
      errors.push({ name: 'dataKinds', code: 'not_covered', reason: `De toestemming voor ${to.name} dekt niet alle gekozen gegevens. Kies alleen gegevens die de toestemming noemt, of leg een nieuwe toestemming vast.` });
    }
  }
  if (input.thuiszitterId) {
    // The entry it serves: of this child, still open (no 'end' in its history).
    const entry = await tx
      .selectFrom('thuiszitters as z')
      .select(['z.id', sql<boolean>`exists (select 1 from thuiszitter_events e where e.thuiszitter_id = z.id and e.kind = 'end')`.as('ended')])
      .where('z.id', '=', input.thuiszitterId)
      .where('z.child_id', '=', childId)
      .executeTakeFirst();
    if (!entry) errors.push({ name: 'thuiszitterId', code: 'unknown_entry', reason: 'Deze thuiszittersregistratie hoort niet bij dit kind.' });
    else if (entry.ended) errors.push({ name: 'thuiszitterId', code: 'entry_ended', reason: 'Deze thuiszittersregistratie is beëindigd: het kind zit niet meer thuis.' });
  }
  if (errors.length) throw new ValidationError(errors, 'Het verzoek is niet verstuurd. Controleer de gemarkeerde velden.');
  if (k.status !== 'open') throw new ConflictError('Deze casus is gesloten: er kan geen verzoek meer uit worden verstuurd.', 'case_closed');

  const due = await stepDue(tx, actor.regionId, input.kind, 'sent', day, to!.kind === 'school_location' ? to!.id : null);
  const r = await tx
    .insertInto('requests')
    .values({
      region_id: actor.regionId,
      child_id: childId,
      case_id: caseId,
      kind: input.kind,
      from_organisation_id: from,
      from_person_id: actor.personId!,
      to_organisation_id: to!.id,
      status: 'sent',
      question: input.question.trim(),
      tried: input.tried?.trim() || null,
      urgency: input.urgency,
      goal: input.goal.trim(),
      // A request for a thuiszitter serves the way back to school.
      back_to_school: !!input.backToSchool || !!input.thuiszitterId,
      data_kinds: [...new Set(input.dataKinds)],
      step_since: day,
      step_due_on: due,
      sent_on: day,
      signal_id: opts.signalId ?? null,
      thuiszitter_id: input.thuiszitterId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('request_events')
    .values({ request_id: r.id, on_date: day, person_id: actor.personId!, organisation_id: from, action: 'send', from_status: null, to_status: 'sent', text: null, detail: JSON.stringify({}) })
    .execute();
  await notifySide(tx, actor, { id: r.id, regionId: actor.regionId, organisationId: to!.id, holderPersonId: null, fromPersonId: null, side: 'receiver' }, 'request_received', opts.linkBase);
  return { id: r.id };
}

/**
 * Takes one step of a request's workflow (the table in request-workflow.ts) as its sender or its
 * receiver, based on the version the screen showed: a stale version is refused (409 with the request
 * as it is now) before anything else. The step must be in the table for this kind and status and
 * be this side's, and carry what it needs; then the request's state changes and the step is
 * appended to its history, in the transaction the gateway checked.
 */
export async function takeRequestStep(database: Database, actor: Actor, requestId: string, input: RequestStepBody, opts: { linkBase: string }): Promise<RequestDetail> {
  return withAccess(database, actor, subject.request(requestId), rules.request(), 'request.step', async (access) => {
    const { tx, request: side } = access;
    const day = today();
    const r = await tx.selectFrom('requests').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirstOrThrow();
    if (r.version !== input.version) throw new StaleVersionError();
    const t = findRequestTransition(r.kind, r.status, input.action);
    if (!t) throw new ConflictError(`Dit verzoek is ${STATUS_NL[r.status]}: "${ACTION_NL[input.action]}" kan nu niet.`, 'step_not_allowed');
    if (t.by !== side) {
      throw new ConflictError(t.by === 'sender' ? `"${ACTION_NL[input.action]}" is aan de organisatie die het verzoek stuurde.` : `"${ACTION_NL[input.action]}" is aan de organisatie die het verzoek ontving.`, 'not_your_step');
    }
    const text = input.text?.trim() || null;
    const errors: FieldError[] = [];
    const needs = new Set(t.needs ?? []);
    if (needs.has('text') && !text) errors.push({ name: 'text', code: 'required', reason: input.action === 'ask_info' ? 'Schrijf welke informatie u nodig heeft.' : 'Schrijf uw antwoord.' });
    if (needs.has('reason') && !text) errors.push({ name: 'text', code: 'required', reason: 'Geef de reden; de andere organisatie leest die.' });
    let holder: { id: string; name: string } | null = null;
    if (needs.has('holder')) {
      if (!input.holderPersonId) errors.push({ name: 'holderPersonId', code: 'required', reason: 'Kies de collega die het verzoek overneemt.' });
      else {
        const m = await tx
          .selectFrom('memberships as m')
          .innerJoin('people as p', 'p.id', 'm.person_id')
          .where('m.person_id', '=', input.holderPersonId)
          .where('m.organisation_id', '=', r.to_organisation_id)
          .where('m.ended_at', 'is', null)
          .select(['p.id', sql<string>`p.given_name || ' ' || p.family_name`.as('name')])
          .executeTakeFirst();
        if (!m) errors.push({ name: 'holderPersonId', code: 'not_a_colleague', reason: 'Doorsturen kan alleen naar een collega die nu bij uw organisatie werkt.' });
        else holder = m;
      }
    }
    const decision = input.decision ?? null;
    if (needs.has('decision')) errors.push(...decisionErrors(r.kind, decision));
    if (needs.has('startOn')) {
      if (!input.startOn) errors.push({ name: 'startOn', code: 'required', reason: 'Vul in op welke dag de hulp startte.' });
      else if (input.startOn > day) errors.push({ name: 'startOn', code: 'future', reason: 'De start van de hulp ligt niet in de toekomst: leg die vast als de hulp gestart is.' });
      else if (input.startOn < r.sent_on) errors.push({ name: 'startOn', code: 'before_request', reason: `De hulp kan niet starten vóór het verzoek (${r.sent_on}).` });
    }
    if (needs.has('progress') && !input.progress) errors.push({ name: 'progress', code: 'required', reason: 'Kies hoe het gaat: goed, zorgen, of afgerond.' });
    if (errors.length) throw new ValidationError(errors, 'De stap is niet vastgelegd. Controleer de gemarkeerde velden.');
    if (input.action === 'start_help' && r.status === 'decided' && r.decision === 'refused') {
      throw new ConflictError('Het besluit was een afwijzing: er start geen hulp uit dit verzoek. Sluit het verzoek af.', 'decision_refused');
    }

    const to = t.to;
    const changed = to !== r.status;
    const since = changed ? day : r.step_since;
    const waiting = waitingFor(to);
    const waitingOrg = waiting === 'receiver' ? r.to_organisation_id : waiting === 'sender' ? r.from_organisation_id : null;
    const waitingIsSchool = waitingOrg ? (await tx.selectFrom('organisations').select('kind').where('id', '=', waitingOrg).executeTakeFirstOrThrow()).kind === 'school_location' : false;
    // A report back starts the term to the next one; other steps that keep the status keep its term.
    const restart = changed || input.action === 'report_back';
    const due = restart ? await stepDue(tx, r.region_id, r.kind, to, day, waitingIsSchool ? waitingOrg : null) : r.step_due_on;
    const ends = to === 'declined' || to === 'closed' || to === 'withdrawn';
    await tx
      .updateTable('requests')
      .set({
        status: to,
        step_since: restart ? day : since,
        step_due_on: due,
        holder_person_id: holder ? holder.id : input.action === 'accept' ? (r.holder_person_id ?? actor.personId) : r.holder_person_id,
        accepted_on: input.action === 'accept' ? day : r.accepted_on,
        decided_on: input.action === 'decide' ? day : r.decided_on,
        decision: input.action === 'decide' ? decision!.outcome : r.decision,
        help_started_on: input.action === 'start_help' ? input.startOn! : r.help_started_on,
        ended_on: ends ? day : r.ended_on,
        version: sql`version + 1`,
      })
      .where('id', '=', requestId)
      .where('version', '=', input.version)
      .execute();
    const detail: Record<string, unknown> = {};
    if (holder) detail.holderPersonId = holder.id;
    if (decision) detail.decision = decision;
    if (input.startOn && needs.has('startOn')) detail.startOn = input.startOn;
    if (input.progress && needs.has('progress')) detail.progress = input.progress;
    const event = await tx
      .insertInto('request_events')
      .values({ request_id: requestId, on_date: day, person_id: actor.personId!, organisation_id: actor.membership!.organisationId, action: input.action, from_status: r.status, to_status: to, text, detail: JSON.stringify(detail) })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A report back asks the school's teachers whether the help works in class.
    if (input.action === 'report_back') await askObservations(tx, { requestId, regionId: r.region_id, caseId: r.case_id, childId: r.child_id, reportEventId: event.id }, opts.linkBase);
    // The other side hears of it (the receiver's holder or its workers; the sender who sent it, or the school's care coordinators).
    // Forwarded: the colleague who now holds it is told, as if it arrived.
    const other = input.action === 'forward' ? 'receiver' : side === 'sender' ? 'receiver' : 'sender';
    await notifySide(
      tx,
      actor,
      { id: requestId, regionId: r.region_id, organisationId: other === 'receiver' ? r.to_organisation_id : r.from_organisation_id, holderPersonId: holder?.id ?? r.holder_person_id, fromPersonId: r.from_person_id, side: other },
      input.action === 'forward' ? 'request_received' : 'request_update',
      opts.linkBase,
    );
    // The request as it is now, with what the reader could see when the step was taken: a receiver
    // who just ended it reads the result of her own step (the log entry of the step covers it);
    // her access through the request ends with it.
    return requestView(access, requestId);
  });
}

/** The e-mails about requests: no child data, no names; only that there is something and where to log in. */
export const REQUEST_MAIL = {
  request_received: { subject: 'Nieuw verzoek voor uw organisatie', body: (link: string) => `Uw organisatie heeft een verzoek ontvangen in Samenspel. Log in om het te bekijken.\n\n${link}\n` },
  request_update: { subject: 'Nieuwe stap in een verzoek', body: (link: string) => `Er is een nieuwe stap gezet in een verzoek van uw organisatie. Log in om het te bekijken.\n\n${link}\n` },
  request_overdue: { subject: 'Een verzoek is over de termijn', body: (link: string) => `De termijn van een stap in een verzoek van uw organisatie is voorbij. Log in om te zien wie aan zet is.\n\n${link}\n` },
} as const;

/** The roles at a receiving organisation that work its requests; at a school its care coordinators. */
export const RECEIVING_ROLES = ['youth_care_worker', 'wijkteam_worker', 'swv_consultant', 'attendance_officer', 'intern_begeleider', 'care_coordinator'];
const SCHOOL_CARE_ROLES = ['intern_begeleider', 'care_coordinator'];

/**
 * Notifies one side of a request, in the transaction of what happened, never the one who did it.
 * The receiver: the colleague who holds it, if she still works there, else the organisation's
 * workers of the receiving roles. The sender: the person who sent it, if she still works there,
 * else the care coordinators of the sending organisation.
 */
export async function notifySide(
  tx: Tx,
  actor: Pick<Actor, 'personId'>,
  r: { id: string; regionId: string; organisationId: string; holderPersonId: string | null; fromPersonId: string | null; side: 'sender' | 'receiver' },
  kind: 'request_received' | 'request_update' | 'request_overdue',
  linkBase: string,
  aboutDay: string | null = null,
) {
  const current = (personIds: string[]) =>
    personIds.length
      ? tx.selectFrom('memberships').select('person_id').distinct().where('organisation_id', '=', r.organisationId).where('person_id', 'in', personIds).where('ended_at', 'is', null).execute()
      : Promise.resolve([]);
  const byRoles = (roles: string[]) => tx.selectFrom('memberships').select('person_id').distinct().where('organisation_id', '=', r.organisationId).where('role', 'in', roles).where('ended_at', 'is', null).execute();
  const named = r.side === 'receiver' ? r.holderPersonId : r.fromPersonId;
  let people = (await current(named ? [named] : [])).map((m) => m.person_id);
  if (!people.length) people = (await byRoles(r.side === 'receiver' ? RECEIVING_ROLES : SCHOOL_CARE_ROLES)).map((m) => m.person_id);
  people = people.filter((p) => p !== actor.personId);
  const mail = REQUEST_MAIL[kind];
  await notifyPeople(tx, { regionId: r.regionId, organisationId: r.organisationId, personIds: people, kind, requestId: r.id, aboutDay, mail: { subject: mail.subject, body: mail.body(`${linkBase}/verzoeken/${r.id}`) } });
}

type Decision = NonNullable<RequestStepBody['decision']>;

/** What a decision must hold: a period for a grant, and for a TLV the two experts, the category and the objection term. */
function decisionErrors(kind: RequestKind, d: Decision | null): FieldError[] {
  if (!d) return [{ name: 'decision', code: 'required', reason: 'Leg het besluit vast: toegekend, deels toegekend of afgewezen.' }];
  const errors: FieldError[] = [];
  const granted = d.outcome !== 'refused';
  if (granted && !d.from) errors.push({ name: 'decision/from', code: 'required', reason: 'Vul in vanaf wanneer het besluit geldt.' });
  if (granted && !d.until) errors.push({ name: 'decision/until', code: 'required', reason: 'Vul in tot wanneer het besluit geldt.' });
  if (d.from && d.until && d.until < d.from) errors.push({ name: 'decision/until', code: 'before_start', reason: 'De einddatum ligt na de begindatum.' });
  if (kind === 'tlv') {
    if ((d.experts ?? []).filter((e) => e.trim()).length < 2) errors.push({ name: 'decision/experts', code: 'two_experts', reason: 'Een TLV vraagt het advies van twee deskundigen: vul beide namen in.' });
    if (granted && !d.category?.trim()) errors.push({ name: 'decision/category', code: 'required', reason: 'Vul de categorie van de TLV in (bijvoorbeeld laag, midden of hoog).' });
    if (!d.objectionUntil) errors.push({ name: 'decision/objectionUntil', code: 'required', reason: 'Vul in tot wanneer de ouders bezwaar kunnen maken (meestal 6 weken na het besluit).' });
  }
  return errors;
}

/** A teacher answered an observation: the receiver (who holds the request, else its workers) hears of it, in that transaction. */
export async function notifyOfObservation(tx: Tx, actor: Actor, requestId: string, linkBase: string) {
  const r = await tx.selectFrom('requests').select(['region_id', 'to_organisation_id', 'holder_person_id', 'from_person_id']).where('id', '=', requestId).executeTakeFirstOrThrow();
  await notifySide(
    tx,
    actor,
    { id: requestId, regionId: r.region_id, organisationId: r.to_organisation_id, holderPersonId: r.holder_person_id, fromPersonId: r.from_person_id, side: 'receiver' },
    'request_update',
    linkBase,
  );
}

/**
 * Reminds of steps past their term (run by the app's housekeeping; also `samenspel remind`): for
 * each open request whose current step was due before `day`, whoever holds the step (the receiver's
 * holder or workers; for a question for information the sender) and — when the receiver is late —
 * the sender who sent it. Once per person, request and due day: a step that is still late tomorrow
 * is not told again; a new step with a new term that runs out is. Returns how many requests.
 */
export async function remindOverdueRequests(database: Database, opts: { day: string; linkBase: string }): Promise<number> {
  return database.db.transaction().execute(async (tx) => {
    const late = await tx
      .selectFrom('requests')
      .select(['id', 'region_id', 'status', 'from_organisation_id', 'to_organisation_id', 'holder_person_id', 'from_person_id', 'step_due_on'])
      .where('status', 'in', OPEN_REQUEST_STATUSES)
      .where('step_due_on', '<', opts.day)
      .execute();
    for (const r of late) {
      const holder = waitingFor(r.status);
      const sides: ('sender' | 'receiver')[] = holder === 'sender' ? ['sender'] : ['receiver', 'sender'];
      for (const side of sides) {
        await notifySide(
          tx,
          { personId: null },
          { id: r.id, regionId: r.region_id, organisationId: side === 'receiver' ? r.to_organisation_id : r.from_organisation_id, holderPersonId: r.holder_person_id, fromPersonId: r.from_person_id, side },
          'request_overdue',
          opts.linkBase,
          r.step_due_on,
        );
      }
    }
    return late.length;
  });
}
