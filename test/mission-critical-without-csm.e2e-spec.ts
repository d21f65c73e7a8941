import { startTestApp, type TestApp } from './support/test-app';

/**
 * DOMAIN.md: "A Mission Critical account has a designated CSM." Admins issue the licence before
 * they name the CSM, so the licence is not refused; but an account left Mission Critical with no
 * CSM is said so wherever an admin looks: in the answer of the request that left it so (a licence
 * issued or re-planned, the CSM taken off), in the account view and in the admin's /health,
 * and counted on /metrics for the operators' alerts.
 */
describe('a Mission Critical account without a CSM is flagged, not silent', () => {
  let t: TestApp;
  let admin: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: auth(admin), ...(payload ? { payload } : {}) });

  const register = async (name: string): Promise<string> =>
    (await call('POST', '/v1/accounts', { name })).json().id;
  const issue = (accountId: string, plan: 'enterprise' | 'mission-critical') =>
    call('POST', `/v1/accounts/${accountId}/licences`, {
      product: 'DataGrid',
      edition: 'Ent',
      plan,
      activeUntil: '2030-01-01',
      seats: 2,
      holderEmail: 'boss@acme.example',
    });
  const designate = (accountId: string) =>
    call('PUT', `/v1/accounts/${accountId}/csm`, { email: 'carla@vendor.example' });
  const missingCsm = (accountId: string) => ({
    code: 'mission-critical-without-csm',
    accountId,
    message: expect.stringContaining(`PUT /v1/accounts/${accountId}/csm`),
    fix: `PUT /v1/accounts/${accountId}/csm`,
  });
  const adminHealth = async () => (await call('GET', '/health')).json();

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.token('admin@vendor.example', ['admin']);
  });
  afterAll(() => t.close());

  it('issues a mission-critical licence to an account with no CSM, and the 201 says the CSM is missing', async () => {
    const tiny = await register('Tiny');
    const issued = await issue(tiny, 'mission-critical');
    expect(issued.statusCode).toBe(201);
    expect(issued.json()).toEqual({ id: expect.any(String), revision: 0, warnings: [missingCsm(tiny)] });

    // An enterprise licence leaves the account as it was: no warning.
    const plain = await issue(await register('Plain'), 'enterprise');
    expect(plain.json()).toEqual({ id: expect.any(String), revision: 0 });

    // With the CSM designated first, nothing is missing.
    const covered = await register('Covered');
    expect((await designate(covered)).json()).toEqual({ id: covered, revision: expect.any(Number) });
    expect((await issue(covered, 'mission-critical')).json()).toEqual({
      id: expect.any(String),
      revision: 0,
    });
  });

  it('answers a change of plan to mission-critical with the warning, and the account view shows it until a CSM is designated', async () => {
    const acme = await register('Acme');
    const licence = (await issue(acme, 'enterprise')).json().id;
    const upsell = await call('PATCH', `/v1/licences/${licence}`, {
      plan: 'mission-critical',
      reason: 'Upsell signed',
    });
    expect(upsell.statusCode).toBe(200);
    expect(upsell.json()).toEqual({ id: licence, revision: 1, warnings: [missingCsm(acme)] });

    expect((await call('GET', `/v1/accounts/${acme}`)).json()).toMatchObject({
      missionCritical: true,
      csm: null,
      warnings: [missingCsm(acme)],
    });

    const assigned = await designate(acme);
    expect(assigned.json()).toEqual({ id: acme, revision: expect.any(Number) });
    expect((await call('GET', `/v1/accounts/${acme}`)).json()).toMatchObject({
      missionCritical: true,
      csm: 'carla@vendor.example',
      warnings: [],
    });
  });

  it('answers taking the CSM off a Mission Critical account with the warning (and not off another account)', async () => {
    const acme = await register('Acme Two');
    await designate(acme);
    await issue(acme, 'mission-critical');
    const removed = await call('DELETE', `/v1/accounts/${acme}/csm`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ id: acme, revision: expect.any(Number), warnings: [missingCsm(acme)] });

    const plain = await register('Plain Two');
    await designate(plain);
    await issue(plain, 'enterprise');
    expect((await call('DELETE', `/v1/accounts/${plain}/csm`)).json()).toEqual({
      id: plain,
      revision: expect.any(Number),
    });
  });

  it("lists the Mission Critical accounts without a CSM in the admin's /health, not in the public one", async () => {
    const before = (await adminHealth()).missionCriticalWithoutCsm?.count ?? 0;
    const lonely = await register('Lonely');
    await issue(lonely, 'mission-critical');

    const report = await adminHealth();
    expect(report.missionCriticalWithoutCsm).toEqual({
      count: before + 1,
      accountIds: expect.arrayContaining([lonely]),
      fix: 'PUT /v1/accounts/{accountId}/csm',
    });
    // Data for an admin to put right, not the desk failing: the probes' status is untouched.
    expect(report.status).toBe('up');

    const publicReport = await t.app.inject({ method: 'GET', url: '/health' });
    expect(publicReport.json().missionCriticalWithoutCsm).toBeUndefined();
    expect(publicReport.body).not.toContain(lonely);

    await designate(lonely);
    const after = (await adminHealth()).missionCriticalWithoutCsm;
    expect(after?.accountIds ?? []).not.toContain(lonely);
    expect(after?.count ?? 0).toBe(before);
  });

  it('counts them on /metrics, from the same report, so operators can alert on it', async () => {
    const scraped = async () => {
      const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
      const line = /^casetrail_mission_critical_accounts_without_csm (\d+)$/m.exec(text);
      return line ? Number(line[1]) : undefined;
    };
    const before = (await adminHealth()).missionCriticalWithoutCsm?.count ?? 0;
    expect(await scraped()).toBe(before);

    const forgotten = await register('Forgotten');
    await issue(forgotten, 'mission-critical');
    expect(await scraped()).toBe(before + 1);

    // Back to where it was once the CSM is designated: the alert clears.
    await designate(forgotten);
    expect(await scraped()).toBe(before);
  });
});
