import { sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { GROUNDS, groundsQuery, type DataKind, type Ground, CONSENT_GROUNDS, isConsentGround } from '../../kernel/policy/child-policy.ts';
import { readIf, recordListed, withChildAccess } from '../../kernel/policy/gateway.ts';
import { searchAccessLog } from '../../kernel/audit/access-log-search.ts';
import { ageOn, today } from '../../kernel/time.ts';
import type { ChildAccessLogPage, ChildDetail, ChildPage, ChildSummary } from '../../contracts/children.ts';
import type { AccessLogChildPage } from '../../contracts/audit.ts';

const groundsWith = (kind: DataKind) => (Object.keys(GROUNDS) as Ground[]).filter((g) => (GROUNDS[g] as readonly DataKind[]).includes(kind));
const IDENTITY_GROUNDS = groundsWith('identity');
const SCHOOL_GROUNDS = groundsWith('school');

/** The words of a search, at most six: each must occur in the name (accents and case folded in SQL by dutch_fold, migration 0019). */
export function searchWords(q: string | undefined): string[] {
  return (q ?? '')
    .split(/[\s,]+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 6);
}

/** "Berg, Joep van den": the name as the list sorts it (the database's own split of the tussenvoegsel, migration 0019). */
export const sortNameSql = sql<string>`dutch_name_core(c.family_name) || ', ' || c.given_name || coalesce(' ' || dutch_name_prefix(c.family_name), '')`;

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
    // The grounds per child first (the scope is the relations: a school's pupils, a team's cases),
    // then the children by their key: the page's cost grows with the actor's scope, not with the
    // region (joining the grounds to all the region's children hashed every child of the region).
    const perChild = tx
      .selectFrom(grounds.as('g'))
      .where((eb) => eb.or([eb('g.ground', 'in', IDENTITY_GROUNDS), eb.and([eb('g.ground', 'in', CONSENT_GROUNDS), sql<boolean>`'identity' = any(g.consent_kinds)`])]))
      .select([
        'g.child_id',
        sql<Ground[]>`array_agg(distinct g.ground)`.as('grounds'),
        sql<string | null>`(array_agg(g.consent_id) filter (where g.consent_id is not null))[1]`.as('consent_id'),
        // The pupil number is school data: only where a ground (or the consent) covers 'school'.
        sql<boolean>`bool_or(g.ground in (${sql.join(SCHOOL_GROUNDS)}) or (g.ground in (${sql.join(CONSENT_GROUNDS)}) and 'school' = any(g.consent_kinds)))`.as('sees_school'),
      ])
      .groupBy('g.child_id');
    let base = tx.selectFrom(perChild.as('p')).innerJoin('children as c', 'c.id', 'p.child_id').where('c.region_id', '=', actor.regionId);
    // Any part of the name, with or without tussenvoegsel, accents or capitals: every word of the
    // search occurs somewhere in the folded name ("Joep Berg" finds Joep van den Berg, "celik" Çelik).
    for (const word of searchWords(opts.q)) {
      base = base.where(sql<boolean>`c.search_name like '%' || dutch_fold(${escapeLike(word)}) || '%'`);
    }
    // The page and the number of children (counted over the whole result, before the limit), and
    // then, for the children of the page only, the school each attends today: one statement.
    const page = base
      .select(['c.id', 'c.given_name', 'c.family_name', 'c.birth_date', 'c.sort_key', 'p.grounds', 'p.consent_id', 'p.sees_school', sql<string>`count(*) over ()`.as('total')])
      // Dutch order, in SQL so paging stays right: family name without tussenvoegsel, accents as
      // their base letter, case-insensitive (children.sort_key, kept by the database).
      .orderBy('c.sort_key')
      .orderBy('c.id')
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize);
    const rows = await tx
      .selectFrom(page.as('c'))
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('enrolments as e')
            .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
            .leftJoin('school_groups as sg', 'sg.id', 'e.group_id')
            .whereRef('e.child_id', '=', 'c.id')
            .where('e.start_date', '<=', day)
            .where((w) => w.or([w('e.end_date', 'is', null), w('e.end_date', '>=', day)]))
            .select(['e.organisation_id', 'o.name as school_name', 'sg.name as group_name', 'e.pupil_number'])
            .orderBy('e.start_date', 'desc')
            .orderBy('e.id')
            .limit(1)
            .as('s'),
        (j) => j.onTrue(),
      )
      // Named columns, not `c.*`: the statement stays prepared (kernel/db/prepared.ts).
      .select(['c.id', 'c.given_name', 'c.family_name', 'c.birth_date', 'c.grounds', 'c.consent_id', 'c.sees_school', 'c.total'])
      .select([sortNameSql.as('sort_name'), 's.organisation_id', 's.school_name', 's.group_name', 's.pupil_number'])
      .orderBy('c.sort_key')
      .orderBy('c.id')
      .execute();
    // A page past the end has no row to carry the count: count separately (only then).
    const total = rows.length ? Number(rows[0].total) : opts.page > 1 ? Number((await base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n) : 0;
    const schoolOf = (r: (typeof rows)[number]): ChildListItem['school'] =>
      r.organisation_id === null || r.school_name === null
        ? null
        : { organisationId: r.organisation_id, name: r.school_name, groupName: r.group_name, ...(r.sees_school ? { pupilNumber: r.pupil_number } : {}) };
    await recordListed(
      tx,
      actor,
      'child.list',
      rows.map((r) => {
        // The ground the policy's scoped query found; a consent is named only when it is the ground.
        const ground = pickGround(r.grounds);
        return { childId: r.id, ground, consentId: isConsentGround(ground) ? r.consent_id : null, detail: { kind: 'identity' } };
      }),
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        givenName: r.given_name,
        familyName: r.family_name,
        sortName: r.sort_name,
        birthDate: r.birth_date,
        age: ageOn(r.birth_date, day),
        school: schoolOf(r),
      })),
      total,
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
    // The child, the residence on `day`, and — only where the grants cover them — the enrolments and
    // the parents, in one statement.
    const showIdentifiers = mayShowIdentifiers(actor, kinds);
    const c = await tx
      .selectFrom('children as c')
      // Named columns (the statement stays prepared: kernel/db/prepared.ts); the identifiers and the
      // startkwalificatie only where the grants cover them, else null (not read, as below).
      .select(['c.id', 'c.given_name', 'c.family_name', 'c.birth_date', 'c.version'])
      .select((eb) => [
        eb.case().when(readIf(showIdentifiers)).then(eb.ref('c.bsn')).else(null).end().as('bsn'),
        eb.case().when(readIf(showIdentifiers)).then(eb.ref('c.onderwijsnummer')).else(null).end().as('onderwijsnummer'),
        eb.case().when(readIf(kinds.has('school'))).then(eb.ref('c.startkwalificatie_on')).else(null).end().as('startkwalificatie_on'),
      ])
      .select((eb) => [
        jsonObjectFrom(
          eb
            .selectFrom('child_residences as r')
            .innerJoin('gemeenten as g', 'g.id', 'r.gemeente_id')
            .whereRef('r.child_id', '=', 'c.id')
            .where('r.valid_from', '<=', day)
            .select(['r.gemeente_id', 'g.name', 'r.valid_from'])
            .orderBy('r.valid_from', 'desc')
            .limit(1),
        ).as('residence'),
        jsonArrayFrom(
          eb
            .selectFrom('enrolments as e')
            .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
            .leftJoin('school_groups as sg', 'sg.id', 'e.group_id')
            .leftJoin('people as p', 'p.id', 'e.mentor_person_id')
            .whereRef('e.child_id', '=', 'c.id')
            // Not read at all without the grant (an empty list, never used below).
            .where(readIf(kinds.has('school')))
            .select([
              'e.id',
              'e.organisation_id',
              'o.name',
              'o.school_type',
              'o.brin',
              'o.vestiging',
              'sg.name as group_name',
              sql<string | null>`p.given_name || ' ' || p.family_name`.as('mentor_name'),
              'e.pupil_number',
              'e.start_date',
              'e.end_date',
              'e.version',
            ])
            .orderBy('e.start_date', 'desc'),
        ).as('enrolments'),
        jsonArrayFrom(
          eb
            .selectFrom('child_guardians as cg')
            .innerJoin('guardians as g', 'g.id', 'cg.guardian_id')
            .whereRef('cg.child_id', '=', 'c.id')
            .where(readIf(kinds.has('guardians')))
            .select(['g.id', 'g.given_name', 'g.family_name', 'g.email', 'g.phone', 'cg.relation', 'cg.has_authority'])
            .orderBy('cg.has_authority', 'desc')
            .orderBy('g.family_name'),
        ).as('guardians'),
      ])
      .where('c.id', '=', childId)
      .executeTakeFirstOrThrow();
    const residence = c.residence;
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
    if (showIdentifiers) {
      if (c.bsn) result.bsn = c.bsn;
      if (c.onderwijsnummer) result.onderwijsnummer = c.onderwijsnummer;
    }
    if (kinds.has('school')) {
      result.startkwalificatieOn = c.startkwalificatie_on;
      result.enrolments = c.enrolments.map((e) => ({
        id: e.id,
        organisationId: e.organisation_id,
        organisationName: e.name,
        schoolType: e.school_type,
        brin: e.brin,
        vestiging: e.vestiging,
        groupName: e.group_name,
        mentorName: e.mentor_name,
        pupilNumber: e.pupil_number,
        startDate: e.start_date,
        endDate: e.end_date,
        version: e.version,
      }));
    }
    if (kinds.has('guardians')) {
      result.guardians = c.guardians.map((g) => ({
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

const ACCESS_LOG_GROUNDS = groundsWith('access_log');

/**
 * The children whose access log the actor may read, found by name (the privacy officer answering
 * a parent's request): every word of `q` in the name, in Dutch name order, paged in SQL. Only the
 * name and birth date leave — enough to pick the right child, nothing of the file — and each child
 * shown is logged (`access_log.child_search`) with the ground the policy found.
 */
export async function findChildrenForAccessLog(database: Database, actor: Actor, opts: { q: string; page: number; pageSize: number }): Promise<AccessLogChildPage> {
  const day = today();
  const words = searchWords(opts.q);
  return database.db.transaction().execute(async (tx) => {
    const grounds = groundsQuery(tx, actor, day);
    if (!grounds || words.length === 0) return { items: [], total: 0, page: opts.page, pageSize: opts.pageSize };
    let base = tx
      .selectFrom('children as c')
      .innerJoin(grounds.as('g'), 'g.child_id', 'c.id')
      .where('c.region_id', '=', actor.regionId)
      .where('g.ground', 'in', ACCESS_LOG_GROUNDS);
    for (const word of words) base = base.where(sql<boolean>`c.search_name like '%' || dutch_fold(${escapeLike(word)}) || '%'`);
    const totalRow = await base.select(sql<number>`count(distinct c.id)`.as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .select(['c.id', 'c.given_name', 'c.family_name', 'c.birth_date', sortNameSql.as('sort_name'), sql<Ground>`min(g.ground)`.as('ground')])
      .groupBy('c.id')
      .orderBy('c.sort_key')
      .orderBy('c.id')
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize)
      .execute();
    await recordListed(
      tx,
      actor,
      'access_log.child_search',
      rows.map((r) => ({ childId: r.id, ground: r.ground, detail: { kind: 'access_log' } })),
    );
    return {
      items: rows.map((r) => ({ id: r.id, sortName: r.sort_name, givenName: r.given_name, familyName: r.family_name, birthDate: r.birth_date })),
      total: Number(totalRow.n),
      page: opts.page,
      pageSize: opts.pageSize,
    };
  });
}
