import { useAcmeWithJane } from './support/fixtures/acme-with-jane';
import type { ApiClient, ApiRequest } from './support/fixtures/api-client';
import type { SetupSteps } from './support/fixtures/setup-steps';
import type { TestApp } from './support/test-app';

/**
 * One-line fields refuse line breaks, through HTTP: a title with `\r\nBcc: ...` forged a header-like
 * line and a fake body in the plain-text notification email. The refusal is a 422 problem naming the
 * field, as for the other characters free text refuses, and nothing is written. Text people write
 * at length (a description, a comment) keeps its lines.
 */
describe('one-line fields refuse line breaks; long text keeps them', () => {
  const FORGED = 'Hello\r\nBcc: evil@evil.example\r\n\r\nfake body';
  let t: TestApp;
  let api: ApiClient;
  let admin: string;
  let engineer: string;
  let jane: string;
  let accountId: string;
  let licenceId: string;
  let setup: SetupSteps;
  let caseId: string;

  useAcmeWithJane((setting) => ({ t, api, setup, admin, engineer, jane, accountId, licenceId } = setting), {
    plan: 'enterprise',
  });

  beforeAll(async () => {
    caseId = await setup.openWebCase(licenceId, jane);
  });

  /** Sends `request` and expects a 422 problem naming `field` alone, with nothing appended. */
  const expectRefused = async (request: ApiRequest, token: string, field: string) => {
    const before = await t.runtime.storage.eventStore.headPosition();
    const response = await api.send(request, token);
    expect(response.status).toBe(422);
    expect(response.contentType).toContain('application/problem+json');
    const problem = response.json();
    expect(problem.type).toMatch(/line-break$/);
    expect(problem.errors).toEqual([
      { field, message: expect.stringMatching(new RegExp(`^${field} must be a single line`)) },
    ]);
    expect(await t.runtime.storage.eventStore.headPosition()).toBe(before);
  };

  it('refuses a case title with a line break: 422 naming title, and no case is opened', async () => {
    await expectRefused(
      {
        method: 'POST',
        url: '/v1/cases',
        payload: { licenceId, title: FORGED, description: 'x', severity: 3, channel: 'web' },
      },
      jane,
      'title',
    );
    const listed = await api.expect(200, { method: 'GET', url: '/v1/cases?limit=200' }, jane);
    expect(listed.json().items.map((item: { title: string }) => item.title)).not.toContain(FORGED);
  });

  it("refuses a licensed user's firstName with a line break: 422 naming firstName, nobody invited", async () => {
    await expectRefused(
      {
        method: 'POST',
        url: `/v1/licences/${licenceId}/users`,
        payload: {
          email: 'mallory@acme.example',
          firstName: 'Mallory\r\nBcc: evil@evil.example',
          lastName: 'Example',
          company: 'Acme',
          country: 'BG',
          permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
        },
      },
      admin,
      'firstName',
    );
  });

  it.each([
    ['lastName', 'Doe\nBcc: evil@evil.example'],
    ['company', 'Acme\u2028Bcc: evil@evil.example'],
    ['country', 'BG\rBcc: evil@evil.example'],
  ])("refuses a licensed user's %s with a line break", async (field, value) => {
    await expectRefused(
      {
        method: 'POST',
        url: `/v1/licences/${licenceId}/users`,
        payload: {
          email: 'mallory@acme.example',
          firstName: 'Mallory',
          lastName: 'Example',
          company: 'Acme',
          country: 'BG',
          permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
          [field]: value,
        },
      },
      admin,
      field,
    );
  });

  it('refuses line breaks in share names, case-team names, account names, products and editions', async () => {
    const licence = (overrides: object) => ({
      method: 'POST' as const,
      url: `/v1/accounts/${accountId}/licences`,
      payload: {
        product: 'Sitefinity',
        edition: 'Online Marketing License',
        plan: 'standard',
        activeUntil: '2030-12-31',
        holderEmail: 'jane@acme.example',
        ...overrides,
      },
    });
    await expectRefused(
      {
        method: 'POST',
        url: `/v1/cases/${caseId}/shares`,
        payload: { email: 'dora@acme.example', name: FORGED },
      },
      engineer,
      'name',
    );
    await expectRefused(
      {
        method: 'POST',
        url: `/v1/accounts/${accountId}/case-team`,
        payload: { email: 'bea@acme.example', name: FORGED, notify: true },
      },
      engineer,
      'name',
    );
    await expectRefused({ method: 'POST', url: '/v1/accounts', payload: { name: FORGED } }, admin, 'name');
    await expectRefused(
      { method: 'PATCH', url: `/v1/accounts/${accountId}`, payload: { name: FORGED } },
      admin,
      'name',
    );
    await expectRefused(licence({ product: FORGED }), admin, 'product');
    await expectRefused(licence({ edition: 'Online\nMarketing License' }), admin, 'edition');
    await expectRefused(
      { method: 'PATCH', url: `/v1/licences/${licenceId}`, payload: { edition: 'Enterprise\r\nLicense' } },
      admin,
      'edition',
    );
  });

  it('keeps the line breaks of a description and a comment, as written', async () => {
    const description = 'Steps:\r\n1. open the page\n2. publish\n\nExpected: published';
    const body = 'Tried again:\r\n- cleared the cache\n- restarted\n\nStill failing.';
    const opened = await api.expect(
      201,
      {
        method: 'POST',
        url: '/v1/cases',
        payload: { licenceId, title: 'Publishing fails', description, severity: 3, channel: 'web' },
      },
      jane,
    );
    const id = opened.json().id as string;
    await api.expect(201, { method: 'POST', url: `/v1/cases/${id}/comments`, payload: { body } }, jane);
    const history = await api.expect(200, { method: 'GET', url: `/v1/cases/${id}/history` }, jane);
    const data = history.json().events.map((event: { data: object }) => event.data);
    expect(data).toEqual(
      expect.arrayContaining([expect.objectContaining({ description }), expect.objectContaining({ body })]),
    );
  });
});
