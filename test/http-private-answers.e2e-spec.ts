import { ApiClient, ApiRequest } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Authenticated answers carry people's names, emails and case text, and differ by caller (a sharee's
 * view of a case leaves out the team and the other shares). They came with no Cache-Control and no
 * Vary, so a browser could keep them in its disk cache after sign-out and a shared cache could
 * hand one caller's view to another. Now every answer to a request with credentials is
 * `Cache-Control: private, no-store` with `Vary: authorization`. The ETag stays the revision (the
 * If-Match of the next write, alike for every viewer), and If-None-Match never turns a read into a
 * 304 that would let a client reuse another viewer's body.
 */
describe('authenticated answers are private and never stored', () => {
  let t: TestApp;
  let api: ApiClient;
  let caseId: string;
  let licenceId: string;
  let accountId: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const admin = await t.token('admin@vendor.example', ['admin']);
    tokens.engineer = await t.token('eve@vendor.example', ['engineer']);
    tokens.alice = await t.token('alice@acme.example');
    tokens.sam = await t.token('sam@consultant.example');
    const setup = new SetupSteps(api, admin, tokens.engineer);
    accountId = await setup.registerAccount('Acme');
    licenceId = await setup.issueLicence(accountId, { plan: 'enterprise', holderEmail: 'boss@acme.example' });
    const share = { manageUsers: false, shareTickets: true, seeSharedTickets: true };
    await setup.addLicensedUser(licenceId, 'alice@acme.example', share, tokens.alice);
    await setup.addCaseTeamMember(accountId, 'tina@partner.example', true);
    caseId = await setup.openWebCase(licenceId, tokens.alice);
    await setup.shareCase(caseId, 'sam@consultant.example', tokens.alice);
    await setup.shareCase(caseId, 'other@consultant.example', tokens.alice);
  });
  afterAll(() => t.close());

  /** Who asks what, by path pattern; the ids are filled in once the world exists. */
  const READS: [who: string, method: 'GET' | 'POST', path: string][] = [
    ['alice', 'GET', '/v1/cases/{case}'],
    ['sam', 'GET', '/v1/cases/{case}'],
    ['alice', 'GET', '/v1/cases/{case}/history'],
    ['alice', 'GET', '/v1/cases'],
    ['alice', 'GET', '/v1/licences'],
    ['alice', 'GET', '/v1/licences/{licence}'],
    ['alice', 'GET', '/v1/accounts/{account}'],
    ['engineer', 'GET', '/v1/queues/open'],
    ['engineer', 'GET', '/v1/dashboards/sla'],
    // Refusals and command answers are the caller's too.
    ['sam', 'GET', '/v1/accounts/{account}'],
    ['alice', 'POST', '/v1/cases/{case}/comments'],
  ];

  it.each(READS)(
    '%s: %s %s: Cache-Control private, no-store and Vary authorization',
    async (who, method, path) => {
      const url = path
        .replace('{case}', caseId)
        .replace('{licence}', licenceId)
        .replace('{account}', accountId);
      const request: ApiRequest = {
        method,
        url,
        ...(method === 'POST' ? { payload: { body: 'Any news?' } } : {}),
      };
      const response = await api.send(request, tokens[who]);
      // sam's account view is a refusal (404: he is a stranger to the account); refusals count too.
      expect(response.status).toBeLessThan(500);
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(
        String(response.headers.vary)
          .toLowerCase()
          .split(/\s*,\s*/),
      ).toContain('authorization');
    },
  );

  it('an opener and a sharee get differently redacted views, and neither ever a 304 for the other', async () => {
    const opener = await api.send({ method: 'GET', url: `/v1/cases/${caseId}` }, tokens.alice);
    const sharee = await api.send(
      {
        method: 'GET',
        url: `/v1/cases/${caseId}`,
        headers: { 'if-none-match': String(opener.headers.etag) },
      },
      tokens.sam,
    );
    expect(sharee.status).toBe(200);
    expect(sharee.json().shares).toHaveLength(1);
    expect(opener.json().shares).toHaveLength(2);
    // The ETag is the revision writes take as If-Match, the same whoever reads.
    expect(sharee.headers.etag).toBe(opener.headers.etag);
  });

  it('leaves answers without credentials as they were (/health keeps its own no-store)', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.headers['cache-control']).toBe('no-store');
    const withToken = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { authorization: `Bearer ${tokens.engineer}` },
    });
    expect(withToken.headers['cache-control']).toBe('no-store');
    expect(String(withToken.headers.vary).toLowerCase()).toBe('authorization');
  });
});
