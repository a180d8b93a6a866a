import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DATA_KINDS, type DataKind } from '../../contracts/values/data-kinds.ts';
import { OPEN_REQUEST_STATUSES } from '../../contracts/values/requests.ts';
import type { Db, Tx } from '../db/database.ts';
import type { Actor } from './actor.ts';

/**
 * The access policy for a child's data (domain.md §7). Access follows a relation, never a role
 * alone, and is denied by default. Each relation is a *ground*: a SQL query that yields the
 * children the actor is related to in that way. Lists and single reads use the same queries, so a
 * list can never show a child that the detail page would refuse, and lists are scoped in SQL.
 *
 * Each ground grants a fixed set of data kinds. A request names the kind it needs; it is allowed
 * when at least one ground covers that kind.
 */
export { DATA_KINDS, type DataKind };

export const GROUNDS = {
  /** Teacher of the pupil's current group. */
  group_teacher: ['identity', 'school', 'guardians'],
  /** Mentor of the pupil (vo), through the enrolment or the group. */
  mentor: ['identity', 'school', 'guardians'],
  /** Intern begeleider / zorgcoördinator of the school location where the pupil is enrolled. */
  school_care: ['identity', 'bsn', 'school', 'guardians', 'absence', 'signals', 'thuiszitter'],
  /** Leerplichtambtenaar of the gemeente where the child lives (legal task, Leerplichtwet). */
  leerplicht_residence: ['identity', 'bsn', 'school', 'guardians', 'absence', 'thuiszitter'],
  /**
   * School leader of the school location of the child's open entry in the thuiszitter register
   * (domain.md §7: "thuiszitters of own school"): who the child is and the entry, nothing else.
   */
  school_leader_thuiszitter: ['identity', 'thuiszitter'],
  /** Parent or carer with authority (gezag). */
  guardian_authority: ['identity', 'bsn', 'school', 'guardians', 'plan', 'consents', 'access_log'],
  /** The young person themself, 16 or older: decides alone (Jeugdwet 7.3.4). */
  self_16plus: ['identity', 'bsn', 'school', 'guardians', 'plan', 'consents', 'access_log'],
  /** The young person themself, 12 to 15: own plan and consents. */
  self_12plus: ['identity', 'school', 'plan', 'consents'],
  /** Privacy officer of the region: the access log, nothing of the child's file. */
  privacy_officer: ['access_log'],
  /** Care coordinator of the school location that owns the child's case (cases of own school). */
  case_owner: ['identity', 'bsn', 'school', 'guardians', 'absence', 'signals', 'plan', 'notes', 'consents', 'thuiszitter'],
  /**
   * Member of the team around the child whose organisation a valid consent covers: exactly the
   * data kinds of that consent (the fixed list here is empty; the consent row supplies them).
   */
  case_consent: [],
  /**
   * Member of the organisation that received a request about the child (a referral, a request to
   * a provider or the SWV) that is still open, while a valid consent of the request's case names
   * that organisation: exactly the data kinds both the consent and the request cover.
   */
  request_receiver: [],
  /** Emergency access on the safety route (Meldcode), with a recorded reason, for a limited time. */
  emergency_meldcode: ['identity', 'school', 'guardians', 'signals', 'plan'],
} as const satisfies Record<string, readonly DataKind[]>;
export type Ground = keyof typeof GROUNDS;

/** The grounds whose data kinds come from a consent (the row's consent_kinds), counted in one case only. */
export const CONSENT_GROUNDS = ['case_consent', 'request_receiver'] as const satisfies readonly Ground[];
export const isConsentGround = (g: string): boolean => g === 'case_consent' || g === 'request_receiver';

/** The roles that receive requests for their organisation (a school's own care staff see its pupils already). */
const REQUEST_RECEIVER_ROLES = ['youth_care_worker', 'wijkteam_worker', 'swv_consultant', 'attendance_officer'];

export interface GroundRow {
  child_id: string;
  ground: Ground;
  /** For case_consent: the consent that grants the access, and the data kinds it covers. */
  consent_id: string | null;
  consent_kinds: string[] | null;
  /** For case_consent and emergency_meldcode: the case the relation belongs to. */
  case_id: string | null;
}

