import { sql } from 'kysely';
import type { Database, Tx } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { grantRoles, refuseSelfGrant } from './role-grants.ts';
import { ConflictError, NotFoundError, ValidationError, expectUpdated, type FieldError } from '../../kernel/errors.ts';
import { isValidBrin, isValidCbsCode, isValidVestiging, normaliseBrin } from '../../kernel/identifiers.ts';
import { ROLE_ORGANISATION_KINDS, isRole } from '../../kernel/policy/roles.ts';
import type { OrganisationKind, Role } from '../../contracts/values/registry.ts';
import type { HolidayRegion } from '../../contracts/values/calendar.ts';
import type { SchoolType } from '../../contracts/values/early-warning.ts';
import { createProfessionalAccounts, hashPassword } from '../session/index.ts';
import { DUTCH_GEMEENTEN, findGemeente } from '../../kernel/reference/gemeenten-nl.ts';

/**
 * The registry of the region: gemeenten, organisations and the people who work there.
 * Functional administrators manage it; it holds no child data. Changes are logged (event
 * registry.*) in the same transaction.
 */

export interface GemeenteInput {
  cbsCode: string;
  /** Only for a gemeente that is not (yet) in the shipped list; when given for a listed one it must match the list. */
  name?: string | null;
  holidayRegion?: HolidayRegion | null;
  province?: string | null;
}

const sameText = (a: string, b: string) => a.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase() === b.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The gemeente to add, from the shipped list of Dutch gemeenten (kernel/reference/gemeenten-nl.ts)
 * or entered by hand.
 * - `{cbsCode}` alone: name, province and holiday region come from the list.
 * - A code in the list with a name, province or holiday region that differs from the list is an
 *   error, not silently corrected: a typing error in the code would otherwise add another gemeente
 *   than the administrator meant. Values that agree with the list are fine.
 * - A code not in the list (a new gemeente after a merger): name, province and holiday region are
 *   all required.
 */
export function resolveGemeenteInput(input: GemeenteInput): { cbsCode: string; name: string; province: string; holidayRegion: HolidayRegion; listed: boolean } {
  const cbsCode = input.cbsCode.trim().toUpperCase();
  if (!isValidCbsCode(cbsCode)) throw new ValidationError([{ name: 'cbsCode', code: 'cbs_code_invalid', reason: 'Een CBS-gemeentecode is GM gevolgd door 4 cijfers, bijvoorbeeld GM0355.' }]);
  const name = input.name?.trim() || null;
  const province = input.province?.trim() || null;
  const holidayRegion = input.holidayRegion || null;
  const listed = findGemeente(cbsCode);
  const errors: FieldError[] = [];
  if (listed) {
    const says = `Volgens de lijst van gemeenten is ${cbsCode} ${listed.name} (${listed.province}, vakantieregio ${listed.holidayRegion}).`;
    if (name && !sameText(name, listed.name)) errors.push({ name: 'name', code: 'differs_from_list', reason: `${says} Controleer de code, of laat de naam leeg.` });
    if (province && !sameText(province, listed.province)) errors.push({ name: 'province', code: 'differs_from_list', reason: `${says} Controleer de code, of laat de provincie leeg.` });
    if (holidayRegion && holidayRegion !== listed.holidayRegion) errors.push({ name: 'holidayRegion', code: 'differs_from_list', reason: `${says} Controleer de code, of laat de vakantieregio leeg.` });
    if (errors.length) throw new ValidationError(errors);
    return { cbsCode, name: listed.name, province: listed.province, holidayRegion: listed.holidayRegion as HolidayRegion, listed: true };
  }
  if (!name) errors.push({ name: 'name', code: 'required', reason: `${cbsCode} staat niet in de lijst van gemeenten. Vul de naam van de gemeente in.` });
  if (!province) errors.push({ name: 'province', code: 'required', reason: 'Kies de provincie.' });
  else if (!PROVINCES.some((p) => sameText(p, province))) errors.push({ name: 'province', code: 'province_unknown', reason: `Kies een van de provincies: ${PROVINCES.join(', ')}.` });
  if (!holidayRegion) errors.push({ name: 'holidayRegion', code: 'required', reason: 'Kies de vakantieregio (noord, midden of zuid).' });
  if (errors.length) throw new ValidationError(errors);
  return { cbsCode, name: name!, province: PROVINCES.find((p) => sameText(p, province!))!, holidayRegion: holidayRegion!, listed: false };
}

