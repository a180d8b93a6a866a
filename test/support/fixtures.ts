import type { Database } from '../../src/kernel/db/database.ts';
import type { Actor } from '../../src/kernel/policy/actor.ts';
import type { Role } from '../../src/kernel/policy/roles.ts';
import type { OrganisationKind, SchoolType } from '../../src/kernel/db/schema.ts';

/** A tiny hand-made region for rule tests, where every relation is explicit. */
export class Fixture {
  regionId = '';
  constructor(readonly database: Database) {}
  get db() {
    return this.database.db;
  }

  async region(name = 'Testregio') {
    const r = await this.db.insertInto('regions').values({ name, slug: name.toLowerCase().replace(/\W+/g, '-') + '-' + Math.random().toString(36).slice(2, 7) }).returning('id').executeTakeFirstOrThrow();
    this.regionId = r.id;
    return r.id;
  }

  async gemeente(cbsCode: string, name: string) {
    return (await this.db.insertInto('gemeenten').values({ region_id: this.regionId, cbs_code: cbsCode, name, holiday_region: 'midden' }).returning('id').executeTakeFirstOrThrow()).id;
  }

  async organisation(kind: OrganisationKind, name: string, extra: { gemeenteId?: string; brin?: string; vestiging?: string; schoolType?: SchoolType } = {}) {
    return (
      await this.db
        .insertInto('organisations')
        .values({ region_id: this.regionId, kind, name, gemeente_id: extra.gemeenteId ?? null, brin: extra.brin ?? null, vestiging: extra.vestiging ?? null, school_type: extra.schoolType ?? null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }

  async group(organisationId: string, name: string, schoolYear = '2026-2027') {
    return (await this.db.insertInto('school_groups').values({ organisation_id: organisationId, name, school_year: schoolYear }).returning('id').executeTakeFirstOrThrow()).id;
  }

  /** A professional with a membership; returns an Actor acting for that membership. */
  async professional(role: Role, organisationId: string, opts: { groupId?: string; groupRole?: 'teacher' | 'mentor' } = {}): Promise<Actor> {
    const person = await this.db.insertInto('people').values({ region_id: this.regionId, given_name: 'Test', family_name: role }).returning('id').executeTakeFirstOrThrow();
    const m = await this.db.insertInto('memberships').values({ person_id: person.id, organisation_id: organisationId, role }).returning('id').executeTakeFirstOrThrow();
    const org = await this.db.selectFrom('organisations').selectAll().where('id', '=', organisationId).executeTakeFirstOrThrow();
    if (opts.groupId) await this.db.insertInto('group_staff').values({ group_id: opts.groupId, person_id: person.id, role: opts.groupRole ?? 'teacher' }).execute();
    return {
      accountId: person.id,
      regionId: this.regionId,
      username: role,
      kind: 'professional',
      personId: person.id,
      guardianId: null,
      childId: null,
      membership: { id: m.id, organisationId, organisationKind: org.kind, organisationName: org.name, gemeenteId: org.gemeente_id, role },
      ip: null,
    };
  }

  async child(birthDate: string, opts: { gemeenteId?: string; residenceFrom?: string } = {}) {
    const c = await this.db.insertInto('children').values({ region_id: this.regionId, given_name: 'Kind', family_name: birthDate, birth_date: birthDate }).returning('id').executeTakeFirstOrThrow();
    if (opts.gemeenteId) await this.db.insertInto('child_residences').values({ child_id: c.id, gemeente_id: opts.gemeenteId, valid_from: opts.residenceFrom ?? birthDate }).execute();
    return c.id;
  }

  async enrol(childId: string, organisationId: string, startDate: string, opts: { endDate?: string; groupId?: string; mentorPersonId?: string } = {}) {
    await this.db
      .insertInto('enrolments')
      .values({ child_id: childId, organisation_id: organisationId, start_date: startDate, end_date: opts.endDate ?? null, group_id: opts.groupId ?? null, mentor_person_id: opts.mentorPersonId ?? null })
      .execute();
  }

  async guardian(childId: string, hasAuthority: boolean): Promise<Actor> {
    const g = await this.db.insertInto('guardians').values({ region_id: this.regionId, given_name: 'Ouder', family_name: 'Test' }).returning('id').executeTakeFirstOrThrow();
    await this.db.insertInto('child_guardians').values({ child_id: childId, guardian_id: g.id, relation: 'parent', has_authority: hasAuthority }).execute();
    return { accountId: g.id, regionId: this.regionId, username: 'ouder', kind: 'guardian', personId: null, guardianId: g.id, childId: null, membership: null, ip: null };
  }

  youth(childId: string): Actor {
    return { accountId: childId, regionId: this.regionId, username: 'jongere', kind: 'youth', personId: null, guardianId: null, childId, membership: null, ip: null };
  }
}
