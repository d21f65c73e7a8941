import fc from 'fast-check';
import { mintToken } from '../apps/api/src/auth/token-minter';
import {
  FuzzRequest,
  FuzzWorld,
  requestsFor,
  WriteEndpoint,
  writeEndpoints,
} from './support/fault/fuzz-requests';
import { openCase, Requester, seedWorld, injectRequester } from './support/fault/seed';
import { startTestApp, TestApp, TEST_SECRET } from './support/test-app';

/**
 * The write endpoints of API.md. The first test checks this list against the OpenAPI document, so
 * an endpoint added without being listed here fails the suite instead of going unfuzzed.
 */
const WRITE_ENDPOINTS = [
  'POST /v1/accounts',
  'PATCH /v1/accounts/{accountId}',
  'PUT /v1/accounts/{accountId}/csm',
  'POST /v1/accounts/{accountId}/case-team',
  'PATCH /v1/accounts/{accountId}/case-team/{email}',
  'POST /v1/accounts/{accountId}/licences',
  'PATCH /v1/licences/{licenceId}',
  'POST /v1/licences/{licenceId}/users',
  'POST /v1/licences/{licenceId}/users/{email}/activation',
  'PATCH /v1/licences/{licenceId}/users/{email}',
  'POST /v1/licences/{licenceId}/users/{email}/invitation',
  'PUT /v1/licences/{licenceId}/holder',
  'POST /v1/cases',
  'POST /v1/cases/{caseId}/severity',
  'POST /v1/cases/{caseId}/escalations',
  'POST /v1/cases/{caseId}/escalations/acknowledgement',
  'POST /v1/cases/{caseId}/escalations/status-updates',
  'POST /v1/cases/{caseId}/escalations/de-escalation',
  'POST /v1/cases/{caseId}/comments',
  'POST /v1/cases/{caseId}/assignment',
  'POST /v1/cases/{caseId}/information-request',
  'POST /v1/cases/{caseId}/resolution',
  'POST /v1/cases/{caseId}/closure',
  'POST /v1/cases/{caseId}/reopening',
  'POST /v1/cases/{caseId}/redirection',
  'POST /v1/cases/{caseId}/shares',
];

/** Runs per endpoint: 1,000 in CI (the floor); FUZZ_RUNS for more, FUZZ_SEED to replay a failure. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/**
 * Every write endpoint of the API's own OpenAPI document, fed fast-check-generated path ids,
 * headers (tokens of every kind of caller and junk, Idempotency-Key, If-Match, content types) and
 * bodies (near-valid ones broken one field at a time, arbitrary JSON, non-JSON, oversized).
 * Whatever comes in: never a 5xx, every refusal is problem+json with its status, a refused request
 * appends no event, and the server is healthy and still takes valid commands afterwards.
 */
