import { QUEUES } from '../apps/api/src/queues/queue-definitions';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';
import { OpenApiDocument } from './support/openapi/openapi-document';

/**
 * /docs is where a newcomer or an integrator learns the API: every operation says what it does and
 * who may call it, a command whose body is at most an optional reason does not demand one (a
 * generated client would force it), and the queues are listed rather than found in a 404.
 */
describe('OpenAPI: operations described, optional bodies optional, queues listed', () => {
  const seeded = useSeededTestApp();
  let docs: OpenApiDocument;

  beforeAll(async () => {
    docs = await OpenApiDocument.of(seeded.t.app);
  });

  /** The operation object as served, with the fields the checked Operation type leaves out. */
  const served = (method: string, path: string) =>
    docs.document.paths[path]?.[method.toLowerCase()] as unknown as {
      summary?: string;
      requestBody?: { required?: boolean; content: Record<string, { schema?: { $ref?: string } }> };
    };

  it('gives every operation a summary', () => {
    const bare = docs
      .routes()
      .filter(({ method, path }) => !served(method, path).summary?.trim())
      .map(({ method, path }) => `${method} ${path}`);
    expect(bare).toEqual([]);
  });

  const OPTIONAL_REASON_COMMANDS = [
    'DELETE /v1/accounts/{accountId}/csm',
    'DELETE /v1/accounts/{accountId}/case-team/{email}',
    'POST /v1/licences/{licenceId}/users/{email}/invitation',
    'DELETE /v1/licences/{licenceId}/users/{email}',
    'POST /v1/cases/{caseId}/escalations/acknowledgement',
    'DELETE /v1/cases/{caseId}/assignment',
    'POST /v1/cases/{caseId}/closure',
    'DELETE /v1/cases/{caseId}/shares/{email}',
  ];

  it('declares the body of every command whose body is at most a reason as not required', () => {
    const optionalReason = docs
      .routes()
      .filter(({ method, path }) =>
        Object.values(served(method, path).requestBody?.content ?? {}).some(
          (media) => media.schema?.$ref === '#/components/schemas/OptionalReasonDto',
        ),
      );
    expect(optionalReason.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(
      [...OPTIONAL_REASON_COMMANDS].sort(),
    );
    for (const { method, path } of optionalReason) {
      expect({ route: `${method} ${path}`, required: served(method, path).requestBody?.required }).toEqual({
        route: `${method} ${path}`,
        required: false,
      });
    }
  });

  it('and the server takes each of those commands with no body and no content-type', async () => {
    const { world, send } = seeded;
    const bodyless = async (method: 'POST' | 'DELETE', url: string, token: string) => {
      const response = await seeded.t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
      });
      return { url, status: response.statusCode };
    };
    const done = (url: string) => ({ url, status: 200 });
    const step = async (what: string, sent: Promise<{ status: number; body: unknown }>) => {
      const { status, body } = await sent;
      if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
    };
    const account = `/v1/accounts/${world.accountId}`;
    const licence = `/v1/licences/${world.licenceId}`;

    await step(
      'assign CSM',
      send('PUT', `${account}/csm`, world.adminToken, { email: 'carl.csm@vendor.example' }),
    );
    expect(await bodyless('DELETE', `${account}/csm`, world.adminToken)).toEqual(done(`${account}/csm`));

    await step(
      'add case-team member',
      send('POST', `${account}/case-team`, world.adminToken, {
        email: 'ann@acme.example',
        name: 'Ann',
        notify: true,
      }),
    );
    const member = `${account}/case-team/ann%40acme.example`;
    expect(await bodyless('DELETE', member, world.adminToken)).toEqual(done(member));

    await step(
      'invite user',
      send('POST', `${licence}/users`, world.adminToken, {
        email: 'new.user@acme.example',
        firstName: 'New',
        lastName: 'User',
        company: 'Acme',
        country: 'BG',
        permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
      }),
    );
    const invitee = `${licence}/users/new.user%40acme.example`;
    expect(await bodyless('POST', `${invitee}/invitation`, world.adminToken)).toEqual(
      done(`${invitee}/invitation`),
    );
    expect(await bodyless('DELETE', invitee, world.adminToken)).toEqual(done(invitee));

    const caseId = await openCase(send, world);
    const kase = `/v1/cases/${caseId}`;
    await step(
      'assign',
      send('POST', `${kase}/assignment`, world.engineerToken, { engineer: world.engineerEmail }),
    );
    expect(await bodyless('DELETE', `${kase}/assignment`, world.engineerToken)).toEqual(
      done(`${kase}/assignment`),
    );
    await step(
      'share',
      send('POST', `${kase}/shares`, world.customerToken, { email: 'bob@acme.example', name: 'Bob' }),
    );
    const share = `${kase}/shares/bob%40acme.example`;
    expect(await bodyless('DELETE', share, world.customerToken)).toEqual(done(share));
    await step(
      'escalate',
      send('POST', `${kase}/escalations`, world.customerToken, {
        reason: 'production-impact',
        details: 'Orders are failing',
      }),
    );
    expect(await bodyless('POST', `${kase}/escalations/acknowledgement`, world.engineerToken)).toEqual(
      done(`${kase}/escalations/acknowledgement`),
    );

    const resolvedId = await openCase(send, world, 'Search is slow');
    const resolved = `/v1/cases/${resolvedId}`;
    await step(
      'resolve',
      send('POST', `${resolved}/resolution`, world.engineerToken, { summary: 'Index rebuilt' }),
    );
    expect(await bodyless('POST', `${resolved}/closure`, world.customerToken)).toEqual(
      done(`${resolved}/closure`),
    );
  });

  it('lists the queue names of GET /v1/queues/{queue}: exactly the queues the server serves', async () => {
    const parameter = docs
      .routes()
      .find(({ method, path }) => method === 'GET' && path === '/v1/queues/{queue}')
      ?.operation.parameters?.find((one) => one.name === 'queue' && one.in === 'path');
    const listed = parameter?.schema?.enum;
    expect(listed).toEqual([...QUEUES]);
    for (const queue of listed ?? []) {
      const response = await seeded.t.app.inject({
        method: 'GET',
        url: `/v1/queues/${String(queue)}`,
        headers: { authorization: `Bearer ${seeded.world.engineerToken}` },
      });
      expect({ queue, status: response.statusCode }).toEqual({ queue, status: 200 });
    }
    const unknown = await seeded.t.app.inject({
      method: 'GET',
      url: '/v1/queues/closed',
      headers: { authorization: `Bearer ${seeded.world.engineerToken}` },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toContain(`queues: ${(listed ?? []).join(', ')}`);
  });
});
