import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../support/test-app.ts';
import { createTestDatabase } from '../support/test-db.ts';
import { openDatabase, type Database } from '../../src/kernel/db/database.ts';
import { today } from '../../src/kernel/time.ts';
import { addMonths } from '../../src/modules/thuiszitters/thuiszitter-state.ts';
import { createRegion } from '../../src/cli/create-region.ts';
import { pc4Of, resolvePostcodes } from '../../src/modules/setup/index.ts';
import type { Role } from '../../src/kernel/policy/roles.ts';

/**
 * The region set-up wizard (issue 5) as the functional administrator uses it: the status of the
 * steps and where to resume, gemeenten from the shipped list or by hand, postcode ranges, school
 * locations with BRIN and board, the region's settings and their effect on the thuiszitter counts.
 * Most of it runs in a fresh region of its own (made the way `samenspel create-region` makes it),
 * so the numbers are exactly known.
 */
const D0 = today();
let t: TestApp;
let beheer: Client, ib: Client;
let admin: Client, analyst: Client;
let fresh: { regionId: string; officeId: string };
let passwordHash: string;
const db = () => t.database.db;

async function account(username: string, role: Role, organisationId: string, regionId: string) {
  const person = await db().insertInto('people').values({ region_id: regionId, given_name: 'Test', family_name: username }).returning('id').executeTakeFirstOrThrow();
  await db().insertInto('memberships').values({ person_id: person.id, organisation_id: organisationId, role }).execute();
  await db().insertInto('accounts').values({ region_id: regionId, username, password_hash: passwordHash, kind: 'professional', person_id: person.id }).execute();
  return person.id;
}

/** Saves settings as the screen does: based on the version it read. */
const saveSettings = async (client: Client, values: Record<string, unknown>) => client.put('/api/v1/settings', { values, version: (await client.get('/api/v1/settings')).json().version });

const problem = (res: { json(): unknown }) => res.json() as { code: string; detail: string; invalidParams: { name: string; code: string; reason: string }[] };

beforeAll(async () => {
  t = await startTestApp({ children: 80 });
  passwordHash = (await db().selectFrom('accounts').select('password_hash').where('username', '=', 'beheer').executeTakeFirstOrThrow()).password_hash!;
  beheer = await t.login('beheer');
  ib = await t.login('ib');
  const r = await createRegion(t.database, { name: 'Regio Kromme Rijn', slug: `kromme-rijn-${Date.now()}` });
  fresh = { regionId: r.regionId, officeId: r.officeId };
  await account('kr-beheer', 'functional_admin', r.officeId, r.regionId);
  admin = await t.login('kr-beheer');
});
afterAll(async () => t?.close());

