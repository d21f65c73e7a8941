import { openConsoleAs, openLicencesAs, wordsOf } from './support/console/console-browser';
import { ACME_RETAIL_PEOPLE, describeInChromium } from './support/console/console-in-chromium';
import type { DemoApi, Person } from './support/console/demo-api';
import { formatWithUtc } from '../apps/console/src/shared/format';

/**
 * The Licences pages of a licence that has ended (an admin set its last day in the past): nobody,
 * not even an admin, invites users to it or sends its invitations again until it is renewed
 * (403 licence-expired), so the console offers neither and says why and who renews it.
 */
const { admin } = ACME_RETAIL_PEOPLE;
const holder: Person = { email: 'cto@ended.example', name: 'Ended CTO' };
const zoe: Person = { email: 'zoe.check@ended.example', name: 'Zoe Check' };
const ria = 'ria.late@ended.example';
let licenceId: string;
let lastDay: string;

/**
 * When it ended, as its mails say it: noon UTC the day after its last day, in the account's zone
 * (Berlin) with UTC beside it, and that last day. Before, "ended on <last day>", a day early.
 */
const ended = () =>
  `${formatWithUtc(new Date(Date.parse(`${lastDay}T12:00:00.000Z`) + 86_400_000).toISOString(), 'Europe/Berlin')}, ` +
  `after its last day, ${lastDay}`;

async function endedLicenceWithOverdueInvitation(
  api: DemoApi,
  now: () => Date,
  advance: (ms: number) => void,
) {
  ({ licenceId } = await api.setUpAccount(admin, {
    name: 'Ended Corp',
    timeZone: 'Europe/Berlin',
    licence: { product: 'Sitefinity', edition: 'Online Marketing License', plan: 'enterprise', holder },
    users: [{ ...zoe, company: 'Ended Corp', country: 'DE', permissions: { manageUsers: true } }],
  }));
  await api.call(holder, 'POST', `/v1/licences/${licenceId}/users`, {
    email: ria,
    firstName: 'Ria',
    lastName: 'Late',
    company: 'Ended Corp',
    country: 'DE',
    permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
  });
  advance(49 * 3_600_000);
  lastDay = new Date(now().getTime() - 3 * 86_400_000).toISOString().slice(0, 10);
  await api.call(admin, 'PATCH', `/v1/licences/${licenceId}`, {
    activeUntil: lastDay,
    reason: 'not renewed',
  });
}

describeInChromium('administering the users of an ended licence, in Chromium', (session) => {
  const errors: string[] = [];

  beforeAll(async () => {
    await endedLicenceWithOverdueInvitation(
      session.api,
      () => session.server.clock.now(),
      (ms) => session.server.clock.advance(ms),
    );
  });

  it('offers its holder no invitation and no Send again, and says it ended and who renews it', async () => {
    const page = await openConsoleAs(session, holder, `#/licences/${licenceId}`, errors);
    await page.locator('li.licence-user', { hasText: ria }).waitFor();
    expect(await wordsOf(page, '.licence-ended')).toContain(
      `This licence ended ${ended()}: nobody can invite users to it or send its invitations again until it is renewed. An admin renews it: ask your account manager.`,
    );
    expect(await page.locator('details[data-form="invite"]').count()).toBe(0);
    expect(await page.locator('summary', { hasText: 'Send the invitation again' }).count()).toBe(0);
    // Its users remain the holder's to change and remove.
    expect(await page.locator(`details[data-form="remove:${ria}"]`).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows its holder the invitation waiting for the renewal, not overdue', async () => {
    const page = await openLicencesAs(session, holder, errors);
    const card = page.locator('li.licence-card');
    await card.waitFor();
    expect(await wordsOf(page, 'li.licence-card')).toContain(
      '1 invitation waiting for registration, which can be completed once the licence is renewed',
    );
    expect(await card.getByText('overdue').count()).toBe(0);
    expect(await card.locator('strong.overdue-note', { hasText: 'Expired' }).count()).toBe(1);
    await page.getByRole('link', { name: /Ended Corp · Sitefinity/ }).click();
    const entry = page.locator('li.licence-user', { hasText: ria });
    await entry.waitFor();
    expect(await wordsOf(page, `li.licence-user:has-text("${ria}")`)).toContain(
      'Waits for the licence’s renewal to register',
    );
    expect(await entry.getByText('Overdue').count()).toBe(0);
    // Times in the account's zone with UTC beside them, as the mails say them; Expired stands out.
    expect(await wordsOf(page, `li.licence-user:has-text("${ria}") .chip`)).toMatch(
      /^Invited \w{3},? \d+ \w{3} \d{4}, \d\d:\d\d CES?T \((\w{3},? \d+ \w{3} \d{4}, )?\d\d:\d\d UTC\)$/,
    );
    expect(await page.locator('.licence-terms strong.overdue-note', { hasText: 'Expired' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a user who manages users the ended licence and that her permission returns on renewal, not Forbidden', async () => {
    const page = await openLicencesAs(session, zoe, errors);
    await page.locator('.licence-lapsed-manager').waitFor();
    expect(await wordsOf(page, '.licence-lapsed-manager')).toContain(
      `Ended: your manage-users permission applies again once it is renewed. Until then its holder (${holder.email}) or an admin manages its users`,
    );
    await page.getByRole('link', { name: /Ended Corp · Sitefinity/ }).click();
    await page.locator('.licence-reader').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await wordsOf(page, '.licence-reader')).toBe(
      `This licence ended ${ended()}: your manage-users permission applies again once it is renewed. Until then its holder (${holder.email}) or an admin manages its users; an admin renews it: ask your account manager.`,
    );
    expect(await page.locator('details').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
