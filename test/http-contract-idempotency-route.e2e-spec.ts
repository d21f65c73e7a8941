import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * An Idempotency-Key is bound to what the request means (the route it matched and the resource
 * its path names), not to how the path is spelled: a retry that spells the path another way
 * (percent-encoded letters, an upper-case id) replays the first answer and appends nothing.
 */
describe('Idempotency-Key bound to the route and resource, not the spelling of the path', () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  const send = seeded.send;

  beforeAll(async () => {
    caseId = await openCase(send, seeded.world);
  });

  const post = (url: string, key: string, payload: object) =>
    seeded.t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${seeded.world.customerToken}`, 'idempotency-key': key },
      payload,
    });

  const commentsOnCase = async () => {
    const history = await seeded.t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}/history`,
      headers: { authorization: `Bearer ${seeded.world.customerToken}` },
    });
    expect(history.statusCode).toBe(200);
    const { events } = history.json() as { events: { type: string }[] };
    return events.filter((event) => event.type === 'CommentAdded');
  };

  it.each([
    ['a percent-encoded letter in the route', (id: string) => `/v1/cases/${id}/%63omments`],
    ['a percent-encoded route prefix', (id: string) => `/v1/%63ases/${id}/comments`],
    ['the case id in upper case', (id: string) => `/v1/cases/${id.toUpperCase()}/comments`],
  ])('a retry spelled with %s replays the first comment', async (spelling, retryUrl) => {
    const key = `comment-${spelling.replace(/ /g, '-')}`;
    const payload = { body: `Still slow (${spelling})` };
    const before = (await commentsOnCase()).length;

    const first = await post(`/v1/cases/${caseId}/comments`, key, payload);
    expect(first.statusCode).toBe(201);
    const retry = await post(retryUrl(caseId), key, payload);

    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect((await commentsOnCase()).length).toBe(before + 1);
  });

  it('a creation retried at a percent-encoded path opens no second case', async () => {
    const key = 'open-once';
    const payload = {
      licenceId: seeded.world.licenceId,
      title: 'Search returns nothing',
      description: 'Since Monday',
      severity: 3,
      channel: 'web',
    };
    const first = await post('/v1/cases', key, payload);
    expect(first.statusCode).toBe(201);
    const retry = await post('/v1/%63ases', key, payload);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
  });

  it('the same key on another route or another case is still another command', async () => {
    const other = await openCase(send, seeded.world, 'Another case');
    const payload = { body: 'Same words, another case' };
    const first = await post(`/v1/cases/${caseId}/comments`, 'shared-key', payload);
    const elsewhere = await post(`/v1/cases/${other}/comments`, 'shared-key', payload);
    expect(first.statusCode).toBe(201);
    expect(elsewhere.statusCode).toBe(201);
    expect(elsewhere.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a key reused with another body is refused with a problem naming Idempotency-Key', async () => {
    const before = (await commentsOnCase()).length;
    const first = await post(`/v1/cases/${caseId}/comments`, 'reused-key', { body: 'Checking logs' });
    expect(first.statusCode).toBe(201);

    const other = await post(`/v1/cases/${caseId}/comments`, 'reused-key', { body: 'Checking logs!' });

    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.json()).toMatchObject({
      type: expect.stringMatching(/\/idempotency-key-reused$/),
      title: 'Idempotency key reused',
      errors: [
        {
          field: 'Idempotency-Key',
          message: expect.stringMatching(/already used with a different request; use a new key/),
        },
      ],
    });
    expect((await commentsOnCase()).length).toBe(before + 1);
  });
});
