import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let child: string; // a child of `ouder`
beforeAll(async () => {
  t = await startTestApp({ children: 80 });
  const row = await t.database.db
    .selectFrom('child_guardians')
    .select('child_id')
    .where('guardian_id', '=', t.demo.accounts.ouder.guardianId!)
    .where('has_authority', '=', true)
    .executeTakeFirstOrThrow();
  child = row.child_id;
});
afterAll(async () => t?.close());

const logFor = (childId: string) => t.database.db.selectFrom('access_log').selectAll().where('child_id', '=', childId).orderBy('seq').execute();

describe('every look at a child is in the access log', () => {
  it('a read writes who, for which organisation, on which ground, when', async () => {
    const before = (await logFor(child)).length;
    const ib = await t.login('ib');
    const res = await ib.get(`/api/v1/children/${child}`);
    const rows = await logFor(child);
    if (res.statusCode === 200) {
      const last = rows.at(-1)!;
      expect(rows.length).toBe(before + 1);
      expect(last).toMatchObject({
        event: 'child.read',
        outcome: 'allowed',
        child_id: child,
        account_id: t.demo.accounts.ib.accountId,
        person_id: t.demo.accounts.ib.personId,
        role: 'intern_begeleider',
        ground: 'school_care',
        ip: '127.0.0.1',
      });
      expect(last.organisation_id).toBeTruthy();
    } else {
      expect(rows.at(-1)).toMatchObject({ event: 'child.read', outcome: 'denied' });
    }
  });

  it('a refused look is logged as denied and answered 404', async () => {
    const swv = await t.login('swv');
    const res = await swv.get(`/api/v1/children/${child}`);
    expect(res.statusCode).toBe(404);
    const last = (await logFor(child)).at(-1)!;
    expect(last).toMatchObject({ event: 'child.read', outcome: 'denied', account_id: t.demo.accounts.swv.accountId, role: 'swv_consultant', ground: null });
  });

  it('listing children logs each child shown', async () => {
    const leerkracht = await t.login('leerkracht');
    const list = (await leerkracht.get('/api/v1/children?pageSize=5')).json();
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) {
      const last = (await logFor(item.id)).at(-1)!;
      expect(last).toMatchObject({ event: 'child.list', outcome: 'allowed', account_id: t.demo.accounts.leerkracht.accountId, ground: 'group_teacher' });
    }
  });

  it('the guardian sees who looked at their child, and their own look is logged too', async () => {
    const ouder = await t.login('ouder');
    const res = await ouder.get(`/api/v1/children/${child}/access-log?pageSize=100`);
    expect(res.statusCode).toBe(200);
    const events = res.json().items as { event: string; outcome: string; role: string; actorName: string }[];
    expect(events.some((e) => e.event === 'child.read' && e.role === 'swv_consultant' && e.outcome === 'denied')).toBe(true);
    expect(events[0].event).toBe('child.access_log.read'); // newest first: this very look
    expect(events.every((e) => typeof e.actorName === 'string')).toBe(true);
  });

  it('the privacy officer searches by child and by user, and verifies the chain', async () => {
    const privacy = await t.login('privacy');
    const byChild = (await privacy.get(`/api/v1/access-log?childId=${child}`)).json();
    expect(byChild.total).toBeGreaterThan(2);
    expect(byChild.items.every((i: { childId: string }) => i.childId === child)).toBe(true);
    const byUser = (await privacy.get('/api/v1/access-log?username=swv&outcome=denied')).json();
    expect(byUser.items.length).toBeGreaterThan(0);
    expect(byUser.items.every((i: { username: string; outcome: string }) => i.username === 'swv' && i.outcome === 'denied')).toBe(true);
    const verify = (await privacy.get('/api/v1/access-log/verify')).json();
    expect(verify.ok).toBe(true);
    expect(verify.checked).toBeGreaterThan(5);
    // The search itself is logged.
    const search = await t.database.db.selectFrom('access_log').selectAll().where('event', '=', 'access_log.search').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(search.account_id).toBe(t.demo.accounts.privacy.accountId);
  });

  it('only the privacy officer may search the log', async () => {
    for (const u of ['beheer', 'ib', 'leerplicht']) {
      const res = await (await t.login(u)).get('/api/v1/access-log');
      expect(res.statusCode).toBe(403);
    }
    expect((await (await t.login('ouder')).get('/api/v1/access-log')).statusCode).toBe(403);
  });

  it('after the API was used, the chain is still intact and edits break it', async () => {
    const privacy = await t.login('privacy');
    expect((await privacy.get('/api/v1/access-log/verify')).json().ok).toBe(true);
    await t.database.exec(`alter table access_log disable trigger access_log_no_update;
      update access_log set outcome = 'allowed' where seq = (select min(seq) from access_log where outcome = 'denied');
      alter table access_log enable trigger access_log_no_update;`);
    const broken = (await privacy.get('/api/v1/access-log/verify')).json();
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken.seq).toBeGreaterThan(0);
  });
});

describe('names in the access log', () => {
  it('a guardian’s own look shows the guardian’s name, not the username', async () => {
    const ouder = await t.login('ouder');
    const items = (await ouder.get(`/api/v1/children/${child}/access-log`)).json().items;
    const g = await t.database.db.selectFrom('guardians').selectAll().where('id', '=', t.demo.accounts.ouder.guardianId!).executeTakeFirstOrThrow();
    expect(items[0].actorName).toBe(`${g.given_name} ${g.family_name}`);
  });
});
