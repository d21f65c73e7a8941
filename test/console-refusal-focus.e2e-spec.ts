import type { Page } from 'playwright-core';
import { newConsoleTab, signInAs } from './support/console/console-browser';
import {
  ACME_RETAIL_PEOPLE,
  describeInChromium,
  setUpAcmeRetail,
} from './support/console/console-in-chromium';
import type { Person } from './support/console/demo-api';

/**
 * A refusal that names no field the page shows takes the keyboard to the page's alert (role=alert,
 * tabindex -1), so a screen reader reads it out; before, the button that was disabled while the
 * request ran lost the focus to the page's body and nothing was announced.
 */
const focusedAlert = (page: Page) =>
  page.waitForFunction(
    () =>
      document.activeElement?.getAttribute('role') === 'alert' &&
      document.activeElement.classList.contains('problem'),
    undefined,
    { timeout: 5000 },
  );

describeInChromium('a refusal naming no field takes the focus, in Chromium', (session) => {
  const errors: string[] = [];

  it('moves the focus to the alert when the API refuses the token on the sign-in page', async () => {
    const page = await newConsoleTab(session.chromium, errors);
    await page.goto(`${session.server.url}/`);
    await page.getByLabel('Bearer token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await focusedAlert(page);
    await page.close();
  });

  it('moves the focus to the alert when Complete registration is refused (the invitation was withdrawn meanwhile)', async () => {
    const licenceId = await setUpAcmeRetail(session.api);
    const kim: Person = { email: 'kim.lee@acme.example', name: 'Kim Lee' };
    await session.api.call(ACME_RETAIL_PEOPLE.admin, 'POST', `/v1/licences/${licenceId}/users`, {
      email: kim.email,
      firstName: 'Kim',
      lastName: 'Lee',
      company: 'Acme Retail',
      country: 'US',
      permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
    });
    const page = await newConsoleTab(session.chromium, errors);
    await signInAs(page, session.server, session.api, kim);
    const complete = page.getByRole('button', { name: 'Complete registration' });
    await complete.waitFor();
    await session.api.call(
      ACME_RETAIL_PEOPLE.admin,
      'DELETE',
      `/v1/licences/${licenceId}/users/${encodeURIComponent(kim.email)}`,
    );
    await complete.click();
    await page.locator('section.pending-invitations [role="alert"]').waitFor();
    await focusedAlert(page);
    expect(errors).toEqual([]);
    await page.close();
  });
});
