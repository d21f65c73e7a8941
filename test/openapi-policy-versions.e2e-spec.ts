import { DEFAULT_SUPPORT_POLICY } from '@casetrail/domain';
import { mintToken } from '../apps/api/src/auth/token-minter';
import type { ApiRequest } from './support/fixtures/api-client';
import { ApiClient } from './support/fixtures/api-client';
import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { OpenApiDocument } from './support/openapi/openapi-document';
import { OpenApiValidator } from './support/openapi/openapi-validator';
import { undeclaredIn } from './support/openapi/declared-response';
import { startTestApp, TEST_SECRET, type TestApp } from './support/test-app';

/**
 * DOMAIN "each case records the version its targets were computed under": the auditor reads that
 * version from the API. `GET /v1/policy/versions` lists the archive (`support-policy-versions`),
 * `GET /v1/policy/versions/{version}` gives one version's policy and its place in the hash chain;
 * staff and auditors, a customer's compliance auditor too (with only her accounts' named calendars,
 * policy-versions-audited-calendars.e2e-spec.ts); customers are refused. Every answer is the one the OpenAPI document declares. Before, no route
 * served a policy version: only sqlite3 on the event store showed what a `policyVersion` meant.
 */
describe('policy versions read from the API', () => {
  let t: TestApp;
  let api: ApiClient;
  let docs: OpenApiDocument;
  let validator: OpenApiValidator;
  let world: SeededWorld;
  let caseId: string;
  const tokens: Record<'auditor' | 'scoped' | 'csm', string> = { auditor: '', scoped: '', csm: '' };
  const send = injectRequester(() => t.app);

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    docs = await OpenApiDocument.of(t.app);
    validator = new OpenApiValidator(docs);
    world = await seedWorld(send);
    caseId = await openCase(send, world, 'Which goal?');
    tokens.auditor = await t.token('audrey@vendor.example', ['auditor']);
    tokens.csm = await t.token('carol@vendor.example', ['csm']);
    tokens.scoped = await mintToken(TEST_SECRET, {
      email: 'clara.compliance@acme.example',
      roles: ['auditor'],
      accounts: [world.accountId],
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  async function answered(status: number, token: string, request: ApiRequest) {
    const response = await api.expect(status, request, token);
    expect(undeclaredIn(docs, validator, request.method, request.url, response)).toEqual([]);
    return response;
  }

  it('Given a case computed under the policy in force, When an auditor looks its policyVersion up, Then it reads the policy its goals came from', async () => {
    const detail = (await send('GET', `/v1/cases/${caseId}`, world.engineerToken)).body as {
      severity: 1 | 2 | 3;
      sla: { firstResponse: { policyVersion: string } };
    };
    const version = detail.sla.firstResponse.policyVersion;
    expect(version).toBe(DEFAULT_SUPPORT_POLICY.version);

    const list = (await answered(200, tokens.auditor, { method: 'GET', url: '/v1/policy/versions' })).json();
    expect(list).toMatchObject({ stream: 'support-policy-versions', inForce: version });
    expect(list.items).toEqual([
      {
        version,
        adoptedAt: expect.any(String),
        recordedAt: expect.any(String),
        revision: 0,
        eventId: expect.any(String),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        inForce: true,
      },
    ]);

    const one = (
      await answered(200, tokens.auditor, {
        method: 'GET',
        url: `/v1/policy/versions/${encodeURIComponent(version)}`,
      })
    ).json();
    expect(one).toMatchObject({ ...list.items[0], previousHash: '0'.repeat(64) });
    expect(one.policy.severities[detail.severity].responseGoal).toEqual(
      DEFAULT_SUPPORT_POLICY.severities[detail.severity].responseGoal,
    );
    expect(one.policy.calendar).toEqual(JSON.parse(JSON.stringify(DEFAULT_SUPPORT_POLICY.calendar)));
  });

  it('lets every member of staff and a customer’s compliance auditor read them, and refuses customers', async () => {
    for (const token of [world.engineerToken, world.adminToken, tokens.csm, tokens.scoped])
      await answered(200, token, { method: 'GET', url: '/v1/policy/versions' });
    const limited = await answered(200, tokens.scoped, {
      method: 'GET',
      url: `/v1/policy/versions/${DEFAULT_SUPPORT_POLICY.version}`,
    });
    expect(limited.json()).toMatchObject({ calendarsLimited: true, policy: { calendars: {} } });
    const refused = await answered(403, world.customerToken, { method: 'GET', url: '/v1/policy/versions' });
    expect(refused.json().detail).toBe('Policy versions are for support staff and auditors');
    await answered(403, world.customerToken, {
      method: 'GET',
      url: `/v1/policy/versions/${DEFAULT_SUPPORT_POLICY.version}`,
    });
  });

  it('answers a version the archive does not hold with 404 naming it', async () => {
    const missing = await answered(404, tokens.auditor, {
      method: 'GET',
      url: '/v1/policy/versions/never-1',
    });
    expect(missing.json()).toMatchObject({
      type: expect.stringContaining('policy-version-not-found'),
      errors: [{ field: 'version' }],
    });
    expect(missing.json().detail).toContain('Support policy version never-1 is not in the archive');
  });
});
