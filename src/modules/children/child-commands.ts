import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { withChildAccess, withChildrenAccess } from '../../kernel/policy/gateway.ts';
import { ConflictError, ForbiddenError, ValidationError, expectUpdated, type FieldError } from '../../kernel/errors.ts';
import { isValidBsn, normaliseBsn } from '../../kernel/identifiers.ts';
import { isIsoDate, today } from '../../kernel/time.ts';
import type { GuardianRelation } from '../../kernel/db/schema.ts';

export interface EnrolmentInput {
  startDate: string;
  endDate?: string | null;
  groupId?: string | null;
  mentorPersonId?: string | null;
}

export interface CreateChildInput {
  givenName: string;
  familyName: string;
  birthDate: string;
  bsn?: string | null;
  gemeenteId: string;
  enrolment: EnrolmentInput;
}

/** The school location the actor acts for as intern begeleider / zorgcoördinator. */
function schoolCareOrganisation(actor: Actor): string {
  const m = actor.membership;
  if (!m || m.organisationKind !== 'school_location' || !['intern_begeleider', 'care_coordinator'].includes(m.role)) {
    throw new ForbiddenError('Alleen de intern begeleider of zorgcoördinator van een school kan leerlingen inschrijven.');
  }
  return m.organisationId;
}

async function checkEnrolmentRefs(tx: Tx, organisationId: string, e: EnrolmentInput, prefix: string, errors: FieldError[]) {
  if (!isIsoDate(e.startDate)) errors.push({ name: `${prefix}startDate`, code: 'date', reason: 'Vul een datum in als JJJJ-MM-DD.' });
  if (e.endDate != null) {
    if (!isIsoDate(e.endDate)) errors.push({ name: `${prefix}endDate`, code: 'date', reason: 'Vul een datum in als JJJJ-MM-DD.' });
    else if (isIsoDate(e.startDate) && e.endDate < e.startDate) errors.push({ name: `${prefix}endDate`, code: 'end_before_start', reason: 'De einddatum ligt vóór de begindatum.' });
  }
  if (e.groupId) {
    const g = await tx.selectFrom('school_groups').select('id').where('id', '=', e.groupId).where('organisation_id', '=', organisationId).executeTakeFirst();
    if (!g) errors.push({ name: `${prefix}groupId`, code: 'unknown_group', reason: 'Deze groep/klas bestaat niet op deze school.' });
  }
  if (e.mentorPersonId) {
    const m = await tx
      .selectFrom('memberships')
      .select('id')
      .where('person_id', '=', e.mentorPersonId)
      .where('organisation_id', '=', organisationId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (!m) errors.push({ name: `${prefix}mentorPersonId`, code: 'unknown_mentor', reason: 'Deze mentor werkt niet op deze school.' });
  }
}

/** Refuses an enrolment that overlaps another of the same child (a pupil is at one school at a time). */
async function checkNoOverlap(tx: Tx, childId: string, e: EnrolmentInput, prefix: string, exceptId?: string) {
  // Lock the child's enrolments so two concurrent enrolments cannot both pass the check.
  await tx.selectFrom('children').select('id').where('id', '=', childId).forUpdate().execute();
  let q = tx
    .selectFrom('enrolments as e')
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .where('e.child_id', '=', childId)
    .where(sql<boolean>`daterange(e.start_date, e.end_date, '[]') && daterange(${e.startDate}::date, ${e.endDate ?? null}::date, '[]')`)
    .select(['o.name', 'e.start_date', 'e.end_date']);
  if (exceptId) q = q.where('e.id', '!=', exceptId);
  const overlap = await q.executeTakeFirst();
  if (overlap) {
    const until = overlap.end_date ? `tot en met ${overlap.end_date}` : 'zonder einddatum';
    throw new ValidationError(
      [{ name: `${prefix}startDate`, code: 'enrolment_overlap', reason: `Overlapt met de inschrijving bij ${overlap.name} (vanaf ${overlap.start_date}, ${until}). Beëindig die eerst.` }],
      'Deze inschrijving overlapt met een andere inschrijving van dit kind.',
    );
  }
}

/** Registers a new pupil at the actor's school: identity, residence and the first enrolment, all or nothing. */
export async function createChild(database: Database, actor: Actor, input: CreateChildInput) {
  const organisationId = schoolCareOrganisation(actor);
  const errors: FieldError[] = [];
  const givenName = input.givenName.trim();
  const familyName = input.familyName.trim();
  if (!givenName) errors.push({ name: 'givenName', code: 'required', reason: 'Vul de voornaam in.' });
  if (!familyName) errors.push({ name: 'familyName', code: 'required', reason: 'Vul de achternaam in.' });
  if (!isIsoDate(input.birthDate)) errors.push({ name: 'birthDate', code: 'date', reason: 'Vul een geboortedatum in als JJJJ-MM-DD.' });
  else if (input.birthDate > today()) errors.push({ name: 'birthDate', code: 'future', reason: 'De geboortedatum ligt in de toekomst.' });
  const bsn = input.bsn ? normaliseBsn(input.bsn) : null;
  if (bsn && !isValidBsn(bsn)) errors.push({ name: 'bsn', code: 'bsn_invalid', reason: 'Dit BSN klopt niet (9 cijfers die de elfproef doorstaan).' });

  return database.db.transaction().execute(async (tx) => {
    const gemeente = await tx.selectFrom('gemeenten').select('id').where('id', '=', input.gemeenteId).where('region_id', '=', actor.regionId).executeTakeFirst();
    if (!gemeente) errors.push({ name: 'gemeenteId', code: 'unknown_gemeente', reason: 'Deze gemeente hoort niet bij de regio.' });
    await checkEnrolmentRefs(tx, organisationId, input.enrolment, 'enrolment/', errors);
    if (bsn && !errors.some((e) => e.name === 'bsn')) {
      const dup = await tx.selectFrom('children').select('id').where('region_id', '=', actor.regionId).where('bsn', '=', bsn).executeTakeFirst();
      if (dup) throw new ConflictError('Er is al een kind met dit BSN in de regio.', 'bsn_taken', [{ name: 'bsn', code: 'bsn_taken', reason: 'Er is al een kind met dit BSN.' }]);
    }
    if (errors.length) throw new ValidationError(errors);
    const child = await tx
      .insertInto('children')
      .values({ region_id: actor.regionId, given_name: givenName, family_name: familyName, birth_date: input.birthDate, bsn })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('child_residences').values({ child_id: child.id, gemeente_id: input.gemeenteId, valid_from: input.birthDate }).execute();
    await tx
      .insertInto('enrolments')
      .values({
        child_id: child.id,
        organisation_id: organisationId,
        group_id: input.enrolment.groupId ?? null,
        mentor_person_id: input.enrolment.mentorPersonId ?? null,
        start_date: input.enrolment.startDate,
        end_date: input.enrolment.endDate ?? null,
      })
      .execute();
    await logCreation(tx, actor, child.id, input.enrolment);
    return { id: child.id };
  });
}

/**
 * The new child's entry in the access log, with the ground the policy gives the creator, asked in
 * the creating transaction once the enrolment exists (kind 'identity'). An enrolment that starts
 * later (a pupil registered for next school year) or has already ended gives no relation today; the
 * creator's relation is then the one the policy gives her on the enrolment's first (or last) day —
 * the care coordinator of the school the child is enrolled at — and the entry says which day.
 */
async function logCreation(tx: Tx, actor: Actor, childId: string, enrolment: EnrolmentInput) {
  const day = today();
  const on = enrolment.startDate > day ? enrolment.startDate : enrolment.endDate != null && enrolment.endDate < day ? enrolment.endDate : day;
  const { denied } = await withChildrenAccess(tx, actor, { childIds: [childId], kind: 'identity', event: 'child.create', dayOf: () => on });
  if (denied.length) throw new Error('the policy gives the creator of a child no ground for it');
}

/** Enrols a pupil the school's care coordinator can see at their own school (e.g. next school year). */
export async function addEnrolment(database: Database, actor: Actor, childId: string, input: EnrolmentInput) {
  const organisationId = schoolCareOrganisation(actor);
  return withChildAccess(
    database,
    actor,
    childId,
    'school',
    'child.enrolment.create',
    async ({ tx }) => {
      const errors: FieldError[] = [];
      await checkEnrolmentRefs(tx, organisationId, input, '', errors);
      if (errors.length) throw new ValidationError(errors);
      await checkNoOverlap(tx, childId, input, '');
      const row = await tx
        .insertInto('enrolments')
        .values({
          child_id: childId,
          organisation_id: organisationId,
          group_id: input.groupId ?? null,
          mentor_person_id: input.mentorPersonId ?? null,
          start_date: input.startDate,
          end_date: input.endDate ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id };
    },
    {},
    ['school_care'],
  );
}

/**
 * Ends an enrolment at the actor's school on a date, based on the version of the enrolment the
 * screen showed: when someone changed it meanwhile, nothing is written (StaleVersionError).
 */
export async function endEnrolment(database: Database, actor: Actor, childId: string, enrolmentId: string, endDate: string, version: number) {
  const organisationId = schoolCareOrganisation(actor);
  return withChildAccess(
    database,
    actor,
    childId,
    'school',
    'child.enrolment.end',
    async ({ tx }) => {
      const e = await tx.selectFrom('enrolments').selectAll().where('id', '=', enrolmentId).where('child_id', '=', childId).executeTakeFirst();
      if (!e || e.organisation_id !== organisationId) throw new ValidationError([{ name: 'enrolmentId', code: 'unknown_enrolment', reason: 'Deze inschrijving is niet van uw school.' }]);
      if (!isIsoDate(endDate)) throw new ValidationError([{ name: 'endDate', code: 'date', reason: 'Vul een datum in als JJJJ-MM-DD.' }]);
      if (endDate < e.start_date) throw new ValidationError([{ name: 'endDate', code: 'end_before_start', reason: `De einddatum ligt vóór de begindatum (${e.start_date}).` }]);
      const updated = await tx.updateTable('enrolments').set({ end_date: endDate, version: sql`version + 1` }).where('id', '=', enrolmentId).where('version', '=', version).executeTakeFirst();
      expectUpdated(updated);
      return { id: enrolmentId, endDate, version: version + 1 };
    },
    { enrolmentId },
    ['school_care'],
  );
}

export interface GuardianInput {
  givenName: string;
  familyName: string;
  email?: string | null;
  phone?: string | null;
  relation: GuardianRelation;
  hasAuthority: boolean;
}

/** Adds a parent or carer to a pupil of the actor's school. */
export async function addGuardian(database: Database, actor: Actor, childId: string, input: GuardianInput) {
  schoolCareOrganisation(actor);
  return withChildAccess(
    database,
    actor,
    childId,
    'guardians',
    'child.guardian.create',
    async ({ tx }) => {
      const errors: FieldError[] = [];
      if (!input.givenName.trim()) errors.push({ name: 'givenName', code: 'required', reason: 'Vul de voornaam in.' });
      if (!input.familyName.trim()) errors.push({ name: 'familyName', code: 'required', reason: 'Vul de achternaam in.' });
      if (errors.length) throw new ValidationError(errors);
      const g = await tx
        .insertInto('guardians')
        .values({ region_id: actor.regionId, given_name: input.givenName.trim(), family_name: input.familyName.trim(), email: input.email ?? null, phone: input.phone ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('child_guardians').values({ child_id: childId, guardian_id: g.id, relation: input.relation, has_authority: input.hasAuthority }).execute();
      return { id: g.id };
    },
    {},
    ['school_care'],
  );
}

/** Records a move: a new residence row from a date (history is appended, never edited). */
export async function recordResidence(database: Database, actor: Actor, childId: string, gemeenteId: string, validFrom: string) {
  return withChildAccess(
    database,
    actor,
    childId,
    'identity',
    'child.residence.create',
    async ({ tx }) => {
      if (!isIsoDate(validFrom)) throw new ValidationError([{ name: 'validFrom', code: 'date', reason: 'Vul een datum in als JJJJ-MM-DD.' }]);
      const g = await tx.selectFrom('gemeenten').select('id').where('id', '=', gemeenteId).where('region_id', '=', actor.regionId).executeTakeFirst();
      if (!g) throw new ValidationError([{ name: 'gemeenteId', code: 'unknown_gemeente', reason: 'Deze gemeente hoort niet bij de regio.' }]);
      const dup = await tx.selectFrom('child_residences').select('id').where('child_id', '=', childId).where('valid_from', '=', validFrom).executeTakeFirst();
      if (dup) throw new ConflictError('Er is al een woonplaats vanaf deze datum vastgelegd.', 'residence_exists', [{ name: 'validFrom', code: 'residence_exists', reason: 'Er is al een woonplaats vanaf deze datum.' }]);
      await tx.insertInto('child_residences').values({ child_id: childId, gemeente_id: gemeenteId, valid_from: validFrom }).execute();
      return { gemeenteId, validFrom };
    },
    {},
    ['school_care', 'leerplicht_residence'],
  );
}

/**
 * Records the day a pupil obtained a startkwalificatie (or null), inside the caller's checked
 * transaction (the absence module's command, which then evaluates the pupil's reports), based on
 * the version of the child the screen showed: throws StaleVersionError when someone changed the
 * child meanwhile. Returns the child's new version.
 */
export async function setStartkwalificatie(tx: Tx, childId: string, obtainedOn: string | null, version: number): Promise<number> {
  const updated = await tx.updateTable('children').set({ startkwalificatie_on: obtainedOn, version: sql`version + 1` }).where('id', '=', childId).where('version', '=', version).executeTakeFirst();
  expectUpdated(updated);
  return version + 1;
}
