import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database, Tx } from '../db/database.ts';
import { appendAccessLog, type AccessLogEntry } from '../audit/access-log.ts';
import { NotFoundError } from '../errors.ts';
import { today } from '../time.ts';
import type { Actor } from './actor.ts';
import { caseMembersQuery, caseRelation, caseRelationParts, caseRelations, caseRelationsFrom, NO_CASE_RELATION, type CaseRelation } from './case-relation.ts';
import { grantFor, grantsByChild, grantsForChildren, grantsInCase, grantsOf, groundRowsOfChild, groundRowsOfChildren, groundsQuery, byGroundOrder, isConsentGround, kindsOfGrants, GROUNDS, type DataKind, type Grant, type Ground } from './child-policy.ts';
import { signalAccess, signalGround, type SignalAccess } from './signal-policy.ts';

/**
 * The one door to a child's data (domain.md §7). Whatever a request names — a child, a case, a
 * plan, a goal, a consent, a signal, an absence report, a thuiszitter entry — the gateway resolves
 * the child behind it inside the transaction that does the work, asks the policy (the relation as
 * it is today), and writes the access-log entry, allowed or denied, in that same transaction. A
 * refusal commits its log entry and nothing else, and answers 404: the same answer as for a subject
 * that does not exist, so a refusal reveals nothing.
 *
 * Only this file writes the access log (the lint rule `house/access-log` says so); functions that
 * are not about a child (signing in, the administrator's changes) record their event through
 * `recordEvent`, lists scoped by the policy's own query through `recordListed`, and work on many
 * children at once (imports, exports) asks the policy for all of them with `withChildrenAccess`.
 */

/** Grounds recorded for relations to a case or a signal rather than to the child (a closed set). */
export const RELATION_GROUNDS = ['case_manager', 'case_team', 'case_team_no_consent', 'signal_author', 'transfer_match'] as const;
export type RelationGround = (typeof RELATION_GROUNDS)[number];
/** Every ground an access-log entry may name: the policy's grounds and the relation grounds. */
export type LogGround = Ground | RelationGround;
export const LOG_GROUNDS: readonly LogGround[] = [...(Object.keys(GROUNDS) as Ground[]), ...RELATION_GROUNDS];

/**
 * Recorded only, never a standing relation: the school's care coordinator importing pupils is shown
 * the minimum of a child of another school to decide whether a new pupil is that child (a transfer).
 */
export const TRANSFER_MATCH_GROUND: LogGround = 'transfer_match';

/** What a request names; the gateway finds the child (and the case) behind it. */
export type SubjectType = 'child' | 'case' | 'plan' | 'goal' | 'consent' | 'signal' | 'absence_report' | 'thuiszitter' | 'request' | 'observation';
export interface Subject {
  type: SubjectType;
  id: string;
}
export const subject = {
  child: (id: string): Subject => ({ type: 'child', id }),
  case: (id: string): Subject => ({ type: 'case', id }),
  plan: (id: string): Subject => ({ type: 'plan', id }),
  goal: (id: string): Subject => ({ type: 'goal', id }),
  consent: (id: string): Subject => ({ type: 'consent', id }),
  signal: (id: string): Subject => ({ type: 'signal', id }),
  absenceReport: (id: string): Subject => ({ type: 'absence_report', id }),
  thuiszitter: (id: string): Subject => ({ type: 'thuiszitter', id }),
  request: (id: string): Subject => ({ type: 'request', id }),
  /** A teacher's observation asked after a report back (of a request). */
  observation: (id: string): Subject => ({ type: 'observation', id }),
};

/** The key under which the subject's id goes into the log entry's detail. */
const DETAIL_KEY: Record<SubjectType, string | null> = {
  child: null,
  case: 'caseId',
  plan: 'planId',
  goal: 'goalId',
  consent: 'consentId',
  signal: 'signalId',
  absence_report: 'absenceReportId',
  thuiszitter: 'thuiszitterId',
  request: 'requestId',
  observation: 'observationId',
};

/** The subject as found in the actor's region: its child, and its case when it belongs to one. */
export interface Resolved {
  type: SubjectType;
  id: string;
  childId: string;
  caseId: string | null;
  planId: string | null;
  /** The case's keys (case, plan, goal, consent of a case): who owns and who manages it. */
  caseKeys: { id: string; organisation_id: string; case_manager_person_id: string; case_manager_organisation_id: string } | null;
  /** A signal's keys: where it was raised, and by whom. */
  signalKeys: { organisation_id: string; author_person_id: string; region_id: string } | null;
  /** A request's keys (of a case): the organisation that sent it and the one that received it. */
  requestKeys?: { from_organisation_id: string; to_organisation_id: string } | null;
  /** An observation's keys: the teacher asked, for which school. */
  observationKeys?: { person_id: string; organisation_id: string } | null;
}

