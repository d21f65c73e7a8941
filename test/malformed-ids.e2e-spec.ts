import { useAcmeWithJane } from './support/fixtures/acme-with-jane';
import type { ApiClient, ApiRequest, ApiResponse } from './support/fixtures/api-client';
import type { SetupSteps } from './support/fixtures/setup-steps';
import type { TestApp } from './support/test-app';

/**
 * Every id the server hands out is a UUID (accounts, licences, cases). A value that cannot be one,
 * in a path (`/v1/accounts/zzz`, `/v1/cases/zzz/comments`) or a body (`licenceId: "abc"`), is the caller's mistake:
 * a 400 validation problem naming the parameter or field, not a 404 that reads as "no such
 * record". The shape alone decides, so the answer says nothing about what is stored: a well-formed
 * id of no record, or of one the caller may not see, is still 404.
 */
describe('malformed ids', () => {
  const MALFORMED = ['zzz', 'not-an-id', 'acc-1', '0190a5c2-1f3e-7c3a-8b1d', `${'0'.repeat(8)}-zz`];
  const UNKNOWN = '0190a5c2-1f3e-7c3a-8b1d-2f4e5a6b7c8d';
  let t: TestApp;
  let api: ApiClient;
  let admin: string;
  let engineer: string;
  let jane: string;
  let stranger: string;
  let accountId: string;
  let licenceId: string;
  let setup: SetupSteps;
  let caseId: string;
  let idRoutes: { method: string; path: string; ids: string[] }[];

  const expectIdRefused = (response: ApiResponse, field: string, context: string) => {
    expect({ context, status: response.status }).toEqual({ context, status: 400 });
    expect(response.contentType).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 400, type: expect.stringMatching(/validation$/) });
    expect(response.json().errors).toEqual([{ field, message: expect.stringContaining(field) }]);
  };

  useAcmeWithJane((setting) => ({ t, api, setup, admin, engineer, jane, accountId, licenceId } = setting));

  beforeAll(async () => {
    stranger = await t.token('stranger@elsewhere.example');
    caseId = await setup.openWebCase(licenceId, jane);
    const paths = (await t.app.inject({ method: 'GET', url: '/docs-json' })).json().paths as Record<
      string,
      Record<string, unknown>
    >;
    idRoutes = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({
        method: method.toUpperCase(),
        path,
        ids: [...path.matchAll(/\{(\w+Id)\}/g)].map((match) => match[1]),
      })),
    );
    idRoutes = idRoutes.filter((route) => route.ids.length > 0);
  });

  /** The route with `malformed` for `field` and real values for its other parameters. */
  const requestFor = (route: { method: string; path: string }, field: string, malformed: string) => {
    const real: Record<string, string> = {
      accountId,
      licenceId,
      caseId,
      email: 'jane@acme.example',
      // The parts of a case a command's Location names (well-formed, of nothing stored).
      commentId: UNKNOWN,
      level: '1',
      revision: '1',
    };
    const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(name === field ? malformed : real[name]),
    );
    const takesBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
    return { method: route.method, url, ...(takesBody ? { payload: {} } : {}) } as ApiRequest;
  };

  it('finds the routes that take an account, licence, case or comment id in their path', () => {
    const named = new Set(idRoutes.flatMap((route) => route.ids));
    expect([...named].sort()).toEqual(['accountId', 'caseId', 'commentId', 'licenceId']);
    expect(idRoutes.length).toBeGreaterThan(25);
  });

  it('refuses a malformed id in any path with 400 naming the parameter, and appends nothing', async () => {
    const before = await t.runtime.storage.eventStore.headPosition();
    for (const route of idRoutes) {
      for (const field of route.ids) {
        for (const malformed of MALFORMED) {
          const response = await api.send(requestFor(route, field, malformed), admin);
          expectIdRefused(response, field, `${route.method} ${route.path} with ${field}=${malformed}`);
        }
      }
    }
    expect(await t.runtime.storage.eventStore.headPosition()).toBe(before);
  });

  it('answers GET /v1/cases/zzz alike for every caller past the sign-in, whatever they may see', async () => {
    const answers = [];
    for (const token of [admin, engineer, jane, stranger]) {
      const response = await api.send({ method: 'GET', url: '/v1/cases/zzz' }, token);
      expectIdRefused(response, 'caseId', 'GET /v1/cases/zzz');
      answers.push(response.body);
    }
    expect(new Set(answers).size).toBe(1);
    expect((await api.send({ method: 'GET', url: '/v1/cases/zzz' })).status).toBe(401);
  });

  it('answers a malformed id before the role checks, the same to a customer as to an admin', async () => {
    // As the 404 this replaces was: the shape of the path decides, so no caller learns more.
    const request: ApiRequest = { method: 'POST', url: '/v1/accounts/zzz/licences', payload: {} };
    const [customers, admins] = [await api.send(request, jane), await api.send(request, admin)];
    expectIdRefused(customers, 'accountId', 'POST /v1/accounts/zzz/licences by a customer');
    expect(customers.body).toBe(admins.body);
  });

  it('still answers 404 for a well-formed id of no record, or of a case the caller may not see', async () => {
    expect((await api.send({ method: 'GET', url: `/v1/cases/${UNKNOWN}` }, engineer)).status).toBe(404);
    expect((await api.send({ method: 'GET', url: `/v1/accounts/${UNKNOWN}` }, admin)).status).toBe(404);
    expect((await api.send({ method: 'GET', url: `/v1/licences/${UNKNOWN}` }, admin)).status).toBe(404);
    expect((await api.send({ method: 'GET', url: `/v1/cases/${caseId}` }, stranger)).status).toBe(404);
    expect((await api.send({ method: 'GET', url: `/v1/cases/${caseId.toUpperCase()}` }, jane)).status).toBe(
      200,
    );
  });

  describe('POST /v1/cases', () => {
    const openCase = (licence: unknown): ApiRequest => ({
      method: 'POST',
      url: '/v1/cases',
      payload: {
        licenceId: licence,
        title: 'Forms do not save',
        description: 'Since today',
        severity: 3,
        channel: 'web',
      },
    });

    it('refuses a licenceId that cannot be a licence id with 400 naming licenceId, and appends nothing', async () => {
      const before = await t.runtime.storage.eventStore.headPosition();
      for (const malformed of [...MALFORMED, 'abc', '']) {
        expectIdRefused(await api.send(openCase(malformed), jane), 'licenceId', `licenceId=${malformed}`);
      }
      expect(await t.runtime.storage.eventStore.headPosition()).toBe(before);
    });

    it('answers a well-formed licence id as before: unknown is not found, an upper-case spelling is the licence', async () => {
      const unknown = await api.send(openCase(UNKNOWN), jane);
      expect(unknown.status).not.toBe(400);
      expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'licenceId' })]);
      expect((await api.send(openCase(licenceId.toUpperCase()), jane)).status).toBe(201);
    });
  });
});
