import { randomUUID } from 'node:crypto';
import { ApiClient, ApiRequest, ApiResponse } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import type { StaffRole } from '../apps/api/src/auth/actor';
import { startTestApp, TestApp } from './support/test-app';

/**
 * An account is no business of someone with no tie to it (no licence of it, no case-team entry, no
 * staff role), and its id must not tell them it exists: an account id is shown in a shared case's
 * detail, and a 403 confirmed it as a live customer. Every account endpoint answers such a stranger
 * exactly as it answers an id nobody registered, as licences and cases do. Those the account knows
 * of (a licensed user, a pending invitee, a case-team member) and staff keep their 403, but for a CSM:
 * they know the accounts they are designated for, and another customer's is an unknown id to them.
 */
describe('accounts answer a stranger as if they did not exist', () => {
  let t: TestApp;
  let api: ApiClient;
  let accountId: string;

  const ANN = 'ann@acme.example';
  const PETE = 'pete.pending@acme.example';
  const ZOE = 'zoe@partner.example';
  const CORA = 'cora.csm@vendor.example';
  const CARL = 'carl.csm@vendor.example';

  /** Every account endpoint, reads and writes, for one account id, as `me` calls them. */
  const endpoints = (id: string, me: string): ApiRequest[] => [
    { method: 'GET', url: `/v1/accounts/${id}` },
    { method: 'GET', url: `/v1/accounts/${id}/case-team/${ZOE}` },
    { method: 'GET', url: `/v1/accounts/${id}/case-team/${me}` },
    { method: 'GET', url: `/v1/accounts/${id}/history` },
    { method: 'GET', url: `/v1/accounts/${id}/integrity` },
    { method: 'PATCH', url: `/v1/accounts/${id}`, payload: { name: 'Mine now' } },
    { method: 'PUT', url: `/v1/accounts/${id}/csm`, payload: { email: 'csm@vendor.example' } },
    { method: 'DELETE', url: `/v1/accounts/${id}/csm`, payload: {} },
    { method: 'POST', url: `/v1/accounts/${id}/case-team`, payload: { email: me, name: 'Me', notify: true } },
    { method: 'PATCH', url: `/v1/accounts/${id}/case-team/${ZOE}`, payload: { notify: false } },
    { method: 'PATCH', url: `/v1/accounts/${id}/case-team/${me}`, payload: { notify: true } },
    { method: 'DELETE', url: `/v1/accounts/${id}/case-team/${ZOE}`, payload: {} },
    {
      method: 'POST',
      url: `/v1/accounts/${id}/licences`,
      payload: {
        product: 'Sitefinity',
        edition: 'Standard',
        plan: 'standard',
        activeUntil: '2030-12-31',
        holderEmail: me,
      },
    },
    { method: 'GET', url: `/v1/licences?accountId=${id}` },
    { method: 'GET', url: `/v1/cases?accountId=${id}` },
    // A stale If-Match is judged after who may act, so it names no revision either.
    {
      method: 'PATCH',
      url: `/v1/accounts/${id}/case-team/${me}`,
      payload: { notify: false },
      headers: { 'if-match': '"99"' },
    },
  ];

  /** What an answer tells: its status and body, with the id asked about written out of it. */
  const told = (response: ApiResponse, id: string) => ({
    status: response.status,
    body: response.body.split(id).join('<id>'),
    etag: response.headers.etag,
  });

  const statusOf = async (request: ApiRequest, email: string) =>
    (await api.send(request, await t.token(email))).status;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const admin = await t.token('admin@vendor.example', ['admin']);
    const setup = new SetupSteps(api, admin, await t.token('eve@vendor.example', ['engineer']));
    accountId = await setup.registerAccount('Acme');
    const licenceId = await setup.issueLicence(accountId, {
      plan: 'enterprise',
      holderEmail: 'boss@acme.example',
    });
    await setup.addLicensedUser(licenceId, ANN, NO_PERMISSIONS, await t.token(ANN));
    await setup.addLicensedUser(licenceId, PETE, NO_PERMISSIONS);
    await setup.addCaseTeamMember(accountId, ZOE, true);
    // A customer of another company, holder of her own licence.
    const globex = await setup.registerAccount('Globex');
    await setup.issueLicence(globex, { plan: 'enterprise', holderEmail: 'gina@globex.example' });
    await setup.assignCsm(accountId, CORA);
    await setup.assignCsm(globex, CARL);
  });
  afterAll(() => t.close());

  it.each<[string, string, StaffRole[]]>([
    ['someone with no licence and no role', 'mallory@evil.example', []],
    ['a customer of another company', 'gina@globex.example', []],
    // A CSM knows the accounts they are designated for, no other customer's (as with products and cases).
    ['the CSM of another account', CARL, ['csm']],
    ['a CSM of no account', 'nina.csm@vendor.example', ['csm']],
  ])('%s gets on every endpoint what an unregistered id gets', async (_who, email, roles) => {
    const token = await t.token(email, roles);
    const unregistered = randomUUID();
    const real = endpoints(accountId, email);
    const none = endpoints(unregistered, email);
    for (const [index, request] of real.entries()) {
      const answer = told(await api.send(request, token), accountId);
      const forNone = told(await api.send(none[index], token), unregistered);
      expect({ request: `${request.method} ${request.url}`, ...answer }).toEqual({
        request: `${request.method} ${request.url}`,
        ...forNone,
      });
      // The history is for admins and auditors whatever the id, and lists narrowed to the account are
      // empty alike; everything else is a 404.
      if (!/\/(history|integrity)$|\?/.test(request.url))
        expect({ request: request.url, status: answer.status }).toEqual({
          request: request.url,
          status: 404,
        });
    }
  });

  it('those the account knows of keep their 403 (a case-team member reading the account view included)', async () => {
    const [view, othersEntry, , , , change] = endpoints(accountId, ANN);
    expect(await statusOf(view, ANN)).toBe(200);
    expect(await statusOf(change, ANN)).toBe(403);
    expect(await statusOf(view, PETE)).toBe(403);
    expect(await statusOf(change, PETE)).toBe(403);
    expect(await statusOf(view, ZOE)).toBe(403);
    expect(await statusOf(change, ZOE)).toBe(403);
    // Zoe reads and changes her own entry; someone else's is the account view's 403.
    const zoes = endpoints(accountId, ZOE);
    expect(await statusOf(zoes[2], ZOE)).toBe(200);
    expect(await statusOf(zoes[10], ZOE)).toBe(200);
    expect(await statusOf(othersEntry, PETE)).toBe(403);
  });

  it("staff who may not act keep their 403: an engineer changing it, the account's own CSM changing it", async () => {
    const [view, , , , , change] = endpoints(accountId, CORA);
    expect((await api.send(change, await t.token('eve@vendor.example', ['engineer']))).status).toBe(403);
    const cora = await t.token(CORA, ['csm']);
    expect((await api.send(view, cora)).status).toBe(200);
    expect((await api.send(change, cora)).status).toBe(403);
  });
});