const CASE_KEYS = ['k.id as case_id', 'k.organisation_id', 'k.case_manager_person_id', 'k.case_manager_organisation_id'] as const;

/** Finds the child behind the subject, in the actor's region, inside the transaction. */
async function resolve(tx: Tx, actor: Actor, s: Subject): Promise<Resolved | null> {
  const base = { type: s.type, id: s.id, caseId: null, planId: null, caseKeys: null, signalKeys: null };
  const withCase = (r: { child_id: string; case_id: string; organisation_id: string; case_manager_person_id: string; case_manager_organisation_id: string }, planId: string | null): Resolved => ({
    ...base,
    childId: r.child_id,
    caseId: r.case_id,
    planId,
    caseKeys: { id: r.case_id, organisation_id: r.organisation_id, case_manager_person_id: r.case_manager_person_id, case_manager_organisation_id: r.case_manager_organisation_id },
  });
  switch (s.type) {
    case 'child': {
      const r = await tx.selectFrom('children').select('id').where('id', '=', s.id).where('region_id', '=', actor.regionId).executeTakeFirst();
      return r ? { ...base, childId: r.id } : null;
    }
    case 'case': {
      // The case's plan (at most one) in the same statement: plan routes reached through the case need it.
      const r = await tx
        .selectFrom('cases as k')
        .leftJoin('plans as p', 'p.case_id', 'k.id')
        .select(['k.child_id', 'p.id as plan_id', ...CASE_KEYS])
        .where('k.id', '=', s.id)
        .where('k.region_id', '=', actor.regionId)
        .executeTakeFirst();
      return r ? withCase(r, r.plan_id) : null;
    }
    case 'plan': {
      const r = await tx
        .selectFrom('plans as p')
        .innerJoin('cases as k', 'k.id', 'p.case_id')
        .select(['k.child_id', 'p.id as plan_id', ...CASE_KEYS])
        .where('p.id', '=', s.id)
        .where('p.region_id', '=', actor.regionId)
        .executeTakeFirst();
      return r ? withCase(r, r.plan_id) : null;
    }
    case 'goal': {
      const r = await tx
        .selectFrom('plan_goals as g')
        .innerJoin('plans as p', 'p.id', 'g.plan_id')
        .innerJoin('cases as k', 'k.id', 'p.case_id')
        .select(['k.child_id', 'p.id as plan_id', ...CASE_KEYS])
        .where('g.id', '=', s.id)
        .where('p.region_id', '=', actor.regionId)
        .executeTakeFirst();
      return r ? withCase(r, r.plan_id) : null;
    }
    case 'consent': {
      const r = await tx
        .selectFrom('consents as c')
        .leftJoin('cases as k', 'k.id', 'c.case_id')
        .select(['c.child_id', 'k.id as case_id', 'k.organisation_id', 'k.case_manager_person_id', 'k.case_manager_organisation_id'])
        .where('c.id', '=', s.id)
        .where('c.region_id', '=', actor.regionId)
        .executeTakeFirst();
      if (!r) return null;
      if (r.case_id && r.organisation_id && r.case_manager_person_id && r.case_manager_organisation_id) {
        return withCase({ child_id: r.child_id, case_id: r.case_id, organisation_id: r.organisation_id, case_manager_person_id: r.case_manager_person_id, case_manager_organisation_id: r.case_manager_organisation_id }, null);
      }
      return { ...base, childId: r.child_id };
    }
    case 'signal': {
      const r = await tx.selectFrom('signals').select(['child_id', 'organisation_id', 'author_person_id', 'region_id']).where('id', '=', s.id).where('region_id', '=', actor.regionId).executeTakeFirst();
      return r ? { ...base, childId: r.child_id, signalKeys: { organisation_id: r.organisation_id, author_person_id: r.author_person_id, region_id: r.region_id } } : null;
    }
    case 'absence_report': {
      const r = await tx
        .selectFrom('absence_reports as a')
        .innerJoin('children as c', 'c.id', 'a.child_id')
        .select('a.child_id')
        .where('a.id', '=', s.id)
        .where('c.region_id', '=', actor.regionId)
        .executeTakeFirst();
      return r ? { ...base, childId: r.child_id } : null;
    }
    case 'thuiszitter': {
      const r = await tx.selectFrom('thuiszitters').select('child_id').where('id', '=', s.id).where('region_id', '=', actor.regionId).executeTakeFirst();
      return r ? { ...base, childId: r.child_id } : null;
    }
    case 'request': {
      const r = await tx
        .selectFrom('requests as rq')
        .innerJoin('cases as k', 'k.id', 'rq.case_id')
        .leftJoin('plans as p', 'p.case_id', 'k.id')
        .select(['k.child_id', 'p.id as plan_id', 'rq.from_organisation_id', 'rq.to_organisation_id', ...CASE_KEYS])
        .where('rq.id', '=', s.id)
        .where('rq.region_id', '=', actor.regionId)
        .executeTakeFirst();
      return r ? { ...withCase(r, r.plan_id), requestKeys: { from_organisation_id: r.from_organisation_id, to_organisation_id: r.to_organisation_id } } : null;
    }
    case 'observation': {
      const r = await tx
        .selectFrom('request_observations as o')
        .innerJoin('requests as rq', 'rq.id', 'o.request_id')
        .innerJoin('cases as k', 'k.id', 'rq.case_id')
        .select(['k.child_id', 'o.person_id', 'o.organisation_id as asked_for', ...CASE_KEYS])
        .where('o.id', '=', s.id)
        .where('o.region_id', '=', actor.regionId)
        .executeTakeFirst();
      return r ? { ...withCase(r, null), observationKeys: { person_id: r.person_id, organisation_id: r.asked_for } } : null;
    }
  }
}

