import { useAcmeWithJane } from './support/fixtures/acme-with-jane';
import type { ApiClient } from './support/fixtures/api-client';
import type { TestApp } from './support/test-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The resolution clock stops while the case awaits the customer. What the case detail says about a
 * stopped clock: when it would be due if the customer answered now, every pause it had (also after
 * a breach), and no pause before the clock started.
 *
 * Web cases on the default calendar (Monday to Friday, all day, UTC): severity 2 resolves in 14
 * business days, severity 3 in 21.
 */
describe('SLA: the resolution clock while the case awaits the customer', () => {
  let t: TestApp;
  let api: ApiClient;
  let engineer: string;
  let jane: string;
  let licenceId: string;

  const detail = async (caseId: string) =>
    (await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, engineer)).json();
  const post = (caseId: string, path: string, payload: object, token: string) =>
    api.expect(200, { method: 'POST', url: `/v1/cases/${caseId}/${path}`, payload }, token);
  const requestInformation = (caseId: string) =>
    post(caseId, 'information-request', { body: 'Which version do you run?' }, engineer);
  const customerAnswers = (caseId: string) =>
    api.expect(201, { method: 'POST', url: `/v1/cases/${caseId}/comments`, payload: { body: '15.1' } }, jane);

  async function openCase(severity: 2 | 3): Promise<string> {
    const payload = { licenceId, title: 'Checkout fails', description: 'HTTP 500', severity, channel: 'web' };
    return (await api.expect(201, { method: 'POST', url: '/v1/cases', payload }, jane)).json().id;
  }

  useAcmeWithJane((setting) => ({ t, api, engineer, jane, licenceId } = setting), {
    clockAt: '2026-02-27T09:00:00.000Z',
  });

  it('states a paused due time as if the customer answered now, not as of the pause', async () => {
    // Opened Monday 2 March 09:00: due Friday 20 March 09:00. Paused a business day later, 13 left.
    t.clock.set('2026-03-02T09:00:00.000Z');
    const caseId = await openCase(2);
    t.clock.set('2026-03-03T09:00:00.000Z');
    await requestInformation(caseId);
    expect((await detail(caseId)).sla.resolution).toMatchObject({
      state: 'paused',
      dueAt: '2026-03-20T09:00:00.000Z',
    });

    // Two weeks later the customer has not answered: 13 business days from now, not 20 March.
    t.clock.set('2026-03-16T09:00:00.000Z');
    const paused = (await detail(caseId)).sla.resolution;
    expect(paused).toMatchObject({
      state: 'paused',
      dueAt: '2026-04-02T09:00:00.000Z',
      remainingMs: 17 * DAY,
      remainingBusinessMs: 13 * DAY,
    });
    expect(Date.parse(paused.atRiskAt)).toBeGreaterThan(Date.parse('2026-03-16T09:00:00.000Z'));

    // And that is what the customer's answer now gives.
    await customerAnswers(caseId);
    const resumed = (await detail(caseId)).sla.resolution;
    expect(resumed).toMatchObject({ state: 'running', dueAt: paused.dueAt, atRiskAt: paused.atRiskAt });
  });

  it('lists a pause that began after the resolution target was breached: the wait is real', async () => {
    // Opened Monday 6 April 09:00: resolution due Friday 24 April 09:00, asked about after that.
    t.clock.set('2026-04-06T09:00:00.000Z');
    const caseId = await openCase(2);
    t.clock.set('2026-04-27T09:00:00.000Z');
    await requestInformation(caseId);
    expect((await detail(caseId)).sla.resolution).toMatchObject({
      state: 'breached',
      dueAt: '2026-04-24T09:00:00.000Z',
      pauses: [{ from: '2026-04-27T09:00:00.000Z' }],
    });

    t.clock.set('2026-04-28T09:00:00.000Z');
    await customerAnswers(caseId);
    expect((await detail(caseId)).sla.resolution).toMatchObject({
      state: 'breached',
      dueAt: '2026-04-24T09:00:00.000Z',
      pauses: [{ from: '2026-04-27T09:00:00.000Z', to: '2026-04-28T09:00:00.000Z' }],
    });
  });

  it('lists no pause from before its clock started: a wait under way at an upgrade counts from the upgrade', async () => {
    // Severity 3 opened Monday 1 June 09:00; asked at 10:00; raised to 2 on Wednesday 3 June 10:00,
    // which restarts the unmet resolution clock there, still paused.
    t.clock.set('2026-06-01T09:00:00.000Z');
    const caseId = await openCase(3);
    t.clock.set('2026-06-01T10:00:00.000Z');
    await requestInformation(caseId);
    t.clock.set('2026-06-03T10:00:00.000Z');
    await post(caseId, 'severity', { severity: 2, reason: 'All editors are blocked now' }, engineer);

    const resolution = (await detail(caseId)).sla.resolution;
    expect(resolution).toMatchObject({ state: 'paused', startedAt: '2026-06-03T10:00:00.000Z' });
    // The case has awaited the customer since Monday; this clock only since it started.
    expect(resolution.pauses).toEqual([
      { from: '2026-06-03T10:00:00.000Z', awaitingCustomerSince: '2026-06-01T10:00:00.000Z' },
    ]);

    t.clock.set('2026-06-04T10:00:00.000Z');
    await customerAnswers(caseId);
    expect((await detail(caseId)).sla.resolution.pauses).toEqual([
      {
        from: '2026-06-03T10:00:00.000Z',
        to: '2026-06-04T10:00:00.000Z',
        awaitingCustomerSince: '2026-06-01T10:00:00.000Z',
      },
    ]);
  });

  it('leaves out a wait that ended before its clock started (the history shows it)', async () => {
    t.clock.set('2026-06-08T09:00:00.000Z');
    const caseId = await openCase(3);
    t.clock.set('2026-06-08T10:00:00.000Z');
    await requestInformation(caseId);
    t.clock.set('2026-06-09T10:00:00.000Z');
    await customerAnswers(caseId);
    t.clock.set('2026-06-10T10:00:00.000Z');
    await post(caseId, 'severity', { severity: 2, reason: 'All editors are blocked now' }, engineer);

    const resolution = (await detail(caseId)).sla.resolution;
    expect(resolution).toMatchObject({ state: 'running', startedAt: '2026-06-10T10:00:00.000Z', pauses: [] });
  });
});
