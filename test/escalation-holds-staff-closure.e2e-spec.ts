import { NOTIFICATION_OUTBOX, NOTIFICATIONS_OUTBOX_PROJECTION } from '@casetrail/readmodels/notifications';
import type { OutboxNotification } from '@casetrail/readmodels/notifications';
import { NotificationWorld, PEOPLE, type Person } from './support/notifications/notification-world';
import { startTestApp, type TestApp } from './support/test-app';

const SUPPORT_TEAM = 'support-team@vendor.example';
const CUSTOMER_CLOSURE_REASON = 'The customer closed the case, confirming the resolution';

/**
 * An open escalation ends with a reason from the engineer or CSM handling it. Staff closing the
 * resolved case are refused (409 escalation-open) until it is de-escalated, as the automatic
 * closure already waited; before, their closure went through at once and the escalation ended as
 * "de-escalated" ("case closed") with nobody acknowledging it, and the customer could not escalate
 * again. A redirection out of support scope is refused the same way (it ended the escalation
 * silently and locked the customer out). The customer's own closure still confirms the resolution
 * and ends the escalation, recorded as a de-escalation by the customer with its reason, which the
 * staff told of the escalation hear; only a customer who may escalate (a licensed user) may do so.
 */
describe('closing or redirecting a case whose escalation is open', () => {
  let t: TestApp;
  let world: NotificationWorld;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, { SUPPORT_TEAM_EMAIL: SUPPORT_TEAM });
    t = await startTestApp();
    // Mission Critical: its CSM hears of every change on the account's cases.
    world = await new NotificationWorld(t).setUp('mission-critical');
  });

  afterAll(async () => {
    await t.close();
    process.env = savedEnv;
  });

  /** Escalated by the customer while in progress, then resolved by the engineer. */
  async function escalatedThenResolved(title: string): Promise<string> {
    const caseId = await escalatedInProgress(title);
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/resolution`, { summary: 'Works as designed' });
    return caseId;
  }

  /** Assigned to and answered by the engineer, then escalated by the customer. */
  async function escalatedInProgress(title: string): Promise<string> {
    const caseId = await world.openCase(title);
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, {
      engineer: PEOPLE.engineer.email,
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Looking into it' });
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'low-satisfaction',
      details: 'Nobody has looked at this for days',
    });
    return caseId;
  }

  async function deEscalate(caseId: string, reason: string) {
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`);
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/de-escalation`, { reason });
  }

  async function as(person: Person, url: string, payload?: object) {
    const { email, roles, name } = PEOPLE[person];
    const token = await t.token(email, [...roles], name);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  }

  const close = (person: Person, caseId: string, payload?: object) =>
    as(person, `/v1/cases/${caseId}/closure`, payload);

  const historyTypes = async (caseId: string): Promise<string[]> =>
    (await world.read('engineer', `/v1/cases/${caseId}/history`)).events.map(
      (entry: { type: string }) => entry.type,
    );

  /** The outbox rows of one event, once the outbox writer has caught up with the log. */
  async function notifiedOf(eventId: string): Promise<OutboxNotification[]> {
    const { eventStore, readModels } = t.runtime.storage;
    const head = await eventStore.headPosition();
    const deadline = Date.now() + 10_000;
    while ((await readModels.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION)) < head) {
      if (Date.now() > deadline) throw new Error('the outbox writer did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return (await readModels.find<OutboxNotification>(NOTIFICATION_OUTBOX, { where: { eventId } })).items;
  }

  const recipients = (rows: OutboxNotification[]) => rows.map((row) => row.recipient).sort();

  it("is refused to staff with a problem naming the escalation's level, and records nothing; once de-escalated with a reason it closes", async () => {
    const caseId = await escalatedThenResolved('Checkout fails');
    const before = await world.read('engineer', `/v1/cases/${caseId}/history`);

    for (const person of ['engineer', 'csm'] as const) {
      const refused = await close(person, caseId);
      expect(refused.statusCode).toBe(409);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      const problem = refused.json();
      expect(String(problem.type).split('/').pop()).toBe('escalation-open');
      expect(problem.detail).toMatch(/level 1.*de-escalate it with a reason before closing the case/);
    }

    const after = await world.read('engineer', `/v1/cases/${caseId}/history`);
    expect(after.events).toHaveLength(before.events.length);
    const detail = await world.read('engineer', `/v1/cases/${caseId}`);
    expect(detail).toMatchObject({ status: 'resolved', autoCloseWaitsFor: 'de-escalation' });
    expect(detail.escalation).toMatchObject({ level: 1, status: 'awaiting-acknowledgement' });

    await deEscalate(caseId, 'Explained the design on a call; the customer agreed');
    expect((await close('engineer', caseId)).statusCode).toBe(200);
    const closed = await world.read('engineer', `/v1/cases/${caseId}`);
    expect(closed.status).toBe('closed');
    expect(closed.escalation).toMatchObject({
      status: 'de-escalated',
      endReason: 'Explained the design on a call; the customer agreed',
    });
  });

  it('refuses a redirection out of support scope, resolved or not, with 409 escalation-open, and records nothing; once de-escalated it is redirected', async () => {
    const inProgress = await escalatedInProgress('Needs a custom module');
    const resolved = await escalatedThenResolved('Wants a migration');
    const redirection = { to: 'consulting', referral: 'A migration is consulting work' };

    for (const caseId of [inProgress, resolved]) {
      const before = await historyTypes(caseId);
      const refused = await as('engineer', `/v1/cases/${caseId}/redirection`, redirection);
      expect(refused.statusCode).toBe(409);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      const problem = refused.json();
      expect(String(problem.type).split('/').pop()).toBe('escalation-open');
      expect(problem.detail).toMatch(/level 1.*de-escalate it with a reason before redirecting the case/);
      expect(await historyTypes(caseId)).toEqual(before);
      const detail = await world.read('opener', `/v1/cases/${caseId}`);
      expect(detail.status).not.toBe('redirected');
      expect(detail.escalation).toMatchObject({ level: 1, status: 'awaiting-acknowledgement' });
    }

    await deEscalate(inProgress, 'Agreed with the customer that this is consulting work');
    expect((await as('engineer', `/v1/cases/${inProgress}/redirection`, redirection)).statusCode).toBe(200);
    expect(await world.read('opener', `/v1/cases/${inProgress}`)).toMatchObject({
      status: 'redirected',
      escalation: {
        status: 'de-escalated',
        endReason: 'Agreed with the customer that this is consulting work',
      },
    });
  });

  it("the customer's own closure records a de-escalation by the customer, with its reason, before the closure; the support team and the CSM hear that the escalation ended", async () => {
    const caseId = await escalatedThenResolved('Search index stale');
    expect((await close('opener', caseId, { reason: 'Confirmed in production' })).statusCode).toBe(200);

    const { events } = await world.read('engineer', `/v1/cases/${caseId}/history`);
    const [ended, closed] = events.slice(-2);
    expect(ended).toMatchObject({
      type: 'CaseDeEscalated',
      actor: PEOPLE.opener.email,
      data: { level: 1, reason: CUSTOMER_CLOSURE_REASON, endedByClosure: true, by: PEOPLE.opener.email },
    });
    expect(closed).toMatchObject({
      type: 'CaseClosed',
      actor: PEOPLE.opener.email,
      data: { reason: 'Confirmed in production' },
    });
    const detail = await world.read('engineer', `/v1/cases/${caseId}`);
    expect(detail.status).toBe('closed');
    expect(detail.escalation).toMatchObject({
      level: 1,
      status: 'de-escalated',
      endReason: CUSTOMER_CLOSURE_REASON,
    });
    const board = await world.read('engineer', '/v1/escalations?state=all');
    expect(board.items.find((entry: { caseId: string }) => entry.caseId === caseId)).toMatchObject({
      status: 'de-escalated',
      open: false,
      endReason: CUSTOMER_CLOSURE_REASON,
      endedBy: PEOPLE.opener.email,
      nextStatusUpdateDueAt: null,
    });

    // The staff told of the escalation hear that it ended; the customers hear of the closure once,
    // and so do those staff: one action, one mail each (finding F8).
    const deEscalation = await notifiedOf(ended.id);
    expect(recipients(deEscalation)).toEqual([PEOPLE.csm.email, PEOPLE.engineer.email, SUPPORT_TEAM].sort());
    expect(deEscalation.every((row) => row.kind === 'escalation' && row.audience === 'staff')).toBe(true);
    expect(recipients(await notifiedOf(closed.id))).toEqual([PEOPLE.teamMember.email]);
  });

  it('a case-team member or a person the case is shared with, who may not escalate, may not end the escalation by closing the case; after a de-escalation they may close it', async () => {
    const shared = await escalatedThenResolved('Images missing');
    await world.call('engineer', 'POST', `/v1/cases/${shared}/shares`, {
      email: PEOPLE.sharedUser.email,
      name: PEOPLE.sharedUser.name,
    });
    const followed = await escalatedThenResolved('Editor slow');

    for (const [person, caseId] of [
      ['sharedUser', shared],
      ['teamMember', shared],
      ['teamMember', followed],
    ] as const) {
      const before = await historyTypes(caseId);
      const refused = await close(person, caseId, { reason: 'Partner says fine' });
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      const problem = refused.json();
      expect(String(problem.type).split('/').pop()).toBe('escalated-closure-not-allowed');
      expect(problem.detail).toContain('level 1');
      expect(problem.detail).toContain(PEOPLE.opener.email);
      expect(await historyTypes(caseId)).toEqual(before);
    }
    expect((await world.read('engineer', `/v1/cases/${shared}`)).escalation).toMatchObject({
      status: 'awaiting-acknowledgement',
    });

    await deEscalate(shared, 'Fixed with the partner on a call');
    await deEscalate(followed, 'Performance is back to normal');
    expect((await close('sharedUser', shared)).statusCode).toBe(200);
    expect((await close('teamMember', followed)).statusCode).toBe(200);
    for (const [person, caseId] of [
      ['sharedUser', shared],
      ['teamMember', followed],
    ] as const) {
      const { events } = await world.read('engineer', `/v1/cases/${caseId}/history`);
      expect(events.at(-1)).toMatchObject({ type: 'CaseClosed', actor: PEOPLE[person].email });
      // Support ended the escalation; the closure ends nothing more.
      const deEscalations = events.filter((entry: { type: string }) => entry.type === 'CaseDeEscalated');
      expect(deEscalations.map((entry: { actor: string }) => entry.actor)).toEqual([PEOPLE.engineer.email]);
      expect((await world.read('engineer', `/v1/cases/${caseId}`)).status).toBe('closed');
    }
  });
});