/** What the policy knows of the actor and the subject today; the rules decide on these facts. */
export interface Facts {
  actor: Actor;
  subject: Resolved;
  /** The actor's grants on the child; for a subject of a case only those that count in that case. */
  grants: Grant[];
  /** Every grant the actor has on the child today, in whatever case (what `grants` was chosen from). */
  allGrants: Grant[];
  kinds: Set<DataKind>;
  /** Owner, manager, member of the subject's case, as today (none without a case). */
  relation: CaseRelation;
  /** A signal's reader: its school's care coordinator or its author (null otherwise). */
  signal: SignalAccess;
  /** The family acting: a parent with authority, or the young person (12+). */
  family: 'guardian' | 'child' | null;
  /**
   * A request's side, as today: the sender (acting for the sending organisation: who keeps the case
   * there, or a team member of another organisation than the school), or the receiver (acting for the receiving organisation, with a consent
   * of the case that covers it — or, for a question to the school, as the school that keeps the
   * case). Null otherwise, and for subjects that are no request.
   */
  request: 'sender' | 'receiver' | null;
}

export interface Decision {
  ground: LogGround;
  consentId: string | null;
}

/** A rule of the policy: allowed (with the ground to record) or null (denied). See `rules`. */
export type Rule = (facts: Facts) => Decision | null;

/** What the work gets: the facts, the decision and the transaction. */
export interface Access extends Facts, Decision {
  tx: Tx;
  childId: string;
  caseId: string | null;
  /** The standing grounds on the child (names only). */
  grounds: Ground[];
}

const fromGrant = (g: Grant | null): Decision | null => (g ? { ground: g.ground, consentId: g.consentId } : null);

