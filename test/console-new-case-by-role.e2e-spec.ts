import * as fs from 'node:fs';
import { ChromiumSession, chromiumAvailable, launchChromium } from './support/console/chromium';
import { newConsoleTab, signInAs, wordsOf } from './support/console/console-browser';
import { buildConsole } from './support/console/console-build';
import { ConsoleServer, startConsoleServer } from './support/console/console-server';
import { DemoApi, Person } from './support/console/demo-api';

/**
 * `#/cases/new` for someone whose role does not open cases: an auditor reaching it by its address
 * (the navigation offers it only to customers and engineers) is told the role is read-only, not
 * that their licences expired (they hold none).
 */
const auditor: Person = { email: 'audra@vendor.example', name: 'Audra Auditor', roles: ['auditor'] };

if (!chromiumAvailable()) {
  process.stdout.write('skipped: console browser tests (no /usr/bin/chromium)\n');
  it.skip('skipped: console browser tests (no /usr/bin/chromium)', () => undefined);
} else {
  describe('the new-case page by role, in Chromium', () => {
    let consoleDir: string;
    let server: ConsoleServer;
    let chromium: ChromiumSession;
    let api: DemoApi;
    const errors: string[] = [];

    beforeAll(async () => {
      consoleDir = buildConsole();
      server = await startConsoleServer({ consoleDir });
      api = new DemoApi(server.app, server.token);
      chromium = await launchChromium();
    }, 120_000);

    afterAll(async () => {
      await chromium?.close();
      await server?.close();
      fs.rmSync(consoleDir, { recursive: true, force: true });
    });

    it('tells an auditor the role reads cases and does not open them, with no licence form', async () => {
      const page = await newConsoleTab(chromium, errors);
      await signInAs(page, server, api, auditor);
      expect(
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' }).count(),
      ).toBe(0);
      await page.goto(`${server.url}/#/cases/new`);
      await page
        .getByText('Your role reads cases; it does not open them (auditors are read-only).')
        .waitFor();
      expect(await wordsOf(page, 'main')).not.toMatch(/licence/i);
      expect(await page.getByLabel('Licence').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}
