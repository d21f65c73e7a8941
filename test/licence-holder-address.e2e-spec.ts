import { ApiClient, ApiResponse } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The licence holder is the customer who owns a licence and manages its users (DOMAIN.md
 * "Actors"): issuing a licence to a group mailbox, or to an address the records know as vendor
 * staff, is refused with a 422 naming holderEmail, and no licence is issued.
 */
describe('who may hold a licence', () => {
  let t: TestApp;
  let api: ApiClient;
  let admin: string;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestApp({ apiEnv: { STAFF_EMAIL_DOMAINS: 'vendor.example' } });
    api = new ApiClient(t.app);
    admin = await t.token('adam.admin@vendor.example', ['admin']);
    const steps = new SetupSteps(api, admin, await t.token('eve@vendor.example', ['engineer']));
    accountId = await steps.registerAccount('Acme');
    await steps.assignCsm(accountId, 'carl.csm@partner-csm.example');
  });
  afterAll(() => t.close());

  const issue = (holderEmail: string): Promise<ApiResponse> =>
    api.send(
      {
        method: 'POST',
        url: `/v1/accounts/${accountId}/licences`,
        payload: {
          product: 'Kendo',
          edition: 'UI',
          plan: 'standard',
          activeUntil: '2030-12-31',
          seats: 2,
          holderEmail,
        },
      },
      admin,
    );

  const licencesOfAccount = async (): Promise<string[]> => {
    const account = await api.expect(200, { method: 'GET', url: `/v1/accounts/${accountId}` }, admin);
    return account.json().licences.map((licence: { holderEmail: string }) => licence.holderEmail);
  };

  function expectRefusal(response: ApiResponse, code: string, detail: RegExp): void {
    expect(response.status).toBe(422);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.json().type).toMatch(new RegExp(`${code}$`));
    expect(response.json().detail).toMatch(detail);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'holderEmail' })]);
  }

  it.each(['support@acme.example', 'no_reply@acme.example', 'kontakt@acme.example'])(
    'a group mailbox (%s) is refused as holder, and no licence is issued',
    async (email) => {
      expectRefusal(
        await issue(email),
        'group-mailbox-not-allowed',
        /group address or distribution list.*one person/,
      );
      expect(await licencesOfAccount()).toEqual([]);
    },
  );

  it.each([
    ['at a staff email domain', 'eve@vendor.example'],
    ["an account's CSM", 'carl.csm@partner-csm.example'],
  ])('an address known as staff (%s) is refused as holder', async (_why, email) => {
    expectRefusal(await issue(email), 'licence-holder-is-staff', /known as vendor support staff/);
    expect(await licencesOfAccount()).toEqual([]);
  });

  it("the customer's licence owner is the holder", async () => {
    expect((await issue('boss@acme.example')).status).toBe(201);
    expect(await licencesOfAccount()).toEqual(['boss@acme.example']);
  });
});