/** The provinces as the shipped list names them. */
export const PROVINCES: readonly string[] = [...new Set(DUTCH_GEMEENTEN.map((g) => g.province))].sort((a, b) => a.localeCompare(b, 'nl'));

export async function createGemeente(database: Database, actor: Actor, input: GemeenteInput) {
  const g = resolveGemeenteInput(input);
  return database.db.transaction().execute(async (tx) => {
    const dup = await tx.selectFrom('gemeenten').select('id').where('region_id', '=', actor.regionId).where('cbs_code', '=', g.cbsCode).executeTakeFirst();
    if (dup) throw new ConflictError(`${g.name} (${g.cbsCode}) staat al in de regio.`, 'gemeente_exists', [{ name: 'cbsCode', code: 'gemeente_exists', reason: `${g.name} (${g.cbsCode}) staat al in de regio.` }]);
    const row = await tx
      .insertInto('gemeenten')
      .values({ region_id: actor.regionId, cbs_code: g.cbsCode, name: g.name, holiday_region: g.holidayRegion, province: g.province })
      .returning(['id', 'cbs_code', 'name', 'holiday_region', 'province'])
      .executeTakeFirstOrThrow();
    await recordEvent(tx, actor, { event: 'registry.gemeente.create', detail: { gemeenteId: row.id, cbsCode: g.cbsCode, fromList: g.listed } });
    return { id: row.id, cbsCode: row.cbs_code, name: row.name, holidayRegion: row.holiday_region, province: row.province, listed: g.listed };
  });
}

export interface OrganisationInput {
  kind: OrganisationKind;
  name: string;
  gemeenteId?: string | null;
  brin?: string | null;
  vestiging?: string | null;
  schoolType?: SchoolType | null;
  /** The school board (bevoegd gezag) of a school location. */
  boardName?: string | null;
}

/**
 * The checks of an organisation that need no database, on the body as sent (also when the schema
 * refuses it: the create route's fieldChecks): the name, and what a school location must have and
 * other organisations must not.
 */
export function organisationFieldChecks(input: { kind?: unknown; name?: unknown; gemeenteId?: unknown; brin?: unknown; vestiging?: unknown; schoolType?: unknown; boardName?: unknown }): FieldError[] {
  const errors: FieldError[] = [];
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  if (!text(input.name)) errors.push({ name: 'name', code: 'required', reason: 'Vul de naam in.' });
  const isSchool = input.kind === 'school_location';
  const brin = text(input.brin) ? normaliseBrin(text(input.brin)) : null;
  const vestiging = text(input.vestiging) || null;
  if (isSchool) {
    if (!brin) errors.push({ name: 'brin', code: 'required', reason: 'Een schoolvestiging heeft een BRIN-nummer.' });
    else if (!isValidBrin(brin)) errors.push({ name: 'brin', code: 'brin_invalid', reason: 'Een BRIN-nummer is 2 cijfers en 2 letters, bijvoorbeeld 05KO.' });
    if (!vestiging) errors.push({ name: 'vestiging', code: 'required', reason: 'Vul het vestigingsnummer in (2 cijfers, bijvoorbeeld 00).' });
    else if (!isValidVestiging(vestiging)) errors.push({ name: 'vestiging', code: 'vestiging_invalid', reason: 'Het vestigingsnummer is 2 cijfers, bijvoorbeeld 00.' });
    if (!input.schoolType) errors.push({ name: 'schoolType', code: 'required', reason: 'Kies het schooltype (po, so, sbo, vo, vso of mbo).' });
  } else if (brin || vestiging || input.schoolType) {
    errors.push({ name: 'kind', code: 'not_a_school', reason: 'Alleen een schoolvestiging heeft BRIN, vestiging en schooltype.' });
  }
  if (text(input.boardName) && !isSchool) errors.push({ name: 'boardName', code: 'not_a_school', reason: 'Alleen een schoolvestiging heeft een schoolbestuur.' });
  if ((input.kind === 'gemeente' || isSchool) && !input.gemeenteId) {
    errors.push({ name: 'gemeenteId', code: 'required', reason: 'Kies de gemeente.' });
  }
  return errors;
}

