import { sql } from 'kysely';
import type { Database } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { GROUNDS, groundsQuery, type DataKind, type Ground } from '../../kernel/policy/child-policy.ts';
import { recordListed, withChildAccess } from '../../kernel/policy/gateway.ts';
import { searchAccessLog } from '../../kernel/audit/access-log-search.ts';
import { ageOn, today } from '../../kernel/time.ts';
import type { ChildAccessLogPage, ChildDetail, ChildPage, ChildSummary } from '../../contracts/children.ts';

const IDENTITY_GROUNDS = (Object.keys(GROUNDS) as Ground[]).filter((g) => (GROUNDS[g] as readonly DataKind[]).includes('identity'));

export type ChildListItem = ChildSummary;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/**
 * The children the actor may see, scoped in SQL by the access policy, with search and paging.
 * Every child on the returned page is written to the access log (event child.list).
 */
export async function listChildren(database: Database, actor: Actor, opts: { q?: string; page: number; pageSize: number }): Promise<ChildPage> {
  const day = today();
  return database.db.transaction().execute(async (tx) => {
    const grounds = groundsQuery(tx, actor, day);
    if (!grounds) return { items: [] as ChildListItem[], total: 0, page: opts.page, pageSize: opts.pageSize };
    let base = tx
      .selectFrom('children as c')
      .innerJoin(grounds.as('g'), 'g.child_id', 'c.id')
      .where('c.region_id', '=', actor.regionId)
      .where((eb) => eb.or([eb('g.ground', 'in', IDENTITY_GROUNDS), eb.and([eb('g.ground', '=', 'case_consent'), sql<boolean>`'identity' = any(g.consent_kinds)`])]));
    const q = opts.q?.trim();
    if (q) {
      const pattern = `%${escapeLike(q)}%`;
      base = base.where(sql<boolean>`(c.given_name || ' ' || c.family_name) ilike ${pattern}`);
    }
    const totalRow = await base.select(sql<number>`count(distinct c.id)`.as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .select([
        'c.id',
        'c.given_name',
        'c.family_name',
        'c.birth_date',
        sql<Ground[]>`array_agg(distinct g.ground)`.as('grounds'),
        sql<string | null>`(array_agg(g.consent_id) filter (where g.consent_id is not null))[1]`.as('consent_id'),
      ])
      .groupBy('c.id')
      .orderBy('c.family_name')
      .orderBy('c.given_name')
      .orderBy('c.id')
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize)
      .execute();
    const ids = rows.map((r) => r.id);
    const schools = ids.length
      ? await tx
          .selectFrom('enrolments as e')
          .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
          .leftJoin('school_groups as sg', 'sg.id', 'e.group_id')
          .where('e.child_id', 'in', ids)
          .where('e.start_date', '<=', day)
          .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', day)]))
          .select(['e.child_id', 'e.organisation_id', 'o.name', 'sg.name as group_name', 'e.start_date'])
          .orderBy('e.start_date', 'desc')
          .execute()
      : [];
    const schoolOf = new Map<string, ChildListItem['school']>();
    for (const s of schools) if (!schoolOf.has(s.child_id)) schoolOf.set(s.child_id, { organisationId: s.organisation_id, name: s.name, groupName: s.group_name });
    await recordListed(
      tx,
      actor,
      'child.list',
      rows.map((r) => {
        // The ground the policy's scoped query found; a consent is named only when it is the ground.
        const ground = pickGround(r.grounds);
        return { childId: r.id, ground, consentId: ground === 'case_consent' ? r.consent_id : null, detail: { kind: 'identity' } };
      }),
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        givenName: r.given_name,
        familyName: r.family_name,
        birthDate: r.birth_date,
        age: ageOn(r.birth_date, day),
        school: schoolOf.get(r.id) ?? null,
      })),
      total: Number(totalRow.n),
      page: opts.page,
      pageSize: opts.pageSize,
    };
  });
}

/**
 * The BSN and the onderwijsnummer are shown only with the 'bsn' data kind, and never to anyone of
 * a samenwerkingsverband (domain.md §6: SWVs may not use the BSN), whatever a consent says.
 */
export function mayShowIdentifiers(actor: Actor, kinds: Set<DataKind>): boolean {
  return kinds.has('bsn') && actor.membership?.organisationKind !== 'swv' && actor.membership?.role !== 'swv_consultant';
}

