import { startTestApp, TestApp } from './support/test-app';

/**
 * A licence's pending invitations a page at a time, as the other lists page (`limit`, `cursor`,
 * `nextCursor`): a licence with hundreds of pending users must not answer with all of them.
 */
describe('GET /v1/licences/{id}/pending-invitations pages', () => {
  const INVITED = 53;
  let t: TestApp;
  let holder: string;
  let licenceId: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const pending = (query: string) =>
    t.app.inject({
      method: 'GET',
      url: `/v1/licences/${licenceId}/pending-invitations?olderThanHours=0&${query}`,
      headers: auth(holder),
    });
  const emails = (body: { invitations: { email: string }[] }) =>
    body.invitations.map((invitation) => invitation.email);
  const invitee = (index: number) => `user${String(index).padStart(2, '0')}@acme.example`;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.token('admin@vendor.example', ['admin']);
    holder = await t.token('boss@acme.example');
    const accountId = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/accounts',
        headers: auth(admin),
        payload: { name: 'Acme' },
      })
    ).json().id;
    licenceId = (
      await t.app.inject({
        method: 'POST',
        url: `/v1/accounts/${accountId}/licences`,
        headers: auth(admin),
        payload: {
          product: 'P',
          edition: 'E',
          plan: 'standard',
          activeUntil: '2030-01-01',
          holderEmail: 'boss@acme.example',
        },
      })
    ).json().id;
    for (let index = 0; index < INVITED; index++) {
      // One minute apart, so "oldest first" is one definite order.
      t.clock.advance(60_000);
      const invited = await t.app.inject({
        method: 'POST',
        url: `/v1/licences/${licenceId}/users`,
        headers: auth(holder),
        payload: {
          email: invitee(index),
          firstName: 'F',
          lastName: 'L',
          company: 'Acme',
          country: 'BG',
          permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
        },
      });
      expect(invited.statusCode).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('answers `limit` invitations, oldest first, and a nextCursor that leads through the rest', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await pending(`limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ licenceId, olderThanHours: 0 });
      expect(body.invitations.length).toBeLessThanOrEqual(20);
      seen.push(...emails(body));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: INVITED }, (_, index) => invitee(index)));
  });

  it('answers 50 by default, as the other paged lists do, and refuses more than 200', async () => {
    const first = (await pending('')).json();
    expect(first.invitations).toHaveLength(50);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = (await pending(`cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(emails(rest)).toEqual([invitee(50), invitee(51), invitee(52)]);
    expect(rest.nextCursor).toBeUndefined();

    const tooMany = await pending('limit=201');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors).toEqual([expect.objectContaining({ field: 'limit' })]);
  });

  it('refuses a cursor that is not one of its own as a problem naming `cursor`', async () => {
    for (const cursor of ['garbage', Buffer.from('{"o":"id:asc","v":["x"]}').toString('base64url')]) {
      const response = await pending(`cursor=${cursor}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });
});
