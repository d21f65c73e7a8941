import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { startTestApp, type TestApp } from './support/test-app';

const DAVE = 'dave@globex.example';
const PAT = 'pat@acme.example';

/**
 * Security review 3, F1: an email path segment (`/v1/cases/{caseId}/shares/{email}`,
 * `/v1/licences/{licenceId}/users/{email}`) spelt as a look-alike of a real address (a Punycode
 * label decoding to plain ASCII, fullwidth letters, an ideographic full stop, a soft hyphen) was
 * folded onto that person by the domain's UTS 46 mapping, so the URL named someone else than the
 * person acted on, while request bodies and tokens refuse those spellings. Such a segment is now a
 * 400 naming the `email` parameter with the token check's reason; the address's own spellings
 * (any case, percent-encoded) still name the person.
 */
describe('email path segments spelt as look-alikes of a real address', () => {
  let app: TestApp;
  let world: SeededWorld;
  let caseId: string;
  const send = injectRequester(() => app.app);

  beforeAll(async () => {
    app = await startTestApp();
    world = await seedWorld(send);
    caseId = await openCase(send, world);
    const shared = await send('POST', `/v1/cases/${caseId}/shares`, world.customerToken, {
      email: DAVE,
      name: 'Dave',
    });
    expect(shared.status).toBe(201);
  });

  afterAll(() => app?.close());

  const refusedAsEmail = (answer: { status: number; body: unknown }, reason: RegExp) => {
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      errors: [{ field: 'email', message: expect.stringMatching(reason) }],
    });
  };

  it.each([
    ['a Punycode label decoding to plain ASCII', 'dave@xn--globex-.example', /malformed Punycode/],
    ['a fullwidth letter', 'dave@\uFF47lobex.example', /U\+FF47/],
    ['an ideographic full stop', 'dave@globex\u3002example', /U\+3002/],
    ['a soft hyphen', 'dave@glob\u00ADex.example', /soft hyphen/],
  ])('refuses a share named with %s', async (_name, spelling, reason) => {
    const url = `/v1/cases/${caseId}/shares/${encodeURIComponent(spelling)}`;
    refusedAsEmail(await send('GET', url, world.customerToken), /^email is not an address Casetrail accepts/);
    refusedAsEmail(await send('GET', url, world.customerToken), reason);
    refusedAsEmail(await send('DELETE', url, world.customerToken), reason);
    // Still shared: the refused DELETE unshared nobody.
    const real = await send(
      'GET',
      `/v1/cases/${caseId}/shares/${encodeURIComponent(DAVE)}`,
      world.customerToken,
    );
    expect(real.status).toBe(200);
  });

  it('refuses a licence user named with a look-alike, and changes nobody', async () => {
    const lookAlike = encodeURIComponent('jane.doe@xn--acme-.example');
    const url = `/v1/licences/${world.licenceId}/users/${lookAlike}`;
    const permissions = { manageUsers: false, shareTickets: false, seeSharedTickets: false };
    refusedAsEmail(await send('PATCH', url, world.adminToken, { permissions }), /malformed Punycode/);
    refusedAsEmail(await send('DELETE', url, world.adminToken), /malformed Punycode/);
    const licence = (await send('GET', `/v1/licences/${world.licenceId}`, world.adminToken)).body as {
      users: { email: string; permissions: Record<string, boolean> }[];
    };
    expect(licence.users.find((user) => user.email === world.customerEmail)?.permissions).toMatchObject({
      manageUsers: true,
    });
  });

  /**
   * Newcomer review 2, N14: the two reads of one person's entry took the look-alike as the real
   * person (200 with Jane's or Pat's entry) while every other email path refused it.
   */
  it.each([
    ['a Punycode label decoding to plain ASCII', 'xn--acme-.example', /malformed Punycode/],
    ['a fullwidth letter', '\uFF41cme.example', /U\+FF41/],
  ])('refuses to read a licence user or case-team member named with %s', async (_name, domain, reason) => {
    const member = await send('POST', `/v1/accounts/${world.accountId}/case-team`, world.adminToken, {
      email: PAT,
      name: 'Pat',
      notify: true,
    });
    expect([201, 409]).toContain(member.status);
    const user = `/v1/licences/${world.licenceId}/users/${encodeURIComponent(`jane.doe@${domain}`)}`;
    refusedAsEmail(await send('GET', user, world.adminToken), reason);
    refusedAsEmail(await send('GET', user, world.customerToken), reason);
    const caseTeam = `/v1/accounts/${world.accountId}/case-team/${encodeURIComponent(`pat@${domain}`)}`;
    refusedAsEmail(await send('GET', caseTeam, world.adminToken), reason);
    // The real spellings still read the entries.
    const real = `/v1/licences/${world.licenceId}/users/${encodeURIComponent('Jane.Doe@ACME.example')}`;
    expect((await send('GET', real, world.adminToken)).status).toBe(200);
    expect(
      (await send('GET', `/v1/accounts/${world.accountId}/case-team/${PAT}`, world.adminToken)).status,
    ).toBe(200);
  });

  it('still takes the address in any case and percent-encoded', async () => {
    const url = `/v1/cases/${caseId}/shares/${encodeURIComponent('Dave@GLOBEX.example')}`;
    expect((await send('GET', url, world.customerToken)).status).toBe(200);
  });
});
