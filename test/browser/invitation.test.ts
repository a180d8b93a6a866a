import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, signInAs, startBrowserEnv, type BrowserEnv } from './support.ts';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv(60);
});
afterAll(async () => env?.close());

const STAFF = ['voornaam;tussenvoegsel;achternaam;e-mail;rollen;lesgroepen;mentorgroepen', 'Wendy;de;Wit;w.dewit@browser-import.nl;leerkracht;3A;'].join('\n');

describe('staff import and invitation', () => {
  it('the administrator imports staff, follows the invitation from the outbox; the invitee sets a password and lands on second-factor enrolment', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'beheer');
    await page.goto(`${env.baseUrl}/beheer/medewerkers/importeren`);
    await page.getByRole('heading', { level: 1, name: 'Medewerkers importeren' }).waitFor();
    const school = (await page.getByLabel('Organisatie').locator('option').allTextContents()).find((o) => o.includes('Schoolvestiging'))!;
    await page.getByLabel('Organisatie').selectOption({ label: school });
    await expectAccessible(page, 'staff import form');

    // A file with an error: shown per row and column, nothing to save.
    await page.getByLabel(/^Bestand met medewerkers/).setInputFiles({ name: 'medewerkers.csv', mimeType: 'text/csv', buffer: Buffer.from(STAFF.replace('leerkracht', 'toverkunstenaar')) });
    await page.getByRole('button', { name: 'Bestand controleren' }).click();
    await page.getByRole('heading', { name: 'Fouten in het bestand' }).waitFor();
    await page.getByText(/Onbekende rol "toverkunstenaar"/).waitFor();
    expect(await page.getByRole('button', { name: 'Alles opslaan' }).count()).toBe(0);
    await expectAccessible(page, 'staff import with errors');

    // Fixed: the preview says what happens, then everything is saved.
    await page.getByLabel(/^Bestand met medewerkers/).setInputFiles({ name: 'medewerkers.csv', mimeType: 'text/csv', buffer: Buffer.from(STAFF) });
    await page.getByRole('button', { name: 'Bestand controleren' }).click();
    await page.getByRole('heading', { name: 'Wat er verandert' }).waitFor();
    await page.getByRole('cell', { name: 'w.dewit@browser-import.nl' }).waitFor();
    await expectAccessible(page, 'staff import preview');
    await page.getByRole('button', { name: 'Alles opslaan' }).click();
    await page.getByText(/Opgeslagen: 1 nieuw/).first().waitFor();
    await page.getByRole('link', { name: 'Naar de uitgaande e-mail' }).click();

    await page.getByRole('heading', { level: 1, name: 'Uitgaande e-mail' }).waitFor();
    await page.getByRole('heading', { name: /Uitnodiging voor Samenspel aan w\.dewit@browser-import\.nl/ }).waitFor();
    await expectAccessible(page, 'outbox');
    const href = await page.getByRole('link', { name: /\/uitnodiging\// }).first().getAttribute('href');
    expect(href).toMatch(/^\/uitnodiging\/[A-Za-z0-9_-]{43}$/);

    // The invitee, in their own browser.
    const invitee = await newPage(env.browser);
    await invitee.goto(`${env.baseUrl}${href}`);
    await invitee.getByRole('heading', { level: 1, name: 'Welkom bij Samenspel' }).waitFor();
    await invitee.getByText('Welkom, Wendy de Wit.', { exact: false }).waitFor();
    await expectAccessible(invitee, 'invitation');
    await invitee.getByLabel('Nieuw wachtwoord').fill('kort');
    await invitee.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    await invitee.getByText('Kies een wachtwoord van minstens 12 tekens.').waitFor();
    expect(await invitee.evaluate(() => document.activeElement?.id)).toBe('invitation-password');
    await expectAccessible(invitee, 'invitation with error');
    await invitee.getByLabel('Nieuw wachtwoord').fill('paarse olifant danst');
    await invitee.getByLabel('Herhaal het wachtwoord').fill('paarse olifant danst');
    await invitee.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    await invitee.waitForURL(/\/tweestapsverificatie$/);
    await invitee.getByRole('heading', { level: 1, name: 'Tweestapsverificatie instellen' }).waitFor();

    // The same link a second time is refused.
    const again = await newPage(env.browser);
    await again.goto(`${env.baseUrl}${href}`);
    await again.getByText(/al gebruikt/).waitFor();
    await expectAccessible(again, 'used invitation');
    await Promise.all([page.context().close(), invitee.context().close(), again.context().close()]);
  });

  it('the leavers page is accessible when empty', async () => {
    const page = await newPage(env.browser);
    await signInAs(page, env.baseUrl, 'beheer');
    await page.goto(`${env.baseUrl}/beheer/medewerkers/vertrekkers`);
    await page.getByRole('heading', { level: 1, name: 'Waarschijnlijke vertrekkers' }).waitFor();
    await page.getByText('Er zijn geen waarschijnlijke vertrekkers.').waitFor();
    await expectAccessible(page, 'leavers');
    await page.context().close();
  });
});
