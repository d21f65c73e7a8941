import { accountsProjection } from '@casetrail/readmodels/accounts/accounts.projection';
import { licencesProjection } from '@casetrail/readmodels/licences/licences.projection';
import { openRuntime } from '../apps/api/src/runtime/open-runtime';
import type { Runtime } from '../apps/api/src/runtime/runtime';
import { runProjector, type ProjectorRunner } from '../apps/projector/src/run-projector';
import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The production shape (EMBEDDED_PROJECTOR=false) after `casetrail rebuild` was killed (kill -9)
 * with the projector stopped: the accounts and licences read models emptied and their checkpoints
 * gone, as the rebuild leaves them before it replays. Reads of them answered at once from the empty
 * tables: a customer was told her licence does not exist (404), an admin saw no accounts. They must
 * see those read models are behind (no checkpoint: position 0) and answer 503 `read-models-behind`,
 * as a case stored but not applied does, until `casetrail project` finishes the rebuild.
 */
describe('licence and account reads while a killed rebuild left their read models empty', () => {
  let api: TestApp;
  let elsewhere: Runtime;
  let projector: ProjectorRunner | undefined;
  let world: SeededWorld;

  beforeAll(async () => {
    api = await startTestApp({ env: { EMBEDDED_PROJECTOR: 'false' }, readWaitTimeoutMs: 300 });
    elsewhere = await openRuntime(api.runtime.config);
    projector = await runProjector(elsewhere, { clock: api.clock, logger: false });
    const send = injectRequester(() => api.app);
    world = await seedWorld(send);
    await openCase(send, world, 'Opened before the rebuild');
    await projector.catchUp();
    await projector.stop();
    projector = undefined;
    // Read once whole: this process has seen the read models' checkpoints at the head.
    expect((await get(`/v1/licences/${world.licenceId}`, world.customerToken)).statusCode).toBe(200);
    // What the rebuild does first (ProjectionWorker.resetForRebuild): empty the tables, drop the checkpoint.
    const readModels = api.runtime.storage.readModels;
    for (const projection of [accountsProjection, licencesProjection])
      await readModels.reset(
        projection.name,
        projection.collections.map(({ name }) => name),
      );
  });

  afterAll(async () => {
    await projector?.stop();
    await elsewhere?.storage.close();
    await api?.close();
  });

  const get = (url: string, token: string) =>
    api.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it.each([
    ['a customer her licences', '/v1/licences', 'customerToken'],
    ['a customer her licence', '/v1/licences/{licence}', 'customerToken'],
    ['an admin the accounts', '/v1/accounts', 'adminToken'],
    ['an admin an account', '/v1/accounts/{account}', 'adminToken'],
    ['a customer her cases', '/v1/cases', 'customerToken'],
  ] as const)('tells %s the read models are behind, not that nothing exists', async (_who, path, token) => {
    const url = path.replace('{licence}', world.licenceId).replace('{account}', world.accountId);
    const response = await get(url, world[token]);
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({
      type: expect.stringMatching(/read-models-behind$/),
      // Both the rebuild emptied, whichever of the waits timed out first.
      detail: expect.stringMatching(/^The read models \(accounts, licences\) are being rebuilt/),
    });
  });

  it('still refuses them while a rebuild replays, past its first batch', async () => {
    // A running rebuild's checkpoints: above zero, below where this process saw them.
    const readModels = api.runtime.storage.readModels;
    for (const projection of [accountsProjection.name, licencesProjection.name])
      await readModels.applyBatch(projection, [{ position: 1 }], () => undefined);
    expect(await readModels.getCheckpoint(licencesProjection.name)).toBe(1);
    const licence = await get(`/v1/licences/${world.licenceId}`, world.customerToken);
    expect(licence.statusCode).toBe(503);
    const accounts = await get(`/v1/accounts/${world.accountId}`, world.adminToken);
    expect(accounts.statusCode).toBe(503);
  });

  it('answers them again once the projector has finished the rebuild', async () => {
    projector = await runProjector(elsewhere, { clock: api.clock, logger: false });
    await projector.catchUp();
    const licence = await get(`/v1/licences/${world.licenceId}`, world.customerToken);
    expect(licence.statusCode).toBe(200);
    const accounts = await get('/v1/accounts', world.adminToken);
    expect(accounts.statusCode).toBe(200);
    expect(accounts.json().items).toEqual([expect.objectContaining({ id: world.accountId })]);
  });
});
