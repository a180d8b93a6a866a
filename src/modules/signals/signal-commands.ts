import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { accessIn, rules, subject, withChildAccess } from '../../kernel/policy/gateway.ts';
import { ConflictError, expectUpdated, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import { calendarAround, isUrgentSignal, pickupDeadline, pickupTerm } from './signal-deadlines.ts';
import { notifyPeople, notifyUrgentSignal } from './notifications.ts';
import { ACTION_NL, SIGNAL_TRANSITIONS, STATUS_NL, findTransition, type SignalAction, type SignalStatus, type SignalCategory, type SignalUrgency, type TriageDecision } from './signal-workflow.ts';

export interface CreateSignalInput {
  childId: string;
  category: SignalCategory;
  urgency: SignalUrgency;
  observation: string;
  parentsInformed: boolean;
  parentsNotInformedReason?: string | null;
}

/**
 * The checks of a new signal that need no database, on the body as sent (also when the schema
 * refuses it: the route's fieldChecks), so the form shows every error at once.
 */
export function signalFieldChecks(input: { observation?: unknown; parentsInformed?: unknown; parentsNotInformedReason?: unknown }): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof input.observation !== 'string' || !input.observation.trim()) errors.push({ name: 'observation', code: 'required', reason: 'Beschrijf wat u ziet.' });
  const reason = typeof input.parentsNotInformedReason === 'string' ? input.parentsNotInformedReason.trim() : '';
  if (input.parentsInformed === false && !reason) {
    errors.push({ name: 'parentsNotInformedReason', code: 'required', reason: 'Geef aan waarom de ouders (nog) niet op de hoogte zijn.' });
  }
  return errors;
}

/**
 * A teacher or mentor raises a signal about a pupil of their own group (the care coordinator may
 * too, for any pupil of the school). The pick-up deadline is the term from the deadline rules,
 * counted in school days of this school location. An urgent signal ("Dringend", or about safety)
 * has its own term (by default the same school day) and notifies the school's care coordinators
 * at once (notifications.ts); `linkBase` is where the e-mail's link points (PUBLIC_URL).
 */
