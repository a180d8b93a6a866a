/**
 * A referral from a signal (docs/requests.md, "Doorverwijzen vanuit een signaal"): the school's
 * care coordinator decides "doorverwijzen" and the request goes out in the same step — nothing ends
 * in a status without a receiver. In one transaction, each part asked of the gateway as it is on
 * its own (and logged): the signal's decision, the child's open case at the school (or a case
 * opened from the signal), the family's consent where none in force covers the receiver, and the
 * request, linked to the signal. Anything refused or wrong: nothing is written.
 */
import type { Database } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { rules, subject, withAccess } from '../../kernel/policy/gateway.ts';
import { consentKindsInForce } from '../../kernel/policy/child-policy.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { isIsoDate, today } from '../../kernel/time.ts';
import { addCalendarDays } from '../../kernel/calendar/school-days.ts';
import { transitionSignal } from '../signals/index.ts';
import { consentCoverage, consentRuleOfChild, openCaseIn, openCaseKeptBy, recordConsentIn } from '../cases/index.ts';
import { sendRequestIn } from '../requests/index.ts';
import type { ReferralContext, ReferralResult, ReferSignalBody } from '../../contracts/referrals.ts';
import { CATEGORY_NL } from '../../contracts/values/signals.ts';

/** The title of a case opened for a referral: what the signal was about. */
const CATEGORY_WORDS = new Map<string, string>(Object.entries(CATEGORY_NL));
const caseTitleFor = (category: string) => `Doorverwijzing: ${CATEGORY_WORDS.get(category) ?? category}`;

/** The checks that need no database, all at once (the route's fieldChecks too): what the request and a consent given now must hold. */
export function referralFieldChecks(body: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  if (!text(body.reason)) errors.push({ name: 'reason', code: 'required', reason: 'Licht uw besluit kort toe: de leerkracht die het signaal gaf leest dit.' });
  if (!text(body.question)) errors.push({ name: 'question', code: 'required', reason: 'Beschrijf de vraag: wat is er nodig?' });
  if (!text(body.goal)) errors.push({ name: 'goal', code: 'required', reason: 'Beschrijf het doel waar dit verzoek aan bijdraagt.' });
  if (!Array.isArray(body.dataKinds) || !body.dataKinds.length) errors.push({ name: 'dataKinds', code: 'required', reason: 'Kies welke gegevens de ontvanger mag zien.' });
  const consent = body.consent as Record<string, unknown> | null | undefined;
  if (consent && typeof consent === 'object') {
    const day = today();
    const givenOn = typeof consent.givenOn === 'string' && isIsoDate(consent.givenOn) ? consent.givenOn : null;
    const validUntil = typeof consent.validUntil === 'string' && isIsoDate(consent.validUntil) ? consent.validUntil : null;
    if (!givenOn) errors.push({ name: 'consent/givenOn', code: 'date', reason: 'Vul de datum van de toestemming in als JJJJ-MM-DD.' });
    else if (givenOn > day) errors.push({ name: 'consent/givenOn', code: 'future', reason: 'De toestemming kan niet in de toekomst gegeven zijn.' });
    if (!validUntil) errors.push({ name: 'consent/validUntil', code: 'date', reason: 'Vul in tot wanneer de toestemming geldt, als JJJJ-MM-DD.' });
    else if (givenOn && (validUntil < givenOn || validUntil > addCalendarDays(givenOn, 731))) {
      errors.push({ name: 'consent/validUntil', code: 'validity', reason: 'Geldig tot ligt na de datum van toestemming en hooguit twee jaar later.' });
    }
  }
  return errors;
}

/** Field names of a consent's own checks, as they are named in the referral's body. */
const CONSENT_FIELD: Record<string, string> = {
  purpose: 'goal',
  dataKinds: 'dataKinds',
  recipientOrganisationIds: 'toOrganisationId',
  method: 'consent/method',
  givenOn: 'consent/givenOn',
  validUntil: 'consent/validUntil',
  givers: 'consent/givers',
  'givers/guardianIds': 'consent/givers/guardianIds',
  'givers/childSelf': 'consent/givers/childSelf',
};

/** A validation error of a part, with its fields named as in the referral's body. */
async function asReferralFields<T>(work: () => Promise<T>, names: Record<string, string>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ValidationError) throw new ValidationError(e.invalidParams.map((f) => ({ ...f, name: names[f.name] ?? f.name })), e.detail);
    throw e;
  }
}

