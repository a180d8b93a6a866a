import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../support/test-app.ts';
import { today } from '../../src/kernel/time.ts';

/**
 * Finding a child (issue 12): Dutch name order in SQL — family name without tussenvoegsel, accents
 * with their base letter, without regard to capitals — the same on PGlite and PostgreSQL and right
 * across page boundaries; search by any part of the name; the school's pupil number in the list and
 * on the child's page, only for whom the policy gives the school data.
 */

let t: TestApp;
let ib: Client;
const named = new Map<string, string>(); // "given family" → id

/** The children this test adds to the IB's school, in the order a Dutch reader expects them. */
const EXPECTED = [
  ['Lars', 'Ångström', 'Ångström, Lars'],
  ['Bram', 'bakker', 'bakker, Bram'],
  ['Joep', 'van den Berg', 'Berg, Joep van den'],
  ['Zoë', 'Berg', 'Berg, Zoë'],
  ['Piet', 'Berg-Jansen', 'Berg-Jansen, Piet'],
  ['Emre', 'Çelik', 'Çelik, Emre'],
  ['Eva', 'Cohen', 'Cohen, Eva'],
  ['Sanne', 'Van Der Meer', 'Meer, Sanne van der'],
  ['Olaf', 'Oosterhuis', 'Oosterhuis, Olaf'],
  ['Ayla', 'Özdemir', 'Özdemir, Ayla'],
  ['Ali', 'ÖZTÜRK', 'ÖZTÜRK, Ali'],
  ['Kees', "in 't Veld", "Veld, Kees in 't"],
  ['Anna', 'de Vries', 'Vries, Anna de'],
  ['bo', 'DE VRIES', 'VRIES, bo de'],
] as const;

