import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { expectAccessible, newPage, startBrowserEnv, type BrowserEnv } from './support.ts';

// Outside demo mode professionals must use a second factor (TOTP).
let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv(60, { demo: false });
});
afterAll(async () => env?.close());

describe('second factor outside demo mode', () => {
  it('a professional enrols an authenticator app, then signs in with a code', async () => {
    const page = await newPage(env.browser);
    const signIn = async () => {
      await page.goto(`${env.baseUrl}/inloggen`);
      await page.getByLabel('Gebruikersnaam', { exact: true }).fill('zorgcoordinator');
      await page.getByLabel('Wachtwoord', { exact: true }).fill('demo');
      await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    };
    await signIn();
    await page.getByRole('heading', { level: 1, name: 'Tweestapsverificatie instellen' }).waitFor();
    await page.getByRole('img', { name: /QR-code/ }).waitFor();
    await expectAccessible(page, 'TOTP enrolment');
    const secret = (await page.locator('code.samenspel-secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel(/^Code uit uw authenticator-app/).fill('000000');
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByText(/klopt niet/).first().waitFor();
    await page.getByLabel(/^Code uit uw authenticator-app/).fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/tweestapsverificatie') && !u.pathname.startsWith('/inloggen'));
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/inloggen/);

    await signIn();
    const code = page.getByLabel(/^Code uit uw authenticator-app/);
    await code.waitFor();
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    await expectAccessible(page, 'TOTP step of sign-in');
    // The code that confirmed enrolment is used up (a code works once): the next one signs in.
    await code.fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByRole('button', { name: /Inloggen|Bevestigen/ }).first().click();
    await page.waitForURL((u) => !u.pathname.startsWith('/inloggen'));
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.context().close();
  });

  it('no demo accounts are listed on the sign-in page', async () => {
    const page = await newPage(env.browser);
    await page.goto(`${env.baseUrl}/inloggen`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('leerkracht', { exact: true }).count()).toBe(0);
    await page.context().close();
  });
});