/** One reason the actor may see some of a child's data. */
export interface Grant {
  ground: Ground;
  consentId: string | null;
  /** The case a consent or an emergency access belongs to (it counts in that case only). */
  caseId: string | null;
  kinds: DataKind[];
}

/** The union of the actor's grounds as one derived table: `selectFrom(grounds.as('g'))`, `innerJoin(grounds.as('g'), …)`. */
type GroundQuery = SelectQueryBuilder<DB, keyof DB, GroundRow>;

/**
 * One ground's query as a part of the union. Each part reads its own tables; the union only needs
 * the rows' shape (GroundRow), which the parameter type checks — the table set is widened, nothing
 * else. (Kysely's own union keeps the SQL one plain UNION ALL, which the planner handles best.)
 */
const part = <D, TB extends keyof D>(query: SelectQueryBuilder<D, TB, GroundRow>): GroundQuery => query as unknown as GroundQuery;

const NO_CONSENT = [sql<string | null>`null::uuid`.as('consent_id'), sql<string[] | null>`null::text[]`.as('consent_kinds'), sql<string | null>`null::uuid`.as('case_id')];

/** A date as SQL, the "today" against which enrolments and residences are judged. */
const dateLit = (d: string) => sql<string>`${d}::date`;

/**
 * The consent `con` (with its recipient row `cr`) names the organisation and is in force on the
 * day: given, not expired, not withdrawn. The one test of a consent, for every ground that rests on
 * one (case_consent, request_receiver) and for the check when a request is sent.
 */
const consentInForce = (day: RawBuilder<string>, organisationId: string) => sql<boolean>`cr.organisation_id = ${organisationId} and ${consentInForceOn(day)}`;
/** The consent `con` is in force on the day, for whichever organisation it names. */
const consentInForceOn = (day: RawBuilder<string>) =>
  sql<boolean>`con.given_on <= ${day} and con.valid_until >= ${day} and not exists (select 1 from consent_withdrawals w where w.consent_id = con.id)`;

/** The data kinds the consents of a case in force today grant an organisation (none: no such consent). */
export async function consentKindsInForce(db: Db | Tx, c: { caseId: string; childId: string; organisationId: string; today: string }): Promise<DataKind[]> {
  const rows = await db
    .selectFrom('consents as con')
    .innerJoin('consent_recipients as cr', 'cr.consent_id', 'con.id')
    .where('con.case_id', '=', c.caseId)
    .where('con.child_id', '=', c.childId)
    .where(consentInForce(dateLit(c.today), c.organisationId))
    .select('con.data_kinds')
    .execute();
  return parseKinds(rows.flatMap((r) => r.data_kinds));
}

/**
 * The same for every organisation the case's consents in force today name, in one query: per
 * organisation the data kinds granted (an organisation without a consent in force is absent).
 */
export async function consentKindsInForceByOrganisation(db: Db | Tx, c: { caseId: string; childId: string; today: string }): Promise<Map<string, DataKind[]>> {
  const rows = await db
    .selectFrom('consents as con')
    .innerJoin('consent_recipients as cr', 'cr.consent_id', 'con.id')
    .where('con.case_id', '=', c.caseId)
    .where('con.child_id', '=', c.childId)
    .where(consentInForceOn(dateLit(c.today)))
    .select(['cr.organisation_id', 'con.data_kinds'])
    .orderBy('cr.organisation_id')
    .execute();
  const kinds = new Map<string, Set<DataKind>>();
  for (const r of rows) {
    const set = kinds.get(r.organisation_id) ?? new Set<DataKind>();
    for (const k of parseKinds(r.data_kinds)) set.add(k);
    kinds.set(r.organisation_id, set);
  }
  return new Map([...kinds].map(([organisationId, k]) => [organisationId, [...k]]));
}

/**
 * The children the actor is related to, with the ground of each relation, on `today`.
 * Returns null when the actor has no relation that can reach any child.
 */
