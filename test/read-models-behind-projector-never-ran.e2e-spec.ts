import { mintToken } from '../apps/api/src/auth/token-minter';
import { SEED_PEOPLE, injectRequester } from './support/fault/seed';
import { TEST_SECRET, startTestApp, type TestApp } from './support/test-app';

/**
 * A fresh desk in the production shape (EMBEDDED_PROJECTOR=false) whose `casetrail project` was
 * never started: an account is stored, and the read models have applied nothing. Reads answered
 * 503 saying the read models "are being rebuilt", which sent the operator waiting for a rebuild
 * that was not running. They must say the read models are behind because the projector has not run
 * yet, and what to start; a rebuild that really emptied them keeps its wording
 * (read-models-behind-killed-rebuild.e2e-spec).
 */
describe('reads on a fresh desk whose projector never ran', () => {
  let api: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    api = await startTestApp({ env: { EMBEDDED_PROJECTOR: 'false' }, readWaitTimeoutMs: 300 });
    adminToken = await mintToken(TEST_SECRET, { email: SEED_PEOPLE.admin, roles: ['admin'] });
    const registered = await injectRequester(() => api.app)('POST', '/v1/accounts', adminToken, {
      name: 'Acme',
      timeZone: 'Europe/Sofia',
    });
    expect(registered.status).toBe(201);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers 503 read-models-behind naming the projector to start, not a rebuild', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/v1/accounts',
      headers: { authorization: `Bearer ${adminToken}` },
    });

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    const problem = response.json<{ type: string; detail: string }>();
    expect(problem.type).toMatch(/read-models-behind$/);
    expect(problem.detail).toMatch(
      /^The read models \(accounts\) are behind: the projector has not run on them yet/,
    );
    expect(problem.detail).toContain('`casetrail project`');
    expect(problem.detail).not.toContain('rebuil');
  });
});