describe('the set-up wizard: status, resume, minimum per step', () => {
  it('is for the functional administrator only (403 for an intern begeleider)', async () => {
    const houten = (await beheer.get('/api/v1/gemeenten')).json().items[0].id;
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/setup'],
      ['PUT', '/api/v1/setup/steps/region', { done: true }],
      ['PATCH', '/api/v1/region', { name: 'Overgenomen', version: 1 }],
      ['GET', '/api/v1/setup/gemeente-list?q=zeist'],
      ['GET', `/api/v1/gemeenten/${houten}/postcodes`],
      ['POST', `/api/v1/gemeenten/${houten}/postcodes`, { from: 3700, to: 3709 }],
      ['GET', '/api/v1/settings'],
      ['PUT', '/api/v1/settings', { values: { suppressionThreshold: 10 }, version: 1 }],
      ['GET', '/api/v1/setup/staff'],
      ['GET', '/api/v1/setup/pupils'],
      ['POST', '/api/v1/gemeenten', { cbsCode: 'GM0321' }],
    ];
    for (const [method, url, body] of calls) expect((await ib.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    expect((await db().selectFrom('regions').select('name').where('id', '=', t.demo.regionId).executeTakeFirstOrThrow()).name).not.toBe('Overgenomen');
  });

  it('a fresh region starts at the first step; nothing can be marked done before its minimum exists', async () => {
    const s = (await admin.get('/api/v1/setup')).json();
    expect(s.region).toMatchObject({ id: fresh.regionId, name: 'Regio Kromme Rijn' });
    expect(s.steps.map((x: { step: string }) => x.step)).toEqual(['region', 'gemeenten', 'schools', 'partners', 'settings', 'staff', 'pupils']);
    // Only the settings are done from the start: the region runs on the legal defaults.
    expect(s.steps.map((x: { step: string; done: boolean; doneBy: string | null }) => [x.step, x.done, x.doneBy])).toEqual([
      ['region', false, null],
      ['gemeenten', false, null],
      ['schools', false, null],
      ['partners', false, null],
      ['settings', true, 'facts'],
      ['staff', false, null],
      ['pupils', false, null],
    ]);
    expect(s.nextStep).toBe('region');
    expect(s.steps[1].facts).toMatchObject({ gemeenten: 0 });

    for (const [step, reason] of [
      ['region', 'Voeg eerst minstens één samenwerkingsverband toe.'],
      ['gemeenten', 'Voeg eerst minstens één gemeente toe.'],
      ['schools', 'Voeg eerst minstens één schoolvestiging toe.'],
    ]) {
      const res = await admin.put(`/api/v1/setup/steps/${step}`, { done: true });
      expect(res.statusCode, step).toBe(400);
      expect(problem(res).invalidParams).toEqual([{ name: 'done', code: 'minimum_missing', reason }]);
    }
    expect((await admin.put('/api/v1/setup/steps/onbekend', { done: true })).statusCode).toBe(400);
    // The settings have valid defaults: no minimum.
    expect((await admin.put('/api/v1/setup/steps/settings', { done: true })).json().steps[4]).toMatchObject({ step: 'settings', done: true, doneBy: 'administrator', completedBy: 'Test kr-beheer' });
    // Reopened, the step is still done by its facts (nothing is missing), without a name or date.
    expect((await admin.put('/api/v1/setup/steps/settings', { done: false })).json().steps[4]).toMatchObject({ done: true, doneBy: 'facts', completedAt: null, completedBy: null });
  });

  it('the region step: name and samenwerkingsverband, then marked done; a new session resumes at the next step', async () => {
    const { version } = (await admin.get('/api/v1/setup')).json().region;
    expect((await admin.patch('/api/v1/region', { name: '  ', version })).statusCode).toBe(400);
    const renamed = await admin.patch('/api/v1/region', { name: 'Regio Kromme Rijn en Heuvelrug', version });
    expect(renamed.json()).toMatchObject({ name: 'Regio Kromme Rijn en Heuvelrug', version: version + 1 });
    expect((await admin.post('/api/v1/organisations', { kind: 'swv', name: 'SWV Kromme Rijn' })).statusCode).toBe(201);
    const done = (await admin.put('/api/v1/setup/steps/region', { done: true })).json();
    expect(done.steps[0]).toMatchObject({ step: 'region', done: true, completedBy: 'Test kr-beheer', facts: { name: 'Regio Kromme Rijn en Heuvelrug', swv: 1 } });
    expect(done.nextStep).toBe('gemeenten');
    const again = await t.login('kr-beheer');
    expect((await again.get('/api/v1/setup')).json().nextStep).toBe('gemeenten');
    // The demo region is another region: nothing was marked there, yet it has what every step needs.
    const demo = (await beheer.get('/api/v1/setup')).json();
    expect(demo).toMatchObject({ nextStep: null, region: { id: t.demo.regionId } });
    expect(demo.steps.map((x: { doneBy: string }) => x.doneBy)).toEqual(['facts', 'facts', 'facts', 'facts', 'facts', 'facts', 'facts']);
    const log = await db().selectFrom('access_log').select(['event', 'detail']).where('region_id', '=', fresh.regionId).where('event', 'in', ['registry.region.update', 'registry.setup.step']).orderBy('seq').execute();
    expect(log.map((l) => l.event)).toEqual(['registry.setup.step', 'registry.setup.step', 'registry.region.update', 'registry.setup.step']);
    expect(log[2].detail).toEqual({ old: 'Regio Kromme Rijn', new: 'Regio Kromme Rijn en Heuvelrug' });
  });
});

describe('gemeenten: from the list of Dutch gemeenten or by hand, with postcode ranges', () => {
  let houten: string, maastricht: string, nieuwdorp: string;

  it('the list is searchable and says which gemeenten the region already has', async () => {
    const res = (await beheer.get('/api/v1/setup/gemeente-list?q=zei')).json();
    expect(res.items[0]).toEqual({ cbsCode: 'GM0355', name: 'Zeist', province: 'Utrecht', holidayRegion: 'midden', inRegion: true });
    expect((await admin.get('/api/v1/setup/gemeente-list?q=GM0321')).json().items[0]).toMatchObject({ name: 'Houten', inRegion: false });
    expect((await admin.get('/api/v1/setup/gemeente-list?q=')).json().items).toEqual([]);
  });

  it('the CBS code alone takes name, province and holiday region from the list', async () => {
    const res = await admin.post('/api/v1/gemeenten', { cbsCode: 'gm0321' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ cbsCode: 'GM0321', name: 'Houten', province: 'Utrecht', holidayRegion: 'midden', listed: true });
    houten = res.json().id;
    const m = await admin.post('/api/v1/gemeenten', { cbsCode: 'GM0935' });
    expect(m.json()).toMatchObject({ name: 'Maastricht', province: 'Limburg', holidayRegion: 'zuid' });
    maastricht = m.json().id;
    const row = await db().selectFrom('gemeenten').select(['name', 'province', 'holiday_region']).where('id', '=', maastricht).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Maastricht', province: 'Limburg', holiday_region: 'zuid' });
    // Values that agree with the list are fine; ones that differ are a mistake to fix, not silently replaced.
    const bad = await admin.post('/api/v1/gemeenten', { cbsCode: 'GM0310', name: 'Zeist', holidayRegion: 'noord' });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).invalidParams.map((p) => [p.name, p.code])).toEqual([
      ['name', 'differs_from_list'],
      ['holidayRegion', 'differs_from_list'],
    ]);
    expect(problem(bad).invalidParams[0].reason).toContain('GM0310 De Bilt (Utrecht, vakantieregio midden)');
  });

  it('a gemeente that is in the region already is refused (409)', async () => {
    const dup = await admin.post('/api/v1/gemeenten', { cbsCode: 'GM0321', name: 'houten' });
    expect(dup.statusCode).toBe(409);
    expect(problem(dup).invalidParams).toEqual([{ name: 'cbsCode', code: 'gemeente_exists', reason: 'Houten (GM0321) staat al in de regio.' }]);
  });

  it('a new gemeente not in the list is entered by hand: name, province and holiday region required', async () => {
    const missing = await admin.post('/api/v1/gemeenten', { cbsCode: 'GM9999' });
    expect(missing.statusCode).toBe(400);
    expect(problem(missing).invalidParams.map((p) => p.name)).toEqual(['name', 'province', 'holidayRegion']);
    expect(problem(missing).invalidParams[0].reason).toBe('GM9999 staat niet in de lijst van gemeenten. Vul de naam van de gemeente in.');
    const badProvince = await admin.post('/api/v1/gemeenten', { cbsCode: 'GM9999', name: 'Nieuwdorp', province: 'Holland', holidayRegion: 'midden' });
    expect(problem(badProvince).invalidParams[0]).toMatchObject({ name: 'province', code: 'province_unknown' });
    const ok = await admin.post('/api/v1/gemeenten', { cbsCode: 'GM9999', name: 'Nieuwdorp', province: 'utrecht', holidayRegion: 'midden' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ name: 'Nieuwdorp', province: 'Utrecht', holidayRegion: 'midden', listed: false });
    nieuwdorp = ok.json().id;
    const list = (await admin.get('/api/v1/gemeenten')).json().items;
    expect(list.map((g: { name: string; province: string }) => `${g.name}/${g.province}`)).toEqual(['Houten/Utrecht', 'Maastricht/Limburg', 'Nieuwdorp/Utrecht']);
    const log = await db().selectFrom('access_log').select('detail').where('region_id', '=', fresh.regionId).where('event', '=', 'registry.gemeente.create').orderBy('seq').execute();
    expect(log.map((l) => (l.detail as { fromList: boolean }).fromList)).toEqual([true, true, false]);
  });

  it('postcode ranges per gemeente: no overlap within the region, and the pupil import resolves them', async () => {
    const add = (g: string, body: object) => admin.post(`/api/v1/gemeenten/${g}/postcodes`, body);
    const a = await add(houten, { from: 3990, to: 3999 });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ from: 3990, to: 3999 });
    expect((await add(maastricht, { from: 6211 })).json()).toMatchObject({ from: 6211, to: 6211 });
    const overlap = await add(nieuwdorp, { from: 3995, to: 4000 });
    expect(overlap.statusCode).toBe(409);
    expect(problem(overlap).invalidParams).toEqual([{ name: 'from', code: 'postcode_overlap', reason: '3995–4000 overlapt met 3990–3999 van Houten. Een postcode hoort bij één gemeente: pas het bereik aan.' }]);
    const own = await add(houten, { from: 3999, to: 3999 });
    expect(problem(own).detail).toBe('3999 overlapt met 3990–3999, dat al bij Houten staat.');
    const reversed = await add(nieuwdorp, { from: 4005, to: 4001 });
    expect(problem(reversed).invalidParams).toEqual([{ name: 'to', code: 'range_reversed', reason: 'De laatste postcode ligt vóór de eerste (4005). Kies 4005 of hoger.' }]);
    expect(problem(await add(nieuwdorp, { from: 999 })).invalidParams[0]).toMatchObject({ name: 'from', code: 'pc4_invalid' });
    expect((await add(nieuwdorp, { from: 4000, to: 4009 })).statusCode).toBe(201);
    // Another region may use the same postcodes (it is another tenant).
    const zeist = (await beheer.get('/api/v1/gemeenten')).json().items.find((g: { cbsCode: string }) => g.cbsCode === 'GM0355').id;
    expect((await beheer.post(`/api/v1/gemeenten/${zeist}/postcodes`, { from: 3990, to: 3999 })).statusCode).toBe(201);
    // And a gemeente of another region is not found.
    expect((await admin.post(`/api/v1/gemeenten/${zeist}/postcodes`, { from: 1000, to: 1001 })).statusCode).toBe(404);

    const resolved = await resolvePostcodes(db(), fresh.regionId, [pc4Of('3991 AB')!, pc4Of('4009ab')!, pc4Of(6211)!, 5000]);
    expect(Object.fromEntries(resolved)).toEqual({ 3991: houten, 4009: nieuwdorp, 6211: maastricht });

    const ranges = (await admin.get(`/api/v1/gemeenten/${houten}/postcodes`)).json().items;
    expect(ranges).toEqual([{ id: expect.any(String), from: 3990, to: 3999 }]);
    expect((await admin.delete(`/api/v1/gemeenten/${houten}/postcodes/${ranges[0].id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/gemeenten/${houten}/postcodes`)).json().items).toEqual([]);
    expect((await resolvePostcodes(db(), fresh.regionId, [3991])).size).toBe(0);
    expect((await add(houten, { from: 3990, to: 3999 })).statusCode).toBe(201);
    const events = await db().selectFrom('access_log').select('event').where('region_id', '=', fresh.regionId).where('event', 'like', 'registry.gemeente.postcodes.%').orderBy('seq').execute();
    expect(events.map((e) => e.event)).toEqual(['registry.gemeente.postcodes.add', 'registry.gemeente.postcodes.add', 'registry.gemeente.postcodes.add', 'registry.gemeente.postcodes.remove', 'registry.gemeente.postcodes.add']);

    const status = (await admin.put('/api/v1/setup/steps/gemeenten', { done: true })).json();
    expect(status.steps[1]).toMatchObject({ done: true, facts: { gemeenten: 3, withoutPostcodes: 0, postcodeRanges: 3 } });
    expect(status.nextStep).toBe('schools');
  });

  it('school locations keep leading zeros in BRIN and vestiging and have a board', async () => {
    const res = await admin.post('/api/v1/organisations', { kind: 'school_location', name: 'Basisschool De Regenboog', brin: '05ko', vestiging: '00', schoolType: 'po', gemeenteId: houten, boardName: 'Stichting Primair Kromme Rijn' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ brin: '05KO', vestiging: '00', schoolType: 'po', boardName: 'Stichting Primair Kromme Rijn', gemeenteName: 'Houten' });
    const row = await db().selectFrom('organisations').select(['brin', 'vestiging', 'board_name']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row).toEqual({ brin: '05KO', vestiging: '00', board_name: 'Stichting Primair Kromme Rijn' });
    const patched = await admin.patch(`/api/v1/organisations/${res.json().id}`, { boardName: 'Stichting Nieuw Bestuur', version: res.json().version });
    expect(patched.json()).toMatchObject({ boardName: 'Stichting Nieuw Bestuur', brin: '05KO', vestiging: '00', version: res.json().version + 1 });
    const notASchool = await admin.post('/api/v1/organisations', { kind: 'wijkteam', name: 'Wijkteam Houten', boardName: 'Iets' });
    expect(problem(notASchool).invalidParams).toEqual([{ name: 'boardName', code: 'not_a_school', reason: 'Alleen een schoolvestiging heeft een schoolbestuur.' }]);

    expect((await admin.put('/api/v1/setup/steps/partners', { done: true })).statusCode).toBe(400);
    expect((await admin.post('/api/v1/organisations', { kind: 'gemeente', name: 'Gemeente Houten (leerplicht)', gemeenteId: houten })).statusCode).toBe(201);
    const s = (await admin.put('/api/v1/setup/steps/schools', { done: true })).json();
    expect(s.steps[2]).toMatchObject({ done: true, facts: { schools: 1 } });
    const p = (await admin.put('/api/v1/setup/steps/partners', { done: true })).json();
    expect(p.steps[3]).toMatchObject({ done: true, facts: { gemeente: 1, wijkteam: 0 } });
    // The settings are done by their defaults: next come the people.
    expect(p.nextStep).toBe('staff');
  });

  it('staff and pupils per organisation: counts only', async () => {
    const staff = (await admin.get('/api/v1/setup/staff')).json().items;
    expect(staff.find((o: { kind: string }) => o.kind === 'region_office')).toMatchObject({ people: 1, accounts: 1 });
    const pupils = (await beheer.get('/api/v1/setup/pupils')).json().items;
    const ibSchool = pupils.find((p: { organisationId: string }) => p.organisationId === t.demo.accounts.ib.organisationId);
    expect(ibSchool.activeEnrolments).toBeGreaterThan(0);
    expect(ibSchool.lastImportAt).toBeNull();
    await db()
      .insertInto('registry_imports')
      .values({ region_id: t.demo.regionId, organisation_id: ibSchool.organisationId, kind: 'pupils', file_name: 'l.csv', file_sha256: 'x', row_count: 0, rows: '[]', errors: '[]', status: 'committed', committed_at: '2026-01-05T10:00:00Z' })
      .execute();
    const after = (await beheer.get('/api/v1/setup/pupils')).json().items.find((p: { organisationId: string }) => p.organisationId === ibSchool.organisationId);
    expect(after.lastImportAt).toBe('2026-01-05T10:00:00.000Z');
    expect(JSON.stringify(after)).not.toMatch(/given|family|birth/i);
  });
});

