import { openConsoleAs, wordsOf } from './support/console/console-browser';
import {
  ACME_RETAIL_PEOPLE,
  describeInChromium,
  type ConsoleSession,
} from './support/console/console-in-chromium';
import type { Person } from './support/console/demo-api';

/**
 * What a customer is told on My cases when a licence of theirs has ended (licadmin F6, F15): the
 * page no longer offers Complete registration or New case, and says why and whom to ask, from what
 * GET /v1/licences shows the customer herself.
 */
const { admin } = ACME_RETAIL_PEOPLE;
const holder: Person = { email: 'mia.holder@lapsed.example', name: 'Mia Holder' };
const ria: Person = { email: 'ria.late@lapsed.example', name: 'Ria Late' };

/** Ends the licence early: a last day of support three days ago (by the server's clock); that day. */
async function endLicence(session: ConsoleSession, licenceId: string): Promise<string> {
  const lastDay = new Date(session.server.clock.now().getTime() - 3 * 86_400_000).toISOString().slice(0, 10);
  await session.api.call(admin, 'PATCH', `/v1/licences/${licenceId}`, {
    activeUntil: lastDay,
    reason: 'not renewed',
  });
  return lastDay;
}

describeInChromium('notices on My cases about licences that ended, in Chromium', (session) => {
  const errors: string[] = [];

  it('tells an invitee whose licence ended that her invitation waits for its renewal, and whom to ask', async () => {
    const { licenceId } = await session.api.setUpAccount(admin, {
      name: 'Lapsed Corp',
      licence: { product: 'Sitefinity', edition: 'Online Marketing License', plan: 'enterprise', holder },
      users: [],
    });
    await session.api.call(holder, 'POST', `/v1/licences/${licenceId}/users`, {
      email: ria.email,
      firstName: 'Ria',
      lastName: 'Late',
      company: 'Lapsed Corp',
      country: 'DE',
      permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
    });
    const lastDay = await endLicence(session, licenceId);

    const page = await openConsoleAs(session, ria, '#/cases', errors);
    await page.locator('.invitation-awaits-renewal').waitFor();
    // Before, the page showed "No cases to show." and nothing else: no Complete registration, no reason.
    expect(await wordsOf(page, '.invitation-awaits-renewal')).toBe(
      `Your invitation to Sitefinity (Online Marketing License) waits for the licence’s renewal: it ended on ${lastDay}, ` +
        `and you can complete your registration here once it is renewed. Ask its holder (${holder.email}) or your account manager to renew it.`,
    );
    expect(await page.getByRole('button', { name: 'Complete registration' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'New case' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
