/**
 * Makes the README's console screenshots (docs/console-*.png, 1280x800) from realistic demo data:
 *
 *   node -r reflect-metadata -r @swc-node/register test/support/console/screenshots.ts
 *
 * Needs Debian's Chromium at /usr/bin/chromium. Builds the console first when it is out of date.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { SlaTimerScheduler } from '../../../apps/api/src/sla-timers/sla-timer-scheduler';
import { TestClock } from '../test-app';
import { chromiumAvailable, launchChromium } from './chromium';
import { startConsoleServer } from './console-server';
import { DemoApi } from './demo-api';
import { DEMO_PEOPLE, seedDemoData } from './demo-data';

const DOCS = path.resolve(__dirname, '..', '..', '..', 'docs');

async function main(): Promise<void> {
  if (!chromiumAvailable())
    throw new Error('Screenshots need Chromium at /usr/bin/chromium (apt-get install -y chromium)');
  const server = await startConsoleServer({ clock: new TestClock() });
  const browser = await launchChromium({ width: 1280, height: 800 });
  try {
    const api = new DemoApi(server.app, server.token);
    const scheduler = server.app.get(SlaTimerScheduler);
    const demo = await seedDemoData({
      api,
      clock: server.clock,
      runTimers: async () => void (await scheduler.runDueTimers()),
    });
    process.stdout.write(`Seeded ${demo.caseIds.length} cases; showcase ${demo.showcaseCaseId}\n`);

    const page = await browser.context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
    await signIn(page, server.url, await api.tokenFor(DEMO_PEOPLE.eve));
    fs.mkdirSync(DOCS, { recursive: true });

    await page.goto(`${server.url}/#/queues/open`);
    await page.locator('table.cases tbody tr').first().waitFor();
    await shoot(page, 'console-queue.png');

    await page.goto(`${server.url}/#/cases/${demo.showcaseCaseId}`);
    await page.locator('.timeline .tl-item').first().waitFor();
    await shoot(page, 'console-case.png');

    await page.goto(`${server.url}/#/dashboard?from=2026-02-09&to=2026-03-02`);
    await page.locator('.tile').first().waitFor();
    await page.locator('.chart-box canvas').first().waitFor();
    await shoot(page, 'console-dashboard.png');

    await page.goto(`${server.url}/#/cases/${demo.showcaseCaseId}/audit`);
    const slider = page.getByRole('slider', { name: 'Show the case as of' });
    await slider.waitFor();
    await page.locator('.integrity.valid').waitFor();
    // Back to Friday afternoon, when Priya had sent her logs and nobody had escalated yet.
    const history = await api.call<{ events: { at: string }[] }>(
      DEMO_PEOPLE.eve,
      'GET',
      `/v1/cases/${demo.showcaseCaseId}/history`,
    );
    const instants = [...new Set(history.events.map((event) => event.at))];
    const friday = instants.filter((at) => at <= '2026-02-27T16:45:00.000Z').length - 1;
    await slider.focus();
    await page.keyboard.press('Home');
    for (let step = 0; step < friday; step++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      () =>
        !document.querySelector('.snapshot.stale') &&
        document.querySelector('.snapshot h2')?.textContent?.includes('16:45'),
    );
    await shoot(page, 'console-audit.png');
  } finally {
    await browser.close();
    await server.close();
  }
}

async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('Bearer token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.topbar').waitFor();
}

async function shoot(page: Page, name: string): Promise<void> {
  // Let the last render and fonts settle, and keep the caret out of the picture.
  await page.evaluate(() => document.fonts.ready);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(DOCS, name), caret: 'initial' });
  process.stdout.write(`docs/${name}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
