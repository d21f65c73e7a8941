import { projectionsCaughtUp, runDueTimers } from './support/due-timers';
import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import type { NotificationWorld } from './support/notifications/notification-world';
import type { TestSmtpServer } from './support/notifications/test-smtp-server';
import type { TestApp } from './support/test-app';

const HOLDER = 'boss@acme.example';
/** The world's licence is active until 2030-12-31: that day ends at noon UTC the next day. */
const END = '2031-01-01T12:00:00.000Z';

/**
 * The end of the account's mission-critical licence takes its cases' Mission Critical cover (README:
 * an account is Mission Critical while it holds an active mission-critical licence) and its renewal
 * gives it back: the holder, who pays for it, is told so in the end's and the renewal's mail, and
 * told the account stays covered when another mission-critical licence of it is in force. Before,
 * both mails were silent about it and the holder learned it from a case's timeline.
 */
describe("the holder's mail of a mission-critical licence's end and renewal", () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('mission-critical', (setting) => ({ smtp, t, world } = setting));

  const holderMail = async (action: () => Promise<unknown>) => {
    const mails = await mailsSentBy(t.runtime.storage, smtp, action);
    return mails.find((mail) => mail.envelopeTo.includes(HOLDER))!.text;
  };

  it('says on its lapse that the account is no longer Mission Critical, and on its renewal that it is again', async () => {
    const ended = await holderMail(async () => {
      t.clock.set(END);
      await projectionsCaughtUp(t);
      await runDueTimers(t);
      await projectionsCaughtUp(t);
    });
    expect(ended).toContain(
      "It was the account's Mission Critical cover: the account is no longer Mission Critical, nor are its " +
        'cases: they lose the highest priority in every queue, and its customer success manager (CSM) is no ' +
        'longer told of their activity, until this licence is renewed.',
    );

    const renewed = await holderMail(() =>
      world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}`, {
        activeUntil: '2031-12-31',
        reason: 'Renewal order 42',
      }),
    );
    expect(renewed).toContain('The account is Mission Critical again: its cases have the highest priority');
  });

  it('says on an early end that the account stays Mission Critical through another licence in force', async () => {
    await world.call('admin', 'POST', `/v1/accounts/${world.accountId}/licences`, {
      product: 'DXP',
      edition: 'Cloud',
      plan: 'mission-critical',
      activeUntil: '2035-12-31',
      holderEmail: 'other.boss@acme.example',
    });
    const ended = await holderMail(() =>
      world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}`, {
        // Its end (noon UTC the next day) is the instant the previous test set the clock to: past.
        activeUntil: '2030-12-31',
        reason: 'Order cancelled',
      }),
    );
    expect(ended).toContain(
      'The account stays Mission Critical: another mission-critical licence of it is in force.',
    );
    expect(ended).not.toContain('no longer Mission Critical');
  });
});
