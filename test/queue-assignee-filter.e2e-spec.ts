import { ApiClient } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A team lead looks at one engineer's work across the queues (a colleague away, or one who left
 * with cases still assigned): `?assignee=` narrows any queue whose definition does not fix the
 * assignee already.
 */
describe('queues narrowed to one assignee', () => {
  let t: TestApp;
  let api: ApiClient;
  let lead: string;
  const evesCases: string[] = [];
  let bobsCase: string;
  let unassignedCase: string;

  const get = (url: string) => api.send({ method: 'GET', url }, lead);
  const ids = (url: string) =>
    get(url).then((response) => {
      expect(response.status).toBe(200);
      return (response.json().items as { id: string }[]).map((item) => item.id).sort();
    });

  beforeAll(async () => {
    // The lead assigns colleagues who have not yet taken a case: the staff domain vouches for them.
    t = await startTestApp({ apiEnv: { STAFF_EMAIL_DOMAINS: 'vendor.example' } });
    api = new ApiClient(t.app);
    const admin = await t.token('admin@vendor.example', ['admin']);
    lead = await t.token('lena.lead@vendor.example', ['engineer'], 'Lena Lead');
    const jane = await t.token('jane@acme.example', [], 'Jane');
    const setup = new SetupSteps(api, admin, lead);
    const accountId = await setup.registerAccount('Acme');
    const licenceId = await setup.issueLicence(accountId, {
      plan: 'standard',
      holderEmail: 'jane@acme.example',
    });
    await setup.addLicensedUser(licenceId, 'jane@acme.example', undefined, jane);
    const assign = (caseId: string, engineer: string) =>
      api.expect(200, { method: 'POST', url: `/v1/cases/${caseId}/assignment`, payload: { engineer } }, lead);
    for (let index = 0; index < 2; index++) {
      const caseId = await setup.openWebCase(licenceId, jane, `Eve's case ${index}`);
      await assign(caseId, 'eve.gone@vendor.example');
      evesCases.push(caseId);
    }
    bobsCase = await setup.openWebCase(licenceId, jane, "Bob's case");
    await assign(bobsCase, 'bob@vendor.example');
    unassignedCase = await setup.openWebCase(licenceId, jane, 'Nobody yet');
  });
  afterAll(() => t.close());

  it("lists only that engineer's cases, whatever the case of the address", async () => {
    expect(await ids('/v1/queues/open?assignee=eve.gone@vendor.example')).toEqual([...evesCases].sort());
    expect(await ids('/v1/queues/open?assignee=Eve.Gone@Vendor.Example')).toEqual([...evesCases].sort());
    expect(await ids('/v1/queues/open?assignee=bob@vendor.example')).toEqual([bobsCase]);
    expect(await ids('/v1/queues/open')).toEqual([...evesCases, bobsCase, unassignedCase].sort());
    expect(await ids('/v1/queues/breaching?assignee=eve.gone@vendor.example')).toEqual([]);
  });

  it('pages through one assignee, with a cursor bound to the filter', async () => {
    const first = await get('/v1/queues/open?assignee=eve.gone@vendor.example&limit=1');
    const cursor = first.json().nextCursor as string;
    const second = await get(
      `/v1/queues/open?assignee=eve.gone@vendor.example&limit=1&cursor=${encodeURIComponent(cursor)}`,
    );
    expect(
      [...first.json().items, ...second.json().items].map((item: { id: string }) => item.id).sort(),
    ).toEqual([...evesCases].sort());
    const elsewhere = await get(
      `/v1/queues/open?assignee=bob@vendor.example&limit=1&cursor=${encodeURIComponent(cursor)}`,
    );
    expect(elsewhere.status).toBe(400);
  });

  it.each([
    ['/v1/queues/unassigned?assignee=eve.gone@vendor.example', 'cannot narrow the unassigned queue'],
    ['/v1/queues/mine?assignee=eve.gone@vendor.example', 'cannot narrow the mine queue'],
    ['/v1/queues/open?assignee=not-an-address', 'assignee must be an email address'],
  ])('refuses %s with 400 naming assignee', async (url, message) => {
    const response = await get(url);
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      { field: 'assignee', message: expect.stringContaining(message) },
    ]);
  });
});
