import { ProjectionRunner } from '@casetrail/readmodels';
import { ProjectionCatchUp } from '../apps/api/src/projections/projection-catch-up';
import { ApiClient, ApiRequest, ApiResponse } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/** ProjectionCatchUp's private step every wait for the projections takes (spied on to see a read waiting). */
interface WaitingStep {
  waitWithoutRefusing(position: number, projections: readonly string[]): Promise<boolean>;
}

/**
 * Commands answer once their events are stored, without waiting for the projections; reads wait
 * instead, until the read models include every event stored before the read arrived. Here the
 * projections are paused between a command and the reads after it: the command must answer
 * anyway, and each read must wait for them (it is answered only once they run again) and then
 * show the write. The reads' wait bound is far beyond the test's time limit, so a command that
 * waited for the paused projections, or a read that timed out, would fail the test instead.
 */
const NEVER_WITHIN_THE_TEST = 10 * 60_000;

describe.each([
  ['a separate projector (production shape)', true],
  ['projections on the API event loop (embedded, PROJECTOR_THREAD=false)', false],
])('consistent reads with %s', (_shape, separateProjector) => {
  let api: TestApp;
  let projector: TestApp;
  let client: ApiClient;
  let customer: string;
  let engineer: string;
  let licenceId: string;
  const customerEmail = 'cora.customer@acme.example';

  beforeAll(async () => {
    api = await startTestApp({
      readWaitTimeoutMs: NEVER_WITHIN_THE_TEST,
      ...(separateProjector ? { env: { EMBEDDED_PROJECTOR: 'false' } } : {}),
    });
    // The projector: another instance on the same DATA_DIR running the projections, as
    // `casetrail project` does; in the embedded shape, the API itself.
    projector = separateProjector ? await startTestApp({ dataDir: api.dataDir, clock: api.clock }) : api;
    client = new ApiClient(api.app);
    engineer = await api.token('eve.engineer@vendor.example', ['engineer']);
    const steps = new SetupSteps(client, await api.token('adam.admin@vendor.example', ['admin']), engineer);
    const acme = await steps.registerAccount('Acme');
    licenceId = await steps.issueLicence(acme, { plan: 'enterprise', holderEmail: 'boss@acme.example' });
    customer = await api.token(customerEmail);
    await steps.addLicensedUser(licenceId, customerEmail, NO_PERMISSIONS, customer);
  });

  afterAll(async () => {
    if (projector !== api) await projector?.close();
    await api?.close();
  });

  const projections = () => projector.app.get(ProjectionRunner);

  /** Pauses the projections once they include everything so far (a read waits for that). */
  async function pauseProjections(): Promise<void> {
    await client.expect(200, { method: 'GET', url: '/v1/cases' }, engineer);
    await projections().stop();
  }

  const openCase = (title: string): ApiRequest => ({
    method: 'POST',
    url: '/v1/cases',
    payload: { licenceId, title, description: 'Since the upgrade', severity: 3, channel: 'web' },
  });

  /**
   * Sends a read and resolves once it is waiting for the projections (or, if it does not wait,
   * answered): the promise of its response, so the caller can resume the projections first.
   */
  async function readWhilePaused(
    request: ApiRequest,
    token: string,
  ): Promise<{ response: Promise<ApiResponse> }> {
    // Every wait for the projections (waitFor, waitForHead, a report's) goes through this one step.
    const catchUp = api.app.get(ProjectionCatchUp) as unknown as WaitingStep;
    const original = catchUp.waitWithoutRefusing.bind(catchUp);
    let waiting!: () => void;
    const startedWaiting = new Promise<void>((resolve) => (waiting = resolve));
    const spy = jest.spyOn(catchUp, 'waitWithoutRefusing').mockImplementation((...args) => {
      waiting();
      return original(...args);
    });
    try {
      const response = client.send(request, token);
      await Promise.race([startedWaiting, response]);
      return { response };
    } finally {
      spy.mockRestore();
    }
  }

  it('answers a command while the projections are paused', async () => {
    await pauseProjections();
    try {
      const opened = await client.expect(201, openCase('Opened while the projector is paused'), customer);
      expect(opened.json()).toEqual({ id: expect.any(String), revision: 0 });
    } finally {
      await projections().start();
    }
  });

  it('answers reads right after a write only once the read models include it', async () => {
    await pauseProjections();
    let caseId: string;
    let reads: { response: Promise<ApiResponse> }[];
    try {
      caseId = (await client.expect(201, openCase('Read back at once'), customer)).json().id;
      reads = [
        await readWhilePaused({ method: 'GET', url: `/v1/cases/${caseId}` }, customer),
        await readWhilePaused({ method: 'GET', url: '/v1/cases' }, customer),
        await readWhilePaused({ method: 'GET', url: '/v1/queues/unassigned' }, engineer),
        await readWhilePaused({ method: 'GET', url: `/v1/cases/${caseId}/history` }, customer),
      ];
    } finally {
      await projections().start();
    }
    const [detail, list, queue, history] = await Promise.all(reads.map((read) => read.response));

    expect(detail.status).toBe(200);
    expect(detail.json()).toMatchObject({ id: caseId, title: 'Read back at once', status: 'new' });
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(caseId);
    expect(queue.json().items.map((item: { id: string }) => item.id)).toContain(caseId);
    expect(history.json().events.map((event: { type: string }) => event.type)).toEqual(['CaseOpened']);
  });

  it('judges a command on a case by all of its events, also those not projected yet', async () => {
    const caseId = (await client.expect(201, openCase('Commented at once'), customer)).json().id;
    await pauseProjections();
    let comment: { response: Promise<ApiResponse> };
    try {
      await client.expect(
        200,
        {
          method: 'POST',
          url: `/v1/cases/${caseId}/assignment`,
          payload: { engineer: 'eve.engineer@vendor.example' },
        },
        engineer,
      );
      comment = await readWhilePaused(
        { method: 'POST', url: `/v1/cases/${caseId}/comments`, payload: { body: 'Looking into it' } },
        engineer,
      );
    } finally {
      await projections().start();
    }
    expect((await comment.response).status).toBe(201);
    const detail = await client.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, engineer);
    expect(detail.json()).toMatchObject({ assignee: 'eve.engineer@vendor.example' });
    const history = await client.expect(200, { method: 'GET', url: `/v1/cases/${caseId}/history` }, engineer);
    expect(history.json().events.map((event: { type: string }) => event.type)).toContain('CommentAdded');
  });
});