/** The rules of the policy that requests may ask for. */
export const rules = {
  /** A kind of the child's data: a ground or a consent that covers it (optionally only some grounds). */
  childData:
    (kind: DataKind, onlyGrounds?: readonly Ground[]): Rule =>
    (f) =>
      fromGrant(grantFor(onlyGrounds ? f.grants.filter((g) => onlyGrounds.includes(g.ground)) : f.grants, kind)),
  /** Managing a case: the care coordinator of the school that owns it, or its case manager (as today). */
  manageCase: (): Rule => (f) => (f.relation.isOwner ? { ground: 'case_owner', consentId: null } : f.relation.isManager ? { ground: 'case_manager', consentId: null } : null),
  /** Only the school that owns the case (its care coordinators). */
  ownCase: (): Rule => (f) => (f.relation.isOwner ? { ground: 'case_owner', consentId: null } : null),
  /**
   * Reading a case: the owner, the manager or a team member. Who has no grant for the child's
   * identity (a team member without consent) sees the case limited; the entry says so.
   */
  readCase: (): Rule => (f) => {
    if (!f.relation.isOwner && !f.relation.isManager && !f.relation.isMember) return null;
    const identity = grantFor(f.grants, 'identity');
    return identity ? fromGrant(identity) : { ground: f.relation.isManager ? 'case_manager' : 'case_team_no_consent', consentId: null };
  },
  /**
   * Case data (the plan and what hangs from it). A professional must be owner, manager or member of
   * the case (`require` narrows that) and have a grant for `kind` (none needed when null: writing
   * an observation or a note as a team member); the family acts through authority or as the child.
   */
  caseData:
    (need: { kind: DataKind | null; who: 'professional' | 'family' | 'any'; require?: 'owner' | 'team' }): Rule =>
    (f) => {
      const { isOwner, isManager, isMember } = f.relation;
      const professional = f.actor.kind === 'professional' && (isOwner || isManager || isMember);
      const whoOk = need.who === 'any' ? professional || !!f.family : need.who === 'family' ? !!f.family : professional;
      const requireOk = !need.require || (need.require === 'owner' ? isOwner : isOwner || isManager || isMember);
      const grant = need.kind ? grantFor(f.grants, need.kind) : null;
      if (!whoOk || !requireOk || (need.kind !== null && !grant)) return null;
      return grant ? fromGrant(grant) : { ground: isManager ? 'case_manager' : 'case_team', consentId: null };
    },
  /** The family on their own child's record in a case (withdrawing a consent). */
  family: (): Rule => (f) => fromGrant(f.grants.find((g) => g.ground === 'guardian_authority' || g.ground === 'self_16plus' || g.ground === 'self_12plus') ?? null),
  /**
   * Asking emergency access on the safety route (Meldcode): a member of the case's team, for the
   * organisation acted for now; recorded on the emergency ground it opens. (That the case is open
   * and on the safety route is not a relation: the caller refuses otherwise, see `refuse`.)
   */
  emergencyAccess: (): Rule => (f) => (f.relation.isMember ? { ground: 'emergency_meldcode', consentId: null } : null),
  /** A signal: its school's care coordinator (all of it) or its author (what became of it). */
  signal:
    (only?: SignalAccess): Rule =>
    (f) =>
      f.signal && (!only || f.signal === only) ? { ground: signalGround(f.signal), consentId: null } : null,
  /**
   * A request between organisations (docs/requests.md): its sender or its receiver as today
   * (Facts.request), optionally only one side. The sender is recorded on the ground that covers
   * the child's identity (or the case relation), the receiver on the consent that lets it read.
   */
  request:
    (only?: 'sender' | 'receiver'): Rule =>
    (f) => {
      if (!f.request || (only && f.request !== only)) return null;
      if (f.request === 'receiver') {
        // Another organisation through its consent; the school that keeps the case (a question to it) through its own grounds.
        const consent = f.grants.find((g) => isConsentGround(g.ground) && g.kinds.includes('identity')) ?? f.grants.find((g) => isConsentGround(g.ground));
        if (consent) return fromGrant(consent);
      }
      const identity = grantFor(f.grants, 'identity');
      return identity ? fromGrant(identity) : { ground: f.relation.isManager ? 'case_manager' : 'case_team', consentId: null };
    },
  /**
   * A teacher's observation after a report back (docs/requests.md): only the teacher asked, acting
   * for the school she was asked for, and only while she is related to the child today — on the
   * ground that covers the child's identity (her group) or as a member of the case's team.
   */
  observation: (): Rule => (f) => {
    const k = f.subject.observationKeys;
    if (!k || f.actor.personId !== k.person_id || f.actor.membership?.organisationId !== k.organisation_id) return null;
    const identity = grantFor(f.grants, 'identity');
    return identity ? fromGrant(identity) : f.relation.isMember ? { ground: 'case_team', consentId: null } : null;
  },
  /** Either rule: the first that allows. */
  anyOf:
    (...list: Rule[]): Rule =>
    (f) => {
      for (const r of list) {
        const d = r(f);
        if (d) return d;
      }
      return null;
    },
} as const;

export interface AccessOptions {
  /** Added to the log entry's detail (never a child's data: ids, the action, the kind). */
  detail?: Record<string, unknown>;
  /** Lock the subject's case row for the change (FOR UPDATE) before the rule is asked. */
  lockCase?: boolean;
}

/** A refusal the rule cannot see: its reason for the log (`why`), and the answer instead of 404. */
export interface Refusal {
  why: string;
  error: Error;
}

/** What `withAccess` may be told besides AccessOptions; all optional. */
export interface WithAccessOptions extends AccessOptions {
  /**
   * Added to an allowed entry only (as accessIn's): what was done, or what the decision showed (a
   * function of it: whether a case is shown limited). Never in a denied entry.
   */
  allowedDetail?: Record<string, unknown> | ((decision: Decision) => Record<string, unknown>);
  /**
   * A refusal that is no relation (the case is closed, not on the safety route), asked once the rule
   * allowed: logged denied with its `why` in the detail, committed, and thrown instead of 404.
   */
  refuse?: (access: Access) => Promise<Refusal | null>;
}

/** Entries held back for one statement at the end of a unit of work (`withLogBatch`), per transaction. */
const held = new WeakMap<Tx, AccessLogEntry[]>();

/** Writes entries to the access log in `tx` — or holds them, inside `withLogBatch`, to write them with the rest. */
async function log(tx: Tx, entries: AccessLogEntry | AccessLogEntry[]): Promise<void> {
  const pending = held.get(tx);
  if (pending) pending.push(...(Array.isArray(entries) ? entries : [entries]));
  else await appendAccessLog(tx, entries);
}

