import type { Page } from 'playwright-core';
import {
  newConsoleTab,
  openConsoleAs,
  openLicencesAs,
  signInAs,
  wordsOf,
} from './support/console/console-browser';
import {
  ACME_RETAIL_PEOPLE,
  describeInChromium,
  setUpAcmeRetail,
} from './support/console/console-in-chromium';
import type { Person } from './support/console/demo-api';

/**
 * A licence's holder and its users who manage users administer its users in the console: the
 * users and invitations (overdue ones flagged, with Send again), inviting, changing permissions,
 * withdrawing an invitation, handing the licence over, and the log of who changed what, with the
 * API's refusals beside the field they name; before, the console offered none of it (curl only).
 */
const holder: Person = { email: 'cto@acme.example', name: 'Acme CTO' };
const { customer: bob, admin } = ACME_RETAIL_PEOPLE;
const kim = 'kim.lee@acme.example';

describeInChromium('licence administration, in Chromium', (session) => {
  const errors: string[] = [];
  let licenceId: string;

  beforeAll(async () => {
    licenceId = await setUpAcmeRetail(session.api);
  });

  const user = (page: Page, email: string) => page.locator('li.licence-user', { hasText: email });
  const openForm = async (scope: ReturnType<Page['locator']>, summary: string) => {
    await scope.locator('summary', { hasText: summary }).click();
  };
  const changes = (page: Page) => wordsOf(page, 'ol.user-changes');

  it('shows a user who does not manage users their own entry and whom to ask, with no administration', async () => {
    const page = await openConsoleAs(session, bob, `#/licences/${licenceId}`, errors);
    await user(page, bob.email).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await wordsOf(page, '.licence-terms')).toContain('Holder: cto@acme.example');
    expect(await wordsOf(page, '.licence-reader')).toBe(
      'You are a user of this licence. Its holder (cto@acme.example), or a colleague who manages its users, invites users and changes permissions: ask them to change yours.',
    );
    expect(await wordsOf(page, `li.licence-user:has-text("${bob.email}")`)).toContain('Basic access only');
    expect(await page.locator('details').count()).toBe(0);
    expect(await page.locator('ol.user-changes').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets the holder invite, change permissions, resend an overdue invitation and withdraw it, with refusals beside the field', async () => {
    const page = await openLicencesAs(session, holder, errors);
    await page.getByRole('heading', { name: 'Licences' }).waitFor();
    // The holder is not one of its users: no New case, and the card says how to become one.
    expect(await page.getByRole('link', { name: 'New case' }).count()).toBe(0);
    expect(await wordsOf(page, 'main')).toContain('You hold this licence but are not one of its users');
    await page.getByRole('link', { name: /Acme Retail · Sitefinity/ }).click();
    await user(page, bob.email).waitFor();

    // A group mailbox: the API's refusal is said beside the email field, which takes the focus.
    await openForm(page.locator('details[data-form="invite"]'), 'Invite a user');
    await page.getByLabel(/^Email/).fill('support@acme.example');
    await page.getByLabel('First name').fill('Team');
    await page.getByLabel('Last name').fill('Support');
    await page.getByLabel('Company').fill('Acme Retail');
    await page.getByLabel('Country').fill('US');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.locator('#invite-email-error').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'invite-email');

    await page.getByLabel(/^Email/).fill(kim);
    await page.getByLabel('First name').fill('Kim');
    await page.getByLabel('Last name').fill('Lee');
    await page.locator('#invite-shareTickets').check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await user(page, kim).waitFor();
    expect(await wordsOf(page, `li.licence-user:has-text("${kim}")`)).toMatch(/Invited .* Share tickets/);
    expect(await changes(page)).toContain(`${holder.email} invited ${kim} (Share tickets)`);
    await page.waitForFunction(() => document.activeElement?.id === 'users-heading');

    // Bob may now manage users: changed with If-Match, recorded with its reason.
    const bobItem = user(page, bob.email);
    await openForm(bobItem, 'Change permissions');
    // Each user's controls are named with the user, so a screen reader tells them apart from the others'.
    const whose = `Bob Smith (${bob.email})`;
    expect(await wordsOf(page, `li.licence-user:has-text("${bob.email}") summary`)).toBe(
      `Change permissions, ${whose}`,
    );
    const named = async (role: 'button' | 'checkbox', label: string) =>
      bobItem.getByRole(role, { name: new RegExp(`^${label}\\W+Bob Smith \\(${bob.email}\\)$`) }).count();
    expect(await named('button', 'Save permissions')).toBe(1);
    expect(await named('checkbox', 'Manage users')).toBe(1);
    await bobItem.getByLabel('Manage users').check();
    await bobItem.locator('#user-0-permissions-reason').fill('Leads the web team');
    await bobItem.getByRole('button', { name: 'Save permissions' }).click();
    await page
      .getByText(`changed the permissions of ${bob.email} from Basic access only to Manage users`)
      .waitFor();
    expect(await changes(page)).toContain('Reason: Leads the web team');

    // Two days later Kim has still not registered: flagged, and sent again.
    session.server.clock.advance(49 * 3_600_000);
    await page.reload();
    const kimItem = user(page, kim);
    await kimItem.getByText('Overdue: not registered in time').waitFor();
    await openForm(kimItem, 'Send the invitation again');
    await kimItem.getByRole('button', { name: 'Send again' }).click();
    await page.getByText(`${holder.email} sent the invitation of ${kim} again`).waitFor();
    // Sent again: no longer overdue, no second Send again (refused 409 within the hour), and it says when.
    await user(page, kim).locator('.invitation-sent-again').waitFor();
    expect(await wordsOf(page, `li.licence-user:has-text("${kim}")`)).toMatch(
      /Sent again \w{3}, \d+ \w{3} \d{4}/,
    );
    expect(await wordsOf(page, `li.licence-user:has-text("${kim}") .invitation-sent-again`)).toMatch(
      /; can be sent again from \w{3},? \d+ \w{3} \d{4}, \d\d:\d\d UTC$/,
    );
    expect(await user(page, kim).getByText('Overdue').count()).toBe(0);
    expect(await user(page, kim).locator('summary', { hasText: 'Send the invitation again' }).count()).toBe(
      0,
    );

    await openForm(user(page, kim), 'Withdraw the invitation');
    await user(page, kim).getByRole('button', { name: 'Withdraw invitation' }).click();
    await page.getByText(`${holder.email} withdrew the invitation of ${kim}`).waitFor();
    expect(await user(page, kim).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says what changed when the licence changed meanwhile (If-Match), and fits a phone-width screen', async () => {
    const page = await newConsoleTab(session.chromium, errors);
    await page.setViewportSize({ width: 375, height: 800 });
    await signInAs(page, session.server, session.api, holder);
    await page.goto(`${session.server.url}/#/licences/${licenceId}`);
    const bobItem = user(page, bob.email);
    await bobItem.waitFor();
    const widths = await page.evaluate(() => ({
      content: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.content).toBe(widths.viewport);

    await session.api.call(
      admin,
      'PATCH',
      `/v1/licences/${licenceId}/users/${encodeURIComponent(bob.email)}`,
      {
        permissions: { seeSharedTickets: true },
      },
    );
    await openForm(bobItem, 'Change permissions');
    await bobItem.getByLabel('Share tickets').check();
    await bobItem.getByRole('button', { name: 'Save permissions' }).click();
    const alert = bobItem.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('This licence changed while you were working on it');
    expect(await alert.textContent()).toContain(`changed the permissions of ${bob.email}`);
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'alert');
    await page.close();
  });

  it('keeps the keyboard on the first older change loaded by Show older changes', async () => {
    for (let i = 0; i < 22; i++)
      await session.api.call(
        admin,
        'PATCH',
        `/v1/licences/${licenceId}/users/${encodeURIComponent(bob.email)}`,
        {
          permissions: { shareTickets: i % 2 === 0 },
        },
      );
    const page = await openConsoleAs(session, holder, `#/licences/${licenceId}`, errors);
    const older = page.getByRole('button', { name: 'Show older changes' });
    await older.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        document.activeElement?.matches('ol.user-changes > li:nth-child(21)') === true ||
        document.activeElement === document.body,
    );
    expect(
      await page.evaluate(() => document.activeElement?.matches('ol.user-changes > li:nth-child(21)')),
    ).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets a user who manages users administer the licence, but not hand it over; the holder hands it over', async () => {
    const delegate = await openLicencesAs(session, bob, errors);
    await delegate.getByRole('link', { name: /Acme Retail · Sitefinity/ }).click();
    await user(delegate, bob.email).waitFor();
    expect(await delegate.locator('details[data-form="invite"]').count()).toBe(1);
    expect(await delegate.locator('details[data-form="holder"]').count()).toBe(0);
    // A delegate is offered only what the API lets them do: not their own permissions, not manage users.
    const own = user(delegate, bob.email);
    expect(await own.locator('summary', { hasText: 'Change permissions' }).count()).toBe(0);
    expect(await wordsOf(delegate, `li.licence-user:has-text("${bob.email}")`)).toContain(
      'Your own permissions are the holder’s to change: ask cto@acme.example',
    );
    await openForm(delegate.locator('details[data-form="invite"]'), 'Invite a user');
    expect(await delegate.locator('#invite-manageUsers').isDisabled()).toBe(true);
    expect(await wordsOf(delegate, 'details[data-form="invite"]')).toContain(
      'Only the holder (cto@acme.example) or an admin gives manage users',
    );
    await delegate.close();

    const page = await openConsoleAs(session, holder, `#/licences/${licenceId}`, errors);
    await openForm(page.locator('details[data-form="holder"]'), 'Hand the licence over');
    await page.getByLabel('New holder’s email').fill(bob.email);
    await page.locator('#holder-reason').fill('CTO leaves at the end of the month');
    await page.getByRole('button', { name: 'Hand over' }).click();
    // No longer the holder: back on the list, which has nothing left for them to administer.
    await page.getByText('You administer no licence').waitFor();
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Licences' }).count(),
    ).toBe(0);
    const { changes: log } = await session.api.call<{
      changes: { change: string; email: string; reason?: string }[];
    }>(bob, 'GET', `/v1/licences/${licenceId}/user-changes`);
    expect(log[0]).toMatchObject({
      change: 'holder-changed',
      email: bob.email,
      reason: 'CTO leaves at the end of the month',
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
