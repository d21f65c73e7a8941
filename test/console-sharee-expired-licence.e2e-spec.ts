import { newConsoleTab, signInAs, wordsOf } from './support/console/console-browser';
import { ACME_RETAIL_PEOPLE, describeInChromium } from './support/console/console-in-chromium';
import type { Person } from './support/console/demo-api';

/**
 * A person a case is shared with, from another company, cannot read the case's licence (404 to
 * them) and the case detail does not say whether it is in force: the console offers Reopen on a
 * resolved case whose licence has expired. Once the API refuses it (403 licence-expired), the
 * refusal stays at the top of the actions, read out, and Reopen is no longer offered; before, the
 * refusal sat inside the Reopen form, which stayed on offer to be refused again.
 */
const { admin, engineer } = ACME_RETAIL_PEOPLE;
const una: Person = { email: 'una.user@acme-lapsed.example', name: 'Una User' };
const sam: Person = { email: 'sam.sharee@othercorp.example', name: 'Sam Sharee' };

describeInChromium('a sharee on a case whose licence expired, in Chromium', (session) => {
  const errors: string[] = [];

  it('keeps the licence-expired refusal above the actions and no longer offers Reopen', async () => {
    const { licenceId } = await session.api.setUpAccount(admin, {
      name: 'Acme Lapsed',
      licence: {
        product: 'Sitefinity',
        edition: 'Online Marketing License',
        plan: 'enterprise',
        holder: { email: 'cto@acme-lapsed.example', name: 'Lapsed CTO' },
      },
      users: [{ ...una, company: 'Acme Lapsed', country: 'US', permissions: { shareTickets: true } }],
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
    const lastDay = new Date(session.server.clock.now().getTime() - 3 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    await session.api.call(admin, 'PATCH', `/v1/licences/${licenceId}`, {
      activeUntil: lastDay,
      reason: 'not renewed',
    });

    const page = await newConsoleTab(session.chromium, errors);
    await signInAs(page, session.server, session.api, sam);
    await page.goto(`${session.server.url}/#/cases/${caseId}`);
    const reopen = page.locator('details[data-action="reopen"]');
    await reopen.locator('summary').click();
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
