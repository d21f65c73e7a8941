import { ApiClient } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A page cursor is opaque: one whose position was edited by hand (`v`, the last row's sort values)
 * would answer some arbitrary page, so it is refused as a 400 naming `cursor`, while the cursor
 * as issued still leads to the next page.
 */
describe('page cursors edited by hand', () => {
  let t: TestApp;
  let api: ApiClient;
  let engineer: string;

  const get = (url: string) => api.send({ method: 'GET', url }, engineer);
  const withCursor = (url: string, cursor: string) =>
    `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;
  const editValues = (cursor: string, values: unknown[]) => {
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Buffer.from(JSON.stringify({ ...payload, v: values }), 'utf8').toString('base64url');
  };
  const expectCursorRefused = async (url: string) => {
    const response = await get(url);
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  };

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const admin = await t.token('admin@vendor.example', ['admin']);
    engineer = await t.token('eve@vendor.example', ['engineer'], 'Eve Engineer');
    const jane = await t.token('jane@acme.example', [], 'Jane');
    const setup = new SetupSteps(api, admin, engineer);
    const accountId = await setup.registerAccount('Acme');
    const licenceId = await setup.issueLicence(accountId, {
      plan: 'standard',
      holderEmail: 'jane@acme.example',
    });
    await setup.addLicensedUser(licenceId, 'jane@acme.example', undefined, jane);
    for (let index = 0; index < 4; index++) await setup.openWebCase(licenceId, jane);
  });
  afterAll(() => t.close());

  for (const url of ['/v1/queues/open?limit=2', '/v1/cases?limit=2']) {
    it(`refuses ${url.split('?')[0]}'s cursor with its values changed, and pages on with the one it issued`, async () => {
      const first = await get(url);
      expect(first.status).toBe(200);
      const cursor = first.json().nextCursor as string;
      expect(cursor).toEqual(expect.any(String));
      const arity = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')).v.length as number;

      await expectCursorRefused(
        withCursor(url, editValues(cursor, ['not a date', ...Array(arity - 1).fill('x')])),
      );
      await expectCursorRefused(withCursor(url, editValues(cursor, Array(arity).fill(null))));
      expect((await get(withCursor(url, cursor))).status).toBe(200);
    });
  }
});