async function validateOrganisation(tx: Tx, actor: Actor, input: OrganisationInput, exceptId?: string) {
  const errors = organisationFieldChecks(input);
  const isSchool = input.kind === 'school_location';
  const brin = input.brin ? normaliseBrin(input.brin) : null;
  const vestiging = input.vestiging?.trim() || null;
  const boardName = input.boardName?.trim() || null;
  if (input.gemeenteId) {
    const g = await tx.selectFrom('gemeenten').select('id').where('id', '=', input.gemeenteId).where('region_id', '=', actor.regionId).executeTakeFirst();
    if (!g) errors.push({ name: 'gemeenteId', code: 'unknown_gemeente', reason: 'Deze gemeente hoort niet bij de regio.' });
  }
  if (errors.length) throw new ValidationError(errors);
  if (isSchool) {
    let q = tx.selectFrom('organisations').select('name').where('brin', '=', brin).where('vestiging', '=', vestiging);
    if (exceptId) q = q.where('id', '!=', exceptId);
    const dup = await q.executeTakeFirst();
    if (dup) throw new ConflictError(`BRIN ${brin}${vestiging} is al geregistreerd voor ${dup.name}.`, 'brin_taken', [{ name: 'brin', code: 'brin_taken', reason: `Al in gebruik door ${dup.name}.` }]);
  }
  return { brin: isSchool ? brin : null, vestiging: isSchool ? vestiging : null, schoolType: isSchool ? input.schoolType! : null, boardName: isSchool ? boardName : null };
}

export async function createOrganisation(database: Database, actor: Actor, input: OrganisationInput) {
  return database.db.transaction().execute(async (tx) => {
    const v = await validateOrganisation(tx, actor, input);
    const row = await tx
      .insertInto('organisations')
      .values({ region_id: actor.regionId, kind: input.kind, name: input.name.trim(), gemeente_id: input.gemeenteId ?? null, brin: v.brin, vestiging: v.vestiging, school_type: v.schoolType, board_name: v.boardName })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, actor, { event: 'registry.organisation.create', detail: { organisationId: row.id, kind: input.kind } });
    return row;
  });
}

/**
 * Changes an organisation, based on the version the administrator's screen showed: when someone
 * changed it meanwhile, nothing is written and the caller gets a StaleVersionError.
 */
export async function updateOrganisation(database: Database, actor: Actor, id: string, patch: Partial<OrganisationInput> & { version: number }) {
  const { version, ...fields } = patch;
  return database.db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('organisations').selectAll().where('id', '=', id).where('region_id', '=', actor.regionId).executeTakeFirst();
    if (!current) throw new NotFoundError();
    const merged: OrganisationInput = {
      kind: current.kind,
      name: fields.name ?? current.name,
      gemeenteId: fields.gemeenteId !== undefined ? fields.gemeenteId : current.gemeente_id,
      brin: fields.brin !== undefined ? fields.brin : current.brin,
      vestiging: fields.vestiging !== undefined ? fields.vestiging : current.vestiging,
      schoolType: fields.schoolType !== undefined ? fields.schoolType : current.school_type,
      boardName: fields.boardName !== undefined ? fields.boardName : current.board_name,
    };
    const v = await validateOrganisation(tx, actor, merged, id);
    // The first write, and only when the organisation is still the version the screen showed.
    const updated = await tx
      .updateTable('organisations')
      .set({ name: merged.name.trim(), gemeente_id: merged.gemeenteId ?? null, brin: v.brin, vestiging: v.vestiging, school_type: v.schoolType, board_name: v.boardName, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    expectUpdated(updated);
    await recordEvent(tx, actor, { event: 'registry.organisation.update', detail: { organisationId: id, fields: Object.keys(fields) } });
    return { id, version: version + 1 };
  });
}

