import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';
import { today } from '../../src/kernel/time.ts';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv(80);
});
afterAll(async () => env?.close());

/** Absence records written by an import (the demo's own absence was entered by hand). */
const imported = async () =>
  Number((await env.database.db.selectFrom('absence_records').select((eb) => eb.fn.countAll<number>().as('n')).where('source', '=', 'import').executeTakeFirstOrThrow()).n);

describe('importing absence', () => {
  it('a bad row is shown with its line and column; the fixed file is saved all at once', async () => {
    const ib = env.demo.accounts.ib;
    const pupils = await env.database.db.selectFrom('enrolments').select('child_id').where('organisation_id', '=', ib.organisationId!).where('end_date', 'is', null).limit(2).execute();
    const day = today();
    const bad = `leerling;datum;uren;reden\n${pupils[0].child_id};${day};2,5;ongeoorloofd\n${pupils[1].child_id};${day};drie;ziek\n`;
    const good = bad.replace(';drie;', ';3;');

    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'ib');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verzuim importeren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verzuim importeren' }).waitFor();
    await expectAccessible(page, 'absence import');

    await page.getByLabel('Bestand met verzuim (CSV)').setInputFiles({ name: 'verzuim.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    const errors = page.getByRole('table', { name: /Fouten per regel/ });
    await errors.waitFor();
    expect(await errors.locator('tbody tr').count()).toBe(1);
    expect(await errors.locator('tbody tr td').first().innerText()).toBe('3');
    expect(await page.getByRole('button', { name: 'Opslaan' }).count()).toBe(0);
    await expectAccessible(page, 'absence import with an error');
    expect(await imported()).toBe(0);

    await page.getByLabel('Bestand met verzuim (CSV)').setInputFiles({ name: 'verzuim.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('2 regels in orde, 0 fout(en).').waitFor();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText(/Opgeslagen: 2 regels voor 2 leerlingen/).waitFor();
    expect(await imported()).toBe(2);
    await page.context().close();
  });
});
