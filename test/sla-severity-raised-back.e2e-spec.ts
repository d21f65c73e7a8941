import { useAcmeWithJane } from './support/fixtures/acme-with-jane';
import type { ApiClient } from './support/fixtures/api-client';
import type { TestApp } from './support/test-app';

/**
 * A severity raise is held to the deadline the case already had ("never later than it was already
 * due"); lowering the severity and raising it back must keep that deadline (findings E2: 2 to 1 to
 * 3 to 1 hid a breach behind days of fresh severity-1 goal).
 *
 * A standard web case on the default calendar (Monday to Friday, all day, UTC): severity 2 resolves
 * in 14 business days, severity 3 in 21, severity 1 in 7.
 */
describe('SLA: severity raised, lowered and raised back', () => {
  let t: TestApp;
  let api: ApiClient;
  let engineer: string;
  let jane: string;
  let licenceId: string;

  const resolution = async (caseId: string) =>
    (await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, engineer)).json().sla.resolution;
  const changeSeverity = (caseId: string, severity: 1 | 2 | 3, reason: string) =>
    api.expect(
      200,
      { method: 'POST', url: `/v1/cases/${caseId}/severity`, payload: { severity, reason } },
      engineer,
    );

  const openAtSeverityTwo = async (): Promise<string> => {
    const payload = {
      licenceId,
      title: 'Checkout fails',
      description: 'HTTP 500',
      severity: 2,
      channel: 'web',
    };
    return (await api.expect(201, { method: 'POST', url: '/v1/cases', payload }, jane)).json().id;
  };

  useAcmeWithJane((setting) => ({ t, api, engineer, jane, licenceId } = setting), {
    clockAt: '2026-02-27T09:00:00.000Z',
  });

  it('keeps the severity-2 deadline the first raise to 1 was held to, through 3 and back to 1 and down to 2', async () => {
    // Opened Monday 2 March 09:00 at severity 2: resolution due Friday 20 March 09:00.
    t.clock.set('2026-03-02T09:00:00.000Z');
    const caseId = await openAtSeverityTwo();

    // Business day 10 of 14: 7 business days from now would be Wednesday 25 March; held to 20 March.
    t.clock.set('2026-03-16T09:00:00.000Z');
    await changeSeverity(caseId, 1, 'Production down');
    expect(await resolution(caseId)).toMatchObject({ dueAt: '2026-03-20T09:00:00.000Z' });

    t.clock.set('2026-03-16T10:00:00.000Z');
    await changeSeverity(caseId, 3, 'Workaround in place');
    expect(await resolution(caseId)).toMatchObject({ dueAt: '2026-03-31T09:00:00.000Z' });

    t.clock.set('2026-03-16T11:00:00.000Z');
    await changeSeverity(caseId, 1, 'Workaround failed');
    expect(await resolution(caseId)).toMatchObject({ state: 'running', dueAt: '2026-03-20T09:00:00.000Z' });

    t.clock.set('2026-03-16T12:00:00.000Z');
    await changeSeverity(caseId, 2, 'Partly restored');
    expect(await resolution(caseId)).toMatchObject({ dueAt: '2026-03-20T09:00:00.000Z' });
  });

  it('raised to 1, lowered to 3 and raised to 2 is due when severity 2 was, not 14 business days from the raise to 1', async () => {
    // Opened Monday 6 April 09:00 at severity 2: resolution due Friday 24 April 09:00.
    t.clock.set('2026-04-06T09:00:00.000Z');
    const caseId = await openAtSeverityTwo();

    t.clock.set('2026-04-08T09:00:00.000Z');
    await changeSeverity(caseId, 1, 'Production down');
    expect(await resolution(caseId)).toMatchObject({ dueAt: '2026-04-17T09:00:00.000Z' });

    t.clock.set('2026-04-09T09:00:00.000Z');
    await changeSeverity(caseId, 3, 'Workaround in place');
    expect(await resolution(caseId)).toMatchObject({ dueAt: '2026-05-05T09:00:00.000Z' });

    // Before, 14 business days from the raise to 1: Tuesday 28 April.
    t.clock.set('2026-04-10T09:00:00.000Z');
    await changeSeverity(caseId, 2, 'Workaround partly failed');
    expect(await resolution(caseId)).toMatchObject({ state: 'running', dueAt: '2026-04-24T09:00:00.000Z' });
  });
});
