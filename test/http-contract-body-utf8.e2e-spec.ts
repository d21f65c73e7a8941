import { useAcmeWithJane } from './support/fixtures/acme-with-jane';
import type { ApiClient } from './support/fixtures/api-client';
import type { TestApp } from './support/test-app';

/**
 * A JSON body must be UTF-8 (RFC 8259 §8.1). One that is not (a CRM sending Latin-1 `M\xfcller`)
 * was decoded leniently and stored with U+FFFD in place of the bytes, for ever, in the hash-chained
 * log and in mails. It is refused with a 400 problem that says so and where, before anything is
 * appended, on every route that takes a body.
 */
describe('a request body that is not UTF-8', () => {
  let t: TestApp;
  let api: ApiClient;
  let jane: string;
  let licenceId: string;

  useAcmeWithJane((setting) => ({ t, api, jane, licenceId } = setting));

  const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body: Buffer, token?: string) =>
    t.app.inject({
      method,
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        'content-type': 'application/json; charset=utf-8',
      },
      payload: body,
    });

  const openingIn = (encoding: BufferEncoding) =>
    Buffer.from(
      JSON.stringify({
        licenceId,
        title: 'Müller GmbH checkout',
        description: 'Straße',
        severity: 3,
        channel: 'web',
      }),
      encoding,
    );

  it('refuses a case opened in Latin-1 with 400 naming the byte and where it is; nothing is stored', async () => {
    const before = await t.runtime.storage.eventStore.headPosition();
    const response = await send('POST', '/v1/cases', openingIn('latin1'), jane);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const offset = openingIn('latin1').indexOf(0xfc);
    const { status, detail } = response.json();
    expect(status).toBe(400);
    expect(detail).toMatch(
      new RegExp(`^The body is not valid UTF-8: the byte 0xFC at offset ${offset} \\(after "`),
    );
    // The text before the byte, so the field is found without counting bytes.
    expect(detail).toContain('\\"title\\":\\"M")');
    expect(await t.runtime.storage.eventStore.headPosition()).toBe(before);

    // The same text in UTF-8 is taken, and kept exactly.
    const opened = await send('POST', '/v1/cases', openingIn('utf8'), jane);
    expect(opened.statusCode).toBe(201);
    const stored = await api.expect(200, { method: 'GET', url: `/v1/cases/${opened.json().id}` }, jane);
    expect(stored.json()).toMatchObject({ title: 'Müller GmbH checkout' });
  });

  it('refuses a comment with bytes that are never UTF-8; the history is unchanged', async () => {
    const caseId = (await send('POST', '/v1/cases', openingIn('utf8'), jane)).json().id;
    const history = async () =>
      (await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}/history` }, jane)).body;
    const before = await history();
    const comment = Buffer.concat([
      Buffer.from('{"body":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' bad"}'),
    ]);
    const response = await send('POST', `/v1/cases/${caseId}/comments`, comment, jane);
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toMatch(/^The body is not valid UTF-8: the byte 0xFF at offset 9 /);
    expect(await history()).toBe(before);
  });

  it('is refused by every documented route that takes a body (POST, PUT, PATCH, DELETE), before any other check', async () => {
    const document = (await api.expect(200, { method: 'GET', url: '/docs-json' })).json();
    const writes = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) =>
        Object.keys(operations)
          .map((method) => method.toUpperCase())
          .filter((method) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
          .map((method) => `${method} ${path}`),
    );
    expect(writes).toEqual(expect.arrayContaining(['PATCH /v1/licences/{licenceId}', 'POST /v1/cases']));
    const latin1 = Buffer.from('{"name":"Müller","reason":"Straße"}', 'latin1');
    const answers = await Promise.all(
      writes.map(async (route) => {
        const [method, path] = route.split(' ') as ['POST' | 'PUT' | 'PATCH' | 'DELETE', string];
        const url = path.replace(/\{[^}]+\}/g, '0190a5c2-1f3e-7c3a-8b1d-2f4e5a6b7c8d');
        const response = await send(method, url, latin1);
        return `${route} ${response.statusCode} ${String(response.json().detail).slice(0, 27)}`;
      }),
    );
    expect(answers).toEqual(writes.map((route) => `${route} 400 The body is not valid UTF-8`));
  });
});
