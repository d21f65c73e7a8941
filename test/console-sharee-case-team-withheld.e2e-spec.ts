import { openConsoleAs, wordsOf } from './support/console/console-browser';
import { ACME_RETAIL_PEOPLE, describeInChromium } from './support/console/console-in-chromium';
import type { Person } from './support/console/demo-api';

/**
 * The account's case team is withheld from someone who sees a case only through a share (often from
 * another company): the API lists none and says it is withheld (`teamWithheld`), and the console
 * says it is not shown to them. Before, `team: []` with no sign, and the console told the sharee
 * "The account has no case team." of an account that has one.
 */
const { admin, engineer } = ACME_RETAIL_PEOPLE;

describeInChromium('the case team on a case shared with an outsider, in Chromium', (session) => {
  const errors: string[] = [];

  it('tells the sharee the case team is not shown to her, and her colleagues still see it', async () => {
    const fay: Person = { email: 'fay.f@teamco.example', name: 'Fay F' };
    const olga: Person = { email: 'olga@partnerco-team.example', name: 'Olga Partner' };
    const { accountId, licenceId } = await session.api.setUpAccount(admin, {
      name: 'TeamCo',
      licence: {
        product: 'Sitefinity',
        edition: 'Online Marketing License',
        plan: 'enterprise',
        holder: { email: 'cto@teamco.example', name: 'TeamCo CTO' },
      },
      users: [{ ...fay, company: 'TeamCo', country: 'US', permissions: { shareTickets: true } }],
    });
    await session.api.call(engineer, 'POST', `/v1/accounts/${accountId}/case-team`, {
      email: 'tom@otherco-team.example',
      name: 'Tom Other',
      notify: true,
    });
    const { id: caseId } = await session.api.call(fay, 'POST', '/v1/cases', {
      licenceId,
      title: 'Search index never finishes',
      description: 'The nightly rebuild stops at 40%.',
      severity: 3,
      channel: 'web',
    });
    await session.api.call(fay, 'POST', `/v1/cases/${caseId}/shares`, { email: olga.email, name: olga.name });

    const asOlga = await session.api.call<{ team: unknown[]; teamWithheld?: boolean }>(
      olga,
      'GET',
      `/v1/cases/${caseId}`,
    );
    expect(asOlga).toMatchObject({ team: [], teamWithheld: true });
    const asFay = await session.api.call<{ team: { email: string }[]; teamWithheld?: boolean }>(
      fay,
      'GET',
      `/v1/cases/${caseId}`,
    );
    expect(asFay.team.map((member) => member.email)).toEqual(['tom@otherco-team.example']);
    expect(asFay.teamWithheld).toBeUndefined();

    const page = await openConsoleAs(session, olga, `#/cases/${caseId}`, errors);
    await page.locator('.team-withheld').waitFor();
    expect(await wordsOf(page, '.team-withheld')).toBe(
      "The account's case team is not shown to people a case is shared with.",
    );
    expect(await wordsOf(page, 'main')).not.toContain('The account has no case team.');
    expect(errors).toEqual([]);
    await page.close();
  });
});