/**
 * Work in `tx` that shows several lists, each logging what it shows (the worklist's sources): their
 * entries are written in one statement when `work` is done, still in `tx` — so with the reads they
 * record, or (when `work` fails and the transaction rolls back) not at all, as before.
 */
export async function withLogBatch<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  if (held.has(tx)) return work();
  const pending: AccessLogEntry[] = [];
  held.set(tx, pending);
  let value: T;
  try {
    value = await work();
  } finally {
    held.delete(tx);
  }
  await appendAccessLog(tx, pending);
  return value;
}

export const actorLogFields = (actor: Actor) => ({
  regionId: actor.regionId,
  accountId: actor.accountId,
  personId: actor.personId,
  organisationId: actor.membership?.organisationId ?? null,
  role: actor.membership?.role ?? actor.kind,
  ip: actor.ip,
});

/** The facts of the actor on a resolved subject, read inside the transaction. */
async function factsOf(tx: Tx, actor: Actor, s: Resolved): Promise<Facts> {
  const grounds = groundRowsOfChild(tx, actor, s.childId, today());
  const team = s.caseKeys ? caseRelationParts(tx, actor, s.caseKeys) : null;
  if (grounds && team) {
    // The grants on the child and the team membership of the case: one statement.
    const row = await tx.selectNoFrom((eb) => [jsonArrayFrom(grounds).as('grounds'), eb.exists(team.member).as('member')]).executeTakeFirstOrThrow();
    return factsFrom(actor, s, grantsOf(row.grounds), team.relation(!!row.member));
  }
  // No grounds anywhere, or no case (or no professional): what there is, on its own.
  if (team) return factsFrom(actor, s, [], team.relation(!!(await team.member.executeTakeFirst())));
  return factsFrom(actor, s, grounds ? grantsOf(await grounds.execute()) : [], NO_CASE_RELATION);
}

/**
 * A child of the actor's region and the actor's grants on it, in one statement: null when there is
 * no such child; undefined when the actor has no grounds anywhere (then `resolve` and `factsOf`).
 */
async function childWithFacts(tx: Tx, actor: Actor, childId: string): Promise<Facts | null | undefined> {
  const grounds = groundRowsOfChild(tx, actor, childId, today());
  if (!grounds) return undefined;
  const r = await tx.selectFrom('children as ch').select(['ch.id', jsonArrayFrom(grounds).as('grounds')]).where('ch.id', '=', childId).where('ch.region_id', '=', actor.regionId).executeTakeFirst();
  if (!r) return null;
  const subject: Resolved = { type: 'child', id: r.id, childId: r.id, caseId: null, planId: null, caseKeys: null, signalKeys: null };
  return factsFrom(actor, subject, grantsOf(r.grounds), NO_CASE_RELATION);
}

/** The facts from what was read of them: the actor's grants on the child, and the relation to the subject's case. */
function factsFrom(actor: Actor, s: Resolved, all: Grant[], relation: CaseRelation): Facts {
  // A consent (and an emergency access) counts in the case it was given in.
  const grants = s.caseId ? grantsInCase(all, s.caseId) : all;
  const signal = s.signalKeys ? signalAccess(actor, s.signalKeys) : null;
  const family = grants.some((g) => g.ground === 'guardian_authority') ? 'guardian' : grants.some((g) => g.ground === 'self_12plus' || g.ground === 'self_16plus') ? 'child' : null;
  const acting = actor.kind === 'professional' ? (actor.membership?.organisationId ?? null) : null;
  const rk = s.requestKeys;
  const request =
    !rk || !acting
      ? null
      : acting === rk.from_organisation_id && (relation.isOwner || relation.isManager || (relation.isMember && acting !== s.caseKeys?.organisation_id))
        ? 'sender'
        : acting === rk.to_organisation_id && (grants.some((g) => isConsentGround(g.ground)) || relation.isOwner || relation.isManager)
          ? 'receiver'
          : null;
  return { actor, subject: s, grants, allGrants: all, kinds: kindsOfGrants(grants), relation, signal, family, request };
}