export function groundsQuery(db: Db | Tx, actor: Actor, today: string): GroundQuery | null {
  const day = dateLit(today);
  /** The enrolment `e` runs on `today`. */
  const activeEnrolment = sql<boolean>`e.start_date <= ${day} and (e.end_date is null or e.end_date >= ${day})`;
  const parts: GroundQuery[] = [];

  if (actor.kind === 'professional' && actor.membership) {
    const m = actor.membership;
    switch (m.role) {
      case 'teacher':
      case 'mentor':
        parts.push(
          part(
            db
              .selectFrom('enrolments as e')
              .innerJoin('group_staff as gs', 'gs.group_id', 'e.group_id')
              .where('gs.person_id', '=', actor.personId!)
              .where('e.organisation_id', '=', m.organisationId)
              .where(activeEnrolment)
              .select([sql<string>`e.child_id`.as('child_id'), sql<Ground>`case when gs.role = 'mentor' then 'mentor' else 'group_teacher' end`.as('ground'), ...NO_CONSENT]),
          ),
        );
        parts.push(
          part(
            db
              .selectFrom('enrolments as e')
              .where('e.mentor_person_id', '=', actor.personId!)
              .where('e.organisation_id', '=', m.organisationId)
              .where(activeEnrolment)
              .select([sql<string>`e.child_id`.as('child_id'), sql<Ground>`'mentor'`.as('ground'), ...NO_CONSENT]),
          ),
        );
        break;
      case 'intern_begeleider':
      case 'care_coordinator':
        parts.push(
          part(
            db
              .selectFrom('enrolments as e')
              .where('e.organisation_id', '=', m.organisationId)
              .where(activeEnrolment)
              .select([sql<string>`e.child_id`.as('child_id'), sql<Ground>`'school_care'`.as('ground'), ...NO_CONSENT]),
          ),
        );
        break;
      case 'attendance_officer':
        if (m.gemeenteId) {
          // The residence on `today` is the latest appended row valid from on or before it.
          parts.push(
            part(
              db
                .selectFrom('child_residences as r')
                .where('r.gemeente_id', '=', m.gemeenteId)
                .where('r.valid_from', '<=', day)
                .where(({ not, exists, selectFrom }) =>
                  not(
                    exists(
                      selectFrom('child_residences as r2')
                        .whereRef('r2.child_id', '=', 'r.child_id')
                        .where('r2.valid_from', '<=', day)
                        .whereRef('r2.valid_from', '>', 'r.valid_from')
                        .select(sql`1`.as('one')),
                    ),
                  ),
                )
                .select([sql<string>`r.child_id`.as('child_id'), sql<Ground>`'leerplicht_residence'`.as('ground'), ...NO_CONSENT]),
            ),
          );
        }
        break;
      case 'school_leader':
        // Only the children with an entry in the thuiszitter register that is open on `today` and
        // whose current category names this school location (the latest category event).
        parts.push(
          part(
            db
              .selectFrom('thuiszitters as t')
              .where('t.region_id', '=', actor.regionId)
              .where('t.start_date', '<=', day)
              .where(
                sql<string | null>`(select te.school_location_id from thuiszitter_events te where te.thuiszitter_id = t.id and te.kind = 'category' and te.effective_on <= ${day} order by te.effective_on desc, te.id desc limit 1)`,
                '=',
                m.organisationId,
              )
              .where(({ not, exists, selectFrom }) =>
                not(exists(selectFrom('thuiszitter_events as te').whereRef('te.thuiszitter_id', '=', 't.id').where('te.kind', '=', 'end').where('te.effective_on', '<=', day).select(sql`1`.as('one')))),
              )
              .select([sql<string>`t.child_id`.as('child_id'), sql<Ground>`'school_leader_thuiszitter'`.as('ground'), ...NO_CONSENT]),
          ),
        );
        break;
      case 'privacy_officer':
        parts.push(
          part(
            db
              .selectFrom('children as c')
              .where('c.region_id', '=', actor.regionId)
              .select([sql<string>`c.id`.as('child_id'), sql<Ground>`'privacy_officer'`.as('ground'), ...NO_CONSENT]),
          ),
        );
        break;
      default:
        // policy analyst, functional administrator: no individual relation of their own; youth
        // care, wijkteam and SWV only through a case team with consent (below).
        break;
    }
    if (['intern_begeleider', 'care_coordinator'].includes(m.role)) {
      parts.push(
        part(
          db
            .selectFrom('cases as k')
            .where('k.organisation_id', '=', m.organisationId)
            .select([sql<string>`k.child_id`.as('child_id'), sql<Ground>`'case_owner'`.as('ground'), ...NO_CONSENT]),
        ),
      );
    }
    if (actor.personId && !['functional_admin', 'privacy_officer', 'policy_analyst', 'school_leader'].includes(m.role)) {
      // On the team of an open case, for this organisation, and a consent given in THAT case,
      // valid today, that names this organisation as a recipient and has not been withdrawn. A
      // consent belongs to the case and purpose it was given for: one recorded in another (closed)
      // case of the same child gives nothing here.
      parts.push(
        part(
          db
            .selectFrom('case_members as cm')
            .innerJoin('cases as k', 'k.id', 'cm.case_id')
            .innerJoin('consents as con', (j) => j.onRef('con.case_id', '=', 'k.id').onRef('con.child_id', '=', 'k.child_id'))
            .innerJoin('consent_recipients as cr', 'cr.consent_id', 'con.id')
            .where('cm.person_id', '=', actor.personId)
            .where('cm.organisation_id', '=', m.organisationId)
            .where('cm.removed_at', 'is', null)
            .where('k.status', '=', 'open')
            .where(consentInForce(day, m.organisationId))
            .select([
              sql<string>`k.child_id`.as('child_id'),
              sql<Ground>`'case_consent'`.as('ground'),
              sql<string>`con.id`.as('consent_id'),
              sql<string[]>`con.data_kinds`.as('consent_kinds'),
              sql<string>`k.id`.as('case_id'),
            ]),
        ),
      );
      if (REQUEST_RECEIVER_ROLES.includes(m.role)) {
        // A request this organisation received, still open, about a child whose case is open, and a
        // consent of THAT case, valid today and not withdrawn, naming this organisation: the kinds
        // both cover. Checked on every read: a withdrawal in between refuses the receiver at once.
        parts.push(
          part(
            db
              .selectFrom('requests as rq')
              .innerJoin('cases as k', 'k.id', 'rq.case_id')
              .innerJoin('consents as con', (j) => j.onRef('con.case_id', '=', 'k.id').onRef('con.child_id', '=', 'k.child_id'))
              .innerJoin('consent_recipients as cr', 'cr.consent_id', 'con.id')
              .where('rq.to_organisation_id', '=', m.organisationId)
              .where('rq.status', 'in', OPEN_REQUEST_STATUSES)
              .where('k.status', '=', 'open')
              .where(consentInForce(day, m.organisationId))
              .select([
                sql<string>`rq.child_id`.as('child_id'),
                sql<Ground>`'request_receiver'`.as('ground'),
                sql<string>`con.id`.as('consent_id'),
                sql<string[]>`array(select unnest(con.data_kinds) intersect select unnest(rq.data_kinds))`.as('consent_kinds'),
                sql<string>`k.id`.as('case_id'),
              ]),
          ),
        );
      }
      // Emergency access (Meldcode) ends at its term, when the case closes, or when the worker is
      // no longer on the team for this organisation — whichever comes first. (Taken off the team
      // and added again later is a new membership of the team: the old access does not revive.)
      parts.push(
        part(
          db
            .selectFrom('emergency_accesses as ea')
            .innerJoin('cases as k', 'k.id', 'ea.case_id')
            .innerJoin('case_members as em', (j) =>
              j.onRef('em.case_id', '=', 'ea.case_id').onRef('em.person_id', '=', 'ea.person_id').onRef('em.organisation_id', '=', 'ea.organisation_id').onRef('em.added_at', '<=', 'ea.granted_at').on('em.removed_at', 'is', null),
            )
            .where('ea.person_id', '=', actor.personId)
            .where('ea.organisation_id', '=', m.organisationId)
            .where('k.status', '=', 'open')
            .where('ea.expires_at', '>', sql<Date>`now()`)
            .select([
              sql<string>`k.child_id`.as('child_id'),
              sql<Ground>`'emergency_meldcode'`.as('ground'),
              sql<string | null>`null::uuid`.as('consent_id'),
              sql<string[] | null>`null::text[]`.as('consent_kinds'),
              sql<string>`k.id`.as('case_id'),
            ]),
        ),
      );
    }
  }

  if (actor.kind === 'guardian' && actor.guardianId) {
    parts.push(
      part(
        db
          .selectFrom('child_guardians as cg')
          .where('cg.guardian_id', '=', actor.guardianId)
          .where('cg.has_authority', '=', true)
          .select([sql<string>`cg.child_id`.as('child_id'), sql<Ground>`'guardian_authority'`.as('ground'), ...NO_CONSENT]),
      ),
    );
  }

  if (actor.kind === 'youth' && actor.childId) {
    // Age on `today`, from the birth date: 16+ decides alone, 12–15 sees own plan and consents.
    parts.push(
      part(
        db
          .selectFrom('children as c')
          .where('c.id', '=', actor.childId)
          .where(sql<boolean>`date_part('year', age(${day}, c.birth_date)) >= 12`)
          .select([
            sql<string>`c.id`.as('child_id'),
            sql<Ground>`case when date_part('year', age(${day}, c.birth_date)) >= 16 then 'self_16plus' else 'self_12plus' end`.as('ground'),
            ...NO_CONSENT,
          ]),
      ),
    );
  }

  if (parts.length === 0) return null;
  return parts.reduce((union, q) => union.unionAll(q));
}

