import type { AddressInfo } from 'node:net';
import { ApiClient, type HttpAnswer } from './support/fault/http-client';
import { openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { startTestApp, type TestApp } from './support/test-app';

const DAVE = 'dave@globex.example';
const PAT = 'pat@acme.example';

/**
 * Security review 4, F4: an email path segment spelt as a look-alike that the domain mapping does
 * not fold onto a real address (a fullwidth or soft-hyphenated local part, an `xn--` label that
 * decodes to nothing) answered 404 "not a user" / "not shared with", the detail repeating the
 * invisible soft hyphen, so an admin read an address that looks exactly like a real one reported
 * as unknown. The README promises 400 naming `email` for every such spelling. The paths go over
 * loopback HTTP percent-encoded, as curl and browsers send them, not through inject.
 */
describe('email path segments spelt as look-alikes, over HTTP', () => {
  let app: TestApp;
  let api: ApiClient;
  let world: SeededWorld;
  let caseId: string;

  beforeAll(async () => {
    app = await startTestApp();
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    api = new ApiClient(`http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`);
    const send = api.requester();
    world = await seedWorld(send);
    caseId = await openCase(send, world);
    for (const email of [DAVE, 'dave+support@globex.example', 'anna@bücher.example']) {
      const shared = await send('POST', `/v1/cases/${caseId}/shares`, world.customerToken, {
        email,
        name: 'Sharee',
      });
      expect(shared.status).toBe(201);
    }
    const member = await send('POST', `/v1/accounts/${world.accountId}/case-team`, world.adminToken, {
      email: PAT,
      name: 'Pat',
      notify: true,
    });
    expect(member.status).toBe(201);
  });

  afterAll(() => app?.close());

  const refusedAsEmail = (answer: HttpAnswer, reason: RegExp) => {
    expect({ status: answer.status, type: answer.headers.get('content-type') }).toEqual({
      status: 400,
      type: expect.stringMatching(/^application\/problem\+json\b/),
    });
    expect(answer.body).toMatchObject({
      errors: [{ field: 'email', message: expect.stringMatching(reason) }],
    });
    // Nothing invisible is repeated back: the refusal names the character by its code point.
    expect(JSON.stringify(answer.body)).not.toMatch(/[\u00AD\u200B]/);
  };

  // Percent-encoded UTF-8, as a client sends a path: `%EF%BD%87` is a fullwidth `ｇ`, `%C2%AD` a soft hyphen.
  const lookAlikes = (local: string, domain: string): [string, string, RegExp][] => [
    ['a fullwidth letter', `%EF%BD%87${local.slice(1)}@${domain}`, /U\+FF47/],
    ['a soft hyphen', `${local.slice(0, 2)}%C2%AD${local.slice(2)}@${domain}`, /soft hyphen/],
    [
      'a bogus xn-- label',
      `${local}@xn--glbex-abc.example`,
      /malformed Punycode domain label "xn--glbex-abc"/,
    ],
  ];

  describe.each(lookAlikes('jane.doe', 'acme.example'))(
    'a licence user named with %s',
    (_name, segment, reason) => {
      const user = () => `/v1/licences/${world.licenceId}/users/${segment}`;

      it('is 400 naming email on every users/{email} route, and changes nobody', async () => {
        const permissions = { manageUsers: false, shareTickets: false, seeSharedTickets: false };
        refusedAsEmail(await api.get(user(), { token: world.adminToken }), reason);
        refusedAsEmail(
          await api.request('PATCH', user(), { token: world.adminToken, body: { permissions } }),
          reason,
        );
        refusedAsEmail(await api.request('DELETE', user(), { token: world.adminToken }), reason);
        refusedAsEmail(await api.post(`${user()}/invitation`, { token: world.adminToken }), reason);
        refusedAsEmail(await api.post(`${user()}/activation`, { token: world.customerToken }), reason);
        const real = await api.get(`/v1/licences/${world.licenceId}/users/${world.customerEmail}`, {
          token: world.adminToken,
        });
        expect(real.status).toBe(200);
        expect(real.body).toMatchObject({ permissions: { manageUsers: true } });
      });
    },
  );

  describe.each(lookAlikes('dave', 'globex.example'))('a share named with %s', (_name, segment, reason) => {
    it('is 400 naming email, and unshares nobody', async () => {
      const share = `/v1/cases/${caseId}/shares/${segment}`;
      refusedAsEmail(await api.get(share, { token: world.customerToken }), reason);
      refusedAsEmail(await api.request('DELETE', share, { token: world.engineerToken }), reason);
      expect(
        (await api.get(`/v1/cases/${caseId}/shares/${DAVE}`, { token: world.customerToken })).status,
      ).toBe(200);
    });
  });

  describe.each(lookAlikes('pat', 'acme.example'))(
    'a case-team member named with %s',
    (_name, segment, reason) => {
      it('is 400 naming email, and changes nobody', async () => {
        const member = `/v1/accounts/${world.accountId}/case-team/${segment}`;
        refusedAsEmail(await api.get(member, { token: world.adminToken }), reason);
        refusedAsEmail(
          await api.request('PATCH', member, { token: world.adminToken, body: { notify: false } }),
          reason,
        );
        refusedAsEmail(await api.request('DELETE', member, { token: world.adminToken }), reason);
        const real = await api.get(`/v1/accounts/${world.accountId}/case-team/${PAT}`, {
          token: world.adminToken,
        });
        expect(real.status).toBe(200);
        expect(real.body).toMatchObject({ notify: true });
      });
    },
  );

  it.each([
    ['a plain address', DAVE],
    ['a plain address percent-encoded', 'dave%40globex.example'],
    ['a sub-address as curl sends it', 'dave+support@globex.example'],
    ['a sub-address percent-encoded', 'dave%2Bsupport@globex.example'],
    ['an IDN domain in UTF-8', 'anna@b%C3%BCcher.example'],
    ['an IDN domain in Punycode', 'anna@xn--bcher-kva.example'],
  ])('still reads the share of %s', async (_name, segment) => {
    const answer = await api.get(`/v1/cases/${caseId}/shares/${segment}`, { token: world.customerToken });
    expect(answer.status).toBe(200);
  });
});
