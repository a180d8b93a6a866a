import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { Fixture } from '../../../test/support/fixtures.ts';
import { seedDemo, type DemoSeedResult } from '../../modules/demo/seed-demo.ts';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from './actor.ts';
import { decideEach, LOG_GROUNDS, mayFollow, resolvedCase, recordEvent, recordListed, rules, subject, withAccess, withChildrenAccess, withLogBatch, type Rule, type Subject } from './gateway.ts';
import type { Role } from './roles.ts';

/**
 * The one door: whatever a request names, the gateway finds the child behind it in the actor's
 * region, inside the transaction that does the work, asks the rule, and logs — allowed or denied —
 * in that same transaction.
 */
let database: Database;
let demo: DemoSeedResult;
let stranger: Actor; // a care coordinator in another region
const ids: Record<string, { subject: Subject; childId: string; caseId: string | null }> = {};

async function actorOf(username: string): Promise<Actor> {
  const a = demo.accounts[username];
  const row = await database.db.selectFrom('accounts').select(['id', 'kind', 'region_id', 'person_id', 'guardian_id', 'child_id']).where('id', '=', a.accountId).executeTakeFirstOrThrow();
  const m = row.person_id
    ? await database.db
        .selectFrom('memberships as m')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select(['m.id', 'm.organisation_id', 'm.role', 'o.kind', 'o.name', 'o.gemeente_id'])
        .where('m.person_id', '=', row.person_id)
        .where('m.ended_at', 'is', null)
        // The organisation the demo names for the account (a person may have several memberships made at the same moment).
        .$if(!!a.organisationId, (q) => q.where('m.organisation_id', '=', a.organisationId!))
        .orderBy('m.created_at')
        .orderBy('m.id')
        .executeTakeFirst()
    : undefined;
  return {
    accountId: row.id,
    regionId: row.region_id,
    username,
    kind: row.kind,
    personId: row.person_id,
    guardianId: row.guardian_id,
    childId: row.child_id,
    membership: m ? { id: m.id, organisationId: m.organisation_id, organisationKind: m.kind, organisationName: m.name, gemeenteId: m.gemeente_id, role: m.role as Role } : null,
    ip: null,
  };
}

const logRows = (accountId: string) => database.db.selectFrom('access_log').selectAll().where('account_id', '=', accountId).orderBy('seq').execute();
const lastLog = async (accountId: string) => (await logRows(accountId)).at(-1);

beforeAll(async () => {
  database = await createTestDatabase();
  demo = await seedDemo(database, { children: 60 });
  const db = database.db;
  // The demo's case of the intern begeleider's school with the youth care worker on its team (its
  // plan, a goal, a consent), and a signal, a report, a register entry. Cases opened at the same
  // moment are told apart by id, so the same one is chosen whatever plan the database picks.
  const k = await db
    .selectFrom('cases as k')
    .select(['k.id', 'k.child_id'])
    .where('k.organisation_id', '=', demo.accounts.ib.organisationId!)
    .where((eb) => eb.exists(eb.selectFrom('case_members as cm').select('cm.id').whereRef('cm.case_id', '=', 'k.id').where('cm.person_id', '=', demo.accounts.jeugdhulp.personId!).where('cm.removed_at', 'is', null)))
    .orderBy('k.opened_at')
    .orderBy('k.id')
    .executeTakeFirstOrThrow();
  const plan = await db.selectFrom('plans').select('id').where('case_id', '=', k.id).executeTakeFirstOrThrow();
  const goal = await db.selectFrom('plan_goals').select('id').where('plan_id', '=', plan.id).executeTakeFirstOrThrow();
  const consent = await db.selectFrom('consents').select('id').where('case_id', '=', k.id).executeTakeFirstOrThrow();
  const signal = await db.selectFrom('signals').select(['id', 'child_id']).executeTakeFirstOrThrow();
  const report = await db.selectFrom('absence_reports').select(['id', 'child_id']).executeTakeFirstOrThrow();
  const entry = await db.selectFrom('thuiszitters').select(['id', 'child_id']).executeTakeFirstOrThrow();
  ids.child = { subject: subject.child(k.child_id), childId: k.child_id, caseId: null };
  ids.case = { subject: subject.case(k.id), childId: k.child_id, caseId: k.id };
  ids.plan = { subject: subject.plan(plan.id), childId: k.child_id, caseId: k.id };
  ids.goal = { subject: subject.goal(goal.id), childId: k.child_id, caseId: k.id };
  ids.consent = { subject: subject.consent(consent.id), childId: k.child_id, caseId: k.id };
  ids.signal = { subject: subject.signal(signal.id), childId: signal.child_id, caseId: null };
  ids.absence_report = { subject: subject.absenceReport(report.id), childId: report.child_id, caseId: null };
  ids.thuiszitter = { subject: subject.thuiszitter(entry.id), childId: entry.child_id, caseId: null };

  const f = new Fixture(database);
  await f.region('Andere regio');
  const school = await f.organisation('school_location', 'Elders', { brin: '98ZZ', vestiging: '00', schoolType: 'po' });
  stranger = await f.professional('care_coordinator', school);
});
afterAll(async () => database?.close());