describe('settings: defaults explained, validated, stored, and used by the thuiszitter counts', () => {
  it('lists every setting with its value, default, range and whether the law fixes it', async () => {
    const items = (await admin.get('/api/v1/settings')).json().items;
    expect(items.find((s: { key: string }) => s.key === 'suppressionThreshold')).toEqual({ key: 'suppressionThreshold', value: 5, default: 5, min: 5, max: 50, unit: 'count', fixed: false, usedBy: 'monitor', enforced: true, updatedAt: null });
    expect(items.find((s: { key: string }) => s.key === 'absenceReportDeadlineWorkingDays')).toMatchObject({ value: 5, fixed: true });
    expect(items.find((s: { key: string }) => s.key === 'retentionYouthCareYears')).toMatchObject({ value: 20, enforced: false });
  });

  it('refuses unknown keys, values out of range and fixed settings, all or nothing', async () => {
    const res = await saveSettings(admin, { retentionSwvYears: 4, suppressionThreshold: 4, bestaatNiet: 1, absenceReportDeadlineWorkingDays: 6, thuiszitterNormMonths: 2.5 });
    expect(res.statusCode).toBe(400);
    expect(problem(res).invalidParams).toEqual([
      { name: 'values/suppressionThreshold', code: 'out_of_range', reason: 'Kies een waarde van 5 tot en met 50.' },
      { name: 'values/bestaatNiet', code: 'unknown_setting', reason: 'Onbekende instelling "bestaatNiet".' },
      { name: 'values/absenceReportDeadlineWorkingDays', code: 'setting_fixed', reason: 'Deze instelling ligt vast in de wet (5) en kan niet worden gewijzigd.' },
      { name: 'values/thuiszitterNormMonths', code: 'integer', reason: 'Vul een heel getal in van 1 tot en met 12.' },
    ]);
    expect(await db().selectFrom('region_settings').selectAll().where('region_id', '=', fresh.regionId).execute()).toEqual([]);
  });

  it('stores a change with the old and new value in the access log', async () => {
    const before = (await admin.get('/api/v1/settings')).json().version;
    const res = await admin.put('/api/v1/settings', { values: { retentionSwvYears: 4, invitationValidDays: 7 }, version: before });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(before + 1);
    const swv = res.json().items.find((s: { key: string }) => s.key === 'retentionSwvYears');
    expect(swv).toMatchObject({ value: 4, default: 3, updatedAt: expect.any(String) });
    const log = await db().selectFrom('access_log').select(['detail', 'person_id']).where('region_id', '=', fresh.regionId).where('event', '=', 'registry.settings.update').execute();
    expect(log).toHaveLength(1);
    expect(log[0].detail).toEqual({ changes: { retentionSwvYears: { old: 3, new: 4 } } });
    // The demo region still has its defaults.
    expect((await beheer.get('/api/v1/settings')).json().items.find((s: { key: string }) => s.key === 'retentionSwvYears').value).toBe(3);
  });

  it("the thuiszitter counts use the region's suppression threshold and norm", async () => {
    const gemeente = (await admin.get('/api/v1/gemeenten')).json().items.find((g: { name: string }) => g.name === 'Houten').id;
    const org = (await admin.get('/api/v1/organisations?kind=gemeente')).json().items[0].id;
    await account('kr-beleid', 'policy_analyst', org, fresh.regionId);
    analyst = await t.login('kr-beleid');
    // Five children at home (absoluut verzuim) for four months, without an offer.
    for (let i = 0; i < 5; i++) {
      const c = await db().insertInto('children').values({ region_id: fresh.regionId, given_name: 'Thuis', family_name: `Zitter${i}`, birth_date: addMonths(D0, -12 * 10) }).returning('id').executeTakeFirstOrThrow();
      await db().insertInto('child_residences').values({ child_id: c.id, gemeente_id: gemeente, valid_from: addMonths(D0, -12 * 8) }).execute();
      const e = await db().insertInto('thuiszitters').values({ region_id: fresh.regionId, child_id: c.id, start_date: addMonths(D0, -4) }).returning('id').executeTakeFirstOrThrow();
      await db()
        .insertInto('thuiszitter_events')
        .values([
          { thuiszitter_id: e.id, kind: 'category', effective_on: addMonths(D0, -4), category: 'absoluut' },
          { thuiszitter_id: e.id, kind: 'offer', effective_on: addMonths(D0, -4), offer: 'none', offer_fitting: false },
        ])
        .execute();
    }
    const houtenRow = async () => {
      const body = (await analyst.get('/api/v1/thuiszitters/counts?by=gemeente')).json();
      const row = body.rows.find((r: { key: string }) => r.key === gemeente);
      return { threshold: body.threshold, absoluut: row.cells.absoluut.display, over: row.cells.over3Months.display };
    };
    expect(await houtenRow()).toEqual({ threshold: 5, absoluut: '5', over: '5' });

    expect((await saveSettings(admin, { suppressionThreshold: 6 })).statusCode).toBe(200);
    expect(await houtenRow()).toEqual({ threshold: 6, absoluut: '<6', over: '<6' });
    expect((await analyst.get('/api/v1/thuiszitters/meta')).json()).toMatchObject({ suppressionThreshold: 6, normMonths: 3 });

    // A norm of 6 months: four months at home is not yet over the norm.
    expect((await saveSettings(admin, { suppressionThreshold: 5, thuiszitterNormMonths: 6 })).statusCode).toBe(200);
    expect(await houtenRow()).toEqual({ threshold: 5, absoluut: '5', over: '<5' });
    expect((await analyst.get('/api/v1/thuiszitters/meta')).json()).toMatchObject({ suppressionThreshold: 5, normMonths: 6 });
    // The demo region keeps the defaults.
    expect((await t.login('beleid').then((c) => c.get('/api/v1/thuiszitters/meta'))).json()).toMatchObject({ suppressionThreshold: 5, normMonths: 3 });
  });
});

