import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { ThuiszitterCategory } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { withChildAccess } from '../../kernel/policy/gateway.ts';
import { ConflictError, ValidationError, type FieldError } from '../../kernel/errors.ts';
import { today } from '../../kernel/time.ts';
import { compulsoryStatusOn, openEntryExists } from './thuiszitter-queries.ts';
import { REGISTER_GROUNDS, withCandidateAccess, type CandidateReport } from './thuiszitter-access.ts';
import { effectiveDateErrors, enrolmentBetween, enrolmentOn, offerErrors, responsibleErrors, type OfferInput } from './thuiszitter-validation.ts';

export interface RegisterInput {
  /** Confirming an LRV candidate: the legal absence report it comes from. */
  absenceReportId?: string;
  childId?: string;
  category?: ThuiszitterCategory;
  /** The first day at home. From a report: its start date. */
  startDate?: string;
  /** Default: the person registering. */
  responsiblePersonId?: string | null;
  /** Default: no offer. */
  offer?: OfferInput;
  note?: string | null;
}

/** The child row is the lock: one register action per child at a time. */
export async function lockChild(tx: Tx, childId: string) {
  await tx.selectFrom('children').select('id').where('id', '=', childId).forUpdate().execute();
}

export async function ensureNoOpenEntry(tx: Tx, childId: string, day: string) {
  const open = await tx
    .selectFrom('children as c')
    .where('c.id', '=', childId)
    .select(openEntryExists('c.id', day).as('open'))
    .executeTakeFirst();
  if (open?.open) throw new ConflictError('Dit kind staat al in het thuiszittersregister. Leg wijzigingen vast bij die registratie.', 'already_registered');
}

/**
 * Puts a child in the register: from an LRV candidate (category 'lrv', start = the report's start
 * date, linked to the report; the care coordinator of the reporting school or the attendance
 * officer), or by hand for a child not enrolled or exempted (the attendance officer of the
 * child's gemeente). Writes the entry and its first events — category with the school location,
 * responsible person, offer — and, from a candidate, the decision; all in the transaction that
 * asks the gateway and writes the access log entry.
 */
export async function registerThuiszitter(database: Database, actor: Actor, input: RegisterInput): Promise<{ id: string }> {
  const day = today();
  const errors: FieldError[] = [];
  const offer: OfferInput = input.offer ?? { kind: 'none', fitting: false, hoursPerWeek: null };
  errors.push(...offerErrors(offer));
  const note = input.note?.trim() || null;
  const fields = { offer, note, responsiblePersonId: input.responsiblePersonId };

  if (input.absenceReportId) {
    // From a candidate: the report is read in the checked transaction, and what the request says
    // is compared with it only once the policy allowed the actor to decide on it.
    return withCandidateAccess(
      database,
      actor,
      input.absenceReportId,
      'thuiszitter.register',
      async ({ tx }, report) => {
        if (input.childId && input.childId !== report.child_id) errors.push({ name: 'childId', code: 'report_child', reason: 'Deze verzuimmelding gaat over een ander kind.' });
        if (input.category && input.category !== 'lrv') errors.push({ name: 'category', code: 'report_category', reason: 'Een kandidaat uit een LRV-melding wordt geregistreerd als langdurig relatief verzuim.' });
        if (input.startDate && input.startDate !== report.start_date)
          errors.push({ name: 'startDate', code: 'report_start', reason: `De startdatum is de begindatum van de verzuimmelding (${report.start_date}). Laat het veld leeg.` });
        if (errors.length) throw new ValidationError(errors);
        return register(tx, actor, { ...fields, childId: report.child_id, category: 'lrv', startDate: report.start_date, report }, day);
      },
      { category: 'lrv' },
    );
  }

  if (!input.childId) errors.push({ name: 'childId', code: 'required', reason: 'Kies het kind.' });
  if (!input.category) errors.push({ name: 'category', code: 'required', reason: 'Kies de categorie: absoluut verzuim of een vrijstelling.' });
  else if (input.category === 'lrv')
    errors.push({ name: 'category', code: 'lrv_from_report', reason: 'Langdurig relatief verzuim registreert u vanuit een kandidaat (een LRV-verzuimmelding van de school).' });
  errors.push(...effectiveDateErrors('startDate', input.startDate, null, day));
  if (errors.length) throw new ValidationError(errors);

  const childId = input.childId!;
  const category = input.category!;
  return withChildAccess(
    database,
    actor,
    childId,
    'thuiszitter',
    'thuiszitter.register',
    ({ tx }) => register(tx, actor, { ...fields, childId, category, startDate: input.startDate!, report: null }, day),
    { category, absenceReportId: null },
    REGISTER_GROUNDS,
  );
}

