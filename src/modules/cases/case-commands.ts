import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { accessIn, rules, subject, withAccess, type Rule } from '../../kernel/policy/gateway.ts';
import { isCareCoordinator } from '../../kernel/policy/signal-policy.ts';
import type { DataKind } from '../../kernel/policy/child-policy.ts';
import { ConflictError, expectUpdated, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { addCalendarDays } from '../../kernel/calendar/school-days.ts';
import { isIsoDate, today } from '../../kernel/time.ts';
import { notifyPeople, transitionSignal } from '../signals/index.ts';
import { createPlan } from '../plans/index.ts';
import { notifyAboutCase } from './case-notifications.ts';
import { ageRuleOn, checkConsentGivers, checkWithdrawer } from './consent-rules.ts';
import type { AssignCaseManagerBody, CaseEventDetail, OpenCaseBody, RecordConsentBody, WithdrawConsentBody } from '../../contracts/cases.ts';
import { SHAREABLE_KINDS, type ShareableKind } from '../../contracts/values/cases.ts';

/** Hours an emergency access on the safety route lasts. */
export const EMERGENCY_ACCESS_HOURS = 24;

/** A line in the case's history; its detail is what the case view may show of it (the contract names each field). */
export async function caseEvent(tx: Tx, caseId: string, actor: Actor, event: string, detail: CaseEventDetail = {}) {
  await tx
    .insertInto('case_events')
    .values({ case_id: caseId, person_id: actor.personId, organisation_id: actor.membership?.organisationId ?? null, event, detail: JSON.stringify(detail) })
    .execute();
}

/** What opening a case takes (the contract's body). */
export type OpenCaseInput = OpenCaseBody;

/**
 * The school's care coordinator opens a case for a pupil of the own school, from a signal (whose
 * status becomes "case" in the same transaction) or directly. The case manager (default: the
 * coordinator) is the first team member.
 */
export async function openCase(database: Database, actor: Actor, input: OpenCaseInput, opts: { linkBase: string }) {
  const errors = openCaseChecks(actor, input);
  if (errors.length) throw new ValidationError(errors);
  const opened = await database.db.transaction().execute((tx) => openCaseIn(tx, actor, input, opts));
  if (!opened) throw new NotFoundError();
  return opened;
}

/** What opening a case asks of the actor and the body, before any reading: the coordinator, a title, a first evaluation within a year. */
function openCaseChecks(actor: Actor, input: OpenCaseInput): FieldError[] {
  if (!isCareCoordinator(actor)) throw new ForbiddenError('Een casus opent de intern begeleider of zorgcoördinator van de school.');
  const day = today();
  const errors: FieldError[] = [];
  if (!input.title.trim()) errors.push({ name: 'title', code: 'required', reason: 'Geef de casus een korte titel.' });
  const next = input.nextEvaluationOn ?? addCalendarDays(day, 182);
  if (!isIsoDate(next)) errors.push({ name: 'nextEvaluationOn', code: 'date', reason: 'Vul een datum in als JJJJ-MM-DD.' });
  else if (next <= day || next > addCalendarDays(day, 366)) errors.push({ name: 'nextEvaluationOn', code: 'evaluation_term', reason: 'De eerste evaluatie ligt na vandaag en uiterlijk over een jaar.' });
  if (input.fromSignalId && !input.reason?.trim()) errors.push({ name: 'reason', code: 'required', reason: 'Licht toe waarom dit signaal een casus wordt.' });
  return errors;
}

/**
 * Opens a case in the caller's transaction (a referral from a signal opens one on the way): the
 * same checks and gateway question as openCase. A signal it comes from (`fromSignalId`) moves to
 * "case" unless `signalMoved` says the caller already took the signal's step. Returns null when the
 * gateway refuses (logged in `tx`): the caller answers 404 or rolls back.
 */
export async function openCaseIn(tx: Tx, actor: Actor, input: OpenCaseInput, opts: { signalMoved?: boolean; linkBase: string }): Promise<{ id: string } | null> {
  const errors = openCaseChecks(actor, input);
  if (errors.length) throw new ValidationError(errors);
  const m = actor.membership!;
  const day = today();
  const next = input.nextEvaluationOn ?? addCalendarDays(day, 182);
  const access = await accessIn(tx, actor, subject.child(input.childId), rules.childData('signals', ['school_care', 'case_owner']), 'case.open', { detail: { kind: 'signals' } });
  if (!access) return null;
  let safety = false;
  if (input.fromSignalId) {
    const s = await tx.selectFrom('signals').select(['child_id', 'category']).where('id', '=', input.fromSignalId).executeTakeFirst();
    if (!s || s.child_id !== input.childId) throw new ValidationError([{ name: 'fromSignalId', code: 'unknown_signal', reason: 'Dit signaal hoort niet bij dit kind.' }]);
    if (!opts.signalMoved) {
      const moved = await transitionSignal(tx, actor, input.fromSignalId, 'open_case', input.reason!, 'signal.triage', undefined, { linkBase: opts.linkBase });
      if (!moved) throw new ValidationError([{ name: 'fromSignalId', code: 'unknown_signal', reason: 'Dit signaal is niet van uw school.' }]);
    }
    safety = s.category === 'safety';
  }
  const managerId = input.caseManagerPersonId ?? actor.personId!;
  const manager = await tx
    .selectFrom('memberships as mm')
    .innerJoin('people as p', 'p.id', 'mm.person_id')
    .where('mm.person_id', '=', managerId)
    .where('mm.ended_at', 'is', null)
    .where('p.region_id', '=', actor.regionId)
    .select(['mm.organisation_id', 'mm.role'])
    .orderBy(managerId === actor.personId ? 'mm.organisation_id' : 'mm.role')
    .execute();
  const managerMembership = managerId === actor.personId ? manager.find((x) => x.organisation_id === m.organisationId) : manager[0];
  if (!managerMembership) throw new ValidationError([{ name: 'caseManagerPersonId', code: 'unknown_person', reason: 'Deze casusregisseur werkt niet bij een organisatie in de regio.' }]);
  const k = await tx
    .insertInto('cases')
    .values({
      region_id: actor.regionId,
      child_id: input.childId,
      organisation_id: m.organisationId,
      opened_from_signal_id: input.fromSignalId ?? null,
      case_manager_person_id: managerId,
      case_manager_organisation_id: managerMembership.organisation_id,
      title: input.title.trim(),
      safety_route: safety,
      opened_on: day,
      next_evaluation_on: next,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await createPlan(tx, { caseId: k.id, childId: input.childId, regionId: actor.regionId });
  await tx.insertInto('case_members').values({ case_id: k.id, person_id: managerId, organisation_id: managerMembership.organisation_id, role: managerMembership.role }).execute();
  if (managerId !== actor.personId) {
    await tx.insertInto('case_members').values({ case_id: k.id, person_id: actor.personId!, organisation_id: m.organisationId, role: m.role }).execute();
  }
  await caseEvent(tx, k.id, actor, 'opened', { fromSignalId: input.fromSignalId ?? null, caseManagerPersonId: managerId, nextEvaluationOn: next });
  return { id: k.id };
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof lockCase>>>;

/**
 * Claims the next version of the case (the case and its team), in the changing transaction and
 * before anything else is written: a change based on an older version throws StaleVersionError.
 */
export async function claimCase(tx: Tx, caseId: string, version: number) {
  expectUpdated(await tx.updateTable('cases').set({ version: sql`version + 1` }).where('id', '=', caseId).where('version', '=', version).executeTakeFirst());
  return version + 1;
}

/**
 * The plan of the case was evaluated (plans module): the case's next evaluation moves, its version
 * goes up and its history says so. In the plans module's transaction.
 */
export async function recordPlanEvaluated(tx: Tx, actor: Actor, caseId: string, nextEvaluationOn: string) {
  await tx.updateTable('cases').set({ next_evaluation_on: nextEvaluationOn, version: sql`version + 1` }).where('id', '=', caseId).execute();
  await caseEvent(tx, caseId, actor, 'plan_evaluated', { nextEvaluationOn });
}

async function lockCase(tx: Tx, actor: Actor, caseId: string) {
  return tx.selectFrom('cases').selectAll().where('id', '=', caseId).where('region_id', '=', actor.regionId).forUpdate().executeTakeFirst();
}

/**
 * Another case the actor must be able to manage today, in the changing transaction (the second case
 * of a family link): asked of the gateway (rules.manageCase), which logs the use of that child's
 * case too. Null when refused; the caller's refusal then rolls the whole change back.
 */
async function manageable(tx: Tx, actor: Actor, caseId: string, event: string, detail: Record<string, unknown>): Promise<CaseRow | null> {
  const access = await accessIn(tx, actor, subject.case(caseId), rules.manageCase(), event, { lockCase: true, detail });
  return access ? ((await lockCase(tx, actor, caseId)) ?? null) : null;
}

/**
 * A change of the case through the gateway: the care coordinator of the school that owns it, or the
 * case manager acting for the organisation they manage it for (rules.manageCase). The case row is
 * locked before the rule is asked and read (FOR UPDATE) for the work in the same transaction.
 */
export async function withManageableCase<T>(database: Database, actor: Actor, caseId: string, event: string, work: (tx: Tx, k: CaseRow) => Promise<T>, detail: Record<string, unknown> = {}) {
  return withAccess(
    database,
    actor,
    subject.case(caseId),
    rules.manageCase(),
    event,
    async ({ tx }) => {
      const k = await lockCase(tx, actor, caseId);
      if (!k) throw new NotFoundError();
      return work(tx, k);
    },
    { detail, lockCase: true },
  );
}

/** A professional with a current membership at the organisation, in the actor's region; null when not. */
export async function currentMembership(tx: Tx, actor: Actor, personId: string, organisationId: string) {
  return tx
    .selectFrom('memberships as mm')
    .innerJoin('people as p', 'p.id', 'mm.person_id')
    .where('mm.person_id', '=', personId)
    .where('mm.organisation_id', '=', organisationId)
    .where('mm.ended_at', 'is', null)
    .where('p.region_id', '=', actor.regionId)
    .select(['mm.role'])
    .orderBy('mm.role')
    .executeTakeFirst();
}

/** `replaces`: the case manager the user saw (the version of this field): another one appointed meanwhile is a 409. */
export type AssignCaseManagerInput = AssignCaseManagerBody;

/** The hand-over's checks that need no database (also when the schema refuses the body: the route's fieldChecks). */
export function handoverFieldChecks(input: { reason?: unknown }): FieldError[] {
  return typeof input.reason === 'string' && input.reason.trim()
    ? []
    : [{ name: 'reason', code: 'required', reason: 'Schrijf waarom de casusregisseur wisselt. De reden komt in de geschiedenis van de casus.' }];
}

/**
 * Appoints a (new) case manager: someone working for the organisation today, with the reason for
 * the hand-over (appended to the history). Done by the school's care coordinator — also when the
 * case manager left and the case waits for a new one — or by the case manager handing over. The new
 * case manager joins the team for that organisation and is told (in the app and by an e-mail with
 * only a link), unless they appointed themselves.
 */
export async function assignCaseManager(database: Database, actor: Actor, caseId: string, input: AssignCaseManagerInput, opts: { linkBase: string }) {
  const errors = handoverFieldChecks(input);
  if (errors.length) throw new ValidationError(errors);
  return withManageableCase(
    database,
    actor,
    caseId,
    'case.manager.assign',
    async (tx, k) => {
      const version = await claimCase(tx, caseId, input.version);
      if (k.status !== 'open') throw new ConflictError('Deze casus is gesloten.', 'case_closed');
      if (k.case_manager_person_id !== input.replaces.personId || k.case_manager_organisation_id !== input.replaces.organisationId) {
        throw new ConflictError('Intussen is een andere casusregisseur aangewezen. Bekijk de casus opnieuw en kies dan.', 'stale', [
          { name: 'replaces', code: 'stale', reason: 'De casusregisseur is intussen gewijzigd.' },
        ]);
      }
      const membership = await currentMembership(tx, actor, input.personId, input.organisationId);
      if (!membership) throw new ValidationError([{ name: 'personId', code: 'not_at_organisation', reason: 'Deze persoon werkt niet (meer) bij die organisatie. Kies iemand die er nu werkt.' }]);
      if (k.case_manager_person_id === input.personId && k.case_manager_organisation_id === input.organisationId) {
        throw new ConflictError('Deze persoon is al de casusregisseur.', 'already_case_manager');
      }
      await tx.updateTable('cases').set({ case_manager_person_id: input.personId, case_manager_organisation_id: input.organisationId }).where('id', '=', caseId).execute();
      const onTeam = await tx
        .selectFrom('case_members')
        .select('id')
        .where('case_id', '=', caseId)
        .where('person_id', '=', input.personId)
        .where('organisation_id', '=', input.organisationId)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      if (!onTeam) {
        // One active team row per person: one acting for another organisation makes way.
        await tx.updateTable('case_members').set({ removed_at: new Date() }).where('case_id', '=', caseId).where('person_id', '=', input.personId).where('removed_at', 'is', null).execute();
        await tx.insertInto('case_members').values({ case_id: caseId, person_id: input.personId, organisation_id: input.organisationId, role: membership.role }).execute();
      }
      await caseEvent(tx, caseId, actor, 'case_manager_changed', {
        from: { personId: k.case_manager_person_id, organisationId: k.case_manager_organisation_id },
        to: { personId: input.personId, organisationId: input.organisationId },
        reason: input.reason.trim(),
      });
      if (input.personId !== actor.personId) {
        await notifyAboutCase(tx, { kind: 'case_handed_over', caseId, regionId: k.region_id, organisationId: input.organisationId, personIds: [input.personId] }, opts.linkBase);
      }
      return { caseId, caseManager: { personId: input.personId, organisationId: input.organisationId }, version };
    },
    { personId: input.personId },
  );
}

/** Adds a professional to the team, for one of their organisations. */
export async function addCaseMember(database: Database, actor: Actor, caseId: string, input: { personId: string; organisationId: string; version: number }) {
  return withManageableCase(database, actor, caseId, 'case.member.add', async (tx, k) => {
    await claimCase(tx, caseId, input.version);
    if (k.status !== 'open') throw new ConflictError('Deze casus is gesloten.', 'case_closed');
    const membership = await currentMembership(tx, actor, input.personId, input.organisationId);
    if (!membership) throw new ValidationError([{ name: 'personId', code: 'not_at_organisation', reason: 'Deze persoon werkt niet (meer) bij die organisatie.' }]);
    const existing = await tx.selectFrom('case_members').select('id').where('case_id', '=', caseId).where('person_id', '=', input.personId).where('removed_at', 'is', null).executeTakeFirst();
    if (existing) throw new ConflictError('Deze persoon zit al in het team.', 'already_member');
    const row = await tx.insertInto('case_members').values({ case_id: caseId, person_id: input.personId, organisation_id: input.organisationId, role: membership.role }).returning('id').executeTakeFirstOrThrow();
    await caseEvent(tx, caseId, actor, 'member_added', { personId: input.personId, organisationId: input.organisationId, role: membership.role });
    return { id: row.id };
  });
}

/** Takes a professional off the team (recorded, not deleted), based on the case's `version`. */
export async function removeCaseMember(database: Database, actor: Actor, caseId: string, memberId: string, version: number) {
  return withManageableCase(database, actor, caseId, 'case.member.remove', async (tx, k) => {
    await claimCase(tx, caseId, version);
    const member = await tx.selectFrom('case_members').selectAll().where('id', '=', memberId).where('case_id', '=', caseId).where('removed_at', 'is', null).executeTakeFirst();
    if (!member) throw new NotFoundError('Dit teamlid is niet (meer) in het team.');
    if (member.person_id === k.case_manager_person_id) throw new ConflictError('De casusregisseur kan niet uit het team; wijs eerst een andere casusregisseur aan.', 'is_case_manager');
    await tx.updateTable('case_members').set({ removed_at: new Date() }).where('id', '=', memberId).execute();
    await caseEvent(tx, caseId, actor, 'member_removed', { personId: member.person_id });
  });
}

export type RecordConsentInput = RecordConsentBody;

/** Data kinds a consent can cover (the access log itself is never shared): defined once, in the contract's values. */
export { SHAREABLE_KINDS };
/** The shareable kinds are exactly the policy's data kinds but the access log and the BSN (checked when compiling). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
type _ShareableIsPolicyMinusLogAndBsn = Expect<Same<ShareableKind, Exclude<DataKind, 'access_log' | 'bsn'>>>;

/**
 * The checks of a consent that need no database, on the body as sent (also when the schema refuses
 * it: the route's fieldChecks): purpose, kinds, recipients, and the dates. Who gave it (the age
 * rule) and whether the organisations exist are checked in recordConsent.
 */
export function consentFieldChecks(input: { purpose?: unknown; dataKinds?: unknown; recipientOrganisationIds?: unknown; givenOn?: unknown; validUntil?: unknown }): FieldError[] {
  const day = today();
  const errors: FieldError[] = [];
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  if (typeof input.purpose !== 'string' || !input.purpose.trim()) errors.push({ name: 'purpose', code: 'required', reason: 'Beschrijf het doel: waarvoor worden de gegevens gedeeld?' });
  const kinds = list(input.dataKinds);
  const badKinds = kinds.filter((d) => !(SHAREABLE_KINDS as readonly unknown[]).includes(d));
  if (!kinds.length) errors.push({ name: 'dataKinds', code: 'required', reason: 'Kies welke soorten gegevens gedeeld mogen worden.' });
  else if (badKinds.length) errors.push({ name: 'dataKinds', code: 'unknown_kind', reason: `Onbekende of niet te delen soort gegevens: ${badKinds.map(String).join(', ')}.` });
  if (!list(input.recipientOrganisationIds).length) errors.push({ name: 'recipientOrganisationIds', code: 'required', reason: 'Kies de organisaties die de gegevens mogen zien.' });
  const givenOn = typeof input.givenOn === 'string' && isIsoDate(input.givenOn) ? input.givenOn : null;
  const validUntil = typeof input.validUntil === 'string' && isIsoDate(input.validUntil) ? input.validUntil : null;
  if (!givenOn) errors.push({ name: 'givenOn', code: 'date', reason: 'Vul een datum in als JJJJ-MM-DD.' });
  else if (givenOn > day) errors.push({ name: 'givenOn', code: 'future', reason: 'De toestemming kan niet in de toekomst gegeven zijn.' });
  if (!validUntil) errors.push({ name: 'validUntil', code: 'date', reason: 'Vul een datum in als JJJJ-MM-DD.' });
  else if (givenOn && (validUntil < givenOn || validUntil > addCalendarDays(givenOn, 731))) {
    errors.push({ name: 'validUntil', code: 'validity', reason: 'Geldig tot ligt na de datum van toestemming en hooguit twee jaar later.' });
  }
  return errors;
}

/**
 * Records a consent for sharing the child's data within this case: who gave it (checked against
 * the age rule on the day it was given), for which purpose, to which organisations, which kinds of
 * data, how, and until when. An incomplete consent is refused with what is missing.
 */
export async function recordConsent(database: Database, actor: Actor, caseId: string, input: RecordConsentInput) {
  return withManageableCase(database, actor, caseId, 'consent.record', (tx, k) => writeConsent(tx, actor, caseId, k, input));
}

/**
 * Records a consent in the caller's transaction (a referral from a signal records the family's
 * consent on the way), asked of the gateway as recordConsent asks it. Null when refused (logged).
 */
export async function recordConsentIn(tx: Tx, actor: Actor, caseId: string, input: RecordConsentInput): Promise<{ id: string; ageRule: string } | null> {
  const k = await manageable(tx, actor, caseId, 'consent.record', {});
  return k ? writeConsent(tx, actor, caseId, k, input) : null;
}

async function writeConsent(tx: Tx, actor: Actor, caseId: string, k: CaseRow, input: RecordConsentInput) {
  const day = today();
  const errors = consentFieldChecks(input);
  if (input.recipientOrganisationIds.length) {
    const orgs = await tx.selectFrom('organisations').select('id').where('id', 'in', input.recipientOrganisationIds).where('region_id', '=', actor.regionId).execute();
    if (orgs.length !== new Set(input.recipientOrganisationIds).size) errors.push({ name: 'recipientOrganisationIds', code: 'unknown_organisation', reason: 'Een of meer organisaties bestaan niet in de regio.' });
  }
  const child = await tx.selectFrom('children').select('birth_date').where('id', '=', k.child_id).executeTakeFirstOrThrow();
  const rule = ageRuleOn(child.birth_date, isIsoDate(input.givenOn) ? input.givenOn : day);
  const authority = (await tx.selectFrom('child_guardians').select('guardian_id').where('child_id', '=', k.child_id).where('has_authority', '=', true).execute()).map((g) => g.guardian_id);
  errors.push(...checkConsentGivers(rule, input.givers, authority));
  if (errors.length) throw new ValidationError(errors, 'De toestemming is niet volledig. Controleer de gemarkeerde velden.');
  if (k.status !== 'open') throw new ConflictError('Deze casus is gesloten.', 'case_closed');

  const consent = await tx
    .insertInto('consents')
    .values({
      region_id: actor.regionId,
      child_id: k.child_id,
      case_id: caseId,
      purpose: input.purpose.trim(),
      data_kinds: [...new Set(input.dataKinds)],
      method: input.method,
      given_on: input.givenOn,
      valid_until: input.validUntil,
      age_rule: rule,
      recorded_by_person_id: actor.personId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('consent_recipients').values([...new Set(input.recipientOrganisationIds)].map((o) => ({ consent_id: consent.id, organisation_id: o }))).execute();
  await tx
    .insertInto('consent_givers')
    .values([...input.givers.guardianIds.map((g) => ({ consent_id: consent.id, guardian_id: g, child_self: false })), ...(input.givers.childSelf ? [{ consent_id: consent.id, guardian_id: null, child_self: true }] : [])])
    .execute();
  await caseEvent(tx, caseId, actor, 'consent_recorded', { consentId: consent.id, dataKinds: input.dataKinds, recipients: input.recipientOrganisationIds, ageRule: rule });
  return { id: consent.id, ageRule: rule };
}

/** `method`: how the withdrawal reached the case manager (written, verbal); the family's own is 'portal'. */
export type WithdrawConsentInput = WithdrawConsentBody;

/**
 * Withdrawal stops access at once; what happened before stays on record. Only someone entitled to
 * give the consent withdraws it (by age on the day: a parent with authority, the child from 12, the
 * young person from 16 alone): themselves in the portal, or through the case manager (or the
 * school's care coordinator), who records who withdrew it and how.
 */
export async function withdrawConsent(database: Database, actor: Actor, consentId: string, input: WithdrawConsentInput, opts: { linkBase: string }) {
  const professional = actor.kind === 'professional';
  const done = await database.db.transaction().execute(async (tx) => {
    // Who keeps the case records it, and the entry names the case (read in this transaction).
    const ofCase = professional ? (await tx.selectFrom('consents').select('case_id').where('id', '=', consentId).where('region_id', '=', actor.regionId).executeTakeFirst())?.case_id : null;
    const access = await accessIn(tx, actor, subject.consent(consentId), mayWithdraw, 'consent.withdraw', { detail: ofCase ? { caseId: ofCase } : {}, lockCase: professional });
    if (!access) return false;
    if (professional) await withdrawForFamily(tx, actor, consentId, access.childId, access.caseId!, input);
    else await withdrawOwn(tx, actor, consentId, access.childId, access.caseId!, access.ground !== 'guardian_authority', input);
    await notifyConsentWithdrawn(tx, actor, consentId, access.caseId!, opts.linkBase);
    return true;
  });
  if (!done) throw new NotFoundError();
}

/**
 * A consent given in a case: its withdrawal is recorded by who keeps the case (the school's care
 * coordinator, the case manager), or done in the portal by the family (a parent with authority, or
 * the young person from 12). Who may withdraw by age is checked in the work (checkWithdrawer).
 */
const mayWithdraw: Rule = (f) => (f.subject.caseId ? rules.anyOf(rules.manageCase(), rules.family())(f) : null);

/** The e-mail about a withdrawn consent: no child data, only where to log in. */
export const CONSENT_WITHDRAWN_MAIL = {
  subject: 'Toestemming ingetrokken',
  body: (link: string) => `In een casus waarin u werkt is een toestemming ingetrokken. Wat die toestemming liet zien, is niet meer te zien. Log in om te kijken wat dit voor u betekent.\n\n${link}\n`,
};

/**
 * Who works under a consent hears at once that it was withdrawn (in the withdrawal's transaction):
 * the case manager, and the team members of each organisation it named (they may see less from
 * now on) — each for the organisation they are on the team for, never the one who recorded it.
 */
async function notifyConsentWithdrawn(tx: Tx, actor: Actor, consentId: string, caseId: string, linkBase: string) {
  const k = await tx.selectFrom('cases').select(['region_id', 'case_manager_person_id', 'case_manager_organisation_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
  const named = await tx
    .selectFrom('case_members as m')
    .innerJoin('consent_recipients as cr', 'cr.organisation_id', 'm.organisation_id')
    .where('cr.consent_id', '=', consentId)
    .where('m.case_id', '=', caseId)
    .where('m.removed_at', 'is', null)
    .select(['m.person_id', 'm.organisation_id'])
    .execute();
  const byOrg = new Map<string, Set<string>>();
  for (const p of [...named, { person_id: k.case_manager_person_id, organisation_id: k.case_manager_organisation_id }]) {
    if (p.person_id === actor.personId) continue;
    byOrg.set(p.organisation_id, (byOrg.get(p.organisation_id) ?? new Set()).add(p.person_id));
  }
  for (const [organisationId, people] of byOrg) {
    await notifyPeople(tx, {
      regionId: k.region_id,
      organisationId,
      personIds: [...people],
      kind: 'consent_withdrawn',
      caseId,
      mail: { subject: CONSENT_WITHDRAWN_MAIL.subject, body: CONSENT_WITHDRAWN_MAIL.body(`${linkBase}/casussen/${caseId}`) },
    });
  }
}

/** The case manager (or the school's care coordinator) records who withdrew the consent, and how. */
async function withdrawForFamily(tx: Tx, actor: Actor, consentId: string, childId: string, caseId: string, input: WithdrawConsentInput) {
  const already = await tx.selectFrom('consent_withdrawals').select('withdrawn_on').where('consent_id', '=', consentId).executeTakeFirst();
  if (already) throw new ConflictError(`Deze toestemming is al ingetrokken op ${already.withdrawn_on}.`, 'already_withdrawn');
  const day = today();
  const child = await tx.selectFrom('children').select('birth_date').where('id', '=', childId).executeTakeFirstOrThrow();
  const authority = (await tx.selectFrom('child_guardians').select('guardian_id').where('child_id', '=', childId).where('has_authority', '=', true).execute()).map((g) => g.guardian_id);
  const errors = checkWithdrawer(ageRuleOn(child.birth_date, day), input, authority);
  if (!input.method) errors.push({ name: 'method', code: 'required', reason: 'Leg vast hoe de intrekking binnenkwam: schriftelijk of mondeling.' });
  if (errors.length) throw new ValidationError(errors, 'De intrekking is niet volledig. Controleer de gemarkeerde velden.');
  await tx
    .insertInto('consent_withdrawals')
    .values({
      consent_id: consentId,
      withdrawn_on: day,
      recorded_by_person_id: actor.personId,
      recorded_by_organisation_id: actor.membership?.organisationId ?? null,
      by_guardian_id: input.byGuardianId ?? null,
      by_child: !!input.byChild,
      method: input.method!,
      reason: input.reason?.trim() || null,
    })
    .execute();
  await caseEvent(tx, caseId, actor, 'consent_withdrawn', { consentId, by: input.byChild ? 'child' : 'guardian', method: input.method });
}

/** A parent with authority (child under 16) or the young person (12+) withdraws a consent themselves. */
async function withdrawOwn(tx: Tx, actor: Actor, consentId: string, childId: string, caseId: string, asChild: boolean, input: WithdrawConsentInput) {
  const day = today();
  const child = await tx.selectFrom('children').select('birth_date').where('id', '=', childId).executeTakeFirstOrThrow();
  const rule = ageRuleOn(child.birth_date, day);
  if (input.byGuardianId && input.byGuardianId !== actor.guardianId) {
    throw new ValidationError([{ name: 'byGuardianId', code: 'not_yourself', reason: 'U kunt alleen uw eigen toestemming intrekken.' }]);
  }
  const errors = checkWithdrawer(rule, asChild ? { byChild: true } : { byGuardianId: actor.guardianId }, asChild ? [] : [actor.guardianId!]);
  if (errors.length) throw new ValidationError(errors);
  const already = await tx.selectFrom('consent_withdrawals').select('withdrawn_on').where('consent_id', '=', consentId).executeTakeFirst();
  if (already) throw new ConflictError(`Deze toestemming is al ingetrokken op ${already.withdrawn_on}.`, 'already_withdrawn');
  await tx
    .insertInto('consent_withdrawals')
    .values({
      consent_id: consentId,
      withdrawn_on: day,
      by_guardian_id: asChild ? null : actor.guardianId,
      by_child: asChild,
      by_account_id: actor.accountId,
      method: 'portal',
      reason: input.reason?.trim() || null,
    })
    .execute();
  await caseEvent(tx, caseId, actor, 'consent_withdrawn', { consentId, by: asChild ? 'child' : 'guardian', method: 'portal' });
}

/**
 * Emergency access on the safety route (Meldcode): a team member of a case that came from a safety
 * signal may see the child's file without consent for a limited time, with a recorded reason.
 */
export async function grantEmergencyAccess(database: Database, actor: Actor, caseId: string, reason: string) {
  if (!actor.personId || !actor.membership) throw new ForbiddenError();
  if (reason.trim().length < 10) throw new ValidationError([{ name: 'reason', code: 'too_short', reason: 'Beschrijf in een paar zinnen waarom dit nodig is voor de veiligheid van het kind.' }]);
  return withAccess(
    database,
    actor,
    subject.case(caseId),
    rules.emergencyAccess(),
    'case.emergency_access',
    async ({ tx }) => {
      const expires = new Date(Date.now() + EMERGENCY_ACCESS_HOURS * 3600_000);
      await tx.insertInto('emergency_accesses').values({ case_id: caseId, person_id: actor.personId!, organisation_id: actor.membership!.organisationId, reason: reason.trim(), expires_at: expires }).execute();
      await caseEvent(tx, caseId, actor, 'emergency_access', { reason: reason.trim(), expiresAt: expires.toISOString() });
      return { expiresAt: expires.toISOString() };
    },
    {
      // The team member asks it; a closed case or one off the safety route refuses it (logged with why).
      refuse: async ({ tx }) => {
        const k = await tx.selectFrom('cases').select(['status', 'safety_route']).where('id', '=', caseId).executeTakeFirstOrThrow();
        if (k.status !== 'open') return { why: 'case_closed', error: new ConflictError('Deze casus is gesloten: noodtoegang kan niet meer.', 'case_closed') };
        if (!k.safety_route) {
          return { why: 'not_safety_route', error: new ConflictError('Noodtoegang bestaat alleen voor de veiligheidsroute (Meldcode). Vraag toestemming aan de ouders of de jongere.', 'not_safety_route') };
        }
        return null;
      },
      allowedDetail: { reason: reason.trim() },
    },
  );
}

/** Closes the case, based on its `version`; its history and consents stay on record. */
export async function closeCase(database: Database, actor: Actor, caseId: string, reason: string, version: number) {
  if (!reason.trim()) throw new ValidationError([{ name: 'reason', code: 'required', reason: 'Licht toe waarom de casus sluit.' }]);
  return withManageableCase(database, actor, caseId, 'case.close', async (tx, k) => {
    await claimCase(tx, caseId, version);
    if (k.status === 'closed') throw new ConflictError('Deze casus is al gesloten.', 'case_closed');
    await tx.updateTable('cases').set({ status: 'closed', closed_at: new Date() }).where('id', '=', caseId).execute();
    await caseEvent(tx, caseId, actor, 'closed', { reason: reason.trim() });
  });
}

/**
 * Links the cases of siblings as one family (1 gezin, 1 plan): both cases then share a family id.
 * The actor must be able to manage both cases, and the children must share a parent or carer.
 * Based on this case's `version`; the other cases of the family get a new version too.
 */
export async function linkSiblingCase(database: Database, actor: Actor, caseId: string, otherCaseId: string, version: number) {
  if (caseId === otherCaseId) throw new ValidationError([{ name: 'caseId', code: 'same_case', reason: 'Kies de casus van een broer of zus.' }]);
  return withManageableCase(
    database,
    actor,
    caseId,
    'case.family.link',
    async (tx, k) => {
      await claimCase(tx, caseId, version);
      const other = await manageable(tx, actor, otherCaseId, 'case.family.link', { linkedFromCaseId: caseId });
      if (!other) throw new ValidationError([{ name: 'caseId', code: 'unknown_case', reason: 'Deze casus bestaat niet of u beheert hem niet.' }]);
      const shared = await tx
        .selectFrom('child_guardians as a')
        .innerJoin('child_guardians as b', 'b.guardian_id', 'a.guardian_id')
        .where('a.child_id', '=', k.child_id)
        .where('b.child_id', '=', other.child_id)
        .select('a.guardian_id')
        .executeTakeFirst();
      if (!shared) throw new ValidationError([{ name: 'caseId', code: 'not_siblings', reason: 'Deze kinderen hebben geen ouder of verzorger gemeen; koppel alleen broers en zussen.' }]);
      const familyId = k.family_id ?? other.family_id ?? randomUUID();
      await tx.updateTable('cases').set({ family_id: familyId }).where('id', '=', caseId).execute();
      await tx
        .updateTable('cases')
        .set({ family_id: familyId, version: sql`version + 1` })
        .where('id', '!=', caseId)
        .where((eb) => eb.or([eb('id', '=', otherCaseId), ...(k.family_id ? [eb('family_id', '=', k.family_id)] : []), ...(other.family_id ? [eb('family_id', '=', other.family_id)] : [])]))
        .execute();
      await caseEvent(tx, caseId, actor, 'sibling_linked', { caseId: otherCaseId });
      await caseEvent(tx, otherCaseId, actor, 'sibling_linked', { caseId });
      return { familyId };
    },
    { otherCaseId },
  );
}
