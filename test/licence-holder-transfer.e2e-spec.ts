import type { ApiRequest, ApiResponse } from './support/fixtures/api-client';
import { ApiClient } from './support/fixtures/api-client';
import { licenceIssuePayload } from './support/fixtures/setup-steps';
import { undeclaredIn } from './support/openapi/declared-response';
import { OpenApiDocument } from './support/openapi/openapi-document';
import { OpenApiValidator } from './support/openapi/openapi-validator';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * PUT /v1/licences/{licenceId}/holder: when the customer's licence owner leaves, the licence passes
 * to another holder (DOMAIN.md "licence holder: the customer who owns a licence"; the holder adds,
 * removes and edits its users). An admin may name anyone with an individual address; the holder
 * hands over to an active user of the licence. Every answer is checked against the OpenAPI document
 * (Ajv), as a generated client reads it.
 */
describe('handing a licence over to another holder', () => {
  let t: TestApp;
  let api: ApiClient;
  let docs: OpenApiDocument;
  let validator: OpenApiValidator;
  let licenceId = '';
  let accountId = '';
  const boss = 'boss@acme.example';
  const ann = 'ann@acme.example';
  const pete = 'pete@acme.example';

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    docs = await OpenApiDocument.of(t.app);
    validator = new OpenApiValidator(docs);
    const account = await call(201, 'admin@vendor.example', {
      method: 'POST',
      url: '/v1/accounts',
      payload: { name: 'Acme' },
    });
    accountId = account.json().id;
    const licence = await call(201, 'admin@vendor.example', {
      method: 'POST',
      url: `/v1/accounts/${accountId}/licences`,
      payload: licenceIssuePayload({ plan: 'enterprise', seats: 5, holderEmail: boss }),
    });
    licenceId = licence.json().id;
    await invite(boss, ann);
    await call(200, ann, { method: 'POST', url: `/v1/licences/${licenceId}/users/${ann}/activation` });
    await invite(boss, pete);
  });

  afterAll(async () => {
    await t?.close();
  });

  const ADMIN = new Set(['admin@vendor.example']);

  /** Sends as `email` (an admin for the vendor's address), insists on `status` and on the document's declaration. */
  async function call(status: number, email: string, request: ApiRequest): Promise<ApiResponse> {
    const token = await t.token(email, ADMIN.has(email) ? ['admin'] : []);
    const response = await api.expect(status, request, token);
    expect(undeclaredIn(docs, validator, request.method, request.url, response)).toEqual([]);
    return response;
  }

  const invite = (by: string, email: string, status = 201) =>
    call(status, by, {
      method: 'POST',
      url: `/v1/licences/${licenceId}/users`,
      payload: {
        email,
        firstName: email.split('@')[0],
        lastName: 'Example',
        company: 'Acme',
        country: 'DE',
        permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
      },
    });

  const handOver = (by: string, status: number, payload: object) =>
    call(status, by, { method: 'PUT', url: `/v1/licences/${licenceId}/holder`, payload });

  const holderOf = async () =>
    (await call(200, 'admin@vendor.example', { method: 'GET', url: `/v1/licences/${licenceId}` })).json()
      .holderEmail;

  it('is refused to a stranger as an unknown licence (404), and to a user who is not the holder (403)', async () => {
    await handOver('zed@other.example', 404, { email: 'zed@other.example' });
    const refused = await handOver(ann, 403, { email: ann });
    expect(refused.json()).toMatchObject({
      type: expect.stringContaining('licence-holder-change-not-allowed'),
    });
    expect(await holderOf()).toBe(boss);
  });

  it('refuses a holder handing over to a pending invitee or a group mailbox, naming the field', async () => {
    const pending = await handOver(boss, 422, { email: pete });
    expect(pending.json()).toMatchObject({
      type: expect.stringContaining('new-holder-not-a-licensed-user'),
      errors: [expect.objectContaining({ field: 'email' })],
    });
    const group = await handOver('admin@vendor.example', 422, { email: 'support@acme.example' });
    expect(group.json()).toMatchObject({
      type: expect.stringContaining('group-mailbox-not-allowed'),
      errors: [expect.objectContaining({ field: 'email' })],
    });
    // A sub-address of a user (ann+x@ beside ann@) is that person again, refused as inviting one is.
    const subAddress = await handOver('admin@vendor.example', 422, { email: 'ann+x@acme.example' });
    expect(subAddress.json()).toMatchObject({
      type: expect.stringContaining('licensed-user-sub-address'),
      errors: [{ field: 'email', message: expect.stringContaining(`reaches the mailbox of ${ann}`) }],
    });
    await handOver(boss, 400, { email: 'not an address' });
    // As at issuance, an address the records know as vendor staff (here the account's CSM) is refused.
    await call(200, 'admin@vendor.example', {
      method: 'PUT',
      url: `/v1/accounts/${accountId}/csm`,
      payload: { email: 'carol.csm@vendor.example' },
    });
    const staff = await handOver('admin@vendor.example', 422, { email: 'carol.csm@vendor.example' });
    expect(staff.json()).toMatchObject({
      type: expect.stringContaining('licence-holder-is-staff'),
      errors: [expect.objectContaining({ field: 'email' })],
    });
    expect(await holderOf()).toBe(boss);
  });

  it('lets the holder hand over to an active user, who then manages users while the old holder no longer can', async () => {
    await handOver(boss, 200, { email: ann, reason: 'I am leaving Acme' });
    expect(await holderOf()).toBe(ann);

    // Ann holds no manage-users permission: her right comes from holding the licence.
    await invite(ann, 'carl@acme.example');
    // Boss was never a user of it: he is a stranger to it now.
    await invite(boss, 'dora@acme.example', 404);
    await handOver(boss, 404, { email: boss });

    const history = (
      await call(200, 'admin@vendor.example', { method: 'GET', url: `/v1/licences/${licenceId}/history` })
    ).json();
    const entries = history.events ?? history.items ?? history;
    expect(entries.find((entry: { type: string }) => entry.type === 'LicenceHolderChanged')).toMatchObject({
      actor: boss,
      reason: 'I am leaving Acme',
      data: { holderEmail: ann, previousHolderEmail: boss },
    });
  });

  it('lets an admin name a new holder who is no user yet; the old holder stays a user without holder powers', async () => {
    await handOver('admin@vendor.example', 200, { email: 'new.owner@acme.example', reason: 'Ann left' });
    expect(await holderOf()).toBe('new.owner@acme.example');
    // The same holder again records nothing.
    const before = (
      await call(200, 'admin@vendor.example', { method: 'GET', url: `/v1/licences/${licenceId}/history` })
    ).json();
    await handOver('admin@vendor.example', 200, { email: 'New.Owner@acme.example' });
    const after = (
      await call(200, 'admin@vendor.example', { method: 'GET', url: `/v1/licences/${licenceId}/history` })
    ).json();
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));

    // Ann is still an active user (she reads the licence) but no longer manages its users.
    await call(200, ann, { method: 'GET', url: `/v1/licences/${licenceId}` });
    const refused = await invite(ann, 'erik@acme.example', 403);
    expect(refused.json().type).toContain('licensed-user-management-not-allowed');
    await invite('new.owner@acme.example', 'erik@acme.example');
  });
});
