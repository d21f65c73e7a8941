import { ApiClient, withQuery } from './api-client';
import { ApiProblem } from './api-problem';

describe('withQuery', () => {
  it('adds only the values that are set', () => {
    expect(withQuery('/v1/queues/open', { severity: 2, product: '', cursor: undefined, limit: 25 })).toBe(
      '/v1/queues/open?severity=2&limit=25',
    );
    expect(withQuery('/v1/cases', {})).toBe('/v1/cases');
  });
});

describe('ApiClient', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('sends the bearer token, If-Match and Idempotency-Key with a command', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ id: 'c1', revision: 4 }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
    const client = new ApiClient({ token: () => 'jwt', onUnauthorized: () => undefined });
    const result = await client.post(
      '/v1/cases/c1/severity',
      { severity: 1, reason: 'Down' },
      { ifMatch: 3, idempotencyKey: 'k-1' },
    );
    expect(result).toEqual({ id: 'c1', revision: 4 });
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers).toMatchObject({
      authorization: 'Bearer jwt',
      'if-match': '"3"',
      'idempotency-key': 'k-1',
      'content-type': 'application/json',
    });
    expect(calls[0].init.body).toBe('{"severity":1,"reason":"Down"}');
  });

  it('turns problem+json into an ApiProblem and reports a refused token', async () => {
    globalThis.fetch = (async () =>
      new Response(JSON.stringify({ title: 'Unauthorized', status: 401, detail: 'The token has expired' }), {
        status: 401,
        headers: { 'content-type': 'application/problem+json' },
      })) as unknown as typeof fetch;
    const refused: ApiProblem[] = [];
    const client = new ApiClient({ token: () => 'old', onUnauthorized: (problem) => refused.push(problem) });
    await expect(client.get('/v1/cases')).rejects.toMatchObject({
      status: 401,
      detail: 'The token has expired',
    });
    expect(refused).toHaveLength(1);
  });

  describe('download', () => {
    const csv = (headers: Record<string, string>) =>
      (async () => new Response('day,severity\n', { status: 200, headers })) as unknown as typeof fetch;
    const client = () => new ApiClient({ token: () => 'jwt', onUnauthorized: () => undefined });

    it("takes the server's name for the file, in every script (filename*)", async () => {
      globalThis.fetch = csv({
        'content-type': 'text/csv',
        'content-disposition':
          'attachment; filename="sla-daily-2026-11-01-2026-11-27-product.csv"; filename*=UTF-8\'\'sla-daily-2026-11-01-2026-11-27-product-%D0%9F%D1%80%D0%BE%D0%B4%D1%83%D0%BA%D1%82.csv',
      });
      const download = await client().download('/v1/reports/sla-daily', {}, 'text/csv');
      expect(download.fileName).toBe('sla-daily-2026-11-01-2026-11-27-product-Продукт.csv');
      expect(await download.blob.text()).toBe('day,severity\n');
    });

    it('leaves the name to the caller when the server gives none, or one that cannot be read', async () => {
      globalThis.fetch = csv({ 'content-type': 'text/csv' });
      expect((await client().download('/v1/reports/sla-daily', {}, 'text/csv')).fileName).toBeUndefined();
      globalThis.fetch = csv({
        'content-type': 'text/csv',
        'content-disposition': 'attachment; filename="unterminated',
      });
      expect((await client().download('/v1/reports/sla-daily', {}, 'text/csv')).fileName).toBeUndefined();
    });
  });
});