describe('fuzzing every POST/PUT/PATCH endpoint', () => {
  let t: TestApp;
  let world: FuzzWorld;
  let endpoints: WriteEndpoint[] = [];
  let customerToken: string;
  let adminToken: string;
  let licenceId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const send: Requester = injectRequester(() => t.app);
    const seeded = await seedWorld(send);
    customerToken = seeded.customerToken;
    adminToken = seeded.adminToken;
    licenceId = seeded.licenceId;
    const caseIds = [
      await openCase(send, seeded, 'Fuzz target one'),
      await openCase(send, seeded, 'Fuzz target two'),
    ];
    const token = (email: string, roles: ('admin' | 'engineer' | 'csm' | 'auditor')[] = []) =>
      mintToken(TEST_SECRET, { email, roles });
    world = {
      ids: {
        accountId: [seeded.accountId],
        licenceId: [seeded.licenceId],
        caseId: caseIds,
        email: [seeded.customerEmail, 'bob@acme.example'],
      },
      emails: [
        seeded.customerEmail,
        seeded.engineerEmail,
        'bob@acme.example',
        'support@acme.example',
        'new.person@acme.example',
      ],
      authorizations: [
        `Bearer ${seeded.adminToken}`,
        `Bearer ${seeded.engineerToken}`,
        `Bearer ${seeded.customerToken}`,
        `Bearer ${await token('carla.csm@vendor.example', ['csm'])}`,
        `Bearer ${await token('audrey@vendor.example', ['auditor'])}`,
        `Bearer ${await token('stranger@elsewhere.example')}`,
        `Bearer ${await mintToken('another-secret-that-is-long-enough-for-hs256', { email: 'forger@evil.example', roles: ['admin'] })}`,
        undefined,
        'Bearer',
        'Bearer not.a.jwt',
        'Basic YWRtaW46YWRtaW4=',
      ],
    };
    const document = await t.app.inject({ method: 'GET', url: '/docs-json' });
    endpoints = writeEndpoints(document.json());
  });

  afterAll(() => t?.close());

  async function expectRefusedCleanly(request: FuzzRequest): Promise<void> {
    const before = await t.runtime.storage.eventStore.headPosition();
    const response = await t.app.inject({
      method: request.method as 'POST',
      url: request.url,
      headers: request.headers,
      payload: request.payload,
    });
    const context = `${request.method} ${request.url} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
    if (response.statusCode >= 500) throw new Error(`Server error: ${context}`);
    if (response.statusCode < 400) return;
    if (!String(response.headers['content-type']).startsWith('application/problem+json'))
      throw new Error(`Not problem+json: ${context}`);
    const problem = response.json<{ status?: unknown; title?: unknown; type?: unknown }>();
    if (
      problem.status !== response.statusCode ||
      typeof problem.title !== 'string' ||
      typeof problem.type !== 'string'
    ) {
      throw new Error(`Malformed problem: ${context}`);
    }
    // The SLA timers and the Mission Critical review append on their own tick (a fuzzed admin
    // PATCH may have made the licence mission-critical a minute ago): the request is to blame only
    // for events some caller's request recorded, never for those of a `system:` process.
    const appended = await t.runtime.storage.eventStore.readAll({ after: before, maxCount: 1_000 });
    const fromRequests = appended.filter((event) => !event.metadata.actor.startsWith('system:'));
    if (fromRequests.length > 0) {
      const recorded = fromRequests.map((event) => `${event.type} by ${event.metadata.actor}`);
      throw new Error(`A refused request appended events (${recorded.join(', ')}): ${context}`);
    }
  }

  it('fuzzes every write endpoint of the OpenAPI document', () => {
    expect(endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`).sort()).toEqual(
      [...WRITE_ENDPOINTS].sort(),
    );
  });

  it.each(WRITE_ENDPOINTS)(
    '%s: never 5xx, refusals are problem+json and append nothing',
    async (name) => {
      const endpoint = endpoints.find((candidate) => `${candidate.method} ${candidate.path}` === name);
      if (!endpoint) throw new Error(`${name} is not in the OpenAPI document`);
      await fc.assert(
        fc.asyncProperty(requestsFor(endpoint, world), (request) => expectRefusedCleanly(request)),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      // A thousand requests take seconds alone, much longer on two cores shared with other suites.
    },
    180_000,
  );

  it('is healthy and takes a valid command afterwards', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json().checks).toEqual({ eventStore: { status: 'up' }, readModels: { status: 'up' } });
    // A fuzzed admin PATCH of the licence may validly have ended it (an activeUntil in the past):
    // renewing it is itself a valid command, and lets the case below test the server, not the fuzz.
    const renewed = await t.app.inject({
      method: 'PATCH',
      url: `/v1/licences/${licenceId}`,
      headers: { authorization: `Bearer ${adminToken}` },
      payload: { activeUntil: '2099-12-31' },
    });
    expect(renewed.statusCode).toBe(200);
    const opened = await t.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${customerToken}` },
      payload: {
        licenceId,
        title: 'After the storm',
        description: 'Still works',
        severity: 3,
        channel: 'web',
      },
    });
    expect(opened.statusCode).toBe(201);
  });
});
