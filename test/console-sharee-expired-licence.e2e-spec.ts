import { openConsoleAs, wordsOf } from './support/console/console-browser';
import {
  ACME_RETAIL_PEOPLE,
  describeInChromium,
  type ConsoleSession,
} from './support/console/console-in-chromium';
import type { Person } from './support/console/demo-api';

/**
 * A person a case is shared with, from another company, cannot read the case's licence (404 to
 * them), and it is not theirs to learn when it ends. The case detail's `allowedActions` says what
 * they may do: on a resolved case whose licence has expired, Reopen and Share are not offered at
 * all; before, the console offered Reopen, which the API then refused (403 licence-expired). When
 * the licence ends while the case is on screen, the refusal still stays at the top of the actions,
 * read out, and Reopen is no longer offered.
 */
const { admin, engineer } = ACME_RETAIL_PEOPLE;

/** A resolved case una opened and shared with sam (of another company); `endLicence` ends its licence. */
async function resolvedSharedCase(session: ConsoleSession, company: string) {
  const domain = `${company}.example`;
  const una: Person = { email: `una.user@${domain}`, name: 'Una User' };
  const sam: Person = { email: `sam.sharee@othercorp-${company}.example`, name: 'Sam Sharee' };
  const { licenceId } = await session.api.setUpAccount(admin, {
    name: company,
    licence: {
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan: 'enterprise',
      holder: { email: `cto@${domain}`, name: 'Lapsed CTO' },
    },
    users: [{ ...una, company, country: 'US', permissions: { shareTickets: true } }],
  });
  const { id: caseId } = await session.api.call(una, 'POST', '/v1/cases', {
    licenceId,
    title: 'Search index never finishes',
    description: 'The nightly rebuild stops at 40%.',
    severity: 3,
    channel: 'web',
  });
  await session.api.call(una, 'POST', `/v1/cases/${caseId}/shares`, { email: sam.email, name: sam.name });
  await session.api.call(engineer, 'POST', `/v1/cases/${caseId}/resolution`, {
    summary: 'Raised the rebuild timeout.',
  });
  // Ended early: a last day of support three days ago (by the server's clock) ends the licence at once.
  const endLicence = async () => {
    const lastDay = new Date(session.server.clock.now().getTime() - 3 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    await session.api.call(admin, 'PATCH', `/v1/licences/${licenceId}`, {
      activeUntil: lastDay,
      reason: 'not renewed',
    });
  };
  return { caseId, sam, endLicence };
}

describeInChromium('a sharee on a case whose licence expired, in Chromium', (session) => {
  const errors: string[] = [];

  it('offers the sharee neither Reopen nor Share once the licence has expired, as the API lists', async () => {
    const { caseId, sam, endLicence } = await resolvedSharedCase(session, 'acme-lapsed-before');
    await endLicence();

    const page = await openConsoleAs(session, sam, `#/cases/${caseId}`, errors);
    await page.locator('details[data-action="comment"]').waitFor();
    expect(await page.locator('details[data-action="reopen"]').count()).toBe(0);
    expect(await page.locator('details[data-action="share"]').count()).toBe(0);
    // What is left is what the API takes from them: commenting and confirming the resolution.
    expect(await page.locator('details[data-action="close"]').count()).toBe(1);
    expect(await page.locator('.licence-lapsed').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the licence-expired refusal above the actions and no longer offers Reopen, when the licence ends while the case is on screen', async () => {
    const { caseId, sam, endLicence } = await resolvedSharedCase(session, 'acme-lapsed-meanwhile');

    const page = await openConsoleAs(session, sam, `#/cases/${caseId}`, errors);
    const reopen = page.locator('details[data-action="reopen"]');
    await reopen.locator('summary').click();
    await endLicence();
    await page.getByLabel('Why is it not solved?').fill('Still stops at 40%.');
    await reopen.getByRole('button', { name: 'Reopen' }).click();

    const note = page.locator('.licence-lapsed [role="alert"]');
    await note.waitFor();
    expect(await wordsOf(page, '.licence-lapsed')).toMatch(/licence for this case is not in force/);
    expect(await reopen.count()).toBe(0);
    await page.waitForFunction(() => document.activeElement?.closest('.licence-lapsed') !== null, undefined, {
      timeout: 5000,
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