/** What the actor may see of one child, and why (empty when nothing: deny). */
export async function grantsForChild(db: Db | Tx, actor: Actor, childId: string, today: string): Promise<Grant[]> {
  const q = groundRowsOfChild(db, actor, childId, today);
  return q ? grantsOf(await q.execute()) : [];
}

/**
 * The query of the grounds the actor has for one child (null: the actor has none anywhere), for
 * `grantsOf`; the gateway also reads it as a part of a larger statement.
 */
export function groundRowsOfChild(db: Db | Tx, actor: Actor, childId: string, today: string) {
  const q = groundsQuery(db, actor, today);
  if (!q) return null;
  return db
    .selectFrom(q.as('g'))
    .innerJoin('children as c', 'c.id', 'g.child_id')
    .where('g.child_id', '=', childId)
    .where('c.region_id', '=', actor.regionId)
    .select(['g.ground', 'g.consent_id', 'g.consent_kinds', 'g.case_id']);
}

/** The grants of one child's rows of the grounds query, each once. */
export function grantsOf(rows: readonly Pick<GroundRow, 'ground' | 'consent_id' | 'consent_kinds' | 'case_id'>[]): Grant[] {
  const seen = new Set<string>();
  const grants: Grant[] = [];
  for (const r of [...rows].sort(byGroundOrder)) {
    const key = `${r.ground}/${r.consent_id ?? ''}/${r.case_id ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const kinds = isConsentGround(r.ground) ? parseKinds(r.consent_kinds) : [...GROUNDS[r.ground as Ground]];
    grants.push({ ground: r.ground as Ground, consentId: r.consent_id, caseId: r.case_id, kinds });
  }
  return grants;
}

/**
 * The grounds of one child in a fixed order — the order of GROUNDS (the standing relations to the
 * child before the case's own, consent grounds after them, the emergency ground last), then consent
 * and case — not the order the planner happens to return them in: the ground that allows and is
 * logged is always the same one for the same relations.
 */
const GROUND_ORDER = new Map(Object.keys(GROUNDS).map((g, i) => [g, i]));
export function byGroundOrder(a: { ground: string; consent_id: string | null; case_id?: string | null }, b: { ground: string; consent_id: string | null; case_id?: string | null }): number {
  return (GROUND_ORDER.get(a.ground) ?? 99) - (GROUND_ORDER.get(b.ground) ?? 99) || (a.consent_id ?? '').localeCompare(b.consent_id ?? '') || (a.case_id ?? '').localeCompare(b.case_id ?? '');
}

/**
 * What the actor may see of each of many children (a list the gateway decides row by row), in one
 * query: the same grants as grantsForChild gives for each (empty when nothing).
 */
export async function grantsForChildren(db: Db | Tx, actor: Actor, childIds: readonly string[], today: string): Promise<Map<string, Grant[]>> {
  const rows: GroundRowOfChildren[] = [];
  for (let i = 0; i < childIds.length; i += 5_000) {
    const q = groundRowsOfChildren(db, actor, childIds.slice(i, i + 5_000), today);
    if (!q) break;
    rows.push(...(await q.execute()));
  }
  return grantsByChild(rows);
}

type GroundRowOfChildren = Pick<GroundRow, 'child_id' | 'ground' | 'consent_id' | 'consent_kinds' | 'case_id'>;

/**
 * The query of the grounds the actor has for each of `childIds` (null: none anywhere, or no
 * children), for `grantsByChild`; the gateway also reads it as a part of a larger statement.
 */
export function groundRowsOfChildren(db: Db | Tx, actor: Actor, childIds: readonly string[], today: string) {
  const q = groundsQuery(db, actor, today);
  if (!q || childIds.length === 0) return null;
  return db
    .selectFrom(q.as('g'))
    .innerJoin('children as c', 'c.id', 'g.child_id')
    .where('g.child_id', 'in', childIds)
    .where('c.region_id', '=', actor.regionId)
    .select(['g.child_id', 'g.ground', 'g.consent_id', 'g.consent_kinds', 'g.case_id']);
}

/** The grants of each child, from its rows of the grounds query (a child without rows has none). */
export function grantsByChild(rows: readonly GroundRowOfChildren[]): Map<string, Grant[]> {
  const byChild = new Map<string, GroundRowOfChildren[]>();
  for (const r of rows) {
    const list = byChild.get(r.child_id);
    if (list) list.push(r);
    else byChild.set(r.child_id, [r]);
  }
  const out = new Map<string, Grant[]>();
  for (const [childId, list] of byChild) out.set(childId, grantsOf(list));
  return out;
}

/**
 * The grants that count within one case: the standing relations, and the consents and emergency
 * accesses of THAT case (a consent belongs to the case and purpose it was given for).
 */
export function grantsInCase(grants: Grant[], caseId: string): Grant[] {
  return grants.filter((g) => g.caseId === null || g.caseId === caseId);
}

/** text[] arrives as an array from pg and PGlite, but be tolerant of the '{a,b}' literal form. */
function parseKinds(value: string[] | string | null): DataKind[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.replace(/^{|}$/g, '').split(',').filter(Boolean) : [];
  return list.filter((k): k is DataKind => (DATA_KINDS as readonly string[]).includes(k));
}

/** The grounds the actor has for one child (names only). */
export async function groundsForChild(db: Db | Tx, actor: Actor, childId: string, today: string): Promise<Ground[]> {
  return [...new Set((await grantsForChild(db, actor, childId, today)).map((g) => g.ground))];
}

/** The data kinds that fixed grounds grant (consent grounds: see grants). */
export function kindsOf(grounds: Ground[]): Set<DataKind> {
  const kinds = new Set<DataKind>();
  for (const g of grounds) for (const k of GROUNDS[g]) kinds.add(k);
  return kinds;
}

export function kindsOfGrants(grants: Grant[]): Set<DataKind> {
  const kinds = new Set<DataKind>();
  for (const g of grants) for (const k of g.kinds) kinds.add(k);
  return kinds;
}

/** The strongest ground that covers a kind, recorded as the legal ground in the access log. */
export function groundFor(grounds: Ground[], kind: DataKind): Ground | null {
  return grounds.find((g) => (GROUNDS[g] as readonly DataKind[]).includes(kind)) ?? null;
}

/** The grant that covers a kind: a fixed relation first, a consent after. */
export function grantFor(grants: Grant[], kind: DataKind): Grant | null {
  return grants.find((g) => !isConsentGround(g.ground) && g.kinds.includes(kind)) ?? grants.find((g) => g.kinds.includes(kind)) ?? null;
}
