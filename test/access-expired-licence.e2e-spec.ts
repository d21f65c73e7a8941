import { ApiResponse } from './support/fixtures/api-client';
import { PEOPLE } from './support/fixtures/access-actors';
import { AccessWorld } from './support/fixtures/access-world';
import { NO_PERMISSIONS } from './support/fixtures/setup-steps';

/**
 * What the product answers about a licence that has expired (DOMAIN.md: "Only licensed users of an
 * active licence can log cases"). Here an admin ends the licence early by moving `activeUntil` into
 * the past, as the finding did; expiry is time, not an event, so a natural expiry answers alike.
 * Each test has a licence of its own on the fixture's Acme account, ended and renewed within it.
 */
describe('an expired licence gives the same clear answer everywhere', () => {
  // Before the test clock's start (2026-03-02T09:00Z): the licence ended an hour ago.
  const ENDED = '2026-03-02T08:00:00Z';
  let world: AccessWorld;

  beforeAll(async () => {
    world = await AccessWorld.build();
  });
  afterAll(() => world.close());

  const admin = () => world.token('adam');
  /**
   * Whom a customer other than the holder is told to ask for the renewal, on the licence side and
   * the case side alike, as the end mails tell them (askForRenewal); the holder, the account manager.
   */
  const ASK_HOLDER = `ask the licence's holder (${PEOPLE.hannah.email}) or your account manager`;
  /** How the refusals name the fixture's licence (Sitefinity, Online Marketing License) and its last day. */
  const expiredLicence = (licenceId: string) =>
    `The licence for Sitefinity (Online Marketing License) expired (active until ${ENDED}, licence id ${licenceId})`;
  const issueLicence = () =>
    world.steps.issueLicence(world.accounts.acme, { plan: 'enterprise', holderEmail: PEOPLE.hannah.email });
  const setActiveUntil = (licenceId: string, activeUntil: string) =>
    world.api.expect(
      200,
      { method: 'PATCH', url: `/v1/licences/${licenceId}`, payload: { activeUntil, reason: 'test' } },
      admin(),
    );

  /** A registered user of the licence, with their token. */
  async function activeUser(licenceId: string, prefix: string, shareTickets: boolean, manageUsers = false) {
    const email = world.uniqueEmail(prefix);
    const token = await world.testApp.token(email);
    await world.steps.addLicensedUser(
      licenceId,
      email,
      { ...NO_PERMISSIONS, shareTickets, manageUsers },
      token,
    );
    return { email, token };
  }

  /**
   * The licence-expired problem, as opening a case on the expired licence answers it: naming the
   * licence, and telling to ask its holder or the account manager to renew it. `licenceId` is named as the field
   * at fault only where the request names the licence (a case opening's body, a licence's path):
   * a case's share or escalation names none.
   */
  function expectLicenceExpired(
    response: ApiResponse,
    licenceId: string,
    { requestNamesLicence = true, renewal = ASK_HOLDER } = {},
  ): void {
    expect(response.contentType).toContain('application/problem+json');
    const problem = response.json();
    expect({ status: response.status, code: String(problem.type).split('/').pop() }).toEqual({
      status: 403,
      code: 'licence-expired',
    });
    // Named as its customers know it, product and edition; its id last, for support.
    expect(problem.detail).toMatch(
      new RegExp(
        `^The licence for Sitefinity \\(Online Marketing License\\) expired \\(active until .*, licence id ${licenceId}\\)`,
      ),
    );
    expect(problem.detail).toContain(`once it is renewed (${renewal})`);
    if (requestNamesLicence)
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'licenceId' })]);
    else expect(problem.errors).toBeUndefined();
  }

  it('the opener holding share tickets is told their licence expired when sharing, not that they lack the permission', async () => {
    const licenceId = await issueLicence();
    const opener = await activeUser(licenceId, 'expired.sharer', true);
    const caseId = await world.steps.openWebCase(licenceId, opener.token, 'Shared after the licence ended');
    const other = await activeUser(licenceId, 'expired.nonsharer', false);
    const hers = await world.steps.openWebCase(licenceId, other.token, 'No share tickets');
    await setActiveUntil(licenceId, ENDED);

    const share = {
      method: 'POST' as const,
      url: `/v1/cases/${caseId}/shares`,
      payload: { email: 'pal@partner.example', name: 'Pal' },
    };
    const refused = await world.api.send(share, opener.token);
    expectLicenceExpired(refused, licenceId, { requestNamesLicence: false });
    expect(refused.json().detail).toBe(
      `${expiredLicence(licenceId)}; your share tickets apply again once it is ` +
        `renewed (${ASK_HOLDER}). Until then, a support engineer can share the case for you`,
    );
    // The same problem as opening a case on that licence, whose body names the licence.
    const opening = await world.api.send(
      {
        method: 'POST',
        url: '/v1/cases',
        payload: { licenceId, title: 'New', description: 'Refused', severity: 3, channel: 'web' },
      },
      opener.token,
    );
    expectLicenceExpired(opening, licenceId);
    expect(opening.json().detail).toBe(
      `${expiredLicence(licenceId)}; cases can be opened on it again once it is renewed (${ASK_HOLDER})`,
    );
    // The holder herself is not told to ask herself.
    expectLicenceExpired(
      await world.api.send(
        {
          method: 'POST',
          url: '/v1/cases',
          payload: { licenceId, title: 'New', description: 'Refused', severity: 3, channel: 'web' },
        },
        world.token('hannah'),
      ),
      licenceId,
      { renewal: 'ask your account manager' },
    );
    const detail = await world.api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, opener.token);
    expect(detail.json().shares).toEqual([]);

    // Without the permission the answer stays that the permission is missing.
    const withoutPermission = await world.api.send(
      { ...share, url: `/v1/cases/${hers}/shares` },
      other.token,
    );
    expect({ status: withoutPermission.status, type: withoutPermission.json().type }).toEqual({
      status: 403,
      type: expect.stringMatching(/sharing-not-allowed$/),
    });

    // Renewed, the opener shares again.
    await setActiveUntil(licenceId, '2030-12-31');
    await world.api.expect(201, share, opener.token);
  });

  it('the opener is told their licence expired when escalating, not the list of who may escalate', async () => {
    const licenceId = await issueLicence();
    const opener = await activeUser(licenceId, 'expired.escalator', false);
    const caseId = await world.steps.openWebCase(
      licenceId,
      opener.token,
      'Escalated after the licence ended',
    );
    await setActiveUntil(licenceId, ENDED);

    const escalation = {
      method: 'POST' as const,
      url: `/v1/cases/${caseId}/escalations`,
      payload: { reason: 'production-impact', details: 'Still down' },
    };
    const refused = await world.api.send(escalation, opener.token);
    expectLicenceExpired(refused, licenceId, { requestNamesLicence: false });
    expect(refused.json().detail).toBe(
      `${expiredLicence(licenceId)}; you can escalate again once it is renewed ` +
        `(${ASK_HOLDER}). Until then, you can still comment on the case, and a support engineer can escalate it`,
    );
    // As it says: the comment is taken.
    await world.api.expect(
      201,
      { method: 'POST', url: `/v1/cases/${caseId}/comments`, payload: { body: 'Please escalate' } },
      opener.token,
    );

    await setActiveUntil(licenceId, '2030-12-31');
    await world.api.expect(201, escalation, opener.token);
  });

  it('the opener may not reopen a resolved case on an expired licence (nor reopen it by replying); an engineer still may', async () => {
    const licenceId = await issueLicence();
    const opener = await activeUser(licenceId, 'expired.reopener', false);
    const caseId = await world.steps.openWebCase(licenceId, opener.token, 'Reopened after the licence ended');
    const engineer = world.token('eve');
    const resolve = async () =>
      world.api.expect(
        200,
        { method: 'POST', url: `/v1/cases/${caseId}/resolution`, payload: { summary: 'Fixed' } },
        engineer,
      );
    const status = async () =>
      (await world.api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, opener.token)).json()
        .status;
    await resolve();
    await setActiveUntil(licenceId, ENDED);

    const reopening = {
      method: 'POST' as const,
      url: `/v1/cases/${caseId}/reopening`,
      payload: { reason: 'Still not fixed' },
    };
    const refused = await world.api.send(reopening, opener.token);
    expectLicenceExpired(refused, licenceId, { requestNamesLicence: false });
    expect(refused.json().detail).toBe(
      `${expiredLicence(licenceId)}; you can reopen its cases again once it is renewed ` +
        `(${ASK_HOLDER}). Until then, you can still comment on the case, and a support engineer can reopen it`,
    );
    expect(await status()).toBe('resolved');
    // As it says: the comment is taken, and it leaves the case resolved (no new resolution clock).
    await world.api.expect(
      201,
      { method: 'POST', url: `/v1/cases/${caseId}/comments`, payload: { body: 'It is still broken' } },
      opener.token,
    );
    expect(await status()).toBe('resolved');

    // A support engineer may still reopen (a wrong resolution is the vendor's to correct).
    await world.api.expect(200, reopening, engineer);
    expect(await status()).toBe('in-progress');
    await resolve();

    await setActiveUntil(licenceId, '2030-12-31');
    await world.api.expect(200, reopening, opener.token);
  });

  it('a sharee from another company is told the licence is not in force, with no licence id, date or renewal; the opener is told those', async () => {
    const licenceId = await issueLicence();
    const opener = await activeUser(licenceId, 'expired.sharer', true);
    const caseId = await world.steps.openWebCase(licenceId, opener.token, 'Shared before the licence ended');
    const sam = world.uniqueEmail('sam', 'othercorp.example');
    await world.api.expect(
      201,
      { method: 'POST', url: `/v1/cases/${caseId}/shares`, payload: { email: sam, name: 'Sam Other' } },
      opener.token,
    );
    await world.api.expect(
      200,
      { method: 'POST', url: `/v1/cases/${caseId}/resolution`, payload: { summary: 'Fixed' } },
      world.token('eve'),
    );
    await setActiveUntil(licenceId, ENDED);

    const reopening = {
      method: 'POST' as const,
      url: `/v1/cases/${caseId}/reopening`,
      payload: { reason: 'x' },
    };
    const outsider = await world.api.send(reopening, await world.testApp.token(sam));
    expect({ status: outsider.status, code: String(outsider.json().type).split('/').pop() }).toEqual({
      status: 403,
      code: 'licence-expired',
    });
    expect(outsider.json().detail).toBe(
      "The customer's licence for this case is not in force, so you cannot reopen the case. A support engineer " +
        `can reopen it, or the customer (ask the person who opened it, ${opener.email}) once their licence is ` +
        'in force again. You can still comment on the case',
    );
    expectLicenceExpired(await world.api.send(reopening, opener.token), licenceId, {
      requestNamesLicence: false,
    });
  });

  it('a user with manage-users is told the licence expired (their permission lapsed with it); the holder still manages users', async () => {
    const licenceId = await issueLicence();
    const manager = await activeUser(licenceId, 'expired.manager', false, true);
    const colleague = await activeUser(licenceId, 'expired.colleague', false);
    await setActiveUntil(licenceId, ENDED);

    const removal = { method: 'DELETE' as const, url: `/v1/licences/${licenceId}/users/${colleague.email}` };
    const refused = await world.api.send(removal, manager.token);
    // The holder named beside the account manager, as the end mails name them (customer3 F5).
    expectLicenceExpired(refused, licenceId);
    expect(refused.json().detail).toBe(
      `${expiredLicence(licenceId)}; your manage-users permission applies again once ` +
        `it is renewed (${ASK_HOLDER}). Until then, its holder (${PEOPLE.hannah.email}) or an admin can ` +
        'change or remove its users',
    );
    // So are the reads only managers see: the permission lapsed, it returns on renewal (before:
    // "Only the holder and users who manage users see pending invitations", to a manager).
    for (const what of ['pending-invitations', 'user-changes']) {
      const read = await world.api.send(
        { method: 'GET', url: `/v1/licences/${licenceId}/${what}` },
        manager.token,
      );
      expectLicenceExpired(read, licenceId);
      expect(read.json().detail).toContain(
        `applies again once it is renewed (${ASK_HOLDER}). Until then, its holder (${PEOPLE.hannah.email}) ` +
          'or an admin sees them',
      );
      const byBasic = await world.api.send(
        { method: 'GET', url: `/v1/licences/${licenceId}/${what}` },
        colleague.token,
      );
      expect(byBasic.status).toBe(403);
      expect(byBasic.json().detail).toContain(
        `Only the licence's holder (${PEOPLE.hannah.email}) and users who manage`,
      );
    }
    // A user without the permission is still told who may manage users.
    const byColleague = await world.api.send(
      { method: 'DELETE', url: `/v1/licences/${licenceId}/users/${manager.email}` },
      colleague.token,
    );
    expect({ status: byColleague.status, type: byColleague.json().type }).toEqual({
      status: 403,
      type: expect.stringMatching(/licensed-user-management-not-allowed$/),
    });
    await world.api.expect(200, removal, world.token('hannah'));
  });

  it("colleagues with see-shared tickets keep the opener's cases once the opener's licence expired, as the opener does (customer2 F7)", async () => {
    const licenceId = await issueLicence();
    const opener = await activeUser(licenceId, 'expired.opener', true);
    const caseId = await world.steps.openWebCase(licenceId, opener.token, 'Seen by colleagues');
    // carol sees shared tickets through the fixture's Acme licence, which has not expired.
    const carol = world.token('carol');
    const comment = {
      method: 'POST' as const,
      url: `/v1/cases/${caseId}/comments`,
      payload: { body: 'Any news?' },
    };
    const carolSees = async () => {
      const detail = await world.api.send({ method: 'GET', url: `/v1/cases/${caseId}` }, carol);
      const list = await world.api.expect(200, { method: 'GET', url: '/v1/cases?limit=200' }, carol);
      const listed = list.json().items.some((item: { id: string }) => item.id === caseId);
      return { detail: detail.status, listed };
    };
    expect(await carolSees()).toEqual({ detail: 200, listed: true });

    // DOMAIN.md: cases opened by a user with share tickets are visible to licensed users of the same
    // account with see shared tickets; carol is one (her licence is in force), whatever became of
    // the licence the case was opened under. She follows it on, as the opener and the case team do.
    await setActiveUntil(licenceId, ENDED);
    expect(await carolSees()).toEqual({ detail: 200, listed: true });
    await world.api.expect(201, comment, carol);
    await world.api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, opener.token);

    // Expiry is time, not an event: once the last day has passed everywhere, with nothing recorded,
    // the answer is the same.
    await setActiveUntil(licenceId, '2026-06-30');
    const before = world.testApp.clock.now().toISOString();
    world.testApp.clock.set('2026-07-02T00:00:00.000Z');
    try {
      expect(await carolSees()).toEqual({ detail: 200, listed: true });
      await world.api.expect(201, comment, carol);
    } finally {
      world.testApp.clock.set(before);
    }
  });

  it("a colleague whose own see-shared licence expired no longer sees the opener's cases; the opener keeps them", async () => {
    const licenceId = await issueLicence();
    const opener = await activeUser(licenceId, 'expired.both', true);
    const caseId = await world.steps.openWebCase(licenceId, opener.token, 'Seen on one licence');
    const colleague = world.uniqueEmail('expired.colleague');
    const colleagueToken = await world.testApp.token(colleague);
    await world.steps.addLicensedUser(
      licenceId,
      colleague,
      { ...NO_PERMISSIONS, seeSharedTickets: true },
      colleagueToken,
    );
    const detail = { method: 'GET' as const, url: `/v1/cases/${caseId}` };
    await world.api.expect(200, detail, colleagueToken);

    // Only licensed users of an active licence see shared tickets: her only licence is this one.
    await setActiveUntil(licenceId, ENDED);
    await world.api.expect(404, detail, colleagueToken);
    await world.api.expect(200, detail, opener.token);
  });

  it('an invited user cannot complete registration on an expired licence; nothing is recorded until it is renewed', async () => {
    const licenceId = await issueLicence();
    const email = world.uniqueEmail('expired.invitee');
    const invitee = await world.testApp.token(email);
    await world.steps.addLicensedUser(licenceId, email);
    await setActiveUntil(licenceId, ENDED);
    const history = async () =>
      (
        await world.api.expect(200, { method: 'GET', url: `/v1/licences/${licenceId}/history` }, admin())
      ).json();
    const before = await history();

    const activation = {
      method: 'POST' as const,
      url: `/v1/licences/${licenceId}/users/${email}/activation`,
    };
    // The invitee is told to ask the holder too, as the end mail tells them (customer3 F5); an admin
    // renews it themselves.
    expectLicenceExpired(await world.api.send(activation, invitee), licenceId);
    expectLicenceExpired(await world.api.send(activation, admin()), licenceId, {
      renewal: 'an admin renews it by moving its activeUntil later',
    });
    expect(await history()).toEqual(before);
    // Meanwhile the invitee's licence list offers no activation it would refuse, and says the
    // registration waits for the renewal (before: an `activation` link answered 403).
    const ownEntry = async () =>
      (await world.api.expect(200, { method: 'GET', url: '/v1/licences' }, invitee))
        .json()
        .items.find((item: { id: string }) => item.id === licenceId);
    const waiting = await ownEntry();
    expect(waiting).not.toHaveProperty('activation');
    expect(waiting).toMatchObject({ active: false, registrationWaitsForRenewal: true });
    const user = await world.api.expect(
      200,
      { method: 'GET', url: `/v1/licences/${licenceId}/users/${email}` },
      admin(),
    );
    expect(user.json()).toMatchObject({ status: 'pending' });

    await setActiveUntil(licenceId, '2030-12-31');
    const renewed = await ownEntry();
    expect(renewed).toMatchObject({ active: true, activation: activation.url });
    expect(renewed).not.toHaveProperty('registrationWaitsForRenewal');
    await world.api.expect(200, activation, invitee);
  });
});
