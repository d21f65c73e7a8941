import { openConsoleAs, wordsOf } from './support/console/console-browser';
import {
  ACME_RETAIL_PEOPLE,
  describeInChromium,
  type ConsoleSession,
} from './support/console/console-in-chromium';
import type { Person } from './support/console/demo-api';
import { formatWithUtc } from '../apps/console/src/shared/format';

/**
 * What a customer is told on My cases when a licence of theirs has ended (licadmin F6, F15): the
 * page no longer offers Complete registration or New case, and says why and whom to ask, from what
 * GET /v1/licences shows the customer herself.
 */
const { admin } = ACME_RETAIL_PEOPLE;
const holder: Person = { email: 'mia.holder@lapsed.example', name: 'Mia Holder' };
const ria: Person = { email: 'ria.late@lapsed.example', name: 'Ria Late' };
const sam: Person = { email: 'sam.user@northwind.example', name: 'Sam User' };
const kim: Person = { email: 'kim.colleague@northwind.example', name: 'Kim Colleague' };
const mia: Person = { email: 'mia.new@northwind.example', name: 'Mia New' };

/**
 * Ends the licence early: a last day of support three days ago (by the server's clock). Says when
 * it ended as its mail does ("Ended:"), in the account's zone with UTC beside it: noon UTC the day
 * after that last day, which the words name too.
 */
async function endLicence(session: ConsoleSession, licenceId: string, timeZone?: string): Promise<string> {
  const lastDay = new Date(session.server.clock.now().getTime() - 3 * 86_400_000).toISOString().slice(0, 10);
  await session.api.call(admin, 'PATCH', `/v1/licences/${licenceId}`, {
    activeUntil: lastDay,
    reason: 'not renewed',
  });
  const endedAt = new Date(Date.parse(`${lastDay}T12:00:00.000Z`) + 86_400_000).toISOString();
  return `${formatWithUtc(endedAt, timeZone ?? null)}, after its last day, ${lastDay}`;
}

describeInChromium('notices on My cases about licences that ended, in Chromium', (session) => {
  const errors: string[] = [];

  it('tells an invitee whose licence ended that her invitation waits for its renewal, and whom to ask', async () => {
    const { licenceId } = await session.api.setUpAccount(admin, {
      name: 'Lapsed Corp',
      timeZone: 'America/Los_Angeles',
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
    const ended = await endLicence(session, licenceId, 'America/Los_Angeles');

    const page = await openConsoleAs(session, ria, '#/cases', errors);
    await page.locator('.invitation-awaits-renewal').waitFor();
    // Before, the page showed "No cases to show." and nothing else: no Complete registration, no reason.
    expect(await wordsOf(page, '.invitation-awaits-renewal')).toBe(
      `Your invitation to Sitefinity (Online Marketing License) waits for the licence’s renewal: it ended ${ended}, ` +
        `and you can complete your registration here once it is renewed. Ask its holder (${holder.email}) or your account manager to renew it.`,
    );
    expect(await page.getByRole('button', { name: 'Complete registration' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'New case' }).count()).toBe(0);
    // Before, "ended on <last day>": the day before it ended, and no time zone (its mail said 04:00 PST).
    expect(ended).toMatch(
      /^\w{3},? \d{1,2} \w{3} \d{4}, 0[34]:00 P[SD]T \(12:00 UTC\), after its last day, /,
    );
    expect(errors).toEqual([]);
    await page.close();

    // Its holder's Licences page says the same, not "Expired (active until <last day>)".
    const licences = await openConsoleAs(session, holder, '#/licences', errors);
    await licences.locator('.licence-card').first().waitFor();
    expect(await wordsOf(licences, '.licence-card')).toContain(`Expired: ended ${ended}`);
    expect(errors).toEqual([]);
    await licences.close();
  });

  it('tells a user whose only licence ended that she cannot open cases and that shared cases are hidden until its renewal', async () => {
    // Sam shares his cases (L1); Kim sees shared tickets through another licence of the account (L2).
    const { accountId, licenceId: l1 } = await session.api.setUpAccount(admin, {
      name: 'Northwind',
      licence: {
        product: 'Sitefinity',
        edition: 'Online Marketing License',
        plan: 'enterprise',
        holder: { email: 'lena.holder@northwind.example', name: 'Lena Holder' },
      },
      users: [{ ...sam, company: 'Northwind', country: 'DE', permissions: { shareTickets: true } }],
    });
    const { id: l2 } = await session.api.call(admin, 'POST', `/v1/accounts/${accountId}/licences`, {
      product: 'DevCraft',
      edition: 'Complete',
      plan: 'enterprise',
      activeUntil: '2030-12-31',
      seats: 5,
      holderEmail: mia.email,
    });
    await session.api.call(mia, 'POST', `/v1/licences/${l2}/users`, {
      email: kim.email,
      firstName: 'Kim',
      lastName: 'Colleague',
      company: 'Northwind',
      country: 'DE',
      permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: true },
    });
    await session.api.call(kim, 'POST', `/v1/licences/${l2}/users/${kim.email}/activation`);
    const { id: caseId } = await session.api.call(sam, 'POST', '/v1/cases', {
      licenceId: l1,
      title: 'Publishing stalls',
      description: 'Pages stay in draft.',
      severity: 3,
      channel: 'web',
    });
    await session.api.call(kim, 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'low-satisfaction',
      details: 'Nobody answered for a day.',
    });
    const ended = await endLicence(session, l2);

    const page = await openConsoleAs(session, kim, '#/cases', errors);
    await page.locator('.licence-ended-for-user').waitFor();
    // Before, "No cases to show." and New case gone, with no word why (licadmin F6).
    expect(await wordsOf(page, '.licence-ended-for-user')).toBe(
      `Your licence DevCraft (Complete) ended ${ended}: you cannot open new cases, and cases colleagues ` +
        `shared with you through it are hidden until it is renewed. Ask its holder (${mia.email}) or your account manager to renew it.`,
    );
    await page.getByText('No cases to show.').waitFor();
    expect(await page.getByRole('link', { name: 'New case' }).count()).toBe(0);

    // The New case page, reached by its address, says the same.
    await page.goto(`${session.server.url}/#/cases/new`);
    await page.getByRole('heading', { name: 'Open a case' }).waitFor();
    await page.locator('.licence-ended-for-user').waitFor();
    expect(await wordsOf(page, '.licence-ended-for-user')).toContain(
      `Your licence DevCraft (Complete) ended ${ended}`,
    );
    // The licence field's hint gives the notice's advice; before, "ask your licence holder", unnamed.
    await page.getByText('Your licences have ended.').waitFor();
    expect(await wordsOf(page, '#case-licence-hint')).toBe(
      `Your licences have ended. Ask their holder (${mia.email}) or your account manager to renew them.`,
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