/** The entry, its first events and (from a candidate) the decision, in the checked transaction. */
async function register(
  tx: Tx,
  actor: Actor,
  p: { childId: string; category: ThuiszitterCategory; startDate: string; report: CandidateReport | null; offer: OfferInput; note: string | null; responsiblePersonId?: string | null },
  day: string,
): Promise<{ id: string }> {
  const { childId, category, startDate, report, offer, note } = p;
  await lockChild(tx, childId);
  await ensureNoOpenEntry(tx, childId, day);
  const child = await tx.selectFrom('children').select(['birth_date', 'startkwalificatie_on']).where('id', '=', childId).executeTakeFirstOrThrow();
  const fieldErrors: FieldError[] = [];
  if (!compulsoryStatusOn({ birthDate: child.birth_date, startkwalificatieOn: child.startkwalificatie_on }, startDate))
    fieldErrors.push({ name: 'startDate', code: 'not_compulsory', reason: `Het kind was op ${startDate} niet leerplichtig of kwalificatieplichtig; het register is voor kinderen van leerplichtige leeftijd.` });
  let schoolLocationId: string | null = null;
  if (report) {
    const withdrawn = await tx.selectFrom('absence_report_events').select('id').where('report_id', '=', report.id).where('kind', '=', 'withdrawn').executeTakeFirst();
    if (withdrawn) throw new ConflictError('Deze verzuimmelding is ingetrokken; er is geen kandidaat meer.', 'report_withdrawn');
    const decided = await tx.selectFrom('thuiszitter_candidate_decisions').select('decision').where('absence_report_id', '=', report.id).executeTakeFirst();
    if (decided) throw new ConflictError('Over deze kandidaat is al besloten.', 'candidate_decided');
    const covered = await tx
      .selectFrom('thuiszitters as t')
      .where('t.child_id', '=', childId)
      .where('t.start_date', '<=', report.end_date)
      .where(sql<boolean>`not exists (select 1 from thuiszitter_events te where te.thuiszitter_id = t.id and te.kind = 'end' and te.effective_on <= ${report.start_date}::date)`)
      .select('t.id')
      .executeTakeFirst();
    if (covered) throw new ConflictError('De periode van deze melding valt al onder een registratie in het register.', 'period_registered');
    schoolLocationId = report.organisation_id;
  } else if (category === 'absoluut') {
    const enrolled = await enrolmentBetween(tx, childId, startDate, day);
    if (enrolled)
      fieldErrors.push({
        name: 'category',
        code: 'enrolled',
        reason: `Het kind staat vanaf ${enrolled.start_date} ingeschreven op ${enrolled.name}. Absoluut verzuim is voor een kind dat nergens ingeschreven staat.`,
      });
  } else {
    schoolLocationId = (await enrolmentOn(tx, childId, startDate))?.organisation_id ?? null;
  }
  const responsiblePersonId = p.responsiblePersonId ?? actor.personId;
  fieldErrors.push(...(await responsibleErrors(tx, actor, responsiblePersonId)));
  if (fieldErrors.length) throw new ValidationError(fieldErrors);

  const entry = await tx
    .insertInto('thuiszitters')
    .values({
      region_id: actor.regionId,
      child_id: childId,
      start_date: startDate,
      absence_report_id: report?.id ?? null,
      registered_by_person_id: actor.personId,
      registered_by_organisation_id: actor.membership?.organisationId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const by = { thuiszitter_id: entry.id, effective_on: startDate, person_id: actor.personId, organisation_id: actor.membership?.organisationId ?? null };
  await tx
    .insertInto('thuiszitter_events')
    .values([
      { ...by, kind: 'category', category, school_location_id: schoolLocationId, note },
      { ...by, kind: 'responsible', responsible_person_id: responsiblePersonId },
      { ...by, kind: 'offer', offer: offer.kind, offer_hours: offer.hoursPerWeek ?? null, offer_fitting: offer.fitting },
    ])
    .execute();
  if (report) {
    await tx
      .insertInto('thuiszitter_candidate_decisions')
      .values({
        region_id: actor.regionId,
        child_id: childId,
        kind: 'lrv',
        absence_report_id: report.id,
        decision: 'confirmed',
        thuiszitter_id: entry.id,
        person_id: actor.personId,
        organisation_id: actor.membership?.organisationId ?? null,
      })
      .execute();
  }
  return { id: entry.id };
}

/** For the reject command: the start of the current period of not being enrolled (null: never enrolled). */
export async function notEnrolledSince(tx: Tx, childId: string): Promise<string | null> {
  const row = await tx
    .selectFrom('enrolments')
    .where('child_id', '=', childId)
    .select(sql<string | null>`max(end_date) + 1`.as('since'))
    .executeTakeFirst();
  return row?.since ?? null;
}
