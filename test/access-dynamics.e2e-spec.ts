import { randomUUID } from 'node:crypto';
import { NotFoundException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CaseCommand } from '@casetrail/domain';
import { revocableGround } from '../apps/api/src/cases/access/command-ground';
import { ExecuteCaseCommand } from '../apps/api/src/cases/commands/case-command';
import { PEOPLE, PersonKind } from './support/fixtures/access-actors';
import { AccessWorld, FixtureCases, useAccessWorld } from './support/fixtures/access-world';

/**
 * Visibility follows the records as they change (DOMAIN.md: "Sharing and unsharing are dynamic";
 * the case team sees "past and future" cases; rights come from the licence records). Each test
 * changes one relation through the API and checks detail, commands and lists agree at once.
 */
describe('access follows sharing, case teams, CSMs and licence permissions as they change', () => {
  let world: AccessWorld;
  let cases: FixtureCases;

  useAccessWorld((setting) => {
    ({ world, cases } = setting);
  });

  async function sees(token: string, caseId: string): Promise<boolean> {
    const detail = await world.api.send({ method: 'GET', url: `/v1/cases/${caseId}` }, token);
    const list = await world.api.expect(200, { method: 'GET', url: '/v1/cases?limit=200' }, token);
    const listed = list.json().items.some((item: { id: string }) => item.id === caseId);
    if (![200, 404].includes(detail.status))
      throw new Error(`GET /v1/cases/${caseId} answered ${detail.status}`);
    // Detail and list must agree, or one of them leaks.
    expect({ detailVisible: detail.status === 200 }).toEqual({ detailVisible: listed });
    return listed;
  }
  const personSees = (kind: PersonKind, caseId: string) => sees(world.token(kind), caseId);

  const patch = (url: string, payload: object, token = world.token('adam')) =>
    world.api.expect(200, { method: 'PATCH', url, payload }, token);

  it("a shared user sees the case but not the account's case team; the account's own people do", async () => {
    const teamAs = async (kind: PersonKind, query = '') => {
      const detail = await world.api.expect(
        200,
        { method: 'GET', url: `/v1/cases/${cases.byAlice}${query}` },
        world.token(kind),
      );
      return (detail.json().team as { email: string }[]).map((member) => member.email).sort();
    };
    const team = [PEOPLE.tina.email, PEOPLE.tom.email].sort();
    expect(await teamAs('sam')).toEqual([]);
    expect(await teamAs('sam', `?asOf=${encodeURIComponent(new Date().toISOString())}`)).toEqual([]);
    for (const kind of ['alice', 'tina', 'eve', 'cora'] as const) expect(await teamAs(kind)).toEqual(team);
  });

  it('unsharing hides the case from the shared user at once, for reads and writes; sharing again restores it', async () => {
    expect(await personSees('sam', cases.byAlice)).toBe(true);
    await world.api.expect(
      200,
      { method: 'DELETE', url: `/v1/cases/${cases.byAlice}/shares/${PEOPLE.sam.email}` },
      world.token('alice'),
    );
    expect(await personSees('sam', cases.byAlice)).toBe(false);
    await world.api.expect(
      404,
      { method: 'POST', url: `/v1/cases/${cases.byAlice}/comments`, payload: { body: 'Still there?' } },
      world.token('sam'),
    );
    await world.steps.shareCase(cases.byAlice, PEOPLE.sam.email, world.token('alice'));
    expect(await personSees('sam', cases.byAlice)).toBe(true);
  });

  it('an unshare stored after the access check still stops the shared user: the decision looks again', async () => {
    const caseId = await world.steps.openWebCase(
      world.licences.acme,
      world.token('alice'),
      'Shared, then not',
    );
    await world.steps.shareCase(caseId, PEOPLE.sam.email, world.token('alice'));
    await world.api.expect(
      200,
      { method: 'DELETE', url: `/v1/cases/${caseId}/shares/${PEOPLE.sam.email}` },
      world.token('alice'),
    );
    // As if sam's comment had passed the access check just before the unshare was stored.
    const comment = {
      type: 'AddComment',
      caseId,
      commentId: randomUUID(),
      body: 'Got in anyway?',
      internal: false,
      actor: { email: PEOPLE.sam.email, roles: [] },
      at: new Date().toISOString(),
    } satisfies CaseCommand;
    const commands = world.testApp.app.get(CommandBus);
    await expect(
      commands.execute(
        new ExecuteCaseCommand(
          comment,
          { actor: { sub: PEOPLE.sam.email, email: PEOPLE.sam.email, roles: [] } },
          revocableGround({ sharedWith: true }),
        ),
      ),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('a removed case-team member loses every account case; added again, they see past and future cases', async () => {
    await world.api.expect(
      200,
      { method: 'DELETE', url: `/v1/accounts/${world.accounts.acme}/case-team/${PEOPLE.tom.email}` },
      world.token('eve'),
    );
    expect(await personSees('tom', cases.byAlice)).toBe(false);
    expect(await personSees('tom', cases.byBob)).toBe(false);

    await world.steps.addCaseTeamMember(world.accounts.acme, PEOPLE.tom.email, false);
    const later = await world.steps.openWebCase(
      world.licences.acme,
      world.token('dave'),
      'Opened after tom rejoined',
    );
    expect(await personSees('tom', cases.byBob)).toBe(true);
    expect(await personSees('tom', later)).toBe(true);
  });

  it('opting out of notifications keeps a member seeing the cases', async () => {
    await patch(
      `/v1/accounts/${world.accounts.acme}/case-team/${PEOPLE.tina.email}`,
      { notify: false },
      world.token('tina'),
    );
    expect(await personSees('tina', cases.byBob)).toBe(true);
    await patch(
      `/v1/accounts/${world.accounts.acme}/case-team/${PEOPLE.tina.email}`,
      { notify: true },
      world.token('tina'),
    );
  });

  it("the opener's share-tickets decides whether see-shared-tickets colleagues see the case, as it changes", async () => {
    const aliceRecord = `/v1/licences/${world.licences.acme}/users/${PEOPLE.alice.email}`;
    expect(await personSees('carol', cases.byAlice)).toBe(true);
    await patch(aliceRecord, { permissions: { shareTickets: false } }, world.token('hannah'));
    expect(await personSees('carol', cases.byAlice)).toBe(false);
    await patch(aliceRecord, { permissions: { shareTickets: true } }, world.token('max'));
    expect(await personSees('carol', cases.byAlice)).toBe(true);
  });

  it("a colleague's see-shared-tickets permission, once revoked, no longer shows shared cases", async () => {
    const carolRecord = `/v1/licences/${world.licences.acme}/users/${PEOPLE.carol.email}`;
    await patch(carolRecord, { permissions: { seeSharedTickets: false } });
    expect(await personSees('carol', cases.byAlice)).toBe(false);
    await patch(carolRecord, { permissions: { seeSharedTickets: true } });
    expect(await personSees('carol', cases.byAlice)).toBe(true);
  });

  it('changing one permission leaves the others as they were', async () => {
    const email = world.uniqueEmail('partial.change');
    await world.steps.addLicensedUser(world.licences.acme, email, {
      manageUsers: true,
      shareTickets: false,
      seeSharedTickets: true,
    });
    const url = `/v1/licences/${world.licences.acme}/users/${email}`;
    await patch(url, { permissions: { shareTickets: true } });
    const colleague = await world.testApp.token(email);
    await world.api.expect(
      200,
      { method: 'POST', url: `/v1/licences/${world.licences.acme}/users/${email}/activation` },
      colleague,
    );
    // Still manage-users: may invite; still see-shared-tickets: sees alice's case.
    await world.api.expect(
      201,
      {
        method: 'POST',
        url: `/v1/licences/${world.licences.acme}/users`,
        payload: {
          email: world.uniqueEmail('invited.by.colleague'),
          firstName: 'I',
          lastName: 'V',
          company: 'Acme',
          country: 'BG',
          permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
        },
      },
      colleague,
    );
    expect(await sees(colleague, cases.byAlice)).toBe(true);
  });

  it('an invited user with see-shared-tickets sees nothing until registration completes', async () => {
    const email = world.uniqueEmail('invited.viewer');
    await world.steps.addLicensedUser(world.licences.acme, email, {
      manageUsers: false,
      shareTickets: false,
      seeSharedTickets: true,
    });
    const token = await world.testApp.token(email);
    expect(await sees(token, cases.byAlice)).toBe(false);
    await world.api.expect(
      200,
      { method: 'POST', url: `/v1/licences/${world.licences.acme}/users/${email}/activation` },
      token,
    );
    expect(await sees(token, cases.byAlice)).toBe(true);
  });

  it('a licensed user removed from the licence no longer sees shared cases', async () => {
    const email = world.uniqueEmail('leaving.viewer');
    const token = await world.testApp.token(email);
    await world.steps.addLicensedUser(
      world.licences.acme,
      email,
      { manageUsers: false, shareTickets: false, seeSharedTickets: true },
      token,
    );
    expect(await sees(token, cases.byAlice)).toBe(true);
    await world.api.expect(
      200,
      { method: 'DELETE', url: `/v1/licences/${world.licences.acme}/users/${email}` },
      world.token('max'),
    );
    expect(await sees(token, cases.byAlice)).toBe(false);
  });

  it('a CSM replaced on the account loses its cases and the new CSM gains them', async () => {
    const successor = await world.testApp.token('carla.csm@vendor.example', ['csm']);
    expect(await sees(successor, cases.byBob)).toBe(false);
    await world.api.expect(
      200,
      {
        method: 'PUT',
        url: `/v1/accounts/${world.accounts.acme}/csm`,
        payload: { email: 'carla.csm@vendor.example' },
      },
      world.token('adam'),
    );
    expect(await sees(successor, cases.byBob)).toBe(true);
    expect(await personSees('cora', cases.byBob)).toBe(false);
    await world.steps.assignCsm(world.accounts.acme, PEOPLE.cora.email);
    expect(await personSees('cora', cases.byBob)).toBe(true);
  });

  it('a CSM designation needs the csm role: the same email without it is just a stranger', async () => {
    const withoutRole = await world.testApp.token(PEOPLE.cora.email);
    expect(await sees(withoutRole, cases.byBob)).toBe(false);
  });

  it('emails match whatever their case: mixed-case team members and shares see their cases', async () => {
    await world.steps.addCaseTeamMember(world.accounts.acme, 'Pat.Partner@Partner.Example', true);
    await world.steps.shareCase(cases.byBob, 'Quinn.Guest@Consultant.Example', world.token('eve'));
    expect(await sees(await world.testApp.token('pat.partner@partner.example'), cases.byAlice)).toBe(true);
    expect(await sees(await world.testApp.token('QUINN.GUEST@consultant.example'), cases.byBob)).toBe(true);
  });

  // Last: it moves the clock past a licence's expiry (and back).
  it('a see-shared-tickets user whose licence expired no longer sees shared cases; their own stay visible', async () => {
    const shortLicence = await world.steps.issueLicence(world.accounts.acme, {
      plan: 'enterprise',
      activeUntil: '2026-06-30',
      holderEmail: PEOPLE.hannah.email,
    });
    const email = world.uniqueEmail('short.term.viewer');
    const token = await world.testApp.token(email);
    await world.steps.addLicensedUser(
      shortLicence,
      email,
      { manageUsers: false, shareTickets: false, seeSharedTickets: true },
      token,
    );
    const own = await world.steps.openWebCase(shortLicence, token, 'Opened before the licence expired');
    expect(await sees(token, cases.byAlice)).toBe(true);

    const before = world.testApp.clock.now().toISOString();
    world.testApp.clock.set('2026-07-02T00:00:00.000Z');
    try {
      expect(await sees(token, cases.byAlice)).toBe(false);
      expect(await sees(token, own)).toBe(true);
      // A colleague whose licence is still active keeps seeing it.
      expect(await personSees('carol', cases.byAlice)).toBe(true);
    } finally {
      world.testApp.clock.set(before);
    }
  });
});
