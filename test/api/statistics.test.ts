import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { multipart } from '../support/multipart.ts';

// Monday 16 November 2026: an ordinary school week.
process.env.SAMENSPEL_TODAY = '2026-11-16';

const { startTestApp } = await import('../support/test-app.ts');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Client = Awaited<ReturnType<TestApp['login']>>;

/**
 * The planner's statistics are current (issue 15): what an operator checks in the database — the
 * planner's row estimate of a table (pg_class.reltuples, and the rows `explain` expects) beside
 * the real count — after the demo seed and after a committed pupil import. Without an ANALYZE the
 * estimate is a guess from the table's pages (PGlite has no autovacuum to make one).
 */
let t: TestApp;
let ib: Client;
beforeAll(async () => {
  t = await startTestApp({ children: 150 });
  ib = await t.login('ib');
});
afterAll(async () => t?.close());

type Table = 'children' | 'enrolments' | 'guardians' | 'child_residences';
const count = async (table: Table) => Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const reltuples = async (table: Table) =>
  Number((await sql<{ n: number }>`select reltuples::float8 as n from pg_class where relname = ${table} and relnamespace = current_schema()::regnamespace`.execute(t.database.db)).rows[0]!.n);
async function planRows(table: Table): Promise<number> {
  const row = (await sql<Record<string, unknown>>`explain (format json) select * from ${sql.table(table)}`.execute(t.database.db)).rows[0]!;
  const raw = Object.values(row)[0];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
  return plan[0]!.Plan['Plan Rows'];
}
/** The estimate an operator reads, within 10 % of the real count. */
async function expectCurrent(table: Table) {
  const real = await count(table);
  expect(real).toBeGreaterThan(0);
  expect(Math.abs((await reltuples(table)) - real), `pg_class.reltuples of ${table} (real: ${real})`).toBeLessThanOrEqual(real * 0.1);
  expect(Math.abs((await planRows(table)) - real), `explain's rows of ${table} (real: ${real})`).toBeLessThanOrEqual(real * 0.1);
}

describe('planner statistics', () => {
  it('after the demo seed the planner knows how many children, enrolments, guardians and residences there are', async () => {
    for (const table of ['children', 'enrolments', 'guardians', 'child_residences'] as const) await expectCurrent(table);
    const analysed = await sql<{ relname: string }>`select relname from pg_stat_user_tables where relname = 'children' and last_analyze is not null`.execute(t.database.db);
    expect(analysed.rows).toHaveLength(1);
  });

  it('after a committed pupil import the estimate includes the new pupils', async () => {
    const before = await count('children');
    const header = 'leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;BSN/onderwijsnummer;postcode;gemeente;groep;mentor;inschrijfdatum;niveau';
    const rows = Array.from({ length: 100 }, (_, i) => `${String(900_000 + i)};Kind${i};;Telling;03-04-2016;;;Zeist;5S;;02-09-2026;groep 5`);
    const m = multipart({ fullExport: 'nee' }, { name: 'leerlingen.csv', content: [header, ...rows].join('\r\n') + '\r\n' });
    const preview = await ib.request('POST', '/api/v1/pupil-imports', m.payload, m.headers);
    expect(preview.statusCode).toBe(201);
    expect(preview.json()).toMatchObject({ errors: [], counts: { new: 100 } });
    // What the planner knew before the commit: the children of the seed.
    expect(await reltuples('children')).toBe(before);
    const commit = await ib.post(`/api/v1/pupil-imports/${preview.json().id}/commit`);
    expect(commit.statusCode).toBe(200);
    expect(commit.json()).toMatchObject({ childrenCreated: 100 });
    expect(await count('children')).toBe(before + 100);
    await expectCurrent('children');
    await expectCurrent('enrolments');
    await expectCurrent('child_residences');
  });
});
