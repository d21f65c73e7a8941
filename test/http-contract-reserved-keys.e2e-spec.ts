import { startTestApp, TestApp } from './support/test-app';

/**
 * A body key named like an object's machinery (`__proto__`, `constructor`, ...) is refused with
 * 400 like any other field a body may not carry, and like those it is named in `errors`, with its
 * path when it is nested.
 */
describe('body keys named like object machinery are named in errors', () => {
  let t: TestApp;
  let engineer: string;
  const caseId = '0190a5c2-1f3e-7c3a-8b1d-2f4e5a6b7c8d';

  beforeAll(async () => {
    t = await startTestApp();
    engineer = await t.token('eve@vendor.example', ['engineer']);
  });
  afterAll(() => t.close());

  const post = (url: string, payload: string) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${engineer}`, 'content-type': 'application/json' },
      payload,
    });

  it.each([
    ['__proto__', '{"body":"x","__proto__":{"internal":true}}'],
    ['constructor', '{"body":"x","constructor":{}}'],
  ])('a top-level %s key', async (field, payload) => {
    const response = await post(`/v1/cases/${caseId}/comments`, payload);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 400,
      errors: [{ field, message: `property ${field} should not exist` }],
    });
  });

  it('nested keys, each with its path', async () => {
    const response = await post(
      '/v1/licences/0190a5c2-1f3e-7c3a-8b1d-2f4e5a6b7c8d/users',
      '{"email":"a@b.example","permissions":{"__proto__":{"x":1}},"tags":[{"constructor":1}],"toString":2}',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual([
      'permissions.__proto__',
      'tags.0.constructor',
      'toString',
    ]);
  });
});