export async function createSignal(database: Database, actor: Actor, input: CreateSignalInput, opts: { linkBase: string }) {
  const m = actor.membership;
  if (!m || m.organisationKind !== 'school_location' || !['teacher', 'mentor', 'intern_begeleider', 'care_coordinator'].includes(m.role)) {
    throw new ForbiddenError('Een zorgsignaal meldt u als leerkracht, mentor of intern begeleider/zorgcoördinator van een school.');
  }
  const errors = signalFieldChecks(input);
  if (errors.length) throw new ValidationError(errors);
  const observation = input.observation.trim();
  const notInformedReason = input.parentsNotInformedReason?.trim() || null;

  return withChildAccess(
    database,
    actor,
    input.childId,
    'school',
    'signal.create',
    async ({ tx }) => {
      const raisedOn = today();
      const urgent = isUrgentSignal(input);
      const term = await pickupTerm(tx, actor.regionId, input.category, urgent);
      const cal = await calendarAround(tx, m.organisationId, raisedOn, raisedOn);
      const deadline = pickupDeadline(cal, raisedOn, term);
      const signal = await tx
        .insertInto('signals')
        .values({
          region_id: actor.regionId,
          child_id: input.childId,
          organisation_id: m.organisationId,
          author_person_id: actor.personId!,
          author_role: m.role,
          category: input.category,
          urgency: input.urgency,
          observation,
          parents_informed: input.parentsInformed,
          parents_not_informed_reason: input.parentsInformed ? null : notInformedReason,
          status: 'new',
          raised_on: raisedOn,
          pickup_deadline: deadline,
          pickup_school_days: term,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('signal_events').values({ signal_id: signal.id, person_id: actor.personId, role: m.role, from_status: null, to_status: 'new' }).execute();
      // Urgent means urgent: the school's care coordinators hear of it at once, in the same transaction.
      if (urgent) await notifyUrgentSignal(tx, { id: signal.id, regionId: actor.regionId, organisationId: m.organisationId, authorPersonId: actor.personId! }, opts.linkBase);
      return { id: signal.id };
    },
    { category: input.category },
    ['group_teacher', 'mentor', 'school_care'],
  );
}

/**
 * Applies one workflow action to a signal inside the caller's transaction: locks the row, asks the
 * gateway (the signal's reader: its school's care coordinator or its author; the access-log entry,
 * allowed or denied, is written in this transaction), claims the version the user's screen was
 * based on (`version`; a stale one throws StaleVersionError before anything is written), checks the
 * workflow table, updates the status (the first care decision is the pick-up) and appends the
 * history. Without `version` (a case opened from the signal) the version is only bumped. Returns
 * null when the signal is not found or not the actor's to read: the caller answers the refusal.
 */
export async function transitionSignal(tx: Tx, actor: Actor, signalId: string, action: SignalAction, reason: string, event: string, version: number | undefined, opts: { linkBase: string }) {
  // The row is locked first: the status read here is the one the change starts from.
  const locked = await tx.selectFrom('signals').select('status').where('id', '=', signalId).forUpdate().executeTakeFirst();
  const access = await accessIn(tx, actor, subject.signal(signalId), rules.signal(), event, {
    allowedDetail: { action, from: locked?.status, to: locked ? findTransition(locked.status, action)?.to : undefined },
  });
  if (!access) return null;
  const s = await tx.selectFrom('signals').selectAll().where('id', '=', signalId).executeTakeFirstOrThrow();
  let claim = tx.updateTable('signals').set({ version: sql`version + 1` }).where('id', '=', signalId);
  if (version !== undefined) claim = claim.where('version', '=', version);
  expectUpdated(await claim.executeTakeFirst());
  const transition = findTransition(s.status, action);
  // A care coordinator who raised the signal herself withdraws it as its author.
  const by = action === 'withdraw' && actor.personId === s.author_person_id ? 'author' : access.signal === 'care' ? 'care' : 'author';
  if (!transition || transition.by !== by) {
    const allowed = SIGNAL_TRANSITIONS.filter((t) => t.from === s.status && t.by === by).map((t) => ACTION_NL[t.action]);
    const status = STATUS_NL[s.status as SignalStatus] ?? s.status;
    throw new ConflictError(
      allowed.length
        ? `"${ACTION_NL[action] ?? action}" kan niet bij een signaal dat ${status} is. Wel mogelijk: ${allowed.join(', ')}.`
        : `Bij een signaal dat ${status} is, kunt u niets meer wijzigen.`,
      'transition_not_allowed',
    );
  }
  const trimmed = reason.trim();
  if (!trimmed) throw new ValidationError([{ name: 'reason', code: 'required', reason: 'Licht uw besluit kort toe.' }]);
  const isPickUp = !s.triaged_at && by === 'care';
  await tx
    .updateTable('signals')
    .set({ status: transition.to, ...(isPickUp ? { triaged_at: new Date(), triaged_on: today(), triage_decision: action } : {}) })
    .where('id', '=', signalId)
    .execute();
  await tx
    .insertInto('signal_events')
    .values({ signal_id: signalId, person_id: actor.personId, role: actor.membership?.role ?? null, from_status: s.status, to_status: transition.to, decision: action, reason: trimmed })
    .execute();
  // The teacher who raised it hears of the care coordinator's decision (not of her own withdrawal).
  if (by === 'care' && s.author_person_id !== actor.personId) {
    await notifyPeople(tx, {
      regionId: s.region_id,
      organisationId: s.organisation_id,
      personIds: [s.author_person_id],
      kind: 'signal_decided',
      signalId,
      mail: { subject: SIGNAL_DECIDED_MAIL.subject, body: SIGNAL_DECIDED_MAIL.body(`${opts.linkBase}/signalen/${signalId}`) },
    });
  }
  return { id: signalId, status: transition.to, signal: s };
}

/** The e-mail to a signal's author about the care coordinator's decision: no child data, only where to log in. */
export const SIGNAL_DECIDED_MAIL = {
  subject: 'Besluit over uw signaal',
  body: (link: string) => `De intern begeleider of zorgcoördinator heeft besloten over een signaal dat u gaf. Log in om te lezen wat er met uw signaal gebeurt.\n\n${link}\n`,
};

/** One action in a transaction of its own; refused (not found, not the actor's): the denied entry commits, 404. */
async function applyAction(database: Database, actor: Actor, signalId: string, action: SignalAction, reason: string, event: string, version: number, opts: { linkBase: string }) {
  const result = await database.db.transaction().execute((tx) => transitionSignal(tx, actor, signalId, action, reason, event, version, opts));
  if (!result) throw new NotFoundError();
  return { id: result.id, status: result.status };
}

/** The care coordinator's decision on a signal (the first one is the pick-up), based on the signal's `version`. */
export function triageSignal(database: Database, actor: Actor, signalId: string, decision: TriageDecision | 'close', reason: string, version: number, opts: { linkBase: string }) {
  // "Doorverwijzen" sends a request to the receiver (modules/referrals): never a status without one.
  if (decision === 'refer_outward') {
    throw new ValidationError([{ name: 'decision', code: 'needs_request', reason: 'Doorverwijzen gaat met een verzoek aan de ontvanger: gebruik het formulier Doorverwijzen (POST /signals/{id}/referral).' }]);
  }
  return applyAction(database, actor, signalId, decision, reason, 'signal.triage', version, opts);
}

/** The author withdraws a signal that nobody has picked up yet, based on the signal's `version`. */
export function withdrawSignal(database: Database, actor: Actor, signalId: string, reason: string, version: number, opts: { linkBase: string }) {
  return applyAction(database, actor, signalId, 'withdraw', reason, 'signal.withdraw', version, opts);
}