/** The door itself: resolve, ask, log — in `tx`. Denied: the entry is written and the refusal returned. */
async function enter(tx: Tx, actor: Actor, s: Subject, rule: Rule, event: string, opts: WithAccessOptions): Promise<{ access: Access } | { refused: Error | null }> {
  // A child is found and its grants read in one statement; other subjects resolve to their child first.
  const childFacts = s.type === 'child' ? await childWithFacts(tx, actor, s.id) : undefined;
  const resolved = childFacts === undefined ? await resolve(tx, actor, s) : (childFacts?.subject ?? null);
  const key = DETAIL_KEY[s.type];
  const detail = { ...(key ? { [key]: s.id } : {}), ...opts.detail };
  if (!resolved) {
    await log(tx, { ...actorLogFields(actor), event, outcome: 'denied', childId: null, detail });
    return { refused: null };
  }
  if (opts.lockCase && resolved.caseId) await tx.selectFrom('cases').select('id').where('id', '=', resolved.caseId).forUpdate().execute();
  const facts = childFacts ?? (await factsOf(tx, actor, resolved));
  const decision = rule(facts);
  if (!decision) {
    await log(tx, { ...actorLogFields(actor), event, outcome: 'denied', childId: resolved.childId, detail });
    return { refused: null };
  }
  const grounds = [...new Set(facts.grants.map((g) => g.ground))];
  const access: Access = { ...facts, ...decision, tx, childId: resolved.childId, caseId: resolved.caseId, grounds };
  const refusal = opts.refuse ? await opts.refuse(access) : null;
  if (refusal) {
    await log(tx, { ...actorLogFields(actor), event, outcome: 'denied', childId: resolved.childId, detail: { ...detail, why: refusal.why } });
    return { refused: refusal.error };
  }
  const allowedDetail = typeof opts.allowedDetail === 'function' ? opts.allowedDetail(decision) : opts.allowedDetail;
  await log(tx, { ...actorLogFields(actor), event, outcome: 'allowed', childId: resolved.childId, ground: decision.ground, consentId: decision.consentId, detail: { ...detail, ...allowedDetail } });
  return { access };
}

/**
 * The one way into a child's data: resolves the subject, asks the rule, logs, and runs `work` in
 * the same transaction. Denied (or not found in the actor's region): logged, committed, 404 (a
 * refusal by `opts.refuse`: logged with its why, committed, its own error).
 */
export async function withAccess<T>(database: Database, actor: Actor, s: Subject, rule: Rule, event: string, work: (access: Access) => Promise<T>, opts: WithAccessOptions = {}): Promise<T> {
  const result = await database.db.transaction().execute(async (tx) => {
    const entered = await enter(tx, actor, s, rule, event, opts);
    if ('refused' in entered) return { denied: true as const, error: entered.refused };
    return { denied: false as const, value: await work(entered.access) };
  });
  if (result.denied) throw result.error ?? new NotFoundError();
  return result.value;
}

/** A kind of one child's data (the common case), optionally only on some grounds. */
export function withChildAccess<T>(
  database: Database,
  actor: Actor,
  childId: string,
  kind: DataKind,
  event: string,
  work: (access: Access) => Promise<T>,
  detail: Record<string, unknown> = {},
  onlyGrounds?: readonly Ground[],
): Promise<T> {
  return withAccess(database, actor, subject.child(childId), rules.childData(kind, onlyGrounds), event, work, { detail: { ...detail, kind } });
}

/** One child on a list the policy's own query scoped (groundsQuery): the ground it found. */
export interface Listed {
  childId: string;
  ground: LogGround;
  consentId?: string | null;
  detail?: Record<string, unknown>;
}

/** Logs the children a list showed, each with the ground the policy's query found for it. */
export async function recordListed(tx: Tx, actor: Actor, event: string, listed: Listed[]): Promise<void> {
  await log(
    tx,
    listed.map((l) => ({ ...actorLogFields(actor), event, outcome: 'allowed' as const, childId: l.childId, ground: l.ground, consentId: l.consentId ?? null, detail: l.detail ?? {} })),
  );
}

/** Children asked of the policy per statement (well under PostgreSQL's parameter limit). */
const BULK_CHUNK = 5_000;

export interface ChildrenAccess {
  childIds: readonly string[];
  /** The kind of data the work uses. */
  kind: DataKind;
  /** The event each entry records. */
  event: string;
  /** What each child's entry says besides the kind (the import, the row…). */
  detailOf?: (childId: string) => Record<string, unknown>;
  /** Only these grounds count (an import of a school: the school's own relation). */
  grounds?: readonly Ground[];
  /** The day the policy is asked for a child, when not today (a pupil registered ahead). */
  dayOf?: (childId: string) => string;
}

/**
 * Work on many children at once (an import, an export, a workspace): asks the policy for every
 * child in one query, inside the transaction, and logs each — allowed with its ground, or denied.
 * Returns the children the actor may use `kind` of; the caller refuses or leaves out the rest.
 *
 * `dayOf` asks the policy on another day than today for some children: a pupil the school registers
 * before the enrolment starts (next school year) has the school's relation from its first day, not
 * yet today. The entry then says on which day the ground holds (`groundOn`).
 */
