import { ApiResponse } from './support/fixtures/api-client';
import { AccessWorld, FixtureCases, useAccessWorld } from './support/fixtures/access-world';

/**
 * DOMAIN.md: "Per-case sharing adds one person to one case", and a case-team member sees and is
 * mailed every case of the account. A group address or distribution list would pass both to
 * everyone behind it, so the licensed-user rule (group addresses refused with a clear error,
 * detection configurable) applies to shares and case-team members too: 422, nothing recorded.
 */
function expectGroupMailboxRefusal(response: ApiResponse, email: string, why: RegExp): void {
  expect(response.status).toBe(422);
  expect(response.contentType).toContain('application/problem+json');
  const problem = response.json();
  expect(problem.type).toMatch(/group-mailbox-not-allowed$/);
  expect(problem.detail).toContain(email);
  expect(problem.detail).toMatch(why);
  expect(problem.errors).toEqual([expect.objectContaining({ field: 'email' })]);
}

describe('group addresses are refused as shares and case-team members', () => {
  let world: AccessWorld;
  let cases: FixtureCases;

  useAccessWorld((setting) => {
    ({ world, cases } = setting);
  });

  const shareEmails = async (caseId: string): Promise<string[]> => {
    const detail = await world.api.expect(
      200,
      { method: 'GET', url: `/v1/cases/${caseId}` },
      world.token('eve'),
    );
    return detail.json().shares.map((share: { email: string }) => share.email);
  };

  it.each(['support@other.example', 'all-staff@acme.example', 'no_reply@acme.example'])(
    'sharing a case with %s is a 422 naming the email field, and the case is not shared',
    async (email) => {
      const before = await shareEmails(cases.byAlice);
      const response = await world.api.send(
        { method: 'POST', url: `/v1/cases/${cases.byAlice}/shares`, payload: { email, name: 'Group' } },
        world.token('alice'),
      );
      expectGroupMailboxRefusal(response, email, /shared with one person/);
      expect(await shareEmails(cases.byAlice)).toEqual(before);
    },
  );

  it('sharing a case with a person is unchanged', async () => {
    await world.steps.shareCase(cases.byAlice, 'maria_soporte@acme.example', world.token('alice'));
    expect(await shareEmails(cases.byAlice)).toContain('maria_soporte@acme.example');
  });

  it.each(['all-staff@acme.example', 'team@partner.example'])(
    'adding %s to the case team is a 422 naming the email field, and nobody is added',
    async (email) => {
      const response = await world.api.send(
        {
          method: 'POST',
          url: `/v1/accounts/${world.accounts.acme}/case-team`,
          payload: { email, name: 'DL', notify: true },
        },
        world.token('eve'),
      );
      expectGroupMailboxRefusal(response, email, /case-team member is one person/);
      const account = await world.api.expect(
        200,
        { method: 'GET', url: `/v1/accounts/${world.accounts.acme}` },
        world.token('eve'),
      );
      expect(JSON.stringify(account.json())).not.toContain(email);
    },
  );
});
