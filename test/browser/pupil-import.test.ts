import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv(80);
});
afterAll(async () => env?.close());

const pupilCount = async (number: string) =>
  Number((await env.database.db.selectFrom('enrolments').select((eb) => eb.fn.countAll<number>().as('n')).where('pupil_number', '=', number).executeTakeFirstOrThrow()).n);

describe('importing pupils', () => {
  it('shows the error of a bad row on screen; the fixed file is saved', async () => {
    const header = 'leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;postcode;gemeente;groep';
    const bad = `${header}\n000901;Yara;;de Groot;01-05-2016;3701 AB;;5A\n000902;Luuk;van;Dijk;31-02-2016;;Zeist;5A\n`;
    const good = bad.replace('31-02-2016', '28-02-2016');

    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'ib');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Leerlingen importeren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leerlingen importeren' }).waitFor();

    await page.getByLabel('Bestand uit de leerlingadministratie (CSV of Excel)').setInputFiles({ name: 'leerlingen.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    const errors = page.getByRole('table', { name: /Fouten per regel/ });
    await errors.waitFor();
    expect(await errors.locator('tbody tr').count()).toBe(1);
    const cells = await errors.locator('tbody tr td').allInnerTexts();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('Geboortedatum');
    expect(cells[2]).toContain('31-02-2016');
    expect(await page.getByRole('button', { name: 'Opslaan' }).count()).toBe(0);
    // The focus moved to the errors, so they are read first.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-errors');
    await expectAccessible(page, 'pupil import with an error');
    expect(await pupilCount('000901')).toBe(0);

    await page.getByLabel('Bestand uit de leerlingadministratie (CSV of Excel)').setInputFiles({ name: 'leerlingen.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('2 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 overstappen van een andere school.').waitFor();
    // A reload (or coming back later) keeps the check: the file need not be chosen again to save it.
    await page.waitForURL(/\?controle=/);
    await page.reload();
    await page.getByText(/^Gecontroleerd bestand leerlingen\.csv van .*; nog niet opgeslagen\./).waitFor();
    await page.getByText('2 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 overstappen van een andere school.').waitFor();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opgeslagen. Alle regels zijn in één keer verwerkt.', { exact: true }).first().waitFor();
    expect(await pupilCount('000901')).toBe(1);
    expect(await pupilCount('000902')).toBe(1);
    await expectAccessible(page, 'pupil import saved');
    await page.context().close();
  });

  it('a BSN enrolled at another school: the transfer waits, with the one sentence and what to do — nothing of that child or school (issue 10)', async () => {
    const ib = env.demo.accounts.ib;
    const own = (await env.database.db.selectFrom('memberships').select('organisation_id').where('person_id', '=', ib.personId!).execute()).map((m) => m.organisation_id);
    const other = await env.database.db
      .selectFrom('enrolments as e')
      .innerJoin('children as c', 'c.id', 'e.child_id')
      .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
      .select(['c.bsn', 'c.given_name', 'c.family_name', 'c.birth_date', 'o.name as school', 'o.brin'])
      .where('e.end_date', 'is', null)
      .where('c.bsn', 'is not', null)
      .where('e.organisation_id', 'not in', own)
      .orderBy('c.id')
      .executeTakeFirstOrThrow();
    const nlDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
    const file = `leerlingnummer;voornaam;achternaam;geboortedatum;bsn;gemeente;groep\n000950;Kim;Nieuwkomer;${nlDate(other.birth_date)};${other.bsn};Zeist;5A\n000951;Ruben;Vos;01-03-2016;;Zeist;5A\n`;

    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'ib');
    await page.goto(`${env.baseUrl}/leerlingen/importeren`);
    await page.getByLabel('Bestand uit de leerlingadministratie (CSV of Excel)').setInputFiles({ name: 'leerlingen.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByRole('heading', { level: 2, name: '1 overstap wacht op de vorige school' }).waitFor();
    await page.getByText(/staat in de regio ingeschreven op een andere school\. De overstap kan pas als die school de einddatum/).waitFor();
    await page.getByText(/vraag de ouders op welke school hun kind stond/).waitFor();
    const main = await page.locator('main').innerText();
    for (const secret of [other.given_name, other.family_name, other.school, other.brin!]) expect(main).not.toContain(secret);
    await expectAccessible(page, 'pupil import with a waiting transfer');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('1 overstap wacht nog op de vorige school; die leerling is nog niet opgeslagen.').first().waitFor();
    expect(await pupilCount('000951')).toBe(1);
    expect(await pupilCount('000950')).toBe(0);
    await page.context().close();
  });
});
