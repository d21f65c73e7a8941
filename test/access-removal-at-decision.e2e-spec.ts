import { randomUUID } from 'node:crypto';
import { NotFoundException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CaseCommand } from '@casetrail/domain';
import { Actor } from '../apps/api/src/auth/actor';
import { CaseAccess } from '../apps/api/src/cases/access/case-access';
import { revocableGround } from '../apps/api/src/cases/access/command-ground';
import { ExecuteCaseCommand, caseStream } from '../apps/api/src/cases/commands/case-command';
import { PEOPLE } from './support/fixtures/access-actors';
import { AccessWorld } from './support/fixtures/access-world';
import { NO_PERMISSIONS } from './support/fixtures/setup-steps';

const SEE_SHARED = { ...NO_PERMISSIONS, seeSharedTickets: true };

/**
 * A licensed user or case-team member whose removal is stored after their command passed the
 * access check (which reads the read models) must not get in all the same: the decision looks at
 * the licence's or the account's stream again, as it looks at the case's own for an unshare.
 * Each test lets the person in, stores the removal through the API, then drives the decision.
 */
describe('a removal stored after the access check still stops the command when it is decided', () => {
  let world: AccessWorld;
  let access: CaseAccess;
  let commandBus: CommandBus;

  beforeAll(async () => {
    world = await AccessWorld.build();
    access = world.testApp.app.get(CaseAccess);
    commandBus = world.testApp.app.get(CommandBus);
  });

  afterAll(() => world.close());

  const customer = (email: string): Actor => ({ sub: email, email, roles: [] });

  /** Passes the access check now, as a request would, and keeps the ground it was let in on. */
  async function letIn(email: string, caseId: string) {
    return (await access.requireVisibleForCommand(customer(email), caseId)).ground;
  }

  function comment(email: string, caseId: string, ground: Awaited<ReturnType<typeof letIn>>) {
    const command = {
      type: 'AddComment',
      caseId,
      commentId: randomUUID(),
      body: 'Got in anyway?',
      internal: false,
      actor: { email, roles: [] },
      at: world.testApp.clock.now().toISOString(),
    } satisfies CaseCommand;
    return commandBus.execute(new ExecuteCaseCommand(command, { actor: customer(email) }, ground));
  }

  async function commentsBy(email: string, caseId: string) {
    const events = await world.testApp.runtime.storage.eventStore.readStream(caseStream(caseId));
    return events.filter((event) => event.type === 'CommentAdded' && event.metadata.actor === email);
  }

  async function licensedViewer(prefix: string): Promise<string> {
    const email = world.uniqueEmail(prefix);
    await world.steps.addLicensedUser(
      world.licences.acme,
      email,
      SEE_SHARED,
      await world.testApp.token(email),
    );
    return email;
  }

  const openAlicesCase = (title: string) =>
    world.steps.openWebCase(world.licences.acme, world.token('alice'), title);

  it('a licensed user removed from the licence: refused with 404, nothing stored', async () => {
    const email = await licensedViewer('removed.viewer');
    const caseId = await openAlicesCase('Seen through see-shared-tickets');
    const ground = await letIn(email, caseId);
    expect(ground).toEqual(revocableGround({ seeSharedOn: [world.licences.acme] }));

    await world.api.expect(
      200,
      { method: 'DELETE', url: `/v1/licences/${world.licences.acme}/users/${email}` },
      world.token('max'),
    );
    await expect(comment(email, caseId, ground)).rejects.toBeInstanceOf(NotFoundException);
    expect(await commentsBy(email, caseId)).toEqual([]);
  });

  it('a see-shared-tickets colleague whose opener lost share-tickets: refused, as the read models would', async () => {
    const opener = world.uniqueEmail('sharing.opener');
    const openerToken = await world.testApp.token(opener);
    await world.steps.addLicensedUser(
      world.licences.acme,
      opener,
      { ...NO_PERMISSIONS, shareTickets: true },
      openerToken,
    );
    const caseId = await world.steps.openWebCase(world.licences.acme, openerToken, 'Shared by its opener');
    const ground = await letIn(PEOPLE.carol.email, caseId);

    await world.api.expect(
      200,
      {
        method: 'PATCH',
        url: `/v1/licences/${world.licences.acme}/users/${opener}`,
        payload: { permissions: { shareTickets: false } },
      },
      world.token('max'),
    );
    await expect(comment(PEOPLE.carol.email, caseId, ground)).rejects.toBeInstanceOf(NotFoundException);
    expect(await commentsBy(PEOPLE.carol.email, caseId)).toEqual([]);
  });

  it('a case-team member removed from the account’s case team: refused with 404, nothing stored', async () => {
    const email = world.uniqueEmail('leaving.member', 'partner.example');
    await world.steps.addCaseTeamMember(world.accounts.acme, email, true);
    const caseId = await openAlicesCase('Seen by the case team');
    const ground = await letIn(email, caseId);
    expect(ground).toEqual(revocableGround({ onCaseTeam: true }));

    await world.api.expect(
      200,
      { method: 'DELETE', url: `/v1/accounts/${world.accounts.acme}/case-team/${email}` },
      world.token('eve'),
    );
    await expect(comment(email, caseId, ground)).rejects.toBeInstanceOf(NotFoundException);
    expect(await commentsBy(email, caseId)).toEqual([]);
  });

  it('one way in removed while another still holds: the command goes ahead', async () => {
    const email = await licensedViewer('member.and.viewer');
    await world.steps.addCaseTeamMember(world.accounts.acme, email, false);
    const caseId = await openAlicesCase('Seen two ways');
    const ground = await letIn(email, caseId);
    expect(ground).toEqual(revocableGround({ onCaseTeam: true, seeSharedOn: [world.licences.acme] }));

    await world.api.expect(
      200,
      { method: 'DELETE', url: `/v1/accounts/${world.accounts.acme}/case-team/${email}` },
      world.token('eve'),
    );
    await comment(email, caseId, ground);
    expect(await commentsBy(email, caseId)).toHaveLength(1);
  });

  it('racing their removal over HTTP, every comment is answered 201 or 404, and every 201 is stored', async () => {
    const email = world.uniqueEmail('racing.member', 'partner.example');
    await world.steps.addCaseTeamMember(world.accounts.acme, email, true);
    const token = await world.testApp.token(email);
    const caseId = await openAlicesCase('Commented on while the member is removed');
    const post = () =>
      world.api.send(
        { method: 'POST', url: `/v1/cases/${caseId}/comments`, payload: { body: 'Racing the removal' } },
        token,
      );

    const comments = Array.from({ length: 10 }, post);
    const removal = world.api.expect(
      200,
      { method: 'DELETE', url: `/v1/accounts/${world.accounts.acme}/case-team/${email}` },
      world.token('eve'),
    );
    const answers = (await Promise.all(comments)).map((response) => response.status);
    await removal;

    expect(answers.filter((status) => status !== 201 && status !== 404)).toEqual([]);
    expect(await commentsBy(email, caseId)).toHaveLength(answers.filter((status) => status === 201).length);
    expect((await post()).status).toBe(404);
  });
});