export async function withChildrenAccess(tx: Tx, actor: Actor, work: ChildrenAccess): Promise<{ allowed: Set<string>; denied: string[] }> {
  const { childIds, kind, event, detailOf = () => ({}), grounds: onlyGrounds, dayOf } = work;
  const ids = [...new Set(childIds)];
  if (ids.length === 0) return { allowed: new Set(), denied: [] };
  const day = today();
  const byDay = new Map<string, string[]>();
  for (const id of ids) {
    const on = dayOf?.(id) ?? day;
    const list = byDay.get(on);
    if (list) list.push(id);
    else byDay.set(on, [id]);
  }
  const rows: { child_id: string; ground: string; consent_id: string | null; consent_kinds: string[] | null }[] = [];
  for (const [on, list] of byDay) {
    for (let i = 0; i < list.length; i += BULK_CHUNK) {
      const q = groundsQuery(tx, actor, on);
      if (!q) break;
      rows.push(
        ...(await tx
          .selectFrom(q.as('g'))
          .innerJoin('children as c', 'c.id', 'g.child_id')
          .where('g.child_id', 'in', list.slice(i, i + BULK_CHUNK))
          .where('c.region_id', '=', actor.regionId)
          .select(['g.child_id', 'g.ground', 'g.consent_id', 'g.consent_kinds'])
          .execute()),
      );
    }
  }
  const best = new Map<string, Decision>();
  for (const r of rows.sort(byGroundOrder)) {
    const ground = r.ground as Ground;
    if (onlyGrounds && !onlyGrounds.includes(ground)) continue;
    const kinds: readonly string[] = isConsentGround(ground) ? (r.consent_kinds ?? []) : GROUNDS[ground];
    if (!kinds.includes(kind)) continue;
    // A consent counts only within its case; bulk work is never case work.
    if (isConsentGround(ground) || ground === 'emergency_meldcode') continue;
    if (!best.has(r.child_id)) best.set(r.child_id, { ground, consentId: r.consent_id });
  }
  // One entry a child, built field by field (an import logs thousands; spreads cost more than the rest).
  const who = actorLogFields(actor);
  const entries = new Array<AccessLogEntry>(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const childId = ids[i];
    const d = best.get(childId);
    const on = dayOf?.(childId) ?? day;
    const detail: Record<string, unknown> = Object.assign({}, detailOf(childId));
    detail.kind = kind;
    if (on !== day) detail.groundOn = on;
    entries[i] = {
      regionId: who.regionId,
      accountId: who.accountId,
      personId: who.personId,
      organisationId: who.organisationId,
      role: who.role,
      ip: who.ip,
      event,
      outcome: d ? 'allowed' : 'denied',
      childId,
      ground: d ? d.ground : null,
      consentId: d ? d.consentId : null,
      detail,
    };
  }
  await log(tx, entries);
  return { allowed: new Set(best.keys()), denied: ids.filter((id) => !best.has(id)) };
}

/**
 * An event that is not a read of a child's data — signing in, an administrator's change, a search
 * of the log itself — recorded in the caller's transaction. `actor` null: nobody signed in yet.
 */
export async function recordEvent(
  tx: Tx,
  actor: Actor | null,
  entry: { event: string; outcome?: 'allowed' | 'denied'; childId?: string | null; ground?: LogGround | null; detail?: Record<string, unknown>; ip?: string | null; regionId?: string | null; accountId?: string | null; personId?: string | null },
): Promise<void> {
  const { outcome = 'allowed', event, ...rest } = entry;
  await log(tx, { ...(actor ? actorLogFields(actor) : {}), ...stripUndefined(rest), event, outcome });
}

