import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';

/**
 * The bulk writes of the imports from the school's administration (pupils, guardians, staff) into
 * the children module's tables: set-based SQL over the planned rows of a stored import
 * (kernel/files/import-store.ts `storedImportRows`). The importing module has checked everything and
 * holds the transaction; these functions only write, in one statement per table. A record they
 * change gets its next version, so that a screen opened before the import cannot save over it.
 */

/**
 * The pupils of a stored import (`rows`: a row source with the planned pupil columns — status,
 * "childId", "newChildId", "enrolmentId", "pupilNumber", "givenName", "familyName", "birthDate", bsn,
 * onderwijsnummer, "gemeenteId", "residenceFrom", "groupName", "mentorPersonId", level, "startDate",
 * "identityChanged", "enrolmentChanged"): missing groups of the school year, new children, changed
 * identities, residences, new enrolments (new pupils and transfers) and changed enrolments.
 */
export async function writePupilImport(tx: Tx, p: { rows: RawBuilder<unknown>; regionId: string; organisationId: string; schoolYear: string }) {
  const { rows: R, regionId, organisationId, schoolYear: year } = p;
  await sql`
    insert into school_groups (organisation_id, name, school_year)
    select distinct ${organisationId}::uuid, r."groupName", ${year} from ${R} r
    where r."groupName" is not null and r.status in ('new', 'updated', 'transfer')
    on conflict (organisation_id, school_year, name) do nothing`.execute(tx);
  const created = await sql`
    insert into children (id, region_id, given_name, family_name, birth_date, bsn, onderwijsnummer)
    select r."newChildId", ${regionId}::uuid, r."givenName", r."familyName", r."birthDate", r.bsn, r.onderwijsnummer from ${R} r where r.status = 'new'`.execute(tx);
  await sql`
    update children c set given_name = r."givenName", family_name = r."familyName", birth_date = r."birthDate",
      bsn = coalesce(r.bsn, c.bsn), onderwijsnummer = coalesce(r.onderwijsnummer, c.onderwijsnummer), version = c.version + 1
    from ${R} r where c.id = r."childId" and r."identityChanged"`.execute(tx);
  const residences = await sql`
    insert into child_residences (child_id, gemeente_id, valid_from)
    select coalesce(r."childId", r."newChildId"), r."gemeenteId", r."residenceFrom" from ${R} r where r."gemeenteId" is not null
    on conflict (child_id, valid_from) do nothing`.execute(tx);
  await sql`
    insert into enrolments (child_id, organisation_id, group_id, mentor_person_id, start_date, pupil_number, school_level)
    select coalesce(r."childId", r."newChildId"), ${organisationId}::uuid, g.id, r."mentorPersonId", r."startDate", r."pupilNumber", r.level
    from ${R} r left join school_groups g on g.organisation_id = ${organisationId} and g.school_year = ${year} and g.name = r."groupName"
    where r.status in ('new', 'transfer')`.execute(tx);
  await sql`
    update enrolments e set group_id = coalesce(x.group_id, e.group_id), mentor_person_id = coalesce(x."mentorPersonId", e.mentor_person_id),
      school_level = coalesce(x.level, e.school_level), pupil_number = x."pupilNumber", version = e.version + 1
    from (select r.*, g.id as group_id from ${R} r left join school_groups g on g.organisation_id = ${organisationId} and g.school_year = ${year} and g.name = r."groupName") x
    where e.id = x."enrolmentId" and x."enrolmentChanged"`.execute(tx);
  return { childrenCreated: Number(created.numAffectedRows ?? 0), residencesAdded: Number(residences.numAffectedRows ?? 0) };
}

/**
 * The guardians of a stored import (`rows`: a row source with "childId", action, "guardianId",
 * "givenName", "familyName", email, phone, relation, "hasAuthority", "contactChanged"): new
 * guardians, changed contact details, and the links to the children (relation and gezag updated).
 * Returns how many guardians were created.
 */
export async function writeGuardianImport(tx: Tx, p: { rows: RawBuilder<unknown>; regionId: string }): Promise<number> {
  const { rows: R, regionId } = p;
  const created = await sql`
    insert into guardians (id, region_id, given_name, family_name, email, phone)
    select r."guardianId", ${regionId}::uuid, r."givenName", r."familyName", r.email, r.phone from ${R} r where r.action = 'create'`.execute(tx);
  await sql`
    update guardians g set email = coalesce(r.email, g.email), phone = coalesce(r.phone, g.phone)
    from ${R} r where g.id = r."guardianId" and r."contactChanged"`.execute(tx);
  await sql`
    insert into child_guardians (child_id, guardian_id, relation, has_authority)
    select r."childId", r."guardianId", r.relation, r."hasAuthority" from ${R} r where r.action in ('create', 'link', 'update')
    on conflict (child_id, guardian_id) do update set relation = excluded.relation, has_authority = excluded.has_authority`.execute(tx);
  return Number(created.numAffectedRows ?? 0);
}

/** A confirmed probable leaver: the pupil's enrolment ends on `endDate` (checked by the caller). */
export async function endEnrolmentOfLeaver(tx: Tx, enrolmentId: string, endDate: string): Promise<void> {
  await tx.updateTable('enrolments').set({ end_date: endDate, version: sql`version + 1` }).where('id', '=', enrolmentId).execute();
}

/**
 * The staff import's groups of the school year at an organisation: the groups named that do not
 * exist yet are created, and each person is linked as teacher or mentor (an existing link stays).
 * Group names match case-insensitively. Returns how many groups were created.
 */
export async function assignGroupStaff(tx: Tx, p: { organisationId: string; schoolYear: string; assignments: { person: string; name: string; role: string }[] }): Promise<number> {
  const { organisationId, schoolYear, assignments } = p;
  if (!assignments.length) return 0;
  const groupKey = (name: string) => name.toLowerCase();
  let groupsCreated = 0;
  const existing = await tx.selectFrom('school_groups').select(['id', 'name']).where('organisation_id', '=', organisationId).where('school_year', '=', schoolYear).execute();
  const known = new Set(existing.map((g) => groupKey(g.name)));
  const missing = [...new Map(assignments.filter((g) => !known.has(groupKey(g.name))).map((g) => [groupKey(g.name), g.name])).values()];
  if (missing.length) {
    const ins = await tx
      .insertInto('school_groups')
      .values(missing.map((name) => ({ organisation_id: organisationId, name, school_year: schoolYear })))
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    groupsCreated = ins.length;
  }
  await sql`insert into group_staff (group_id, person_id, role)
    select g.id, x.person, x.role
    from jsonb_to_recordset(${JSON.stringify(assignments)}::jsonb) as x(person uuid, name text, role text)
    join school_groups g on g.organisation_id = ${organisationId} and g.school_year = ${schoolYear} and lower(g.name) = lower(x.name)
    on conflict do nothing`.execute(tx);
  return groupsCreated;
}
