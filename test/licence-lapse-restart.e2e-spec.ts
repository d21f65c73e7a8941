import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectionsCaughtUp, runDueTimers } from './support/due-timers';
import { untilAllDelivered } from './support/notifications/delivery-probe';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { startTestApp, TestClock, type TestApp } from './support/test-app';

const HOLDER = 'boss@acme.example';
const OLD_HOLDER = 'old.boss@acme.example';
/** The world's licence is active until 2030-12-31, which ends at noon UTC the next day. */
const END = '2031-01-01T12:00:00.000Z';
const ENDED = '[Casetrail] Sitefinity (Online Marketing License) has ended';

/**
 * Ends passed while no desk ran: the first start records them all, mails those recorded within a
 * week of their end (a stop over a weekend loses nobody's mail), and mails none of those that ended
 * long before (a desk upgraded to the release that began recording them is not a flood of mails
 * about licences long gone); a restart records and mails nothing again.
 */
describe('licence ends passed while the desk was down', () => {
  const savedEnv = { ...process.env };
  const clock = new TestClock();
  let dataDir: string;
  let smtp: TestSmtpServer;
  let t: TestApp | undefined;
  let world: NotificationWorld;
  let oldLicenceId: string;

  const start = async () => {
    t = await startTestApp({ dataDir, clock, env: { SMTP_URL: smtp.url } });
    world = Object.assign(new NotificationWorld(t), {
      accountId: world?.accountId,
      licenceId: world?.licenceId,
    });
    return t;
  };
  const stop = async () => {
    await t?.close();
    t = undefined;
  };
  /** The lapse process's round once the read models show the log (the tick may run one as well). */
  const lapseRound = async (app: TestApp) => {
    await runDueTimers(app);
    await projectionsCaughtUp(app);
    await untilAllDelivered(app.runtime.storage);
  };
  const lapsesOf = async (licenceId: string) =>
    (await world.read('admin', `/v1/licences/${licenceId}/history`)).events.filter(
      (event: { type: string }) => event.type === 'LicenceExpired',
    );
  const endedMails = () => smtp.received.filter((mail) => mail.subject === ENDED);

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    process.env.NOTIFY_POLL_MS = '20';
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-lapse-'));
    const app = await start();
    world = await new NotificationWorld(app).setUp('enterprise');
    const old = await world.call('admin', 'POST', `/v1/accounts/${world.accountId}/licences`, {
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan: 'standard',
      activeUntil: '2026-03-10',
      holderEmail: OLD_HOLDER,
    });
    oldLicenceId = old.id;
    await lapseRound(app);
    await stop();
  });

  afterAll(async () => {
    await stop();
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.env = savedEnv;
  });

  it('records both ends on the first start, mails the one a second old and not the one years old', async () => {
    clock.set(new Date(Date.parse(END) + 1_000).toISOString());
    const app = await start();
    await lapseRound(app);

    const [recent] = await lapsesOf(world.licenceId);
    expect(recent).toMatchObject({ actor: 'system:licence-lapses', data: { expiresAt: END } });
    const [old] = await lapsesOf(oldLicenceId);
    expect(old).toMatchObject({
      actor: 'system:licence-lapses',
      data: { activeUntil: '2026-03-10', expiresAt: '2026-03-11T12:00:00.000Z' },
    });
    expect(
      endedMails()
        .map((mail) => mail.envelopeTo.join(','))
        .sort(),
    ).toEqual([HOLDER, PEOPLE.opener.email]);
    // The old licence's holder had its issue mail, and nothing about its end.
    const toOldHolder = smtp.received.filter((mail) => mail.envelopeTo.includes(OLD_HOLDER));
    expect(toOldHolder.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/^\[Casetrail\] Your licence for Sitefinity .* is issued/),
    ]);
  });

  it('after a restart, records and mails nothing again', async () => {
    await stop();
    clock.advance(60_000);
    const app = await start();
    await lapseRound(app);
    await lapseRound(app);

    expect(await lapsesOf(world.licenceId)).toHaveLength(1);
    expect(await lapsesOf(oldLicenceId)).toHaveLength(1);
    expect(endedMails()).toHaveLength(2);
  });
});
