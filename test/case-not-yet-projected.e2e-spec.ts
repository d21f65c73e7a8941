import { PROBLEM_CONTENT_TYPE, problemType } from '../apps/api/src/problems/problem-details';
import { caseStream } from '../apps/api/src/cases/commands/case-command';
import { openRuntime } from '../apps/api/src/runtime/open-runtime';
import type { Runtime } from '../apps/api/src/runtime/runtime';
import { runProjector, type ProjectorRunner } from '../apps/projector/src/run-projector';
import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, type TestApp } from './support/test-app';

const OPENER = 'olive.opener@acme.example';
const COLLEAGUE = 'colin.colleague@acme.example';

/**
 * A case whose opening was acknowledged while the projector is stopped: the read models do not
 * have it yet. Staff and its opener are told it exists and to try again (503 read-models-behind,
 * Retry-After), not that there is no such case (a client may then open it twice); nothing they
 * send is written meanwhile. Everyone else still gets 404, never a hint that it exists.
 */
describe('a case stored but not yet applied by a stopped projector', () => {
  let t: TestApp;
  let elsewhere: Runtime;
  let projector: ProjectorRunner | undefined;
  let api: ApiClient;
  let tokens: Record<'engineer' | 'opener' | 'colleague', string>;
  let caseId: string;

  beforeAll(async () => {
    // The production shape: projections in `casetrail project`; reads wait for them, not long here.
    t = await startTestApp({ env: { EMBEDDED_PROJECTOR: 'false' }, readWaitTimeoutMs: 200 });
    elsewhere = await openRuntime(t.runtime.config);
    projector = await runProjector(elsewhere, { clock: t.clock, logger: false });
    api = new ApiClient(t.app);
    tokens = {
      engineer: await t.token('eve.engineer@vendor.example', ['engineer']),
      opener: await t.token(OPENER, [], 'Olive'),
      colleague: await t.token(COLLEAGUE, [], 'Colin'),
    };
    const setup = new SetupSteps(api, await t.token('adam.admin@vendor.example', ['admin']), tokens.engineer);
    const accountId = await setup.registerAccount('Acme');
    const licenceId = await setup.issueLicence(accountId, { plan: 'enterprise', holderEmail: OPENER });
    await setup.addLicensedUser(licenceId, OPENER, NO_PERMISSIONS, tokens.opener);
    await setup.addLicensedUser(licenceId, COLLEAGUE, NO_PERMISSIONS, tokens.colleague);
    await projector.catchUp();
    await projector.stop();
    projector = undefined;
    caseId = await setup.openWebCase(licenceId, tokens.opener, 'Opened while the projector is down');
  });

  afterAll(async () => {
    await projector?.stop();
    await elsewhere.storage.close();
    await t.close();
  });

  const send = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    api.send({ method, url, ...(payload ? { payload } : {}) }, token);

  it('answers staff and the opener 503 read-models-behind with Retry-After, for reads, history and commands', async () => {
    const attempts = [
      send('GET', `/v1/cases/${caseId}`, tokens.engineer),
      send('GET', `/v1/cases/${caseId}/history`, tokens.engineer),
      send('POST', `/v1/cases/${caseId}/comments`, tokens.engineer, { body: 'Looking into it' }),
      send('GET', `/v1/cases/${caseId}`, tokens.opener),
      send('POST', `/v1/cases/${caseId}/comments`, tokens.opener, { body: 'Any news?' }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(503);
      expect(response.contentType).toContain(PROBLEM_CONTENT_TYPE);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json()).toMatchObject({ type: problemType('read-models-behind'), status: 503 });
      expect(response.json().detail).toContain(`Case ${caseId} is stored`);
    }
    const stored = await t.runtime.storage.eventStore.readStream(caseStream(caseId));
    expect(stored.map((event) => event.type)).toEqual(['CaseOpened']);
  });

  it('still answers 404 to anyone the stream does not show may see it', async () => {
    expect((await send('GET', `/v1/cases/${caseId}`, tokens.colleague)).status).toBe(404);
    const stranger = await t.token('mallory@elsewhere.example');
    expect((await send('POST', `/v1/cases/${caseId}/comments`, stranger, { body: 'Hi' })).status).toBe(404);
  });

  it('serves the case as usual once the projector is back', async () => {
    projector = await runProjector(elsewhere, { clock: t.clock, logger: false });
    await projector.catchUp();
    expect((await send('GET', `/v1/cases/${caseId}`, tokens.engineer)).status).toBe(200);
    expect(
      (await send('POST', `/v1/cases/${caseId}/comments`, tokens.engineer, { body: 'Here' })).status,
    ).toBe(201);
  });
});