export interface MembershipInput {
  organisationId: string;
  role: Role;
}

async function validateMemberships(tx: Tx, actor: Actor, list: MembershipInput[], prefix: string) {
  const errors: FieldError[] = [];
  for (const [i, m] of list.entries()) {
    const name = list.length === 1 && prefix === '' ? '' : `${prefix}${i}/`;
    const org = await tx.selectFrom('organisations').select(['kind']).where('id', '=', m.organisationId).where('region_id', '=', actor.regionId).executeTakeFirst();
    if (!org) {
      errors.push({ name: `${name}organisationId`, code: 'unknown_organisation', reason: 'Deze organisatie bestaat niet in de regio.' });
      continue;
    }
    if (!isRole(m.role)) errors.push({ name: `${name}role`, code: 'unknown_role', reason: 'Onbekende rol.' });
    else if (!ROLE_ORGANISATION_KINDS[m.role].includes(org.kind)) {
      errors.push({ name: `${name}role`, code: 'role_not_for_organisation', reason: 'Deze rol hoort niet bij dit soort organisatie.' });
    }
  }
  if (errors.length) throw new ValidationError(errors);
}

export interface PersonInput {
  givenName: string;
  familyName: string;
  email?: string | null;
  username?: string | null;
  password?: string | null;
  memberships: MembershipInput[];
}

/** A username: 2–63 lower-case letters, digits, ".", "-" or "_", or an e-mail address (imported staff sign in with their e-mail). */
export const USERNAME_PATTERN = /^(?:[a-z0-9][a-z0-9._-]{1,62}|[a-z0-9._%+-]{1,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})$/;

/** Creates a person with their memberships and, optionally, a sign-in account, all or nothing. */
export async function createPerson(database: Database, actor: Actor, input: PersonInput) {
  const errors: FieldError[] = [];
  if (!input.givenName.trim()) errors.push({ name: 'givenName', code: 'required', reason: 'Vul de voornaam in.' });
  if (!input.familyName.trim()) errors.push({ name: 'familyName', code: 'required', reason: 'Vul de achternaam in.' });
  const username = input.username?.trim().toLowerCase() || null;
  if (username && !USERNAME_PATTERN.test(username)) errors.push({ name: 'username', code: 'username_invalid', reason: 'Gebruik 2–63 kleine letters, cijfers, punt, streepje of liggend streepje, of een e-mailadres.' });
  if (username && (!input.password || input.password.length < 12)) errors.push({ name: 'password', code: 'password_too_short', reason: 'Kies een wachtwoord van minstens 12 tekens.' });
  if (errors.length) throw new ValidationError(errors);
  const passwordHash = username ? await hashPassword(input.password!) : null;
  return database.db.transaction().execute(async (tx) => {
    await validateMemberships(tx, actor, input.memberships, 'memberships/');
    if (username) {
      const dup = await tx.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst();
      if (dup) throw new ConflictError('Deze gebruikersnaam is al in gebruik.', 'username_taken', [{ name: 'username', code: 'username_taken', reason: 'Al in gebruik.' }]);
    }
    const person = await tx
      .insertInto('people')
      .values({ region_id: actor.regionId, given_name: input.givenName.trim(), family_name: input.familyName.trim(), email: input.email?.trim() || null })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    // Roles that see children's data go through the ledger (and, where the region requires it, wait
    // for a second administrator).
    const roles = await grantRoles(tx, actor, actor.regionId, input.memberships.map((m) => ({ personId: person.id, organisationId: m.organisationId, role: m.role })));
    if (username) await createProfessionalAccounts(tx, [{ regionId: actor.regionId, username, passwordHash, personId: person.id }]);
    await recordEvent(tx, actor, { event: 'registry.person.create', detail: { personId: person.id, username, roles: input.memberships.map((m) => m.role) } });
    return { id: person.id, version: person.version, pendingRoles: roles.pending.map((p) => ({ grantId: p.grantId, organisationId: p.organisationId, role: p.role })) };
  });
}

