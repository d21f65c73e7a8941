import { startTestApp, TestApp } from './support/test-app';

/**
 * Bad input to every case endpoint gets a 4xx problem+json that names the field at fault, never a
 * 500, and nothing is appended.
 */
describe('bad input to case endpoints', () => {
  let t: TestApp;
  let engineer: string;
  let customer: string;
  let licenceId: string;
  let caseId: string;
  const huge = 'x'.repeat(25_000);

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.token('admin@vendor.example', ['admin']);
    engineer = await t.token('eve@vendor.example', ['engineer']);
    customer = await t.token('jane.doe@acme.example');
    const headers = { authorization: `Bearer ${admin}` };
    const account = await t.app.inject({
      method: 'POST',
      url: '/v1/accounts',
      headers,
      payload: { name: 'Acme' },
    });
    licenceId = (
      await t.app.inject({
        method: 'POST',
        url: `/v1/accounts/${account.json().id}/licences`,
        headers,
        payload: {
          product: 'P',
          edition: 'E',
          plan: 'standard',
          activeUntil: '2030-01-01',
          holderEmail: 'boss@acme.example',
        },
      })
    ).json().id;
    await t.app.inject({
      method: 'POST',
      url: `/v1/licences/${licenceId}/users`,
      headers,
      payload: {
        email: 'jane.doe@acme.example',
        firstName: 'J',
        lastName: 'D',
        company: 'Acme',
        country: 'BG',
        permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
      },
    });
    await t.app.inject({
      method: 'POST',
      url: `/v1/licences/${licenceId}/users/jane.doe@acme.example/activation`,
      headers,
    });
    caseId = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/cases',
        headers: { authorization: `Bearer ${customer}` },
        payload: { licenceId, title: 'Slow', description: 'Slow pages', severity: 3, channel: 'web' },
      })
    ).json().id;
  });

  afterAll(() => t.close());

  const validOpen = () => ({ licenceId, title: 'T', description: 'D', severity: 2, channel: 'web' });

  const cases: {
    name: string;
    url: () => string;
    token: () => string;
    payload: () => unknown;
    field?: string;
    status?: number;
  }[] = [
    {
      name: 'OpenCase without title',
      url: () => '/v1/cases',
      token: () => customer,
      payload: () => ({ ...validOpen(), title: undefined }),
      field: 'title',
    },
    {
      name: 'OpenCase with a numeric title',
      url: () => '/v1/cases',
      token: () => customer,
      payload: () => ({ ...validOpen(), title: 42 }),
      field: 'title',
    },
    {
      name: 'OpenCase with a huge description',
      url: () => '/v1/cases',
      token: () => customer,
      payload: () => ({ ...validOpen(), description: huge }),
      field: 'description',
    },
    {
      name: 'OpenCase with severity 4',
      url: () => '/v1/cases',
      token: () => customer,
      payload: () => ({ ...validOpen(), severity: 4 }),
      field: 'severity',
    },
    {
      name: 'OpenCase with severity "2" as text',
      url: () => '/v1/cases',
      token: () => customer,
      payload: () => ({ ...validOpen(), severity: '2' }),
      field: 'severity',
    },
    {
      name: 'OpenCase with channel fax',
      url: () => '/v1/cases',
      token: () => customer,
      payload: () => ({ ...validOpen(), channel: 'fax' }),
      field: 'channel',
    },
    {
      name: 'OpenCase with an unknown field',
      url: () => '/v1/cases',
      token: () => customer,
      payload: () => ({ ...validOpen(), priority: 'now' }),
      field: 'priority',
    },
    {
      name: 'OpenCase severity 1 via web',
      url: () => '/v1/cases',
      token: () => customer,
      payload: () => ({ ...validOpen(), severity: 1 }),
      field: 'severity',
      status: 422,
    },
    {
      name: 'OpenCase phone channel on a web-only plan',
      url: () => '/v1/cases',
      token: () => engineer,
      payload: () => ({ ...validOpen(), channel: 'phone', onBehalfOf: 'jane.doe@acme.example' }),
      field: 'channel',
      status: 403,
    },
    {
      name: 'OpenCase by phone from a customer',
      url: () => '/v1/cases',
      token: () => customer,
      payload: () => ({ ...validOpen(), channel: 'phone' }),
      status: 403,
    },
    {
      name: 'OpenCase on an unknown licence',
      url: () => '/v1/cases',
      token: () => customer,
      payload: () => ({ ...validOpen(), licenceId: '00000000-0000-4000-8000-000000000000' }),
      field: 'licenceId',
    },
    {
      name: 'OpenCase with a licenceId that cannot be a licence id',
      url: () => '/v1/cases',
      token: () => customer,
      payload: () => ({ ...validOpen(), licenceId: 'nope' }),
      field: 'licenceId',
      status: 400,
    },
    {
      name: 'OpenCase with an array body',
      url: () => '/v1/cases',
      token: () => customer,
      payload: () => [1, 2],
    },
    {
      name: 'ChangeSeverity without reason',
      url: () => `/v1/cases/${caseId}/severity`,
      token: () => engineer,
      payload: () => ({ severity: 2 }),
      field: 'reason',
    },
    {
      name: 'ChangeSeverity to 0',
      url: () => `/v1/cases/${caseId}/severity`,
      token: () => engineer,
      payload: () => ({ severity: 0, reason: 'r' }),
      field: 'severity',
    },
    {
      name: 'Escalate with an unknown reason',
      url: () => `/v1/cases/${caseId}/escalations`,
      token: () => customer,
      payload: () => ({ reason: 'angry', details: 'd' }),
      field: 'reason',
    },
    {
      name: 'Escalate without details',
      url: () => `/v1/cases/${caseId}/escalations`,
      token: () => customer,
      payload: () => ({ reason: 'low-satisfaction' }),
      field: 'details',
    },
    {
      name: 'Status update with a huge body',
      url: () => `/v1/cases/${caseId}/escalations/status-updates`,
      token: () => engineer,
      payload: () => ({ body: huge }),
      field: 'body',
    },
    {
      name: 'De-escalation without reason',
      url: () => `/v1/cases/${caseId}/escalations/de-escalation`,
      token: () => engineer,
      payload: () => ({}),
      field: 'reason',
    },
    {
      name: 'Comment with an empty body',
      url: () => `/v1/cases/${caseId}/comments`,
      token: () => customer,
      payload: () => ({ body: '' }),
      field: 'body',
    },
    {
      name: 'Comment with internal "yes"',
      url: () => `/v1/cases/${caseId}/comments`,
      token: () => engineer,
      payload: () => ({ body: 'b', internal: 'yes' }),
      field: 'internal',
    },
    {
      name: 'Assignment to a non-email',
      url: () => `/v1/cases/${caseId}/assignment`,
      token: () => engineer,
      payload: () => ({ engineer: 'eve' }),
      field: 'engineer',
    },
    {
      name: 'Resolution without summary',
      url: () => `/v1/cases/${caseId}/resolution`,
      token: () => engineer,
      payload: () => ({}),
      field: 'summary',
    },
    {
      name: 'Reopening without reason',
      url: () => `/v1/cases/${caseId}/reopening`,
      token: () => customer,
      payload: () => ({}),
      field: 'reason',
    },
    {
      name: 'Redirection to nowhere',
      url: () => `/v1/cases/${caseId}/redirection`,
      token: () => engineer,
      payload: () => ({ to: 'nowhere', referral: 'r' }),
      field: 'to',
    },
    {
      name: 'Share with a non-email',
      url: () => `/v1/cases/${caseId}/shares`,
      token: () => engineer,
      payload: () => ({ email: 'bob', name: 'Bob' }),
      field: 'email',
    },
    {
      name: 'Comment on an unknown case',
      url: () => '/v1/cases/00000000-0000-4000-8000-000000000000/comments',
      token: () => customer,
      payload: () => ({ body: 'b' }),
      status: 404,
    },
    {
      name: 'Comment on a malformed case id',
      url: () => '/v1/cases/%00%ff/comments',
      token: () => customer,
      payload: () => ({ body: 'b' }),
    },
    {
      name: 'Comment on a case id that cannot be ours',
      url: () => '/v1/cases/..%2F..%2Fetc/comments',
      token: () => customer,
      payload: () => ({ body: 'b' }),
      field: 'caseId',
      status: 400,
    },
  ];

  it.each(cases)(
    '$name: 4xx problem+json, nothing appended',
    async ({ url, token, payload, field, status }) => {
      const before = await t.runtime.storage.eventStore.headPosition();
      const response = await t.app.inject({
        method: 'POST',
        url: url(),
        headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' },
        payload: JSON.stringify(payload()),
      });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      if (status) expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem).toMatchObject({
        status: response.statusCode,
        type: expect.any(String),
        title: expect.any(String),
        detail: expect.any(String),
      });
      if (field) expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect(await t.runtime.storage.eventStore.headPosition()).toBe(before);
    },
  );

  it('refuses malformed JSON and oversized bodies with problem+json', async () => {
    const headers = { authorization: `Bearer ${customer}`, 'content-type': 'application/json' };
    const malformed = await t.app.inject({ method: 'POST', url: '/v1/cases', headers, payload: '{"title":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    const oversized = await t.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers,
      payload: JSON.stringify({ ...validOpen(), description: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(oversized.statusCode).toBe(413);
    expect(oversized.headers['content-type']).toContain('application/problem+json');
  });

  it.each([
    ['"Looking into it"', 'a string'],
    ['["Looking into it"]', 'an array'],
    ['42', 'a number'],
    ['true', 'a boolean'],
    ['null', 'null'],
  ])('refuses the JSON body %s: 400 saying the body must be a JSON object, not %s', async (payload, kind) => {
    const before = await t.runtime.storage.eventStore.headPosition();
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/comments`,
      headers: { authorization: `Bearer ${engineer}`, 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      {
        field: '',
        message: expect.stringMatching(new RegExp(`^The body must be a JSON object, not ${kind};`)),
      },
    ]);
    expect(await t.runtime.storage.eventStore.headPosition()).toBe(before);
  });

  it('takes JSON only: a form or text/plain body is a 415 problem, and nothing is appended', async () => {
    const before = await t.runtime.storage.eventStore.headPosition();
    for (const [contentType, payload] of [
      ['application/x-www-form-urlencoded', 'body=x'],
      ['text/plain', JSON.stringify({ body: 'x' })],
      ['application/xml', '<comment><body>x</body></comment>'],
      ['application/json; charset=utf-16', JSON.stringify({ body: 'x' })],
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/comments`,
        headers: { authorization: `Bearer ${customer}`, 'content-type': contentType },
        payload,
      });
      expect({ contentType, status: response.statusCode }).toEqual({ contentType, status: 415 });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(await t.runtime.storage.eventStore.headPosition()).toBe(before);
    const json = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/comments`,
      headers: { authorization: `Bearer ${customer}`, 'content-type': 'application/json; charset=utf-8' },
      payload: JSON.stringify({ body: 'Still broken after the restart' }),
    });
    expect(json.statusCode).toBe(201);
  });

  it("refuses keys and query parameters named like an object's machinery, which the validation would skip", async () => {
    const auth = { authorization: `Bearer ${customer}`, 'content-type': 'application/json' };
    for (const payload of ['{"body":"x","__proto__":{"internal":true}}', '{"body":"x","constructor":{}}']) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/comments`,
        headers: auth,
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().detail).toMatch(/property (__proto__|constructor) should not exist/);
    }
    const stray = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/comments?notify=false`,
      headers: auth,
      payload: { body: 'With a stray parameter' },
    });
    expect(stray.statusCode).toBe(400);
    expect(stray.json().errors).toEqual([expect.objectContaining({ field: 'notify' })]);
    for (const name of ['constructor', '__proto__', 'toString']) {
      const response = await t.app.inject({ method: 'GET', url: `/v1/cases?${name}=1`, headers: auth });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ field: name })]);
    }
  });

  it('says a required reason left out is required (de-escalation, severity change), not that it must be a string', async () => {
    const headers = { authorization: `Bearer ${engineer}` };
    for (const [url, payload] of [
      [`/v1/cases/${caseId}/escalations/de-escalation`, {}],
      [`/v1/cases/${caseId}/severity`, { severity: 2 }],
    ] as const) {
      const response = await t.app.inject({ method: 'POST', url, headers, payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        { field: 'reason', message: 'reason is required: say why the change is made' },
      ]);
    }
    const notText = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/escalations/de-escalation`,
      headers,
      payload: { reason: 5 },
    });
    expect(notText.json().errors).toEqual([{ field: 'reason', message: 'reason must be a string' }]);
  });

  it('lists at most 50 problems for a body of thousands of unknown fields, and says how many more', async () => {
    const payload = Object.fromEntries(Array.from({ length: 5_000 }, (_, index) => [`extra${index}`, index]));
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/comments`,
      headers: { authorization: `Bearer ${customer}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ body: 'x', ...payload }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toHaveLength(50);
    expect(response.json().detail).toMatch(/and 4950 more problem\(s\)$/);
  });

  it('takes a command without a body whatever content type an empty body is sent with (curl -d "", fetch)', async () => {
    const resolved = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/resolution`,
      headers: { authorization: `Bearer ${engineer}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ summary: 'Cleared the cache' }),
    });
    expect(resolved.statusCode).toBe(200);
    const closed = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/closure`,
      headers: { authorization: `Bearer ${customer}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(closed.statusCode).toBe(200);
    const reopened = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/reopening`,
      headers: { authorization: `Bearer ${customer}`, 'content-type': 'text/plain;charset=UTF-8' },
      payload: '',
    });
    // An empty body where a reason is required: the reason is missing, not the media type wrong.
    expect(reopened.statusCode).toBe(400);
    expect(reopened.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
  });
});
