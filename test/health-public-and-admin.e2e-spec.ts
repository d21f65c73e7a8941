import { NOTIFICATION_DELIVERIES } from '../apps/api/src/notifications/delivery/delivery-record';
import { useMailedWorld } from './support/notifications/mailed-world';
import { PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * /health answers anyone, without a token: load balancers and uptime probes need the status and its
 * HTTP code. Anyone on the network must not learn from it where the files are, which host and PID
 * run the desk (lease holders), or what failed and how much mail goes out: only an admin's bearer
 * token gets the full report.
 */
describe('/health for a probe without a token, and for an admin', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  // Every send refused and given up at once: a dead letter makes the desk degraded, with reasons.
  useMailedWorld('enterprise', (setting) => ({ smtp, t } = setting), {
    env: { NOTIFY_MAX_ATTEMPTS: '1' },
    smtp: { refuseFirst: Number.MAX_SAFE_INTEGER },
  });

  // Every mail of the world's setUp, the holder's licence mail, Jane's invitation and the holder's
  // word that she completed her registration, dead-lettered before the tests look at /health:
  // waiting for the first alone raced the others.
  const WORLD_MAILS = 3;
  beforeAll(async () => {
    for (
      let waited = 0;
      (await t.runtime.storage.readModels.count(NOTIFICATION_DELIVERIES, { status: 'dead' })) < WORLD_MAILS;
      waited += 20
    ) {
      if (waited > 15_000) throw new Error("the world's mails were not dead-lettered");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  const get = (authorization?: string) =>
    t.app.inject({ method: 'GET', url: '/health', headers: authorization ? { authorization } : {} });
  const as = async (email: string, roles: ('admin' | 'engineer')[] = []) =>
    `Bearer ${await t.token(email, roles)}`;

  it('gives an admin the full report: reasons, leases with their holders, counts, the mail server', async () => {
    const response = await get(await as(PEOPLE.admin.email, ['admin']));
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.status).toBe('degraded');
    expect(report.reasons).toEqual([
      expect.stringMatching(/^notifications: 3 dead letters in the last 24 hours/),
    ]);
    expect(report.notifications).toMatchObject({
      dead: WORLD_MAILS,
      leases: { delivery: { state: 'held' } },
    });
    expect(report.notifications.leases.delivery.holder).toContain(`/${process.pid}/`);
    expect(report.notifications.pipeline.transport).toBe(`SMTP (smtp://127.0.0.1:${smtp.port})`);
  });

  it('gives a probe without a token the status and each component’s, and nothing else', async () => {
    const full = (await get(await as(PEOPLE.admin.email, ['admin']))).json();
    const response = await get();
    expect(response.statusCode).toBe(200);
    expect(response.headers.vary).toMatch(/authorization/i);
    expect(response.headers['cache-control']).toBe('no-store');
    const report = response.json();
    expect(report).toEqual({
      status: 'degraded',
      release: full.release,
      checks: { eventStore: { status: 'up' }, readModels: { status: 'up' } },
      projections: full.projections.map(({ name }: { name: string }) => ({
        name,
        state: 'active',
        status: 'up',
        lag: expect.any(Number),
      })),
      notifications: { status: 'degraded' },
      slaTimers: { status: 'up' },
      supportPolicy: { status: 'up' },
      storage: { status: 'up' },
      details: expect.stringContaining("an admin's bearer token"),
    });
    const text = response.body;
    expect(text).not.toContain(full.notifications.leases.delivery.holder);
    expect(text).not.toContain(String(process.pid));
    expect(text).not.toContain(String(smtp.port));
  });

  it('gives the same to a bad token, a customer and an engineer: the details are an admin’s', async () => {
    const anonymous = (await get()).json();
    for (const authorization of [
      'Bearer not-a-jwt',
      await as(PEOPLE.opener.email),
      await as(PEOPLE.engineer.email, ['engineer']),
    ]) {
      const response = await get(authorization);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(anonymous);
    }
  });
});

describe('/health on the default .eml outbox, for a probe without a token', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('names the outbox folder to an admin only', async () => {
    const admin = await t.token(PEOPLE.admin.email, ['admin']);
    const full = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(full.json().notifications.pipeline.transport).toContain(t.dataDir);

    const probe = await t.app.inject({ method: 'GET', url: '/health' });
    expect(probe.statusCode).toBe(200);
    expect(probe.json()).toMatchObject({ status: 'up', notifications: { status: 'up' } });
    expect(probe.body).not.toContain(t.dataDir);
  });
});
