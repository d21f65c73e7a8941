import { newConsoleTab, signInAs, wordsOf } from './support/console/console-browser';
import { describeInChromium } from './support/console/console-in-chromium';
import type { Person } from './support/console/demo-api';

/**
 * `#/cases/new` for someone whose role does not open cases: an auditor reaching it by its address
 * (the navigation offers it only to customers and engineers) is told the role is read-only, not
 * that their licences expired (they hold none).
 */
const auditor: Person = { email: 'audra@vendor.example', name: 'Audra Auditor', roles: ['auditor'] };

describeInChromium('the new-case page by role, in Chromium', (session) => {
  const errors: string[] = [];

  it('tells an auditor the role reads cases and does not open them, with no licence form', async () => {
    const page = await newConsoleTab(session.chromium, errors);
    await signInAs(page, session.server, session.api, auditor);
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' }).count(),
    ).toBe(0);
    await page.goto(`${session.server.url}/#/cases/new`);
    await page.getByText('Your role reads cases; it does not open them (auditors are read-only).').waitFor();
    expect(await wordsOf(page, 'main')).not.toMatch(/licence/i);
    expect(await page.getByLabel('Licence').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
