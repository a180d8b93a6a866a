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
    expect((await leerkracht.put('/api/v1/settings/signal-pickup-terms', { category: 'learning', schoolDays: 3 })).statusCode).toBe(403);
    expect((await beheer.put('/api/v1/settings/signal-pickup-terms', { category: 'learning', schoolDays: 0 })).statusCode).toBe(400);
    expect((await beheer.put('/api/v1/settings/signal-pickup-terms', { category: 'learning', schoolDays: 3 })).statusCode).toBe(200);
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
      expect((await ib.post(`/api/v1/signals/${id}/triage`, { decision: 'keep_watching', reason: '  ' })).statusCode).toBe(400);
      const res = await ib.post(`/api/v1/signals/${id}/triage`, { decision: 'keep_watching', reason: 'Gesprek met ouders gepland; we kijken twee weken mee.' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'watching', pickedUpOn: '2026-10-15', triageDecision: 'keep_watching', lateness: 'on_time' });
      expect(res.json().history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['new', 'watching']);
    });

    it('refuses a transition the workflow table does not allow', async () => {
      const again = await ib.post(`/api/v1/signals/${id}/triage`, { decision: 'keep_watching', reason: 'nog eens' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('transition_not_allowed');
      const withdraw = await leerkracht.post(`/api/v1/signals/${id}/withdraw`, { reason: 'toch niet' });
      expect(withdraw.statusCode).toBe(409); // already picked up
      const teacherTriage = await leerkracht.post(`/api/v1/signals/${id}/triage`, { decision: 'no_action', reason: 'x' });
      expect(teacherTriage.statusCode).toBe(409); // the author cannot decide
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
      const res = await leerkracht.post(`/api/v1/signals/${s.id}/withdraw`, { reason: 'Verkeerde leerling gekozen.' });
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
  it('a care coordinator who raised a signal herself can withdraw it as its author', async () => {
    const s = (await ib.post('/api/v1/signals', signal({ observation: 'Dubbel ingevoerd.' }))).json();
    expect(s.author.isMe).toBe(true);
    const res = await ib.post(`/api/v1/signals/${s.id}/withdraw`, { reason: 'Dubbel.' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('withdrawn');
  });
  it('a refused transition is explained in Dutch words', async () => {
    const s = (await leerkracht.post('/api/v1/signals', signal({ observation: 'Nog een zorg.' }))).json();
    await ib.post(`/api/v1/signals/${s.id}/triage`, { decision: 'no_action', reason: 'Besproken, geen zorg.' });
    const res = await ib.post(`/api/v1/signals/${s.id}/triage`, { decision: 'keep_watching', reason: 'toch' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('Bij een signaal dat afgesloten is, kunt u niets meer wijzigen.');
  });
});