describe('samenspel create-region (a fresh installation)', () => {
  const onPostgres = !!process.env.DATABASE_URL;
  let dataDir: string;
  let pg: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-region-'));
    env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', SAMENSPEL_DEMO: '0' };
    if (onPostgres) {
      pg = await createTestDatabase();
      env.DATABASE_URL = pg.url;
    } else delete env.DATABASE_URL;
  });
  afterAll(async () => {
    await pg?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['bin/samenspel.mjs', ...args], { env, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('creates the region and its office, so create-user can make the first functional administrator', async () => {
    expect(run('--help').out).toContain('create-region');
    expect(run('create-region', '--name', 'Regio X').err).toMatch(/Missing: --slug/);
    expect(run('create-region', '--name', 'Regio X', '--slug', 'Regio X').err).toMatch(/--slug: use lower-case letters/);
    const r = run('create-region', '--name', 'Regio X', '--slug', 'regio-x');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Region "Regio X" (regio-x) created with its region office "Regiobureau Regio X".');
    const again = run('create-region', '--name', 'Regio Y', '--slug', 'regio-x');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/--slug "regio-x" is already taken/);
    const u = run('create-user', '--username', 'eerste', '--password', 'een-heel-lang-wachtwoord', '--given-name', 'Eerste', '--family-name', 'Beheerder', '--organisation', 'Regiobureau Regio X', '--role', 'functional_admin');
    expect(u.err).toBe('');
    expect(u.out).toContain('Account "eerste" created for Regiobureau Regio X as functional_admin.');
    const database: Database = onPostgres ? await openDatabase({ databaseUrl: env.DATABASE_URL }) : await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    try {
      const rows = await database.db
        .selectFrom('regions as r')
        .innerJoin('organisations as o', 'o.region_id', 'r.id')
        .select(['r.name', 'r.slug', 'o.kind', 'o.name as office'])
        .execute();
      expect(rows).toEqual([{ name: 'Regio X', slug: 'regio-x', kind: 'region_office', office: 'Regiobureau Regio X' }]);
      const log = await database.db.selectFrom('access_log').select('event').orderBy('seq').execute();
      expect(log.map((l) => l.event)).toEqual(['registry.region.create', 'registry.person.create']);
    } finally {
      await database.close();
    }
    expect(run('audit', 'verify').code).toBe(0);
  }, 240_000);
});