beforeAll(async () => {
  t = await startTestApp({ children: 50 });
  const school = t.demo.accounts.ib.organisationId!;
  const db = t.database.db;
  let n = 0;
  for (const [given, family] of EXPECTED) {
    n += 1;
    const c = await db.insertInto('children').values({ region_id: t.demo.regionId, given_name: given, family_name: family, birth_date: `2015-01-${String(n).padStart(2, '0')}` }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('enrolments').values({ child_id: c.id, organisation_id: school, start_date: '2020-08-20', pupil_number: `LL-${1000 + n}` }).execute();
    named.set(`${given} ${family}`, c.id);
  }
  ib = await t.login('ib');
}, 120_000);
afterAll(async () => t?.close());

interface Item {
  id: string;
  givenName: string;
  familyName: string;
  sortName: string;
  school: { name: string; pupilNumber?: string | null } | null;
}
interface Page {
  items: Item[];
  total: number;
}

async function list(client: Client, query: string): Promise<Page> {
  const res = await client.get(`/api/v1/children?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function allPages(client: Client, pageSize: number, q = ''): Promise<Item[]> {
  const items: Item[] = [];
  for (let page = 1; ; page++) {
    const p = await list(client, `pageSize=${pageSize}&page=${page}${q ? `&q=${encodeURIComponent(q)}` : ''}`);
    items.push(...p.items);
    if (items.length >= p.total || p.items.length === 0) break;
  }
  return items;
}

const ours = (items: Item[]) => items.filter((i) => [...named.values()].includes(i.id));

describe('Dutch name order, in SQL', () => {
  it('sorts by family name without tussenvoegsel, accents as their base letter, regardless of capitals', async () => {
    const items = ours(await allPages(ib, 100));
    expect(items.map((i) => i.sortName)).toEqual(EXPECTED.map(([, , sortName]) => sortName));
    // The list names the child as it sorts it: "Berg, Joep van den".
    const joep = items.find((i) => i.id === named.get('Joep van den Berg'))!;
    expect(joep).toMatchObject({ givenName: 'Joep', familyName: 'van den Berg', sortName: 'Berg, Joep van den' });
  });

  it('keeps the order across page boundaries: pages of 3 put together are the list in one page', async () => {
    const whole = await allPages(ib, 100);
    const paged = await allPages(ib, 3);
    expect(paged.map((i) => i.id)).toEqual(whole.map((i) => i.id));
    expect(new Set(paged.map((i) => i.id)).size).toBe(paged.length);
    expect(ours(paged).map((i) => i.sortName)).toEqual(EXPECTED.map(([, , s]) => s));
  });

  it('gives the same total on every page and past the last one, each child once whatever its grounds', async () => {
    const whole = await list(ib, 'pageSize=100&page=1');
    // A pupil whose case the school also owns has two grounds (school_care, case_owner): still one row.
    const school = t.demo.accounts.ib.organisationId!;
    const withCase = await t.database.db
      .selectFrom('cases as k')
      .innerJoin('enrolments as e', (j) => j.onRef('e.child_id', '=', 'k.child_id').on('e.organisation_id', '=', school).on('e.end_date', 'is', null))
      .where('k.organisation_id', '=', school)
      .select('k.child_id')
      .execute();
    expect(withCase.length).toBeGreaterThan(0);
    for (const { child_id } of withCase) expect(whole.items.filter((i) => i.id === child_id)).toHaveLength(1);
    expect(new Set(whole.items.map((i) => i.id)).size).toBe(whole.items.length);
    expect(whole.total).toBe(whole.items.length);
    const second = await list(ib, 'pageSize=3&page=2');
    expect(second.total).toBe(whole.total);
    const past = await list(ib, `pageSize=3&page=${Math.ceil(whole.total / 3) + 2}`);
    expect(past.items).toEqual([]);
    expect(past.total).toBe(whole.total);
    const bergs = await list(ib, 'pageSize=1&page=9&q=berg');
    expect(bergs).toMatchObject({ items: [], total: (await allPages(ib, 100, 'berg')).length });
  });

  it('pages a search too: "berg" in pages of 1 gives the three Bergs in order', async () => {
    const paged = await allPages(ib, 1, 'berg');
    expect(ours(paged).map((i) => i.sortName)).toEqual(['Berg, Joep van den', 'Berg, Zoë', 'Berg-Jansen, Piet']);
  });
});

describe('search finds a child by any part of the name', () => {
  const found = async (q: string) => ours((await list(ib, `q=${encodeURIComponent(q)}&pageSize=100`)).items).map((i) => `${i.givenName} ${i.familyName}`);

  it('with or without tussenvoegsel, in any case, in any word order', async () => {
    expect(await found('berg')).toEqual(['Joep van den Berg', 'Zoë Berg', 'Piet Berg-Jansen']);
    expect(await found('van den berg')).toEqual(['Joep van den Berg']);
    expect(await found('Joep Berg')).toEqual(['Joep van den Berg']);
    expect(await found('berg joep')).toEqual(['Joep van den Berg']);
    expect(await found('VAN DER MEER')).toEqual(['Sanne Van Der Meer']);
    expect(await found('vries')).toEqual(['Anna de Vries', 'bo DE VRIES']);
  });

  it('accents are not needed, and may be typed', async () => {
    expect(await found('celik')).toEqual(['Emre Çelik']);
    expect(await found('Çelik')).toEqual(['Emre Çelik']);
    expect(await found('ozdemir')).toEqual(['Ayla Özdemir']);
    expect(await found('angstrom')).toEqual(['Lars Ångström']);
    expect(await found('zoe')).toEqual(['Zoë Berg']);
    expect(await found('ozt')).toEqual(['Ali ÖZTÜRK']);
  });

  it('refuses a search the database cannot store with a field error, not a 5xx', async () => {
    const privacy = await t.login('privacy');
    for (const [client, url] of [
      [ib, '/api/v1/children?q=be%00rg'],
      [privacy, '/api/v1/access-log/children?q=be%00rg'],
    ] as const) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'querystring/q' })]);
    }
  });

  it('finds nothing for a name that is not there, and treats % and _ as letters', async () => {
    expect(await found('berg xyz')).toEqual([]);
    expect((await list(ib, 'q=%25')).total).toBe(0);
    expect((await list(ib, 'q=_')).total).toBe(0);
  });

  it('searches only within the children the policy lets the user see', async () => {
    // The attendance officer of Zeist has no relation with these pupils (no residence recorded).
    const leerplicht = await t.login('leerplicht');
    expect(ours((await list(leerplicht, 'q=berg&pageSize=100')).items)).toEqual([]);
    const swv = await t.login('swv');
    expect((await list(swv, 'q=celik')).total).toBe(0);
  });
});

describe('pupil numbers', () => {
  it('the care coordinator sees the school pupil number in the list and on the child page', async () => {
    const items = ours(await allPages(ib, 100));
    const joep = items.find((i) => i.id === named.get('Joep van den Berg'))!;
    expect(joep.school).toMatchObject({ pupilNumber: 'LL-1003' });
    expect(items.every((i) => typeof i.school?.pupilNumber === 'string')).toBe(true);
    const detail = (await ib.get(`/api/v1/children/${joep.id}`)).json();
    expect(detail.enrolments).toEqual([expect.objectContaining({ pupilNumber: 'LL-1003', startDate: '2020-08-20' })]);
  });

  it('is not shown where the relation does not cover the school data', async () => {
    // A case team member with a consent for the identity only: the child, but no school data.
    const db = t.database.db;
    const jeugdhulp = t.demo.accounts.jeugdhulp;
    const childId = named.get('Emre Çelik')!;
    const ibAccount = t.demo.accounts.ib;
    const kase = await db
      .insertInto('cases')
      .values({
        region_id: t.demo.regionId,
        child_id: childId,
        organisation_id: ibAccount.organisationId!,
        title: 'Test',
        opened_on: today(),
        next_evaluation_on: '2099-01-01',
        case_manager_person_id: ibAccount.personId!,
        case_manager_organisation_id: ibAccount.organisationId!,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('case_members').values({ case_id: kase.id, person_id: jeugdhulp.personId!, organisation_id: jeugdhulp.organisationId!, role: 'member', removed_at: null }).execute();
    const consent = await db
      .insertInto('consents')
      .values({
        region_id: t.demo.regionId,
        case_id: kase.id,
        child_id: childId,
        purpose: 'Test',
        data_kinds: ['identity'],
        given_on: today(),
        valid_until: '2099-01-01',
        method: 'written',
        age_rule: 'guardians',
        recorded_by_person_id: ibAccount.personId!,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('consent_recipients').values({ consent_id: consent.id, organisation_id: jeugdhulp.organisationId! }).execute();
    const client = await t.login('jeugdhulp');
    const item = ours((await list(client, 'q=celik&pageSize=100')).items);
    expect(item.map((i) => i.id)).toEqual([childId]);
    expect(item[0].school).not.toHaveProperty('pupilNumber');
    const detail = (await client.get(`/api/v1/children/${childId}`)).json();
    expect(detail).not.toHaveProperty('enrolments');
  });
});

describe('the privacy officer finds a child by name to answer a parent', () => {
  it('finds by any part of the name, answers only name and birth date, and logs each child shown', async () => {
    const privacy = await t.login('privacy');
    const res = await privacy.get('/api/v1/access-log/children?q=celik');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const id = named.get('Emre Çelik')!;
    expect(body.items.filter((i: { id: string }) => i.id === id)).toEqual([{ id, sortName: 'Çelik, Emre', givenName: 'Emre', familyName: 'Çelik', birthDate: '2015-01-06' }]);
    const log = await t.database.db.selectFrom('access_log').selectAll().where('child_id', '=', id).where('event', '=', 'access_log.child_search').execute();
    expect(log).toEqual([expect.objectContaining({ outcome: 'allowed', ground: 'privacy_officer', account_id: t.demo.accounts.privacy.accountId })]);
    // Then she opens that child's log.
    expect((await privacy.get(`/api/v1/children/${id}/access-log`)).statusCode).toBe(200);
  });

  it('pages in Dutch name order', async () => {
    const privacy = await t.login('privacy');
    const first = (await privacy.get('/api/v1/access-log/children?q=berg&pageSize=2')).json();
    const second = (await privacy.get('/api/v1/access-log/children?q=berg&pageSize=2&page=2')).json();
    expect(ours([...first.items, ...second.items]).map((i) => i.sortName)).toEqual(['Berg, Joep van den', 'Berg, Zoë', 'Berg-Jansen, Piet']);
  });

  it('is the privacy officer’s alone, and refuses an empty or one-letter search with a field error', async () => {
    for (const who of ['ib', 'leerkracht', 'beheer', 'ouder']) {
      const client = await t.login(who);
      const res = await client.get('/api/v1/access-log/children?q=celik');
      expect(res.statusCode, who).toBe(403);
    }
    const privacy = await t.login('privacy');
    for (const q of ['', 'c', '%20%20']) {
      const res = await privacy.get(`/api/v1/access-log/children?q=${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().invalidParams?.[0]?.name).toMatch(/q/);
    }
  });
});