/** What the referral form of a signal needs; for its school's care coordinator only (rules.signal('care')), logged. */
export async function referralContext(database: Database, actor: Actor, signalId: string): Promise<ReferralContext> {
  return withAccess(database, actor, subject.signal(signalId), rules.signal('care'), 'signal.referral.read', async ({ tx, childId }) => {
    const day = today();
    const s = await tx.selectFrom('signals').select(['id', 'version', 'category']).where('id', '=', signalId).executeTakeFirstOrThrow();
    const child = await tx.selectFrom('children').select(['id', 'given_name', 'family_name']).where('id', '=', childId).executeTakeFirstOrThrow();
    const k = await openCaseKeptBy(tx, childId, actor.membership!.organisationId);
    return {
      signal: { id: s.id, version: s.version },
      child: { id: child.id, name: `${child.given_name} ${child.family_name}` },
      case: k,
      consentRule: await consentRuleOfChild(tx, childId, day),
      covered: k ? await consentCoverage(tx, k.id, childId, day) : [],
      suggestedCaseTitle: caseTitleFor(s.category),
    };
  });
}

/**
 * Refers a signal: the decision "doorverwijzen" (the signal's workflow table, on the version the
 * screen showed), and the request that carries it. The consent: one in force in the child's open
 * case that covers the receiver and the data, or the one the family gave now (`consent`), recorded
 * with the goal as its purpose. Refused by the gateway anywhere: the whole referral is refused and
 * only the refusal's log entry stays.
 */
export async function referSignal(database: Database, actor: Actor, signalId: string, body: ReferSignalBody, opts: { linkBase: string }): Promise<ReferralResult> {
  const errors = referralFieldChecks(body);
  if (errors.length) throw new ValidationError(errors, 'De doorverwijzing is niet verstuurd. Controleer de gemarkeerde velden.');
  const result = await database.db.transaction().execute(async (tx): Promise<ReferralResult | { denied: true }> => {
    const moved = await transitionSignal(tx, actor, signalId, 'refer_outward', body.reason, 'signal.triage', body.version, { linkBase: opts.linkBase });
    if (!moved) return { denied: true };
    const childId = moved.signal.child_id;
    const school = actor.membership!.organisationId;
    let k = await openCaseKeptBy(tx, childId, school);
    const caseOpened = !k;
    if (!k) {
      const opened = await openCaseIn(tx, actor, { childId, title: body.caseTitle?.trim() || caseTitleFor(moved.signal.category), fromSignalId: signalId, reason: body.reason }, { signalMoved: true, linkBase: opts.linkBase });
      if (!opened) return rollback();
      k = { id: opened.id, title: '' };
    }
    const day = today();
    const covered = await consentKindsInForce(tx, { caseId: k.id, childId, organisationId: body.toOrganisationId, today: day });
    const coversAll = covered.length > 0 && body.dataKinds.every((d) => covered.includes(d));
    let consentRecorded = false;
    if (body.consent) {
      const recorded = await asReferralFields(
        () =>
          recordConsentIn(tx, actor, k.id, {
            purpose: body.goal,
            dataKinds: body.dataKinds,
            recipientOrganisationIds: [body.toOrganisationId],
            givers: body.consent!.givers,
            method: body.consent!.method,
            givenOn: body.consent!.givenOn,
            validUntil: body.consent!.validUntil,
          }),
        CONSENT_FIELD,
      );
      if (!recorded) return rollback();
      consentRecorded = true;
    } else if (!coversAll) {
      throw new ValidationError(
        [{ name: 'consent', code: 'required', reason: 'Er is nog geen geldige toestemming die deze ontvanger en deze gegevens dekt. Vul in wie toestemming gaf, hoe en wanneer.' }],
        'De doorverwijzing is niet verstuurd. Controleer de gemarkeerde velden.',
      );
    }
    const sent = await sendRequestIn(
      tx,
      actor,
      k.id,
      { kind: body.kind, toOrganisationId: body.toOrganisationId, question: body.question, tried: body.tried ?? null, urgency: body.urgency, goal: body.goal, backToSchool: body.backToSchool, dataKinds: body.dataKinds },
      { linkBase: opts.linkBase, signalId },
    );
    if (!sent) return rollback();
    return { requestId: sent.id, caseId: k.id, caseOpened, consentRecorded };
  });
  if ('denied' in result) throw new NotFoundError();
  return result;
}

/** A part refused after the signal's step: nothing of the referral may stay (the transaction rolls back). */
function rollback(): never {
  throw new NotFoundError();
}