/**
 * Claims the next version of a person, in the transaction and before anything is written: throws
 * StaleVersionError when the administrator's screen showed an older one.
 */
async function claimPersonVersion(tx: Tx, personId: string, expected: number) {
  const result = await tx.updateTable('people').set({ version: sql`version + 1` }).where('id', '=', personId).where('version', '=', expected).executeTakeFirst();
  expectUpdated(result);
  return expected + 1;
}

/**
 * Gives a person a role at an organisation. Never to oneself. A role that sees children's data is
 * logged for the privacy officer and, where the region requires it, waits for a second
 * administrator (status 'pending', 202).
 */
export async function addMembership(database: Database, actor: Actor, personId: string, input: MembershipInput & { version: number }) {
  refuseSelfGrant(actor, personId, 'personId');
  return database.db.transaction().execute(async (tx) => {
    const person = await tx.selectFrom('people').select('id').where('id', '=', personId).where('region_id', '=', actor.regionId).executeTakeFirst();
    if (!person) throw new NotFoundError();
    const version = await claimPersonVersion(tx, personId, input.version);
    await validateMemberships(tx, actor, [input], '');
    const existing = await tx
      .selectFrom('memberships')
      .select(['id', 'ended_at'])
      .where('person_id', '=', personId)
      .where('organisation_id', '=', input.organisationId)
      .where('role', '=', input.role)
      .executeTakeFirst();
    if (existing && !existing.ended_at) throw new ConflictError('Deze persoon heeft deze rol al bij deze organisatie.', 'membership_exists');
    const result = await grantRoles(tx, actor, actor.regionId, [{ personId, organisationId: input.organisationId, role: input.role }]);
    if (result.pending.length) {
      const grantId = result.pending[0].grantId;
      await recordEvent(tx, actor, { event: 'registry.membership.request', detail: { personId, grantId, role: input.role, organisationId: input.organisationId } });
      return { id: null, status: 'pending' as const, grantId, version };
    }
    const id = result.granted[0].membershipId;
    await recordEvent(tx, actor, { event: 'registry.membership.create', detail: { personId, membershipId: id, role: input.role, organisationId: input.organisationId } });
    return { id, status: 'granted' as const, grantId: null, version };
  });
}

/** Ends a membership (never deletes it: the access log refers to it), based on the version of the person the screen showed. */
export async function endMembership(database: Database, actor: Actor, personId: string, membershipId: string, version: number) {
  return database.db.transaction().execute(async (tx) => {
    const m = await tx
      .selectFrom('memberships as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['m.id', 'm.ended_at'])
      .where('m.id', '=', membershipId)
      .where('m.person_id', '=', personId)
      .where('p.region_id', '=', actor.regionId)
      .executeTakeFirst();
    if (!m) throw new NotFoundError();
    await claimPersonVersion(tx, personId, version);
    if (!m.ended_at) await tx.updateTable('memberships').set({ ended_at: sql`now()` }).where('id', '=', membershipId).execute();
    await recordEvent(tx, actor, { event: 'registry.membership.end', detail: { personId, membershipId } });
  });
}