function pickGround(grounds: Ground[] | string): Ground {
  const list = typeof grounds === 'string' ? (grounds.replace(/[{}]/g, '').split(',') as Ground[]) : grounds;
  return list.find((g) => IDENTITY_GROUNDS.includes(g)) ?? list[0];
}

/** One child, with the parts of the file the actor's grounds cover. */
export async function getChild(database: Database, actor: Actor, childId: string): Promise<ChildDetail> {
  const day = today();
  return withChildAccess(database, actor, childId, 'identity', 'child.read', async ({ tx, kinds, grounds }) => {
    const c = await tx.selectFrom('children').selectAll().where('id', '=', childId).executeTakeFirstOrThrow();
    const residence = await tx
      .selectFrom('child_residences as r')
      .innerJoin('gemeenten as g', 'g.id', 'r.gemeente_id')
      .where('r.child_id', '=', childId)
      .where('r.valid_from', '<=', day)
      .select(['r.gemeente_id', 'g.name', 'r.valid_from'])
      .orderBy('r.valid_from', 'desc')
      .limit(1)
      .executeTakeFirst();
    const result: ChildDetail = {
      id: c.id,
      givenName: c.given_name,
      familyName: c.family_name,
      birthDate: c.birth_date,
      age: ageOn(c.birth_date, day),
      residence: residence ? { gemeenteId: residence.gemeente_id, gemeenteName: residence.name, validFrom: residence.valid_from } : null,
      dataKinds: [...kinds],
      grounds,
      version: c.version,
    };
    if (mayShowIdentifiers(actor, kinds)) {
      if (c.bsn) result.bsn = c.bsn;
      if (c.onderwijsnummer) result.onderwijsnummer = c.onderwijsnummer;
    }
    if (kinds.has('school')) {
      const enrolments = await tx
        .selectFrom('enrolments as e')
        .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
        .leftJoin('school_groups as sg', 'sg.id', 'e.group_id')
        .leftJoin('people as p', 'p.id', 'e.mentor_person_id')
        .where('e.child_id', '=', childId)
        .select([
          'e.id',
          'e.organisation_id',
          'o.name',
          'o.school_type',
          'o.brin',
          'o.vestiging',
          'sg.name as group_name',
          sql<string | null>`p.given_name || ' ' || p.family_name`.as('mentor_name'),
          'e.start_date',
          'e.end_date',
          'e.version',
        ])
        .orderBy('e.start_date', 'desc')
        .execute();
      result.startkwalificatieOn = c.startkwalificatie_on;
      result.enrolments = enrolments.map((e) => ({
        id: e.id,
        organisationId: e.organisation_id,
        organisationName: e.name,
        schoolType: e.school_type,
        brin: e.brin,
        vestiging: e.vestiging,
        groupName: e.group_name,
        mentorName: e.mentor_name,
        startDate: e.start_date,
        endDate: e.end_date,
        version: e.version,
      }));
    }
    if (kinds.has('guardians')) {
      const guardians = await tx
        .selectFrom('child_guardians as cg')
        .innerJoin('guardians as g', 'g.id', 'cg.guardian_id')
        .where('cg.child_id', '=', childId)
        .select(['g.id', 'g.given_name', 'g.family_name', 'g.email', 'g.phone', 'cg.relation', 'cg.has_authority'])
        .orderBy('cg.has_authority', 'desc')
        .orderBy('g.family_name')
        .execute();
      result.guardians = guardians.map((g) => ({
        id: g.id,
        givenName: g.given_name,
        familyName: g.family_name,
        relation: g.relation,
        hasAuthority: g.has_authority,
        email: g.email,
        phone: g.phone,
      }));
    }
    return result;
  });
}

/** Who looked at this child's data: for the guardian with authority, the young person 16+, the privacy officer. */
export async function getChildAccessLog(database: Database, actor: Actor, childId: string, page: number, pageSize: number): Promise<ChildAccessLogPage> {
  return withChildAccess(database, actor, childId, 'access_log', 'child.access_log.read', async ({ tx }) => {
    const result = await searchAccessLog(tx, { childId }, page, pageSize);
    // For the family: who, for which organisation, what and when — not usernames or addresses.
    return { ...result, items: result.items.map(({ seq, occurredAt, event, outcome, actorName, organisationName, role, ground }) => ({ seq, occurredAt, event, outcome, actorName, organisationName, role, ground })) };
  });
}
