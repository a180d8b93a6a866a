import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp, type Client } from '../support/test-app.ts';

// Thursday 15 October 2026, the day before the autumn holiday of region midden (17–25 October).
process.env.SAMENSPEL_TODAY = '2026-10-15';

let t: TestApp;
let leerkracht: Client;
let ib: Client;
let pupil: string; // in leerkracht's group
let notMyPupil: string; // same school, another group
beforeAll(async () => {
  t = await startTestApp({ children: 120 });
  await t.database.db.insertInto('school_free_periods').values({ holiday_region: 'midden', name: 'Herfstvakantie', start_date: '2026-10-17', end_date: '2026-10-25' }).execute();
  leerkracht = await t.login('leerkracht');
  ib = await t.login('ib');
  const mine = (await leerkracht.get('/api/v1/children?pageSize=100')).json().items;
  pupil = mine[0].id;
  const all = (await ib.get('/api/v1/children?pageSize=100')).json().items as { id: string }[];
  notMyPupil = all.find((c) => !mine.some((m: { id: string }) => m.id === c.id))!.id;
});
afterAll(async () => t?.close());

/** The signal's version as the user's screen shows it now (sent back with a decision or withdrawal). */
const versionOf = async (c: Client, id: string): Promise<number> => (await c.get(`/api/v1/signals/${id}`)).json().version;

const signal = (over: object = {}) => ({ childId: pupil, category: 'social_emotional', urgency: 'normal', observation: 'Huilt vaak in de klas sinds de herfst.', parentsInformed: true, ...over });

