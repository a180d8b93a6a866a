import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefaultQueryExecutor, type CompiledQuery } from 'kysely';
import { startTestApp, type Client, type TestApp } from '../support/test-app.ts';
import { selectsStar } from '../../src/kernel/db/prepared.ts';

/**
 * The main read pages (issue 15) send every statement with parameters as a prepared statement on
 * PostgreSQL (kernel/db/prepared.ts): none of them selects a table's columns with `*`, which would
 * make it unnamed and planned again on every request (a `select "c".*` list page spent most of its
 * time planning). Checked on the statements each page sends, on both engines (the text is the same).
 */

let t: TestApp;
let ib: Client;
let wijkteam: Client;
const sent: CompiledQuery[] = [];
const proto = DefaultQueryExecutor.prototype as unknown as { executeQuery: (q: CompiledQuery, ...rest: unknown[]) => Promise<unknown> };
const original = proto.executeQuery;

beforeAll(async () => {
  t = await startTestApp();
  ib = await t.login('ib');
  wijkteam = await t.login('wijkteam');
  proto.executeQuery = function (this: unknown, q: CompiledQuery, ...rest: unknown[]) {
    sent.push(q);
    return original.call(this, q, ...rest);
  };
});
afterAll(async () => {
  proto.executeQuery = original;
  await t?.close();
});

/** The statements with parameters one request sends, after checking that it answered 200. */
async function statementsOf(c: Client, url: string): Promise<string[]> {
  sent.length = 0;
  const res = await c.get(url);
  expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
  return sent.filter((q) => q.parameters.length > 0).map((q) => q.sql);
}

describe('the read pages send only statements that stay prepared', () => {
  it('the children list, a child, the signal queue, the absence reports, the worklist, a case, its plan and a request', async () => {
    const school = t.demo.accounts.ib.organisationId!;
    const child = (await ib.get('/api/v1/children')).json().items[0].id as string;
    const kase = (await ib.get('/api/v1/cases')).json().items[0] as { id: string };
    const plan = (await ib.get(`/api/v1/cases/${kase.id}`)).json().planId as string;
    // The demo's request, as its sender reads it (the outbox of her school).
    const request = (await ib.get('/api/v1/requests?box=outbox')).json().items[0] as { id: string } | undefined;
    expect(child && kase && plan && request, 'the demo region has a child, a case with a plan and a request to read').toBeTruthy();
    const pages: [Client, string][] = [
      [ib, '/api/v1/children'],
      [ib, `/api/v1/children/${child}`],
      [ib, '/api/v1/signals'],
      [ib, `/api/v1/absence-reports?schoolLocationId=${school}`],
      [ib, '/api/v1/worklist'],
      [wijkteam, '/api/v1/worklist'],
      [ib, `/api/v1/cases/${kase.id}`],
      [ib, `/api/v1/plans/${plan}`],
      [ib, `/api/v1/requests/${request!.id}`],
    ];
    for (const [c, url] of pages) {
      const texts = await statementsOf(c, url);
      // Each page reads its session, its subject and writes its log entry: at least three.
      expect(texts.length, url).toBeGreaterThanOrEqual(3);
      expect(
        texts.filter(selectsStar).map((s) => s.slice(0, 160)),
        `${url} sends a statement that selects *`,
      ).toEqual([]);
    }
  });

  it('would catch a page that selects a table with *', async () => {
    // The check itself, on a statement of the kind it must catch and one it must let through.
    sent.length = 0;
    await t.database.db.selectFrom('children as c').selectAll('c').where('c.id', '=', '00000000-0000-0000-0000-000000000000').execute();
    await t.database.db.selectFrom('children as c').select(['c.id']).where('c.id', '=', '00000000-0000-0000-0000-000000000000').execute();
    expect(sent.map((q) => selectsStar(q.sql))).toEqual([true, false]);
  });
});