const stripUndefined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * Rows a list found with its own SQL (in the actor's region), each decided by the rule a single read
 * of it would ask, on the facts of today — so a list never shows what the detail would refuse. The
 * caller logs the rows it shows with `recordListed` and the decision's ground.
 */
export async function decideEach(tx: Tx, actor: Actor, rows: readonly Resolved[], rule: Rule): Promise<(Decision | null)[]> {
  if (rows.length === 0) return [];
  // The facts a single read reads, for all rows at once: the grants on their children and the
  // reader's team memberships of their cases, in one statement (in batches beyond 5,000 of either).
  const childIds = [...new Set(rows.map((r) => r.childId))];
  const keys = rows.flatMap((r) => (r.caseKeys ? [r.caseKeys] : []));
  const caseIds = [...new Set(keys.map((k) => k.id))];
  const grounds = childIds.length <= 5_000 ? groundRowsOfChildren(tx, actor, childIds, today()) : null;
  const members = caseIds.length <= 5_000 ? caseMembersQuery(tx, actor, caseIds) : null;
  let grants: Map<string, Grant[]>;
  let relations: Map<string, CaseRelation>;
  if (grounds && members) {
    const both = await tx.selectNoFrom([jsonArrayFrom(grounds).as('grounds'), jsonArrayFrom(members).as('members')]).executeTakeFirstOrThrow();
    grants = grantsByChild(both.grounds);
    relations = caseRelationsFrom(actor, keys, new Set(both.members.map((m) => m.case_id)));
  } else {
    grants = await grantsForChildren(tx, actor, childIds, today());
    relations = await caseRelations(tx, actor, keys);
  }
  return rows.map((r) => rule(factsFrom(actor, r, grants.get(r.childId) ?? [], r.caseKeys ? (relations.get(r.caseKeys.id) ?? NO_CASE_RELATION) : NO_CASE_RELATION)));
}

/**
 * Whether a link to another subject may be shown: the rule its own page asks, decided on today's
 * facts inside the caller's transaction. Nothing is read or logged (the page logs when it is
 * opened), so a screen never offers a link that ends in "Geen toegang".
 *
 * `seen`: the access the caller entered with, in this transaction, with nothing written since (a
 * page that only reads): a link to the same child or the same case is decided on the facts that
 * entry read, not read again.
 */
export async function mayFollow(tx: Tx, actor: Actor, s: Subject, rule: Rule, seen?: Access): Promise<boolean> {
  const resolved = (seen && resolvedFrom(seen, s)) || (await resolve(tx, actor, s));
  if (!resolved) return false;
  if (seen && resolved.childId === seen.childId) {
    // The same child (and maybe the same case) as the page the caller entered: the facts it read.
    const relation = !resolved.caseKeys ? NO_CASE_RELATION : resolved.caseKeys.id === seen.caseId ? seen.relation : await caseRelation(tx, actor, resolved.caseKeys);
    return rule(factsFrom(actor, resolved, seen.allGrants, relation)) !== null;
  }
  return rule(await factsOf(tx, actor, resolved)) !== null;
}

/**
 * A link's subject that the entered page already resolved: its own child, or its own case (the
 * case of a plan). Null when it must be read.
 */
function resolvedFrom(seen: Access, s: Subject): Resolved | null {
  const none = { caseId: null, planId: null, caseKeys: null, signalKeys: null };
  if (s.type === 'child' && s.id === seen.childId) return { ...none, type: 'child', id: s.id, childId: s.id };
  const keys = seen.subject.caseKeys;
  if (s.type === 'case' && keys && s.id === keys.id) return { ...none, type: 'case', id: s.id, childId: seen.childId, caseId: s.id, planId: seen.subject.planId, caseKeys: keys };
  return null;
}

/**
 * The condition of a part of one statement that only some readers may see (the enrolments, the
 * parents, a case's file): false leaves that part unread — an empty list or a null — not read and
 * then dropped.
 */
export const readIf = (granted: boolean) => sql<boolean>`${granted}`;

/** A case a list found, as the gateway would have resolved it. */
export const resolvedCase = (k: { id: string; child_id: string; organisation_id: string; case_manager_person_id: string; case_manager_organisation_id: string }): Resolved => ({
  type: 'case',
  id: k.id,
  childId: k.child_id,
  caseId: k.id,
  planId: null,
  caseKeys: { id: k.id, organisation_id: k.organisation_id, case_manager_person_id: k.case_manager_person_id, case_manager_organisation_id: k.case_manager_organisation_id },
  signalKeys: null,
});

/** A request's row (with its case's keys) as the gateway resolves it: for lists that decide each request with decideEach. */
export const resolvedRequest = (r: {
  id: string;
  child_id: string;
  case_id: string;
  organisation_id: string;
  case_manager_person_id: string;
  case_manager_organisation_id: string;
  from_organisation_id: string;
  to_organisation_id: string;
}): Resolved => ({
  ...resolvedCase({ ...r, id: r.case_id }),
  type: 'request',
  id: r.id,
  requestKeys: { from_organisation_id: r.from_organisation_id, to_organisation_id: r.to_organisation_id },
});

/**
 * The gateway inside a transaction the caller already holds: for a check that is one step of larger
 * work (a case opened from a signal moves the signal in the case's transaction), or whose rule
 * depends on a row the caller reads first in that same transaction (the school that reported a
 * candidate). Resolves the subject in `tx`, asks the rule, and logs in `tx` — allowed with the
 * rule's ground, or denied — as `withAccess` does. Returns the access, or null when denied or not
 * found: the caller answers 404 and lets its transaction commit (the denied entry with it), or
 * rolls everything back when the refusal is part of a larger failure. `allowedDetail` is added to
 * an allowed entry only: what was done, known once the subject was found (never in a denied one).
 */
export async function accessIn(tx: Tx, actor: Actor, s: Subject, rule: Rule, event: string, opts: AccessOptions & { allowedDetail?: Record<string, unknown> } = {}): Promise<Access | null> {
  const entered = await enter(tx, actor, s, rule, event, opts);
  return 'access' in entered ? entered.access : null;
}