describe('raising a signal', () => {
  let id: string;
  it('a teacher raises one about a pupil of her group; the pick-up deadline skips the holiday week', async () => {
    const res = await leerkracht.post('/api/v1/signals', signal());
    expect(res.statusCode).toBe(201);
    const s = res.json();
    id = s.id;
    expect(s).toMatchObject({ status: 'new', raisedOn: '2026-10-15', pickupSchoolDays: 5, pickupDeadline: '2026-10-29', lateness: 'on_time', access: 'author' });
    expect(s.history).toHaveLength(1);
    const log = await t.database.db.selectFrom('access_log').selectAll().where('event', '=', 'signal.create').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(log).toMatchObject({ child_id: pupil, outcome: 'allowed', ground: 'group_teacher', account_id: t.demo.accounts.leerkracht.accountId });
  });

  it('not about a pupil of another group: 404, and the attempt is logged', async () => {
    const res = await leerkracht.post('/api/v1/signals', signal({ childId: notMyPupil }));
    expect(res.statusCode).toBe(404);
    const log = await t.database.db.selectFrom('access_log').selectAll().where('event', '=', 'signal.create').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(log).toMatchObject({ child_id: notMyPupil, outcome: 'denied' });
  });

  it('parents not told: a reason is required', async () => {
    const res = await leerkracht.post('/api/v1/signals', signal({ parentsInformed: false }));
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'parentsNotInformedReason' })]);
  });

  it('an unknown category is refused with one message', async () => {
    const res = await leerkracht.post('/api/v1/signals', signal({ category: 'weer' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'category' })]);
  });

  it('a safety signal shows the five Meldcode steps and the school’s meldcode contact', async () => {
    const res = await leerkracht.post('/api/v1/signals', signal({ category: 'safety', urgency: 'urgent', parentsInformed: false, parentsNotInformedReason: 'Eerst overleg met de aandachtsfunctionaris.' }));
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s.meldcode.steps).toHaveLength(5);
    expect(s.meldcode.steps[1].nl).toMatch(/Veilig Thuis/);
    expect(s.meldcode.contact.length).toBeGreaterThan(0);
    expect(s.meldcode.contact[0].name).toMatch(/\w+ \w+/);
  });

  it('the term is configurable per category by the functional administrator', async () => {
    const beheer = await t.login('beheer');
    const { version } = (await beheer.get('/api/v1/settings/signal-pickup-terms')).json();
    expect((await leerkracht.put('/api/v1/settings/signal-pickup-terms', { category: 'learning', schoolDays: 3, version })).statusCode).toBe(403);
    expect((await beheer.put('/api/v1/settings/signal-pickup-terms', { category: 'learning', schoolDays: 0, version })).statusCode).toBe(400);
    const set = await beheer.put('/api/v1/settings/signal-pickup-terms', { category: 'learning', schoolDays: 3, version });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ category: 'learning', schoolDays: 3, urgent: false, version: version + 1 });
    const s = (await leerkracht.post('/api/v1/signals', signal({ category: 'learning' }))).json();
    // Thu 15 → Fri 16 (1), holiday, Mon 26 (2), Tue 27 (3)
    expect(s).toMatchObject({ pickupSchoolDays: 3, pickupDeadline: '2026-10-27' });
    const other = (await leerkracht.post('/api/v1/signals', signal({ category: 'behaviour' }))).json();
    expect(other.pickupSchoolDays).toBe(5);
  });

  describe('the care coordinator’s queue and triage', () => {
    it('shows new, overdue and 3× late signals of the own school', async () => {
      const q = (await ib.get('/api/v1/signals?view=queue&pageSize=100')).json();
      expect(q.items.some((s: { id: string }) => s.id === id)).toBe(true);
      expect(q.counts.new).toBeGreaterThanOrEqual(4);
      expect(q.counts.overdue).toBeGreaterThanOrEqual(2); // demo: 7 and 17 school days old
      expect(q.counts.veryLate).toBeGreaterThanOrEqual(1); // 17 > 3 × 5
      const veryLate = (await ib.get('/api/v1/signals?view=queue&lateness=very_late')).json();
      expect(veryLate.items.every((s: { lateness: string; status: string }) => s.lateness === 'very_late' && s.status === 'new')).toBe(true);
      // Another school's coordinator sees none of these.
      const zoco = await t.login('zorgcoordinator');
      const theirs = (await zoco.get('/api/v1/signals?view=queue&pageSize=100')).json();
      expect(theirs.items.some((s: { id: string }) => s.id === id)).toBe(false);
      expect((await zoco.get(`/api/v1/signals/${id}`)).statusCode).toBe(404);
    });

    it('a decision needs a reason; it picks the signal up and is appended to its history', async () => {
      const version = await versionOf(ib, id);
      expect((await ib.post(`/api/v1/signals/${id}/triage`, { decision: 'keep_watching', reason: '  ', version })).statusCode).toBe(400);
      const res = await ib.post(`/api/v1/signals/${id}/triage`, { decision: 'keep_watching', reason: 'Gesprek met ouders gepland; we kijken twee weken mee.', version });
      expect(res.statusCode).toBe(200);
      expect(res.json().version).toBe(version + 1);
      expect(res.json()).toMatchObject({ status: 'watching', pickedUpOn: '2026-10-15', triageDecision: 'keep_watching', lateness: 'on_time' });
      expect(res.json().history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['new', 'watching']);
    });

    it('refuses a transition the workflow table does not allow', async () => {
      const version = await versionOf(ib, id);
      const again = await ib.post(`/api/v1/signals/${id}/triage`, { decision: 'keep_watching', reason: 'nog eens', version });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('transition_not_allowed');
      const withdraw = await leerkracht.post(`/api/v1/signals/${id}/withdraw`, { reason: 'toch niet', version });
      expect(withdraw.statusCode).toBe(409); // already picked up
      expect(withdraw.json().code).toBe('transition_not_allowed');
      const teacherTriage = await leerkracht.post(`/api/v1/signals/${id}/triage`, { decision: 'no_action', reason: 'x', version });
      expect(teacherTriage.statusCode).toBe(409); // the author cannot decide
      expect(teacherTriage.json().code).toBe('transition_not_allowed');
    });

    it('the teacher sees what became of her signal, with the feedback', async () => {
      const mine = (await leerkracht.get('/api/v1/signals?view=mine&pageSize=100')).json();
      const s = mine.items.find((x: { id: string }) => x.id === id);
      expect(s).toMatchObject({ status: 'watching', triageDecision: 'keep_watching', access: 'author' });
      const detail = (await leerkracht.get(`/api/v1/signals/${id}`)).json();
      expect(detail.history[1].reason).toMatch(/Gesprek met ouders/);
      // The teacher's queue view is empty: she is not a care coordinator.
      expect((await leerkracht.get('/api/v1/signals?view=queue')).json().items).toEqual([]);
    });

    it('a child’s signals: all of the school for the IB, only her own for the teacher', async () => {
      const forIb = (await ib.get(`/api/v1/children/${pupil}/signals`)).json().items;
      const forTeacher = (await leerkracht.get(`/api/v1/children/${pupil}/signals`)).json().items;
      expect(forIb.length).toBeGreaterThanOrEqual(forTeacher.length);
      expect(forTeacher.every((s: { author: { isMe: boolean } }) => s.author.isMe)).toBe(true);
      expect((await (await t.login('leerplicht')).get(`/api/v1/children/${pupil}/signals`)).statusCode).toBe(404);
    });

    it('the author can withdraw a signal nobody picked up yet', async () => {
      const s = (await leerkracht.post('/api/v1/signals', signal({ observation: 'Per ongeluk bij het verkeerde kind.' }))).json();
      const res = await leerkracht.post(`/api/v1/signals/${s.id}/withdraw`, { reason: 'Verkeerde leerling gekozen.', version: s.version });
      expect(res.json().status).toBe('withdrawn');
    });

    it('history is appended, never edited', async () => {
      await expect(sql`update signal_events set reason = 'anders' where signal_id = ${id}`.execute(t.database.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from signal_events where signal_id = ${id}`.execute(t.database.db)).rejects.toThrow(/append-only/);
    });
  });
});

describe('deadlines across a holiday: a signal picked up late', () => {
  it('counts lateness in school days, not calendar days', async () => {
    // Raised on Friday 9 October: deadline Friday 16 October (5 school days). Picked up on Monday 26
    // October, the first school day after the holiday: late, but not 3× late (6 school days).
    const row = await t.database.db
      .insertInto('signals')
      .values({
        region_id: t.demo.regionId,
        child_id: pupil,
        organisation_id: t.demo.accounts.leerkracht.organisationId!,
        author_person_id: t.demo.accounts.leerkracht.personId!,
        author_role: 'teacher',
        category: 'health',
        urgency: 'normal',
        observation: 'Klaagt vaak over hoofdpijn.',
        parents_informed: true,
        status: 'watching',
        raised_on: '2026-10-09',
        pickup_deadline: '2026-10-16',
        pickup_school_days: 5,
        triaged_at: new Date('2026-10-26T10:00:00+01:00'),
        triaged_on: '2026-10-26',
        triage_decision: 'keep_watching',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const s = (await ib.get(`/api/v1/signals/${row.id}`)).json();
    expect(s.lateness).toBe('late');
  });
});

describe('queue details', () => {
  it('filters what was picked up, and gives the latest decision and its explanation in the list', async () => {
    const picked = (await ib.get('/api/v1/signals?view=queue&pickedUp=true&pageSize=100')).json();
    expect(picked.items.length).toBe(picked.counts.pickedUp);
    expect(picked.items.every((s: { pickedUpOn: string | null }) => s.pickedUpOn !== null)).toBe(true);
    const mine = (await leerkracht.get('/api/v1/signals?view=mine&pageSize=100')).json().items;
    const watched = mine.find((s: { status: string }) => s.status === 'watching');
    expect(watched.latestDecision).toBe('keep_watching');
    expect(watched.latestReason).toMatch(/\w/);
  });
  it('the lateness filter shows only signals still waiting, like the counters', async () => {
    const late = (await ib.get('/api/v1/signals?view=queue&lateness=late&pageSize=100')).json();
    expect(late.items.length).toBe(late.counts.overdue);
    expect(late.items.every((s: { status: string }) => s.status === 'new')).toBe(true);
  });
  it('pages the queue in its order: pages of 2 make the whole queue, each filter counted and paged alike', async () => {
    type Item = { id: string; status: string; urgent: boolean; pickupDeadline: string; raisedAt: string; pickedUpOn: string | null; lateness: string };
    const whole = (await ib.get('/api/v1/signals?view=queue&pageSize=100')).json();
    const items: Item[] = whole.items;
    expect(items.length).toBeGreaterThan(4);
    expect(whole.total).toBe(items.length);
    // Urgent waiting first, then the other waiting ones, each by deadline; then the rest.
    const rank = (i: Item) => (i.status === 'new' && i.urgent ? 0 : i.status === 'new' ? 1 : 2);
    for (let k = 1; k < items.length; k++) {
      const [a, b] = [items[k - 1], items[k]];
      expect(rank(a) <= rank(b), `${a.id} before ${b.id}`).toBe(true);
      if (rank(a) === rank(b)) expect(a.pickupDeadline <= b.pickupDeadline).toBe(true);
    }
    const allPages = async (query: string) => {
      const out: Item[] = [];
      for (let page = 1; ; page++) {
        const p = (await ib.get(`/api/v1/signals?view=queue&pageSize=2&page=${page}${query}`)).json();
        expect(p.counts).toEqual(whole.counts);
        out.push(...p.items);
        if (p.items.length < 2) return { items: out, total: p.total };
      }
    };
    const paged = await allPages('');
    expect(paged.items.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(paged.total).toBe(items.length);
    const filters: [string, (i: Item) => boolean][] = [
      ['&status=new', (i) => i.status === 'new'],
      ['&open=true', (i) => ['new', 'watching', 'in_school'].includes(i.status)],
      ['&open=false', (i) => !['new', 'watching', 'in_school'].includes(i.status)],
      ['&pickedUp=false', (i) => i.pickedUpOn === null],
      ['&lateness=on_time', (i) => i.status === 'new' && i.lateness === 'on_time'],
      ['&lateness=late&status=new', (i) => i.status === 'new' && i.lateness !== 'on_time'],
    ];
    for (const [query, keep] of filters) {
      const p = await allPages(query);
      expect(p.items.map((i) => i.id), query).toEqual(items.filter(keep).map((i) => i.id));
      expect(p.total, query).toBe(items.filter(keep).length);
    }
    // Past the last page: nothing, the total and the counters still right.
    expect((await ib.get('/api/v1/signals?view=queue&pageSize=2&page=999')).json()).toMatchObject({ items: [], total: items.length, counts: whole.counts });
  });
  it('a care coordinator who raised a signal herself can withdraw it as its author', async () => {
    const s = (await ib.post('/api/v1/signals', signal({ observation: 'Dubbel ingevoerd.' }))).json();
    expect(s.author.isMe).toBe(true);
    const res = await ib.post(`/api/v1/signals/${s.id}/withdraw`, { reason: 'Dubbel.', version: s.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('withdrawn');
  });
  it('a refused transition is explained in Dutch words', async () => {
    const s = (await leerkracht.post('/api/v1/signals', signal({ observation: 'Nog een zorg.' }))).json();
    const closed = (await ib.post(`/api/v1/signals/${s.id}/triage`, { decision: 'no_action', reason: 'Besproken, geen zorg.', version: s.version })).json();
    const res = await ib.post(`/api/v1/signals/${s.id}/triage`, { decision: 'keep_watching', reason: 'toch', version: closed.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('Bij een signaal dat afgesloten is, kunt u niets meer wijzigen.');
  });
});

describe('no lost update: a decision names the version it was based on', () => {
  const triage = (c: Client, id: string, body: object) => c.post(`/api/v1/signals/${id}/triage`, body);
  const reasons = async (id: string) => (await t.database.db.selectFrom('signal_events').select('reason').where('signal_id', '=', id).orderBy('id').execute()).map((e) => e.reason);

  it('two tabs decide on the same version: the first applies, the second gets 409 with the signal as it is now', async () => {
    const s = (await leerkracht.post('/api/v1/signals', signal({ observation: 'Twee tabbladen, één besluit.' }))).json();
    const tab2 = await t.login('ib');
    const first = await triage(ib, s.id, { decision: 'keep_watching', reason: 'Eerste besluit.', version: s.version });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'watching', version: s.version + 1 });
    const second = await triage(tab2, s.id, { decision: 'no_action', reason: 'Tweede besluit, op oude stand.', version: s.version });
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(second.json()).toMatchObject({ code: 'stale_version', status: 409, current: { id: s.id, status: 'watching', version: s.version + 1, latestDecision: 'keep_watching', latestReason: 'Eerste besluit.' } });
    expect(second.json().current.history).toHaveLength(2);
    // Nothing of the second decision was written.
    expect(await reasons(s.id)).toEqual([null, 'Eerste besluit.']);
    expect((await ib.get(`/api/v1/signals/${s.id}`)).json()).toMatchObject({ status: 'watching', version: s.version + 1 });
    const logged = await t.database.db.selectFrom('access_log').select('outcome').where('event', '=', 'signal.triage').where(sql<boolean>`detail->>'signalId' = ${s.id}`).execute();
    expect(logged).toEqual([{ outcome: 'allowed' }]);
  });

  it('two decisions sent at once: exactly one applies', async () => {
    const s = (await leerkracht.post('/api/v1/signals', signal({ observation: 'Twee besluiten tegelijk.' }))).json();
    const tab2 = await t.login('ib');
    const answers = await Promise.all([
      triage(ib, s.id, { decision: 'keep_watching', reason: 'Besluit A.', version: s.version }),
      triage(tab2, s.id, { decision: 'no_action', reason: 'Besluit B.', version: s.version }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const won = answers.find((a) => a.statusCode === 200)!.json();
    const lost = answers.find((a) => a.statusCode === 409)!.json();
    expect(lost.code).toBe('stale_version');
    expect(lost.current).toMatchObject({ status: won.status, version: s.version + 1 });
    expect(await reasons(s.id)).toEqual([null, won.latestReason]);
  });

  it('the author withdraws what she saw, but it was picked up meanwhile: 409 with the decision', async () => {
    const s = (await leerkracht.post('/api/v1/signals', signal({ observation: 'Intrekken na besluit.' }))).json();
    expect((await triage(ib, s.id, { decision: 'handle_in_school', reason: 'Extra begeleiding in de klas.', version: s.version })).statusCode).toBe(200);
    const res = await leerkracht.post(`/api/v1/signals/${s.id}/withdraw`, { reason: 'Toch niet nodig.', version: s.version });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'stale_version', current: { status: 'in_school', access: 'author', version: s.version + 1 } });
    expect(res.json().current.caseId).toBeNull();
    expect(await reasons(s.id)).toEqual([null, 'Extra begeleiding in de klas.']);
  });

  it('a decision without the version is a field error', async () => {
    const s = (await leerkracht.post('/api/v1/signals', signal({ observation: 'Zonder versie.' }))).json();
    const res = await triage(ib, s.id, { decision: 'keep_watching', reason: 'Geen versie.' });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'version', code: 'required' })]);
  });

  it('the pick-up terms: two tabs save on the same version; the second gets 409 with the terms as they are now', async () => {
    const tab1 = await t.login('beheer');
    const tab2 = await t.login('beheer');
    const seen = (await tab1.get('/api/v1/settings/signal-pickup-terms')).json();
    const first = await tab1.put('/api/v1/settings/signal-pickup-terms', { category: 'health', schoolDays: 8, version: seen.version });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ category: 'health', schoolDays: 8, urgent: false, version: seen.version + 1 });
    const second = await tab2.put('/api/v1/settings/signal-pickup-terms', { category: 'health', schoolDays: 12, version: seen.version });
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(second.json().code).toBe('stale_version');
    expect(second.json().current.version).toBe(seen.version + 1);
    expect(second.json().current.items).toContainEqual({ scope: 'region', category: 'health', schoolDays: 8 });
    const rule = await t.database.db.selectFrom('deadline_rules').select('school_days').where('region_id', '=', t.demo.regionId).where('category', '=', 'health').executeTakeFirstOrThrow();
    expect(rule.school_days).toBe(8);
  });

  it('the pick-up terms: two saves at once, exactly one applies', async () => {
    const tab1 = await t.login('beheer');
    const tab2 = await t.login('beheer');
    const { version } = (await tab1.get('/api/v1/settings/signal-pickup-terms')).json();
    const answers = await Promise.all([
      tab1.put('/api/v1/settings/signal-pickup-terms', { category: 'health', schoolDays: 4, version }),
      tab2.put('/api/v1/settings/signal-pickup-terms', { category: 'behaviour', schoolDays: 9, version }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const won = answers.find((a) => a.statusCode === 200)!.json();
    const lost = answers.find((a) => a.statusCode === 409)!.json();
    expect(lost.code).toBe('stale_version');
    expect(lost.current.version).toBe(version + 1);
    expect(lost.current.items).toContainEqual({ scope: 'region', category: won.category, schoolDays: won.schoolDays });
    const after = (await tab1.get('/api/v1/settings/signal-pickup-terms')).json();
    expect(after.version).toBe(version + 1);
    const loser = won.category === 'health' ? { category: 'behaviour', schoolDays: 9 } : { category: 'health', schoolDays: 4 };
    expect(after.items).not.toContainEqual({ scope: 'region', ...loser });
  });
});

describe('the gateway decides every signal action and logs it in the same transaction', () => {
  const entries = (signalId: string, event: string) =>
    t.database.db.selectFrom('access_log').select(['outcome', 'child_id', 'ground', 'detail']).where('event', '=', event).where(sql<boolean>`detail->>'signalId' = ${signalId}`).orderBy('seq').execute();
  const stateOf = async (id: string) => ({
    signal: await t.database.db.selectFrom('signals').select(['status', 'version', 'triaged_at']).where('id', '=', id).executeTakeFirstOrThrow(),
    events: (await t.database.db.selectFrom('signal_events').select('id').where('signal_id', '=', id).execute()).length,
  });

  it('a decision is logged with the policy’s ground and what it did', async () => {
    const s = (await leerkracht.post('/api/v1/signals', signal({ observation: 'Besluit met logregel.' }))).json();
    expect((await ib.post(`/api/v1/signals/${s.id}/triage`, { decision: 'handle_in_school', reason: 'In de klas.', version: s.version })).statusCode).toBe(200);
    expect(await entries(s.id, 'signal.triage')).toEqual([
      { outcome: 'allowed', child_id: pupil, ground: 'school_care', detail: { signalId: s.id, action: 'handle_in_school', from: 'new', to: 'in_school' } },
    ]);
  });

  it('another school’s coordinator decides: 404, exactly one denied entry with the child, nothing else written', async () => {
    const s = (await leerkracht.post('/api/v1/signals', signal({ observation: 'Niet van hun school.' }))).json();
    const before = await stateOf(s.id);
    const zoco = await t.login('zorgcoordinator');
    const res = await zoco.post(`/api/v1/signals/${s.id}/triage`, { decision: 'no_action', reason: 'Niet van ons.', version: s.version });
    expect(res.statusCode).toBe(404);
    expect(await entries(s.id, 'signal.triage')).toEqual([{ outcome: 'denied', child_id: pupil, ground: null, detail: { signalId: s.id } }]);
    expect(await stateOf(s.id)).toEqual(before);
  });

  it('another teacher withdraws it: 404, one denied entry; a signal that does not exist: one denied entry without a child', async () => {
    const s = (await leerkracht.post('/api/v1/signals', signal({ observation: 'Niet haar signaal.' }))).json();
    const before = await stateOf(s.id);
    const mentor = await t.login('mentor');
    expect((await mentor.post(`/api/v1/signals/${s.id}/withdraw`, { reason: 'Weg ermee.', version: s.version })).statusCode).toBe(404);
    expect(await entries(s.id, 'signal.withdraw')).toEqual([{ outcome: 'denied', child_id: pupil, ground: null, detail: { signalId: s.id } }]);
    expect(await stateOf(s.id)).toEqual(before);
    const missing = '00000000-0000-4000-8000-00000000d00d';
    expect((await ib.post(`/api/v1/signals/${missing}/triage`, { decision: 'no_action', reason: 'x', version: 1 })).statusCode).toBe(404);
    expect(await entries(missing, 'signal.triage')).toEqual([{ outcome: 'denied', child_id: null, ground: null, detail: { signalId: missing } }]);
  });

  it('a refused read is one denied entry with the child; an allowed one names the reader’s ground', async () => {
    const s = (await leerkracht.post('/api/v1/signals', signal({ observation: 'Wie leest mee?' }))).json();
    const zoco = await t.login('zorgcoordinator');
    expect((await zoco.get(`/api/v1/signals/${s.id}`)).statusCode).toBe(404);
    expect((await entries(s.id, 'signal.read')).filter((e) => e.outcome === 'denied')).toEqual([{ outcome: 'denied', child_id: pupil, ground: null, detail: { signalId: s.id } }]);
    expect((await entries(s.id, 'signal.read')).filter((e) => e.outcome === 'allowed').map((e) => e.ground)).toEqual(['signal_author']);
    await ib.get(`/api/v1/signals/${s.id}`);
    expect((await entries(s.id, 'signal.read')).filter((e) => e.outcome === 'allowed').map((e) => e.ground)).toEqual(['signal_author', 'school_care']);
  });

  it('the care coordinator withdrawing her own signal is logged on her relation to it as the policy gives it: school_care', async () => {
    const s = (await ib.post('/api/v1/signals', signal({ observation: 'Eigen signaal, ingetrokken.' }))).json();
    expect((await ib.post(`/api/v1/signals/${s.id}/withdraw`, { reason: 'Dubbel.', version: s.version })).statusCode).toBe(200);
    expect((await entries(s.id, 'signal.withdraw')).map((e) => [e.outcome, e.ground])).toEqual([['allowed', 'school_care']]);
  });

  it('the list logs each signal with the reader relation the policy gives for it', async () => {
    const mine = (await ib.get('/api/v1/signals?view=mine&pageSize=100')).json().items as { id: string }[];
    expect(mine.length).toBeGreaterThan(0);
    const logged = await t.database.db
      .selectFrom('access_log')
      .select('ground')
      .where('event', '=', 'signal.list')
      .where('account_id', '=', t.demo.accounts.ib.accountId)
      .where(sql<boolean>`detail->>'signalId' = ${mine[0].id}`)
      .execute();
    expect(logged.map((l) => l.ground)).toContain('school_care');
  });
});
