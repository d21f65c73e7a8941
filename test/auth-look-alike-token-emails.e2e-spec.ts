import { LOOK_ALIKE_TOKEN_EMAILS } from '@casetrail/domain/accounts/testing/look-alike-token-emails';
import { ApiClient } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

const HOLDER = 'boss@acme.example';
const JANE = 'jane@acme.example';
const ANNA = 'anna@bücher.example';
const ANNA_PUNYCODE = 'anna@xn--bcher-kva.example';
const EVERY_PERMISSION = { manageUsers: true, shareTickets: true, seeSharedTickets: true };

/**
 * A token's email that only looks like a customer's address (fullwidth letters, an ideographic
 * full stop, an invisible character in the domain, a Punycode label that decodes to plain ASCII)
 * was folded onto that customer by the domain's UTS 46 mapping: the bearer saw Jane's cases,
 * commented as her (the history named jane@acme.example) and managed the holder's licence. The same
 * addresses typed into an invitation or a share were refused. Such a token is now 401, saying why,
 * and nothing it sends is recorded; an internationalised address in either of its own spellings
 * is still one person.
 */
describe('tokens whose email only looks like a customer address', () => {
  let t: TestApp;
  let api: ApiClient;
  let licenceId: string;
  let janesCase: string;
  let engineerToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    engineerToken = await t.token('eve.engineer@vendor.example', ['engineer']);
    const steps = new SetupSteps(api, await t.token('adam.admin@vendor.example', ['admin']), engineerToken);
    const accountId = await steps.registerAccount('Acme');
    licenceId = await steps.issueLicence(accountId, { plan: 'enterprise', holderEmail: HOLDER });
    await steps.addLicensedUser(licenceId, JANE, EVERY_PERMISSION, await t.token(JANE));
    janesCase = await steps.openWebCase(licenceId, await t.token(JANE));
    // Invited in Unicode, activating with the identity provider's Punycode spelling.
    await steps.addLicensedUser(licenceId, ANNA, EVERY_PERMISSION, await t.token(ANNA_PUNYCODE));
  });

  afterAll(() => t.close());

  /** What the records hold that such a token could have changed: the case's events, the licence's users. */
  const recorded = async () => ({
    caseEvents: (
      await api.expect(200, { method: 'GET', url: `/v1/cases/${janesCase}/history` }, engineerToken)
    ).json().events.length,
    licence: (
      await api.expect(200, { method: 'GET', url: `/v1/licences/${licenceId}` }, await t.token(HOLDER))
    ).json(),
  });

  it.each([
    ...LOOK_ALIKE_TOKEN_EMAILS,
    [
      'a Punycode label decoding to plain ASCII',
      'jane@xn--acme-.example',
      'has a malformed Punycode domain label "xn--acme-": it decodes to "acme"',
    ],
    [
      "Punycode labels decoding to the holder's domain",
      'boss@xn--acme-.xn--example-',
      'has a malformed Punycode domain label "xn--acme-": it decodes to "acme"',
    ],
  ] as const)(
    '%s (%j): 401 saying why, on reads and commands, and nothing recorded',
    async (_what, email, why) => {
      const token = await t.token(email);
      const before = await recorded();
      const attempts = [
        { method: 'GET' as const, url: '/v1/cases?limit=50' },
        { method: 'GET' as const, url: `/v1/cases/${janesCase}` },
        { method: 'POST' as const, url: `/v1/cases/${janesCase}/comments`, payload: { body: 'Me again' } },
        { method: 'GET' as const, url: `/v1/licences/${licenceId}` },
        {
          method: 'POST' as const,
          url: `/v1/licences/${licenceId}/users`,
          payload: {
            email: 'spy@attacker.example',
            firstName: 'Spy',
            lastName: 'Attacker',
            company: 'Attacker',
            country: 'BG',
            permissions: EVERY_PERMISSION,
          },
        },
      ];
      for (const attempt of attempts) {
        const response = await api.send(attempt, token);
        expect({ attempt: attempt.url, status: response.status }).toEqual({
          attempt: attempt.url,
          status: 401,
        });
        expect(response.contentType).toContain('application/problem+json');
        expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
        expect(response.json().detail).toContain(
          `The token's email is not an address Casetrail accepts: it ${why}`,
        );
      }
      expect(await recorded()).toEqual(before);
    },
  );

  it('an internationalised address is one person in Unicode and in its Punycode form', async () => {
    const unicode = await t.token(ANNA);
    const punycode = await t.token(ANNA_PUNYCODE);
    const caseId = await new SetupSteps(api, '', engineerToken).openWebCase(licenceId, unicode, 'Umlauts');
    const listed = await api.expect(200, { method: 'GET', url: '/v1/cases?limit=50' }, punycode);
    expect(listed.json().items.map((item: { id: string }) => item.id)).toContain(caseId);
    await api.expect(
      201,
      { method: 'POST', url: `/v1/cases/${caseId}/comments`, payload: { body: 'Any news?' } },
      punycode,
    );
    const history = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}/history` }, unicode);
    const actors = history.json().events.map((event: { actor: string }) => event.actor);
    expect(actors).toEqual([ANNA, ANNA]);
    const licence = await api.expect(200, { method: 'GET', url: `/v1/licences/${licenceId}` }, engineerToken);
    expect(licence.json().users).toContainEqual(expect.objectContaining({ email: ANNA, status: 'active' }));
  });
});
