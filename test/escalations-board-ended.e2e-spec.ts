import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * An ended escalation on the board (GET /v1/escalations?state=all) says who ended it and why, and
 * owes nothing any more: no next status update, nothing due next.
 */
describe('the escalations board shows who ended an escalation, and nothing owed once it ended', () => {
  const seeded = useSeededTestApp();

  const boardEntryOf = async (caseId: string) => {
    const answer = await seeded.t.app.inject({
      method: 'GET',
      url: '/v1/escalations?state=all',
      headers: { authorization: `Bearer ${seeded.world.engineerToken}` },
    });
    expect(answer.statusCode).toBe(200);
    return (answer.json().items as { caseId: string }[]).find((item) => item.caseId === caseId);
  };

  it('names the engineer who de-escalated an acknowledged escalation, with the reason; its next status update is cleared', async () => {
    const { send, world } = seeded;
    const caseId = await openCase(send, world);
    const ok = async (token: string, path: string, body: object = {}) =>
      expect((await send('POST', `/v1/cases/${caseId}/${path}`, token, body)).status).toBeLessThan(300);
    await ok(world.customerToken, 'escalations', { reason: 'production-impact', details: 'Orders lost' });
    await ok(world.engineerToken, 'escalations/acknowledgement');
    await ok(world.engineerToken, 'escalations/status-updates', { body: 'Paged the on-call team' });
    expect(await boardEntryOf(caseId)).toMatchObject({
      status: 'acknowledged',
      open: true,
      endedBy: null,
      nextStatusUpdateDueAt: expect.any(String),
      nextDue: 'status-update',
    });

    await ok(world.engineerToken, 'escalations/de-escalation', { reason: 'Stable now' });
    expect(await boardEntryOf(caseId)).toMatchObject({
      status: 'de-escalated',
      open: false,
      acknowledgedBy: world.engineerEmail,
      endedAt: expect.any(String),
      endReason: 'Stable now',
      endedBy: world.engineerEmail,
      statusUpdates: 1,
      nextStatusUpdateDueAt: null,
      nextDue: null,
      nextDueAt: null,
      overdue: false,
    });
  });
});
