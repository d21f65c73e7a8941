import { newConsoleTab, openConsoleAs, signInAs, wordsOf } from './support/console/console-browser';
import {
  ACME_RETAIL_PEOPLE,
  describeInChromium,
  setUpAcmeRetail,
} from './support/console/console-in-chromium';
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

  it('tells a case-team member with no licence that licensed users open cases, with no form and no holder to ask', async () => {
    const pat: Person = { email: 'pat@partnerco.example', name: 'Pat Partner' };
    await session.api.setUpAccount(ACME_RETAIL_PEOPLE.admin, {
      name: 'Acme Partnered',
      licence: {
        product: 'Sitefinity',
        edition: 'Online Marketing License',
        plan: 'enterprise',
        holder: { email: 'cto@partnered.example', name: 'Partnered CTO' },
      },
      users: [],
      caseTeam: [pat],
    });
    const page = await openConsoleAs(session, pat, '#/cases/new', errors);
    await page
      .getByText('You are not a user of any licence, so you cannot open cases.', { exact: false })
      .waitFor();
    // His licences are read (the note says so): New case is offered neither in the navigation nor
    // on My cases, as every opening he tried would be refused.
    expect(await page.getByRole('link', { name: 'New case' }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My cases' }).click();
    await page.getByRole('heading', { name: 'My cases' }).waitFor();
    expect(await page.getByRole('link', { name: 'New case' }).count()).toBe(0);
    expect(await wordsOf(page, 'main')).not.toMatch(/ask your licence holder to invite you/);
    expect(await page.getByLabel('Licence').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('offers New case in the navigation and on My cases to a licensed user', async () => {
    await setUpAcmeRetail(session.api);
    const page = await newConsoleTab(session.chromium, errors);
    await signInAs(page, session.server, session.api, ACME_RETAIL_PEOPLE.customer);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' }).waitFor();
    await page.locator('.page-heading').getByRole('link', { name: 'New case' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