/** A rule that allows anything the actor can reach, recording a fixed ground: to test resolution alone. */
const anyone = () => ({ ground: 'school_care' as const, consentId: null });

describe('resolving the subject', () => {
  for (const type of ['child', 'case', 'plan', 'goal', 'consent', 'signal', 'absence_report', 'thuiszitter']) {
    it(`a ${type} leads to its child (and case), found inside the transaction and logged with it`, async () => {
      const actor = await actorOf('ib');
      const { subject: s, childId, caseId } = ids[type];
      const seen = await withAccess(database, actor, s, anyone, 'test.resolve', async (a) => {
        // The work runs in the transaction that holds the log entry: it sees it.
        const inTx = await a.tx.selectFrom('access_log').select(['child_id', 'outcome']).where('account_id', '=', actor.accountId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
        return { childId: a.childId, caseId: a.caseId, inTx };
      });
      expect(seen).toEqual({ childId, caseId, inTx: { child_id: childId, outcome: 'allowed' } });
      const row = await lastLog(actor.accountId);
      expect(row).toMatchObject({ event: 'test.resolve', outcome: 'allowed', child_id: childId, ground: 'school_care' });
      if (type !== 'child') expect(Object.values(row!.detail)).toContain(s.id);
    });

    it(`a ${type} of another region is not found: 404, one denied entry without a child`, async () => {
      const before = (await logRows(stranger.accountId)).length;
      let ran = false;
      await expect(
        withAccess(database, stranger, ids[type].subject, anyone, 'test.other_region', async () => {
          ran = true;
        }),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect(ran).toBe(false);
      const rows = await logRows(stranger.accountId);
      expect(rows.length).toBe(before + 1);
      expect(rows.at(-1)).toMatchObject({ event: 'test.other_region', outcome: 'denied', child_id: null, ground: null });
    });
  }

  it('an id that does not exist is answered exactly like a refusal', async () => {
    const actor = await actorOf('ib');
    await expect(withAccess(database, actor, subject.case('00000000-0000-4000-8000-000000000000'), anyone, 'test.missing', async () => 1)).rejects.toBeInstanceOf(NotFoundError);
    expect(await lastLog(actor.accountId)).toMatchObject({ event: 'test.missing', outcome: 'denied', child_id: null });
  });
});

describe('asking the rule', () => {
  it('a refusal commits its denied entry (with the child) and nothing the work would have written', async () => {
    const teacher = await actorOf('leerkracht');
    const before = await database.db.selectFrom('case_notes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(
      withAccess(database, teacher, ids.case.subject, rules.manageCase(), 'test.manage', async (a) => {
        await a.tx.insertInto('case_notes').values({ case_id: ids.case.caseId!, author_person_id: teacher.personId!, organisation_id: teacher.membership!.organisationId, text: 'mag niet' }).execute();
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const after = await database.db.selectFrom('case_notes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await lastLog(teacher.accountId)).toMatchObject({ event: 'test.manage', outcome: 'denied', child_id: ids.case.childId, ground: null, detail: { caseId: ids.case.caseId } });
  });

  it('when the work fails, its allowed entry goes with it: no entry without the read it records', async () => {
    const ib = await actorOf('ib');
    const before = (await logRows(ib.accountId)).length;
    await expect(
      withAccess(database, ib, ids.child.subject, anyone, 'test.fails', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await logRows(ib.accountId)).length).toBe(before);
  });

  it('the case owner manages the case; a team member of another organisation does not', async () => {
    // In the demo the intern begeleider's school owns the case, and the youth care worker is on its team.
    const ground = await withAccess(database, await actorOf('ib'), ids.case.subject, rules.manageCase(), 'test.owner', async (a) => a.ground);
    expect(ground).toBe('case_owner');
    const jeugdhulp = await actorOf('jeugdhulp');
    await expect(withAccess(database, jeugdhulp, ids.case.subject, rules.manageCase(), 'test.member', async () => 1)).rejects.toBeInstanceOf(NotFoundError);
    expect(await lastLog(jeugdhulp.accountId)).toMatchObject({ event: 'test.member', outcome: 'denied', child_id: ids.case.childId });
  });

  it('the team member reads the case on the consent of that case, and the entry names the consent', async () => {
    const jeugdhulp = await actorOf('jeugdhulp');
    const consent = ids.consent.subject.id;
    const seen = await withAccess(database, jeugdhulp, ids.case.subject, rules.readCase(), 'test.in_case', async (a) => ({ ground: a.ground, consentId: a.consentId, caseIds: a.grants.map((g) => g.caseId) }));
    expect(seen.ground).toBe('case_consent');
    expect(seen.consentId).toBe(consent);
    for (const c of seen.caseIds) expect(c === null || c === ids.case.caseId).toBe(true);
    expect(await lastLog(jeugdhulp.accountId)).toMatchObject({ event: 'test.in_case', outcome: 'allowed', ground: 'case_consent', consent_id: consent });
  });
});

describe('many children at once', () => {
  it('asks the policy for each child, logs each allowed with its own ground and each denied one, and answers which may be used', async () => {
    const ib = await actorOf('ib');
    const own = await database.db.selectFrom('enrolments').select('child_id').where('organisation_id', '=', ib.membership!.organisationId).where('end_date', 'is', null).limit(3).execute();
    const other = await database.db.selectFrom('enrolments').select('child_id').where('organisation_id', '!=', ib.membership!.organisationId).where('end_date', 'is', null).limit(2).execute();
    const childIds = [...own.map((r) => r.child_id), ...other.map((r) => r.child_id)];
    const before = (await logRows(ib.accountId)).length;
    const result = await database.db.transaction().execute((tx) => withChildrenAccess(tx, ib, { childIds, kind: 'absence', event: 'test.bulk', detailOf: (childId) => ({ row: childIds.indexOf(childId) }) }));
    expect([...result.allowed].sort()).toEqual(own.map((r) => r.child_id).sort());
    expect(result.denied.sort()).toEqual(other.map((r) => r.child_id).sort());
    const rows = (await logRows(ib.accountId)).slice(before);
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      const allowed = result.allowed.has(r.child_id!);
      expect(r).toMatchObject({ event: 'test.bulk', outcome: allowed ? 'allowed' : 'denied', ground: allowed ? 'school_care' : null, detail: { kind: 'absence', row: childIds.indexOf(r.child_id!) } });
    }
  });

  it('a consent is never a ground for bulk work: the youth care worker gets no child that way', async () => {
    const jeugdhulp = await actorOf('jeugdhulp');
    const result = await database.db.transaction().execute((tx) => withChildrenAccess(tx, jeugdhulp, { childIds: [ids.case.childId], kind: 'identity', event: 'test.bulk_consent' }));
    expect(result.allowed.size).toBe(0);
    expect(result.denied).toEqual([ids.case.childId]);
  });
});

describe('grounds', () => {
  it('every ground in the log is one of the closed set', async () => {
    await database.db.transaction().execute((tx) => recordEvent(tx, null, { event: 'test.event', detail: { why: 'a function, not a child' } }));
    const grounds = await database.db.selectFrom('access_log').select('ground').distinct().where('ground', 'is not', null).execute();
    expect(grounds.length).toBeGreaterThan(0);
    for (const g of grounds) expect(LOG_GROUNDS).toContain(g.ground);
  });
});

describe('a link decided on the facts its page read (mayFollow with `seen`)', () => {
  it('gives the answer a fresh read gives, for every demo user, page and link', async () => {
    const links: [string, Subject, Rule][] = [
      ['child', ids.child.subject, rules.childData('identity')],
      ['child (plan)', ids.child.subject, rules.childData('plan')],
      ['case', ids.case.subject, rules.readCase()],
      ['case (manage)', ids.case.subject, rules.manageCase()],
      ['signal', ids.signal.subject, rules.signal()],
      ['child of the signal', subject.child(ids.signal.childId), rules.childData('identity')],
    ];
    let followed = 0;
    let asked = 0;
    for (const username of Object.keys(demo.accounts)) {
      const actor = await actorOf(username);
      for (const page of ['case', 'plan', 'signal', 'child'] as const) {
        const answers = await withAccess(database, actor, ids[page].subject, anyone, 'test.follow', async (seen) => {
          const out: [string, boolean, boolean][] = [];
          for (const [name, link, rule] of links) out.push([name, await mayFollow(seen.tx, actor, link, rule, seen), await mayFollow(seen.tx, actor, link, rule)]);
          return out;
        }).catch((e: unknown) => (e instanceof NotFoundError ? [] : Promise.reject(e)));
        for (const [name, withSeen, fresh] of answers) {
          expect(withSeen, `${username} on the ${page}'s page, link to the ${name}`).toBe(fresh);
          asked += 1;
          if (fresh) followed += 1;
        }
      }
    }
    // Not vacuous: links were asked, and some were allowed and some refused.
    expect(asked).toBeGreaterThan(50);
    expect(followed).toBeGreaterThan(0);
    expect(followed).toBeLessThan(asked);
  });
});

describe('several lists in one transaction log in one statement (withLogBatch)', () => {
  it('writes every list’s entries at the end, together, in the transaction; nothing when the work fails', async () => {
    const ib = await actorOf('ib');
    const [a, b] = [ids.child.childId, ids.signal.childId];
    const before = (await logRows(ib.accountId)).length;
    await database.db.transaction().execute((tx) =>
      withLogBatch(tx, async () => {
        await recordListed(tx, ib, 'test.batch', [{ childId: a, ground: 'school_care' }]);
        // Held back: not in the log yet, inside the same transaction.
        expect((await tx.selectFrom('access_log').select('seq').where('account_id', '=', ib.accountId).where('event', '=', 'test.batch').execute()).length).toBe(0);
        await recordListed(tx, ib, 'test.batch', [{ childId: b, ground: 'school_care', detail: { signalId: ids.signal.subject.id } }]);
      }),
    );
    const rows = (await logRows(ib.accountId)).slice(before);
    expect(rows.map((r) => [r.event, r.child_id, r.outcome])).toEqual([
      ['test.batch', a, 'allowed'],
      ['test.batch', b, 'allowed'],
    ]);
    // One statement: one moment for both.
    expect(new Date(rows[0].occurred_at).getTime()).toBe(new Date(rows[1].occurred_at).getTime());
    await expect(
      database.db.transaction().execute((tx) =>
        withLogBatch(tx, async () => {
          await recordListed(tx, ib, 'test.batch_failed', [{ childId: a, ground: 'school_care' }]);
          throw new Error('the list failed');
        }),
      ),
    ).rejects.toThrow('the list failed');
    expect((await logRows(ib.accountId)).filter((r) => r.event === 'test.batch_failed')).toEqual([]);
  });
});

describe('relations that changed or never covered the kind (last: this closes the demo case)', () => {
  it('a consent covers only its kinds: the youth care worker on the team gets no BSN of the child (denied, logged)', async () => {
    const jeugdhulp = await actorOf('jeugdhulp');
    const kinds = (await database.db.selectFrom('consents').select('data_kinds').where('id', '=', ids.consent.subject.id).executeTakeFirstOrThrow()).data_kinds;
    expect(kinds).not.toContain('bsn');
    await expect(withAccess(database, jeugdhulp, ids.case.subject, rules.caseData({ kind: 'bsn', who: 'professional', require: 'team' }), 'test.kind', async () => 1)).rejects.toBeInstanceOf(NotFoundError);
    expect(await lastLog(jeugdhulp.accountId)).toMatchObject({ event: 'test.kind', outcome: 'denied', child_id: ids.case.childId, ground: null });
  });

  it('once the case is closed its consent no longer counts: the plan is refused to the team member, the case shown limited at most', async () => {
    const jeugdhulp = await actorOf('jeugdhulp');
    await database.db.updateTable('cases').set({ status: 'closed', closed_at: new Date() }).where('id', '=', ids.case.caseId!).execute();
    await expect(withAccess(database, jeugdhulp, ids.plan.subject, rules.caseData({ kind: 'plan', who: 'professional', require: 'team' }), 'test.closed', async () => 1)).rejects.toBeInstanceOf(NotFoundError);
    expect(await lastLog(jeugdhulp.accountId)).toMatchObject({ event: 'test.closed', outcome: 'denied', child_id: ids.case.childId });
    const read = await withAccess(database, jeugdhulp, ids.case.subject, rules.readCase(), 'test.closed_read', async (a) => ({ ground: a.ground, consentId: a.consentId }));
    expect(read).toEqual({ ground: 'case_team_no_consent', consentId: null });
  });
});

describe('a list decides each row as its page would (decideEach reads the facts of all rows at once)', () => {
  it('the grants and case relations read for many rows equal those read one by one, for every demo user', async () => {
    const { grantsForChild, grantsForChildren } = await import('./child-policy.ts');
    const { caseRelation, caseRelations, NO_CASE_RELATION } = await import('./case-relation.ts');
    const db = database.db;
    const day = new Date().toISOString().slice(0, 10);
    const children = (await db.selectFrom('children').select('id').orderBy('id').execute()).map((c) => c.id);
    const cases = await db.selectFrom('cases').select(['id', 'organisation_id', 'case_manager_person_id', 'case_manager_organisation_id']).execute();
    expect(cases.length).toBeGreaterThan(1);
    const sortGrants = (gs: { ground: string; consentId: string | null }[]) => [...gs].sort((a, b) => `${a.ground}${a.consentId}`.localeCompare(`${b.ground}${b.consentId}`));
    let compared = 0;
    for (const username of Object.keys(demo.accounts)) {
      const actor = await actorOf(username);
      const many = await grantsForChildren(db, actor, children, day);
      for (const c of children) {
        const one = await grantsForChild(db, actor, c, day);
        expect(sortGrants(many.get(c) ?? []), `${username} on child ${c}`).toEqual(sortGrants(one));
        compared += one.length;
      }
      const relations = await caseRelations(db, actor, cases);
      for (const k of cases) expect(relations.get(k.id) ?? NO_CASE_RELATION, `${username} on case ${k.id}`).toEqual(await caseRelation(db, actor, k));
    }
    // Not vacuous: some user is related to some child.
    expect(compared).toBeGreaterThan(0);
  });

  it('the door and the list read the same facts in their combined statements as the separate queries do, for every demo user', async () => {
    const { grantsForChild } = await import('./child-policy.ts');
    const { caseRelation } = await import('./case-relation.ts');
    const db = database.db;
    const day = new Date().toISOString().slice(0, 10);
    const children = (await db.selectFrom('children').select('id').orderBy('id').limit(40).execute()).map((c) => c.id);
    const cases = await db.selectFrom('cases').select(['id', 'child_id', 'organisation_id', 'case_manager_person_id', 'case_manager_organisation_id']).orderBy('id').execute();
    const byKey = (gs: { ground: string; consentId: string | null; caseId: string | null; kinds: string[] }[]) =>
      gs.map((g) => `${g.ground}/${g.consentId}/${g.caseId}/${[...g.kinds].sort().join(',')}`).sort();
    /** What the door decides (ground and consent), with the grants and relation it read; null when refused. */
    const door = (actor: Actor, s: Subject, rule: Rule) =>
      withAccess(database, actor, s, rule, 'test.facts', async (a) => ({ ground: a.ground, consentId: a.consentId, grants: byKey(a.allGrants), relation: a.relation })).catch((e: unknown) =>
        e instanceof NotFoundError ? null : Promise.reject(e),
      );
    let allowed = 0;
    let refused = 0;
    for (const username of Object.keys(demo.accounts)) {
      const actor = await actorOf(username);
      const listed = await database.db.transaction().execute(async (tx) => ({
        children: await decideEach(tx, actor, children.map((id) => ({ type: 'child' as const, id, childId: id, caseId: null, planId: null, caseKeys: null, signalKeys: null })), rules.childData('identity')),
        cases: await decideEach(tx, actor, cases.map(resolvedCase), rules.readCase()),
      }));
      for (const [i, id] of children.entries()) {
        const d = await door(actor, subject.child(id), rules.childData('identity'));
        const l = listed.children[i];
        expect(l && { ground: l.ground, consentId: l.consentId }, `${username}: child ${id} in a list and on its page`).toEqual(d && { ground: d.ground, consentId: d.consentId });
        if (d) expect(d.grants, `${username}: the grants on child ${id}`).toEqual(byKey(await grantsForChild(db, actor, id, day)));
        if (d) allowed += 1;
        else refused += 1;
      }
      for (const [i, k] of cases.entries()) {
        const d = await door(actor, subject.case(k.id), rules.readCase());
        const l = listed.cases[i];
        expect(l && { ground: l.ground, consentId: l.consentId }, `${username}: case ${k.id} in a list and on its page`).toEqual(d && { ground: d.ground, consentId: d.consentId });
        if (d) {
          expect(d.relation, `${username}: the relation to case ${k.id}`).toEqual(await caseRelation(db, actor, k));
          expect(d.grants, `${username}: the grants on the child of case ${k.id}`).toEqual(byKey(await grantsForChild(db, actor, k.child_id, day)));
          allowed += 1;
        } else refused += 1;
      }
    }
    // Not vacuous: both answers occur.
    expect(allowed).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });
});
