import type { ApiRequest, ApiResponse } from './support/fixtures/api-client';
import { ApiClient } from './support/fixtures/api-client';
import { OpenApiDocument } from './support/openapi/openapi-document';
import { OpenApiValidator } from './support/openapi/openapi-validator';
import { undeclaredIn } from './support/openapi/declared-response';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Every route, called as a client generated from /docs-json calls it, answers what the document
 * declares: the status, a body its schema takes (validated by Ajv, as strict clients do) with every
 * field it carries declared (a generated client's strict models drop the others) and the headers a
 * client reads (ETag, Location, Idempotent-Replayed). Before, 34 success answers had no schema at
 * all (the new case's id and revision were `unknown` to a generated client) and no header was
 * declared anywhere; later, rows' `assigneeVouched`, a history's `type`, `data` and `hash`, and the
 * admin /health's monitoring figures were sent and not declared.
 */
describe('OpenAPI: the answers of every route are the ones the document declares', () => {
  let t: TestApp;
  let api: ApiClient;
  let docs: OpenApiDocument;
  let validator: OpenApiValidator;
  const tokens: Record<'admin' | 'eve' | 'jane' | 'bob' | 'csm', string> = {
    admin: '',
    eve: '',
    jane: '',
    bob: '',
    csm: '',
  };
  const ids = { account: '', licence: '', case: '', redirected: '', carols: '' };
  // Sent twice with one Idempotency-Key: opened, then replayed.
  const openTheSecondCase = () => ({
    method: 'POST' as const,
    url: '/v1/cases',
    headers: { 'idempotency-key': 'open-the-second' },
    payload: {
      licenceId: ids.licence,
      title: 'Training',
      description: 'For five',
      severity: 3,
      channel: 'web',
    },
  });

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    docs = await OpenApiDocument.of(t.app);
    validator = new OpenApiValidator(docs);
    tokens.admin = await t.token('admin@vendor.example', ['admin']);
    tokens.eve = await t.token('eve@vendor.example', ['engineer'], 'Eve Engineer');
    tokens.csm = await t.token('carol@vendor.example', ['csm'], 'Carol CSM');
    tokens.jane = await t.token('jane@acme.example', [], 'Jane');
    tokens.bob = await t.token('bob@acme.example', [], 'Bob');
  });

  afterAll(async () => {
    await t?.close();
  });

  /** What each route answered that the document does not declare, by route; checked after each test. */
  let undeclared: Record<string, string[]> = {};
  beforeEach(() => {
    undeclared = {};
  });
  afterEach(() => {
    expect(undeclared).toEqual({});
  });

  /** Sends the request, insists on `status`, and notes what of its answer the document does not declare. */
  async function answered(
    status: number,
    who: keyof typeof tokens | undefined,
    request: ApiRequest,
  ): Promise<ApiResponse> {
    const response = await api.expect(status, request, who && tokens[who]);
    const problems = undeclaredIn(docs, validator, request.method, request.url, response);
    if (problems.length > 0) undeclared[`${request.method} ${request.url} ${status}`] = problems;
    if (process.env.CAPTURE)
      console.log(
        request.method,
        request.url,
        JSON.stringify(response.headers),
        response.body.slice(0, 3000),
      );
    return response;
  }

  const jane = 'jane@acme.example';
  const bob = 'bob@acme.example';
  const member = 'olga.ops@acme.example';
  const permissions = { manageUsers: true, shareTickets: true, seeSharedTickets: true };

  it('answers the account commands as declared', async () => {
    const created = await answered(201, 'admin', {
      method: 'POST',
      url: '/v1/accounts',
      payload: { name: 'Acme', timeZone: 'Europe/Sofia' },
    });
    ids.account = created.json().id;
    await answered(200, 'admin', {
      method: 'PATCH',
      url: `/v1/accounts/${ids.account}`,
      payload: { name: 'Acme Ltd' },
    });
    await answered(200, 'admin', {
      method: 'PUT',
      url: `/v1/accounts/${ids.account}/csm`,
      payload: { email: 'carol@vendor.example' },
    });
    await answered(201, 'eve', {
      method: 'POST',
      url: `/v1/accounts/${ids.account}/case-team`,
      payload: { email: member, name: 'Ops', notify: true },
    });
    await answered(200, 'eve', {
      method: 'PATCH',
      url: `/v1/accounts/${ids.account}/case-team/${member}`,
      payload: { notify: false },
    });
  });

  it('answers the licence commands as declared, a warning included', async () => {
    const issued = await answered(201, 'admin', {
      method: 'POST',
      url: `/v1/accounts/${ids.account}/licences`,
      payload: {
        product: 'Sitefinity',
        edition: 'Online Marketing License',
        plan: 'mission-critical',
        activeUntil: '2030-12-31',
        seats: 10,
        holderEmail: jane,
      },
    });
    ids.licence = issued.json().id;
    await answered(200, 'admin', {
      method: 'PATCH',
      url: `/v1/licences/${ids.licence}`,
      payload: { seats: 20 },
    });
    const users = `/v1/licences/${ids.licence}/users`;
    const person = (email: string) => ({
      email,
      firstName: email.split('@')[0],
      lastName: 'Example',
      company: 'Acme',
      country: 'BG',
      permissions,
    });
    await answered(201, 'admin', { method: 'POST', url: users, payload: person(jane) });
    await answered(200, 'jane', { method: 'POST', url: `${users}/${jane}/activation` });
    await answered(201, 'jane', { method: 'POST', url: users, payload: person(bob) });
    await answered(200, 'jane', {
      method: 'PATCH',
      url: `${users}/${bob}`,
      payload: { permissions: { manageUsers: false } },
    });
  });

  it('answers the account and licence reads as declared', async () => {
    await answered(200, 'admin', { method: 'GET', url: '/v1/accounts' });
    await answered(200, 'admin', { method: 'GET', url: `/v1/accounts/${ids.account}` });
    await answered(200, 'eve', { method: 'GET', url: `/v1/accounts/${ids.account}/case-team/${member}` });
    await answered(200, 'jane', { method: 'GET', url: `/v1/licences/${ids.licence}` });
    await answered(200, 'jane', { method: 'GET', url: `/v1/licences/${ids.licence}/users/${bob}` });
    await answered(200, 'jane', { method: 'GET', url: '/v1/licences' });
    await answered(200, 'admin', { method: 'GET', url: '/v1/licences' });
    await answered(200, 'jane', { method: 'GET', url: `/v1/licences/${ids.licence}/pending-invitations` });
    await answered(200, 'eve', { method: 'GET', url: '/v1/invitations/overdue?olderThanHours=0' });
    for (const record of [`accounts/${ids.account}`, `licences/${ids.licence}`]) {
      await answered(200, 'admin', { method: 'GET', url: `/v1/${record}/history` });
      await answered(200, 'admin', { method: 'GET', url: `/v1/${record}/integrity` });
    }
  });

  it('answers the case commands as declared', async () => {
    const opened = await answered(201, 'jane', {
      method: 'POST',
      url: '/v1/cases',
      payload: {
        licenceId: ids.licence,
        title: 'Checkout fails',
        description: 'HTTP 500',
        severity: 2,
        channel: 'web',
      },
    });
    ids.case = opened.json().id;
    const on = (command: string) => `/v1/cases/${ids.case}/${command}`;
    await answered(200, 'jane', { method: 'GET', url: `/v1/cases/${ids.case}` });
    await answered(200, 'eve', {
      method: 'POST',
      url: on('severity'),
      payload: { severity: 3, reason: 'A question after all' },
    });
    // Each 201's Location answers GET with what it created, as the document declares it.
    const follow = async (who: keyof typeof tokens, created: ApiResponse) =>
      answered(200, who, { method: 'GET', url: String(created.headers.location) });
    const escalated = await answered(201, 'jane', {
      method: 'POST',
      url: on('escalations'),
      payload: { reason: 'production-impact', details: 'Orders are lost' },
    });
    await follow('jane', escalated);
    await answered(200, 'eve', { method: 'POST', url: on('escalations/acknowledgement') });
    const updated = await answered(201, 'eve', {
      method: 'POST',
      url: on('escalations/status-updates'),
      payload: { body: 'On it' },
    });
    await follow('jane', updated);
    await answered(200, 'eve', {
      method: 'POST',
      url: on('escalations/de-escalation'),
      payload: { reason: 'Fixed' },
    });
    await follow(
      'jane',
      await answered(201, 'jane', {
        method: 'POST',
        url: on('comments'),
        payload: { body: 'Still failing' },
      }),
    );
    const note = await answered(201, 'eve', {
      method: 'POST',
      url: on('comments'),
      payload: { body: 'Plugin bug', internal: true },
    });
    await follow('eve', note);
    await follow('jane', note);
    await answered(200, 'eve', {
      method: 'POST',
      url: on('assignment'),
      payload: { engineer: 'eve@vendor.example' },
    });
    await answered(200, 'eve', {
      method: 'DELETE',
      url: on('assignment'),
      payload: { reason: 'Took the wrong case' },
    });
    await answered(200, 'eve', {
      method: 'POST',
      url: on('information-request'),
      payload: { body: 'Logs?' },
    });
    await follow(
      'jane',
      await answered(201, 'jane', {
        method: 'POST',
        url: on('shares'),
        payload: { email: bob, name: 'Bob' },
      }),
    );
    await answered(200, 'jane', { method: 'DELETE', url: on(`shares/${bob}`) });
    await answered(200, 'eve', { method: 'POST', url: on('resolution'), payload: { summary: 'Patched' } });
    await answered(200, 'jane', { method: 'POST', url: on('reopening'), payload: { reason: 'Back again' } });
    await answered(200, 'eve', {
      method: 'POST',
      url: on('resolution'),
      payload: { summary: 'Patched again' },
    });
    await answered(200, 'jane', { method: 'POST', url: on('closure') });
    const other = await answered(201, 'jane', openTheSecondCase());
    ids.redirected = other.json().id;
    await answered(200, 'eve', {
      method: 'POST',
      url: `/v1/cases/${ids.redirected}/redirection`,
      payload: { to: 'consulting', referral: 'Training is a consulting service' },
    });
  });

  it('answers a replayed command as declared (Idempotent-Replayed)', async () => {
    const replay = await answered(201, 'jane', openTheSecondCase());
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('answers the case reads, queues and reports as declared', async () => {
    // Assigned to the account's CSM: staff read `assigneeVouched` on its rows.
    const carols = await answered(201, 'jane', {
      method: 'POST',
      url: '/v1/cases',
      payload: {
        licenceId: ids.licence,
        title: 'Slow search',
        description: 'Seconds',
        severity: 3,
        channel: 'web',
      },
    });
    ids.carols = carols.json().id;
    await answered(200, 'eve', {
      method: 'POST',
      url: `/v1/cases/${ids.carols}/assignment`,
      payload: { engineer: 'carol@vendor.example' },
    });
    for (const url of [
      `/v1/cases/${ids.case}`,
      `/v1/cases/${ids.redirected}`,
      `/v1/cases/${ids.case}?asOf=2026-03-02T09:00:00.000Z`,
      `/v1/cases/${ids.case}/history`,
      `/v1/cases/${ids.case}/integrity`,
      '/v1/cases',
    ])
      await answered(200, 'jane', { method: 'GET', url });
    for (const url of [
      '/v1/cases',
      '/v1/queues/open',
      '/v1/dashboards/sla',
      '/v1/reports/sla-daily',
      '/v1/escalations?state=all',
    ])
      await answered(200, 'eve', { method: 'GET', url });
  });

  it('answers the last removals as declared, the Mission Critical warning included', async () => {
    await answered(200, 'jane', { method: 'DELETE', url: `/v1/licences/${ids.licence}/users/${bob}` });
    await answered(200, 'eve', { method: 'DELETE', url: `/v1/accounts/${ids.account}/case-team/${member}` });
    const left = await answered(200, 'admin', { method: 'DELETE', url: `/v1/accounts/${ids.account}/csm` });
    expect(left.json().warnings).toHaveLength(1);
    // No longer the account's CSM: her case's rows say the records no longer vouch for her, and why.
    for (const url of ['/v1/cases?assigneeVouched=false', '/v1/queues/open?assigneeVouched=false']) {
      const rows = await answered(200, 'eve', { method: 'GET', url });
      expect(rows.json().items).toEqual([
        expect.objectContaining({
          id: ids.carols,
          assigneeVouched: false,
          assigneeNotVouchedReason: expect.any(String),
        }),
      ]);
    }
  });

  it('answers the operations routes as declared, with and without a token', async () => {
    await answered(200, undefined, { method: 'GET', url: '/health' });
    await answered(200, 'admin', { method: 'GET', url: '/health' });
    await answered(200, undefined, { method: 'GET', url: '/console/config' });
    await answered(200, undefined, { method: 'GET', url: '/metrics' });
  });

  it('answers a method a path does not take with 405 and Allow, as the document says', async () => {
    const refused = await api.expect(405, { method: 'PUT', url: '/v1/cases' }, tokens.jane);
    expect(refused.headers.allow).toContain('POST');
    const options = await t.app.inject({ method: 'OPTIONS', url: '/v1/cases' });
    expect(options.statusCode).toBe(204);
    expect(options.headers.allow).toContain('GET');
    expect(docs.document.info?.description).toContain('405 with `Allow`');
  });

  it('answers refusals as declared: 401 with WWW-Authenticate, 404 for a case not seen, 406 for a report', async () => {
    await answered(401, undefined, { method: 'GET', url: '/v1/cases' });
    await answered(404, 'bob', { method: 'GET', url: `/v1/cases/${ids.case}/integrity` });
    await answered(404, 'bob', { method: 'GET', url: `/v1/cases/${ids.case}/escalations/1` });
    await answered(400, 'jane', { method: 'GET', url: '/v1/cases/not-an-id/integrity' });
    await answered(401, undefined, { method: 'GET', url: `/v1/cases/${ids.case}/integrity` });
    // The reports negotiate by Accept: one they cannot answer is a problem like the others.
    for (const url of ['/v1/escalations', '/v1/dashboards/sla', '/v1/reports/sla-daily'])
      await answered(406, 'eve', { method: 'GET', url, headers: { accept: 'application/xml' } });
  });
});
