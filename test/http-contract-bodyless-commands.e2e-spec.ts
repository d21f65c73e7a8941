import { openCase, SEED_PEOPLE } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * Commands that take no body (acknowledgement, closure, activation, the removals) refuse one, as
 * every other command refuses fields it does not take: 400 problem+json naming each key, or saying
 * no body is taken when it is not an object, and nothing is appended. No body, an empty one and
 * `{}` are still taken.
 */
describe('commands that take no body', () => {
  const seeded = useSeededTestApp();
  const send = seeded.send;
  const raw = (method: 'POST' | 'DELETE', url: string, token: string, payload?: string, key?: string) =>
    seeded.t.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      ...(payload === undefined ? {} : { payload }),
    });

  /** A case of the seeded customer, escalated by them and not yet acknowledged. */
  const escalatedCase = async () => {
    const caseId = await openCase(send, seeded.world);
    const escalated = await send('POST', `/v1/cases/${caseId}/escalations`, seeded.world.customerToken, {
      reason: 'production-impact',
      details: 'Orders are failing',
    });
    expect(escalated.status).toBe(201);
    return caseId;
  };

  it.each([
    [
      'an unknown field',
      '{"automatic":true}',
      [{ field: 'automatic', message: 'property automatic should not exist' }],
    ],
    [
      'several unknown fields',
      '{"automatic":true,"note":"x"}',
      [
        { field: 'automatic', message: 'property automatic should not exist' },
        { field: 'note', message: 'property note should not exist' },
      ],
    ],
    [
      'an array',
      '[1]',
      [
        {
          field: '',
          message: expect.stringMatching(/not an array; a command that takes no body takes none, or \{\}/),
        },
      ],
    ],
    [
      'a string',
      '"x"',
      [{ field: '', message: expect.stringMatching(/not a string; a command that takes no body/) }],
    ],
    [
      'null',
      'null',
      [{ field: '', message: expect.stringMatching(/not null; a command that takes no body/) }],
    ],
  ])('an acknowledgement with %s is refused and changes nothing', async (_what, payload, errors) => {
    const caseId = await escalatedCase();
    const before = await seeded.t.runtime.storage.eventStore.headPosition();
    const response = await raw(
      'POST',
      `/v1/cases/${caseId}/escalations/acknowledgement`,
      seeded.world.engineerToken,
      payload,
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, errors });
    expect(await seeded.t.runtime.storage.eventStore.headPosition()).toBe(before);
  });

  it.each([
    ['no body', undefined],
    ['an empty body', ''],
    ['an empty object', '{}'],
  ])('an acknowledgement with %s is taken', async (_what, payload) => {
    const caseId = await escalatedCase();
    const response = await raw(
      'POST',
      `/v1/cases/${caseId}/escalations/acknowledgement`,
      seeded.world.engineerToken,
      payload,
    );
    expect(response.statusCode).toBe(200);
  });

  it('with an Idempotency-Key, no body and {} are the same request', async () => {
    const caseId = await escalatedCase();
    const url = `/v1/cases/${caseId}/escalations/acknowledgement`;
    const first = await raw('POST', url, seeded.world.engineerToken, undefined, 'ack-once');
    const retry = await raw('POST', url, seeded.world.engineerToken, '{}', 'ack-once');
    expect(first.statusCode).toBe(200);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
  });

  it('every other command without a body refuses one too', async () => {
    const caseId = await openCase(send, seeded.world);
    const body = '{"force":true}';
    const customer = encodeURIComponent(SEED_PEOPLE.customer);
    const requests = [
      ['POST', `/v1/cases/${caseId}/closure`, seeded.world.customerToken],
      ['DELETE', `/v1/cases/${caseId}/shares/someone%40acme.example`, seeded.world.customerToken],
      [
        'POST',
        `/v1/licences/${seeded.world.licenceId}/users/${customer}/activation`,
        seeded.world.customerToken,
      ],
      ['DELETE', `/v1/licences/${seeded.world.licenceId}/users/${customer}`, seeded.world.adminToken],
      [
        'DELETE',
        `/v1/accounts/${seeded.world.accountId}/case-team/ann%40acme.example`,
        seeded.world.adminToken,
      ],
    ] as const;
    const before = await seeded.t.runtime.storage.eventStore.headPosition();
    for (const [method, url, token] of requests) {
      const response = await raw(method, url, token, body);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      expect(response.json().errors).toEqual([
        { field: 'force', message: 'property force should not exist' },
      ]);
    }
    expect(await seeded.t.runtime.storage.eventStore.headPosition()).toBe(before);
  });
});
