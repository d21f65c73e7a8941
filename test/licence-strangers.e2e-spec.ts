import { randomUUID } from 'node:crypto';
import { ApiClient, ApiRequest, ApiResponse } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import type { StaffRole } from '../apps/api/src/auth/actor';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A licence is no business of a customer with no tie to it, and its id must not tell them it exists
 * (DOMAIN.md says so of cases: "never a hint that the case exists"). Every licence endpoint answers
 * such a stranger, of another company or of the licence's own account who is not shown its licences
 * (an invitee there who never registered), exactly as it answers an id nobody issued. Someone the
 * licence knows of (a user on it without the right) keeps 403, and so does a colleague the account
 * view shows the licence to, told that they are not one of its users and whom to ask. A CSM is told
 * of the licences of the accounts they are designated for only: another customer's is an unissued id.
 */
describe('licences answer a stranger as if they did not exist', () => {
  let t: TestApp;
  let api: ApiClient;
  let licenceId: string;
  let acmeId: string;

  const ANN = 'ann@acme.example';
  const CORA = 'cora.csm@vendor.example';
  const CARL = 'carl.csm@vendor.example';

  /** Every licence endpoint, reads and writes, for one licence id. */
  const endpoints = (id: string): ApiRequest[] => [
    { method: 'GET', url: `/v1/licences/${id}` },
    { method: 'GET', url: `/v1/licences/${id}/users/${ANN}` },
    { method: 'GET', url: `/v1/licences/${id}/pending-invitations` },
    { method: 'GET', url: `/v1/licences/${id}/history` },
    { method: 'GET', url: `/v1/licences/${id}/integrity` },
    { method: 'PATCH', url: `/v1/licences/${id}`, payload: { seats: 50 } },
    {
      method: 'POST',
      url: `/v1/licences/${id}/users`,
      payload: {
        email: 'newcomer@acme.example',
        firstName: 'New',
        lastName: 'Comer',
        company: 'Acme',
        country: 'BG',
        permissions: NO_PERMISSIONS,
      },
    },
    {
      method: 'PATCH',
      url: `/v1/licences/${id}/users/${ANN}`,
      payload: { permissions: { manageUsers: true } },
    },
    { method: 'DELETE', url: `/v1/licences/${id}/users/${ANN}` },
    { method: 'POST', url: `/v1/licences/${id}/users/${ANN}/activation` },
    { method: 'GET', url: `/v1/licences/${id}/user-changes` },
    { method: 'POST', url: `/v1/licences/${id}/users/${ANN}/invitation` },
    { method: 'PUT', url: `/v1/licences/${id}/holder`, payload: { email: ANN, reason: 'Hand-over' } },
  ];

  /** What an answer tells: its status and body, with the id asked about written out of it. */
  const told = (response: ApiResponse, id: string) => ({
    status: response.status,
    body: response.body.split(id).join('<id>'),
    etag: response.headers.etag,
  });

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const setup = await SetupSteps.ofUsualStaff(t, api);
    const acme = await setup.registerAccount('Acme');
    acmeId = acme;
    licenceId = await setup.issueLicence(acme, { plan: 'enterprise', holderEmail: 'boss@acme.example' });
    await setup.addLicensedUser(licenceId, ANN, NO_PERMISSIONS, await t.token(ANN));
    // A colleague on another licence of the same account, with every permission there.
    const other = await setup.issueLicence(acme, { plan: 'standard', holderEmail: 'boss@acme.example' });
    await setup.addLicensedUser(
      other,
      'colin@acme.example',
      { manageUsers: true, shareTickets: true, seeSharedTickets: true },
      await t.token('colin@acme.example'),
    );
    // A colleague only invited to that other licence: the account view does not show her its licences.
    await setup.addLicensedUser(other, 'penny@acme.example', {
      manageUsers: true,
      shareTickets: true,
      seeSharedTickets: true,
    });
    // A customer of another company, who manages the users of her own licence.
    const globex = await setup.registerAccount('Globex');
    await setup.issueLicence(globex, { plan: 'enterprise', holderEmail: 'gina@globex.example' });
    await setup.assignCsm(acme, CORA);
    await setup.assignCsm(globex, CARL);
  });
  afterAll(() => t.close());

  it.each<[string, string, StaffRole[]]>([
    ['a customer of another company', 'gina@globex.example', []],
    ['a colleague invited to another licence of the account, not yet registered', 'penny@acme.example', []],
    // A CSM knows the licences of the accounts they are designated for, no other customer's.
    ['the CSM of another account', CARL, ['csm']],
  ])('%s gets on every endpoint what an unissued id gets', async (_who, email, roles) => {
    const token = await t.token(email, roles);
    const unissued = randomUUID();
    const real = endpoints(licenceId);
    const none = endpoints(unissued);
    for (const [index, request] of real.entries()) {
      const answer = told(await api.send(request, token), licenceId);
      const forNone = told(await api.send(none[index], token), unissued);
      expect({ request: `${request.method} ${request.url}`, ...answer }).toEqual({
        request: `${request.method} ${request.url}`,
        ...forNone,
      });
      // The history is for admins and auditors whatever the id; everything else is a 404.
      if (!request.url.endsWith('/history') && !request.url.endsWith('/integrity'))
        expect({ request: request.url, status: answer.status }).toEqual({
          request: request.url,
          status: 404,
        });
    }
  });

  it('a colleague the account view shows the licence to gets 403 saying she is not its user and whom to ask, never 404', async () => {
    const colin = await t.token('colin@acme.example');
    const view = await api.expect(200, { method: 'GET', url: `/v1/accounts/${acmeId}` }, colin);
    expect(view.json().licences).toContainEqual(
      expect.objectContaining({ id: licenceId, holderEmail: 'boss@acme.example' }),
    );
    const rules: Record<string, string> = {
      'GET /v1/licences/<id>': 'only its holder and its registered users see it',
      'GET /v1/licences/<id>/users/ann@acme.example': 'only its holder and its registered users see it',
      'GET /v1/licences/<id>/pending-invitations': 'only its holder and its registered users see it',
      'POST /v1/licences/<id>/users': 'manage its users',
      'PATCH /v1/licences/<id>/users/ann@acme.example': 'manage its users',
      'DELETE /v1/licences/<id>/users/ann@acme.example': 'manage its users',
    };
    for (const request of endpoints(licenceId)) {
      const answer = await api.send(request, colin);
      const named = `${request.method} ${request.url.split(licenceId).join('<id>')}`;
      expect({ named, status: answer.status }).toEqual({ named, status: 403 });
      const rule = rules[named];
      if (!rule) continue;
      expect(answer.contentType).toContain('application/problem+json');
      const problem = answer.json();
      expect({ named, type: problem.type, errors: problem.errors }).toEqual({
        named,
        type: expect.stringMatching(/not-a-licensed-user$/),
        errors: [expect.objectContaining({ field: 'licenceId' })],
      });
      expect(problem.detail).toContain(`You are not a user of licence ${licenceId}; `);
      expect(problem.detail).toContain(rule);
      expect(problem.detail).toContain('Ask its holder (boss@acme.example), or');
    }
    // Logging a case on it: the same answer, not "licence not found".
    const opening = await api.send(
      {
        method: 'POST',
        url: '/v1/cases',
        payload: { licenceId, title: 'Down', description: 'Checkout fails', severity: 3, channel: 'web' },
      },
      colin,
    );
    expect({ status: opening.status, type: opening.json().type }).toEqual({
      status: 403,
      type: expect.stringMatching(/not-a-licensed-user$/),
    });
    expect(opening.json().detail).toContain('only its registered users can log cases on it');
    expect(opening.json().detail).toContain('Ask its holder (boss@acme.example), or');
  });

  it.each([
    ['a customer of another company', 'gina@globex.example'],
    ['a colleague invited to another licence of the account, not yet registered', 'penny@acme.example'],
  ])('%s logging a case on it gets what an unissued id gets (404)', async (_who, email) => {
    const token = await t.token(email);
    const open = (id: string) =>
      api.send(
        {
          method: 'POST',
          url: '/v1/cases',
          payload: {
            licenceId: id,
            title: 'Down',
            description: 'Checkout fails',
            severity: 3,
            channel: 'web',
          },
        },
        token,
      );
    const unissued = randomUUID();
    const answer = await open(licenceId);
    expect(told(answer, licenceId)).toEqual(told(await open(unissued), unissued));
    expect(answer.status).toBe(404);
  });

  it('a user of the licence without the right still gets 403 for what she may not do', async () => {
    const ann = await t.token(ANN);
    await api.expect(200, { method: 'GET', url: `/v1/licences/${licenceId}` }, ann);
    for (const request of endpoints(licenceId).filter(
      (r) => r.method !== 'GET' && !r.url.endsWith('/activation'),
    ))
      expect({ url: request.url, status: (await api.send(request, ann)).status }).toEqual({
        url: request.url,
        status: 403,
      });
    expect(
      (await api.send({ method: 'GET', url: `/v1/licences/${licenceId}/pending-invitations` }, ann)).status,
    ).toBe(403);
  });

  it("staff of the vendor who may not act keep their 403, the account's own CSM included", async () => {
    const [view, , , , , changeTerms, assignUser] = endpoints(licenceId);
    for (const staff of [await t.token('eve@vendor.example', ['engineer']), await t.token(CORA, ['csm'])]) {
      expect((await api.send(view, staff)).status).toBe(200);
      expect((await api.send(changeTerms, staff)).status).toBe(403);
      expect((await api.send(assignUser, staff)).status).toBe(403);
    }
  });
});
