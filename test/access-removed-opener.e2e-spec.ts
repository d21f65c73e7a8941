import { PEOPLE } from './support/fixtures/access-actors';
import { AccessWorld } from './support/fixtures/access-world';
import { NO_PERMISSIONS } from './support/fixtures/setup-steps';

/**
 * Offboarding a leaver (DELETE of a licensed user) must not orphan the cases they opened: colleagues
 * with see-shared-tickets keep them, with the share tickets the opener last held on the licence
 * (DOMAIN.md "Cases opened by a user with share tickets are visible to licensed users of the same
 * account who have see shared tickets"). An explicit permission change still takes them away; the
 * licence's expiry does not. The leaver keeps their own case (DOMAIN.md "the opener"), and a
 * refusal to escalate or share tells them they were removed, and who can add them again.
 */
describe('a licensed user removed from the licence: the cases they opened', () => {
  let world: AccessWorld;

  beforeAll(async () => {
    world = await AccessWorld.build();
  });
  afterAll(() => world.close());

  /** An active user of the licence with share tickets, with their token. */
  async function sharingOpener(prefix: string, licenceId = world.licences.acme) {
    const email = world.uniqueEmail(prefix);
    const token = await world.testApp.token(email);
    await world.steps.addLicensedUser(licenceId, email, { ...NO_PERMISSIONS, shareTickets: true }, token);
    return { email, token };
  }

  const remove = (email: string, licenceId = world.licences.acme) =>
    world.api.expect(
      200,
      { method: 'DELETE', url: `/v1/licences/${licenceId}/users/${email}` },
      world.token('max'),
    );

  /** carol (see-shared-tickets on Acme's licence): does the detail answer, and does her list show it? */
  async function carolSees(caseId: string) {
    const carol = world.token('carol');
    const detail = await world.api.send({ method: 'GET', url: `/v1/cases/${caseId}` }, carol);
    const list = await world.api.expect(200, { method: 'GET', url: '/v1/cases?limit=200' }, carol);
    const listed = list.json().items.some((item: { id: string }) => item.id === caseId);
    return { detail: detail.status, listed };
  }

  const escalation = (caseId: string) => ({
    method: 'POST' as const,
    url: `/v1/cases/${caseId}/escalations`,
    payload: { reason: 'production-impact', details: 'Still down' },
  });

  it('colleagues with see-shared-tickets keep seeing, listing and working them; the leaver keeps their own', async () => {
    const leaver = await sharingOpener('leaver');
    const caseId = await world.steps.openWebCase(world.licences.acme, leaver.token, 'Opened before leaving');
    expect(await carolSees(caseId)).toEqual({ detail: 200, listed: true });

    await remove(leaver.email);

    expect(await carolSees(caseId)).toEqual({ detail: 200, listed: true });
    await world.api.expect(
      201,
      { method: 'POST', url: `/v1/cases/${caseId}/comments`, payload: { body: 'I follow this now' } },
      world.token('carol'),
    );
    await world.api.expect(201, escalation(caseId), world.token('carol'));
    // DOMAIN.md "the opener": the leaver still sees the case they opened.
    await world.api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, leaver.token);
  });

  it('the leaver is told they were removed from the licence, and who can add them again, when escalating or sharing', async () => {
    const leaver = await sharingOpener('refused.leaver');
    const caseId = await world.steps.openWebCase(
      world.licences.acme,
      leaver.token,
      'Escalated after leaving',
    );
    await remove(leaver.email);

    const escalating = await world.api.send(escalation(caseId), leaver.token);
    expect(escalating.contentType).toContain('application/problem+json');
    expect({ status: escalating.status, type: escalating.json().type }).toEqual({
      status: 403,
      type: expect.stringMatching(/escalation-not-allowed$/),
    });
    expect(escalating.json().detail).toBe(
      `You (${leaver.email}) were removed from this case's licence, and an escalation is requested by a ` +
        `licensed user; ask the licence holder (${PEOPLE.hannah.email}) or a licensed user with manage users to ` +
        'add you again. Meanwhile you can still comment on the case, and a licensed colleague who sees it, or a ' +
        'support engineer, can escalate it',
    );

    const sharing = await world.api.send(
      {
        method: 'POST',
        url: `/v1/cases/${caseId}/shares`,
        payload: { email: 'pal@partner.example', name: 'Pal' },
      },
      leaver.token,
    );
    expect({ status: sharing.status, type: sharing.json().type }).toEqual({
      status: 403,
      type: expect.stringMatching(/sharing-not-allowed$/),
    });
    expect(sharing.json().detail).toMatch(
      new RegExp(`^You \\(${leaver.email}\\) were removed from this case's licence.*${PEOPLE.hannah.email}`),
    );
  });

  it('share tickets revoked before the removal still take the cases away, as the revocation alone does', async () => {
    const leaver = await sharingOpener('revoked.leaver');
    const caseId = await world.steps.openWebCase(world.licences.acme, leaver.token, 'Revoked, then removed');
    await world.api.expect(
      200,
      {
        method: 'PATCH',
        url: `/v1/licences/${world.licences.acme}/users/${leaver.email}`,
        payload: { permissions: { shareTickets: false } },
      },
      world.token('max'),
    );
    expect(await carolSees(caseId)).toEqual({ detail: 404, listed: false });
    await remove(leaver.email);
    expect(await carolSees(caseId)).toEqual({ detail: 404, listed: false });
  });

  it("the case's licence expiring leaves colleagues the leaver's cases, as it leaves them any opener's", async () => {
    const licenceId = await world.steps.issueLicence(world.accounts.acme, {
      plan: 'enterprise',
      holderEmail: PEOPLE.hannah.email,
    });
    const leaver = await sharingOpener('expiring.leaver', licenceId);
    const caseId = await world.steps.openWebCase(licenceId, leaver.token, 'Removed, then expired');
    await world.api.expect(
      200,
      { method: 'DELETE', url: `/v1/licences/${licenceId}/users/${leaver.email}` },
      world.token('hannah'),
    );
    expect(await carolSees(caseId)).toEqual({ detail: 200, listed: true });

    await world.api.expect(
      200,
      {
        method: 'PATCH',
        url: `/v1/licences/${licenceId}`,
        payload: { activeUntil: '2026-03-02T08:00:00Z', reason: 'ended early' },
      },
      world.token('adam'),
    );
    expect(await carolSees(caseId)).toEqual({ detail: 200, listed: true });
  });
});
