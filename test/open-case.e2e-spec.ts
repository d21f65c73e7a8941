import { startTestApp, TestApp } from './support/test-app';

describe('OpenCase end to end (HTTP -> CommandBus -> decider -> SQLite -> projection -> GET)', () => {
  let t: TestApp;
  let admin: string;
  let customer: string;
  let licenceId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.token('admin@vendor.example', ['admin']);
    customer = await t.token('jane.doe@acme.example', [], 'Jane Doe');
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const account = await t.app.inject({
      method: 'POST',
      url: '/v1/accounts',
      headers: auth(admin),
      payload: { name: 'Acme', timeZone: 'Europe/Sofia' },
    });
    expect(account.statusCode).toBe(201);
    const accountId = account.json().id;
    const licence = await t.app.inject({
      method: 'POST',
      url: `/v1/accounts/${accountId}/licences`,
      headers: auth(admin),
      payload: {
        product: 'Sitefinity',
        edition: 'Online Marketing License',
        plan: 'enterprise',
        activeUntil: '2027-12-31',
        seats: 5,
        holderEmail: 'boss@acme.example',
      },
    });
    expect(licence.statusCode).toBe(201);
    licenceId = licence.json().id;
    const user = await t.app.inject({
      method: 'POST',
      url: `/v1/licences/${licenceId}/users`,
      headers: auth(admin),
      payload: {
        email: 'jane.doe@acme.example',
        firstName: 'Jane',
        lastName: 'Doe',
        company: 'Acme',
        country: 'BG',
        permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: true },
      },
    });
    expect(user.statusCode).toBe(201);
    const activation = await t.app.inject({
      method: 'POST',
      url: `/v1/licences/${licenceId}/users/jane.doe@acme.example/activation`,
      headers: auth(customer),
    });
    expect(activation.statusCode).toBe(200);
  });

  afterAll(() => t.close());

  it('opens a case and reads it back with its revision and SLA targets', async () => {
    const opened = await t.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${customer}` },
      payload: {
        licenceId,
        title: 'Checkout is slow',
        description: 'Since the upgrade',
        severity: 2,
        channel: 'web',
      },
    });
    expect(opened.statusCode).toBe(201);
    const { id, revision } = opened.json();
    expect(opened.headers.location).toBe(`/v1/cases/${id}`);
    expect(revision).toBe(0);

    const read = await t.app.inject({
      method: 'GET',
      url: `/v1/cases/${id}`,
      headers: { authorization: `Bearer ${customer}` },
    });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"0"');
    expect(read.json()).toMatchObject({
      id,
      status: 'new',
      severity: 2,
      channel: 'web',
      openedBy: 'jane.doe@acme.example',
      revision: 0,
    });
    expect(read.json().sla.firstResponse).toMatchObject({ state: 'running' });
  });

  it('answers problem+json naming the field for bad input, and appends nothing', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${customer}` },
      payload: { licenceId, title: '', description: 'x', severity: 7, channel: 'web' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const fields = response.json().errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'severity']));
  });

  it('refuses severity 1 over the web, telling the customer to phone', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${customer}` },
      payload: { licenceId, title: 'Down', description: 'Everything is down', severity: 1, channel: 'web' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().detail).toMatch(/phone/i);
  });

  it('needs a bearer token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/cases/abc' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
