import { startTestApp, TestApp } from './support/test-app';

/**
 * A path that exists, asked with a method it does not take, is 405 problem+json with `Allow`
 * (RFC 9110 15.5.6), not a 404 that says the resource is not there; OPTIONS answers `Allow`.
 * Unknown paths stay 404.
 */
describe('methods a route does not take', () => {
  let t: TestApp;
  let engineer: string;
  const caseId = '0190a5c2-1f3e-7c3a-8b1d-2f4e5a6b7c8d';

  beforeAll(async () => {
    t = await startTestApp();
    engineer = await t.token('eve@vendor.example', ['engineer']);
  });
  afterAll(() => t.close());

  const send = (method: 'GET' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS' | 'POST', url: string) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${engineer}` } });

  it.each([
    ['PUT', '/v1/cases', 'GET, HEAD, POST, OPTIONS'],
    ['DELETE', `/v1/cases/${caseId}`, 'GET, HEAD, OPTIONS'],
    ['PATCH', `/v1/cases/${caseId}/comments`, 'POST, OPTIONS'],
    ['POST', '/v1/queues/open', 'GET, HEAD, OPTIONS'],
  ] as const)('%s %s is 405 with Allow: %s', async (method, url, allow) => {
    const response = await send(method, url);
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 405, title: 'Method not allowed', instance: url });
  });

  it('a query string does not hide the route', async () => {
    const response = await send('PUT', '/v1/cases?limit=5');
    expect(response.statusCode).toBe(405);
  });

  it('OPTIONS answers 204 with the methods the path takes', async () => {
    const response = await send('OPTIONS', `/v1/cases/${caseId}/shares`);
    expect(response.statusCode).toBe(204);
    expect(response.headers.allow).toBe('POST, OPTIONS');
    expect(response.body).toBe('');
  });

  it('a path parameter longer than the router takes is refused, never with a 405 that allows its own method', async () => {
    for (const method of ['GET', 'PATCH', 'OPTIONS'] as const) {
      const response = await t.app.inject({
        method,
        url: `/v1/accounts/${'a'.repeat(120)}`,
        headers: { authorization: `Bearer ${engineer}` },
      });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(String(response.headers.allow ?? '')).not.toContain(method);
    }
  });

  it('a malformed percent-encoding names no resource: 400 or 404, never a 405 that allows its own method', async () => {
    for (const url of ['/v1/cases/%ZZ', '/v1/cases/%', '/v1/accounts/%E0', '/v1/queues/%ZZ']) {
      for (const method of ['GET', 'POST', 'OPTIONS'] as const) {
        const response = await send(method, url);
        expect({ url, method, refused: [400, 404].includes(response.statusCode) }).toEqual({
          url,
          method,
          refused: true,
        });
        expect(response.headers.allow).toBeUndefined();
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
  });

  it('an unknown path is still 404 problem+json', async () => {
    for (const method of ['PUT', 'OPTIONS'] as const) {
      const response = await send(method, '/v1/no-such-thing');
      expect(response.statusCode).toBe(404);
      expect(response.headers.allow).toBeUndefined();
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});