describe('no lost update: the region and its settings', () => {
  /** A 409 for an update based on a stale version: problem+json with the record as it is now. */
  function expectStale(res: { statusCode: number; body: string; headers: Record<string, unknown>; json(): { code: string; current?: unknown } }) {
    expect(res.statusCode, res.body).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe('stale_version');
    return res.json().current as Record<string, unknown> & { version: number };
  }

  it('two renames based on the same version: the first is saved, the second gets 409 with the region as it is now', async () => {
    const { version } = (await admin.get('/api/v1/setup')).json().region;
    const rename = (name: string, v: number) => admin.patch('/api/v1/region', { name, version: v });
    const first = await rename('Regio Kromme Rijn Oost', version);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ id: fresh.regionId, name: 'Regio Kromme Rijn Oost', version: version + 1 });
    expect(expectStale(await rename('Regio Kromme Rijn West', version))).toMatchObject({ id: fresh.regionId, name: 'Regio Kromme Rijn Oost', version: version + 1 });
    const stored = () => db().selectFrom('regions').select(['name', 'version']).where('id', '=', fresh.regionId).executeTakeFirstOrThrow();
    expect(await stored()).toEqual({ name: 'Regio Kromme Rijn Oost', version: version + 1 });

    const both = await Promise.all([rename('Regio Een', version + 1), rename('Regio Twee', version + 1)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expectStale(both.find((r) => r.statusCode === 409)!);
    expect(await stored()).toEqual({ name: both.find((r) => r.statusCode === 200)!.json().name, version: version + 2 });
  });

  it('two saves of the settings screen based on the same version: the second gets 409 with the settings as they are now', async () => {
    const { version } = (await admin.get('/api/v1/settings')).json();
    const save = (value: number, v: number) => admin.put('/api/v1/settings', { values: { suppressionThreshold: value }, version: v });
    const valueOf = (body: { items: { key: string; value: number }[] }) => body.items.find((s) => s.key === 'suppressionThreshold')!.value;
    const first = await save(7, version);
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(version + 1);
    const current = expectStale(await save(8, version));
    expect(current.version).toBe(version + 1);
    expect(valueOf(current as unknown as { items: { key: string; value: number }[] })).toBe(7);
    const stored = async () => (await db().selectFrom('region_settings').select('value').where('region_id', '=', fresh.regionId).where('key', '=', 'suppressionThreshold').executeTakeFirstOrThrow()).value;
    expect(Number(await stored())).toBe(7);

    const both = await Promise.all([save(9, version + 1), save(10, version + 1)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expectStale(both.find((r) => r.statusCode === 409)!);
    expect(Number(await stored())).toBe(valueOf(both.find((r) => r.statusCode === 200)!.json()));
    expect((await admin.get('/api/v1/settings')).json().version).toBe(version + 2);
  });
});
