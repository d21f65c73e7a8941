import * as fs from 'node:fs';
import { ChromiumSession, chromiumAvailable, launchChromium } from './support/console/chromium';
import { newConsoleTab, signInAs, wordsOf } from './support/console/console-browser';
import { buildConsole } from './support/console/console-build';
import { ConsoleServer, startConsoleServer } from './support/console/console-server';
import { DemoApi, Person } from './support/console/demo-api';

/**
 * An engineer answers a case the customer changed meanwhile: the API refuses the stale revision
 * (412); the console reloads the case, keeps the draft and says in plain words what changed and by
 * whom, so the engineer reviews and sends again. Coming back to the tab reloads the case too.
 */
const admin: Person = { email: 'ada.admin@vendor.example', name: 'Ada Admin', roles: ['admin'] };
const engineer: Person = { email: 'eve.marsh@vendor.example', name: 'Eve Marsh', roles: ['engineer'] };
const customer: Person = { email: 'bob.smith@acme.example', name: 'Bob Smith' };

if (!chromiumAvailable()) {
  process.stdout.write('skipped: console browser tests (no /usr/bin/chromium)\n');
  it.skip('skipped: console browser tests (no /usr/bin/chromium)', () => undefined);
} else {
  describe('a case changed while the engineer was writing, in Chromium', () => {
    let consoleDir: string;
    let server: ConsoleServer;
    let chromium: ChromiumSession;
    let api: DemoApi;
    let caseId: string;
    const errors: string[] = [];

    beforeAll(async () => {
      consoleDir = buildConsole();
      server = await startConsoleServer({ consoleDir });
      api = new DemoApi(server.app, server.token);
      const { licenceId } = await api.setUpAccount(admin, {
        name: 'Acme Retail',
        licence: {
          product: 'Sitefinity',
          edition: 'Online Marketing License',
          plan: 'enterprise',
          holder: { email: 'cto@acme.example', name: 'Acme CTO' },
        },
        users: [{ ...customer, company: 'Acme Retail', country: 'US' }],
      });
      ({ id: caseId } = await api.call(customer, 'POST', '/v1/cases', {
        licenceId,
        title: 'Search returns nothing',
        description: 'Every search on the site returns no results since the upgrade.',
        severity: 3,
        channel: 'web',
      }));
      chromium = await launchChromium();
    }, 120_000);

    afterAll(async () => {
      await chromium?.close();
      await server?.close();
      fs.rmSync(consoleDir, { recursive: true, force: true });
    });

    it('says what changed and by whom, keeps the draft, and posts it on the second try', async () => {
      const page = await newConsoleTab(chromium, errors);
      await signInAs(page, server, api, engineer);
      await page.goto(`${server.url}/#/cases/${caseId}`);
      await page.getByRole('heading', { name: 'Search returns nothing' }).waitFor();

      await api.call(customer, 'POST', `/v1/cases/${caseId}/comments`, {
        body: 'Here is the log you asked for',
      });

      const comment = page.locator('details[data-action="comment"]');
      await comment.locator('summary').click();
      await comment.getByLabel('Comment').fill('We are rebuilding the search index now.');
      await comment.getByRole('button', { name: 'Post comment' }).click();

      const alert = comment.getByRole('alert');
      await alert.getByText('This case changed while you were working on it').waitFor();
      const said = (await alert.textContent())!.replace(/\s+/g, ' ');
      expect(said).toContain('Someone else changed it (Bob Smith: Commented).');
      expect(said).toContain('what you wrote is kept: check it, then send again');
      expect(said).not.toMatch(/412|revision|reload it/);
      // The page shows the customer's comment and still holds the engineer's text.
      await page.locator('.timeline', { hasText: 'Here is the log you asked for' }).waitFor();
      expect(await comment.getByLabel('Comment').inputValue()).toBe(
        'We are rebuilding the search index now.',
      );

      await comment.getByRole('button', { name: 'Post comment' }).click();
      await page.locator('.timeline', { hasText: 'We are rebuilding the search index now.' }).waitFor();
      await page.close();
    });

    it('reloads the case when the person comes back to its tab', async () => {
      const page = await newConsoleTab(chromium, errors);
      await signInAs(page, server, api, engineer);
      await page.goto(`${server.url}/#/cases/${caseId}`);
      await page.locator('.timeline', { hasText: 'We are rebuilding the search index now.' }).waitFor();

      await api.call(customer, 'POST', `/v1/cases/${caseId}/comments`, {
        body: 'Search works again, thanks',
      });
      // A return within seconds of the last load does not reload; one after a while does.
      await page.waitForTimeout(5_500);
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await page.locator('.timeline', { hasText: 'Search works again, thanks' }).waitFor({ timeout: 5_000 });
      expect(await wordsOf(page, '.timeline')).toContain('Bob Smith');
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}
