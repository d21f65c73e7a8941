import { projectionsCaughtUp, runDueTimers } from './support/due-timers';
import { mailsSentBy, recipientsAndSubjects } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { PEOPLE, samInvitedAs, type NotificationWorld } from './support/notifications/notification-world';
import type { TestSmtpServer } from './support/notifications/test-smtp-server';
import type { TestApp } from './support/test-app';

const HOLDER = 'boss@acme.example';
const INVITEE = 'sam@acme.example';
/** The world's licence is active until 2030-12-31: that day ends everywhere at noon UTC the next day. */
const END = '2031-01-01T12:00:00.000Z';
const ENDED = '[Casetrail] Sitefinity (Online Marketing License) has ended';
const IN_FORCE_AGAIN = '[Casetrail] Sitefinity (Online Marketing License) is in force again';

interface HistoryEntry {
  type: string;
  actor: string;
  data: Record<string, unknown>;
}

/**
 * A licence that simply reaches the end of its last day: the desk records it (LicenceExpired, in the
 * licence's history) at the instant the licence stops being active, once, and mails its holder, its
 * users and pending invitees once, in the words of an early end; before, nothing was recorded and
 * nobody was told. A renewal afterwards puts it in force again, and its next end is recorded again.
 */
describe('a licence reaching its end', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting));

  const history = async (): Promise<HistoryEntry[]> =>
    (await world.read('admin', `/v1/licences/${world.licenceId}/history`)).events;
  const lapses = async () => (await history()).filter((event) => event.type === 'LicenceExpired');
  /** The lapse process's rounds, as the scheduler's tick runs them (it may run one meanwhile too). */
  const lapseRounds = async (rounds = 1) => {
    await projectionsCaughtUp(t);
    for (let round = 0; round < rounds; round += 1) await runDueTimers(t);
    await projectionsCaughtUp(t);
  };
  const active = async () => (await world.read('opener', `/v1/licences/${world.licenceId}`)).active;

  it('is recorded at the instant the licence stops being active, once, and mailed once to its holder, users and invitees', async () => {
    await world.call('admin', 'POST', `/v1/licences/${world.licenceId}/users`, samInvitedAs(INVITEE));

    t.clock.set(new Date(Date.parse(END) - 1).toISOString());
    await lapseRounds();
    expect(await active()).toBe(true);
    expect(await lapses()).toEqual([]);

    const mails = await mailsSentBy(t.runtime.storage, smtp, async () => {
      t.clock.set(END);
      // Run twice, as a retry after a crash or a second process in a lease hand-over would.
      await lapseRounds(2);
    });

    expect(await active()).toBe(false);
    const recorded = await lapses();
    expect(recorded).toEqual([
      expect.objectContaining({
        actor: 'system:licence-lapses',
        data: expect.objectContaining({ activeUntil: '2030-12-31', expiresAt: END, at: END }),
      }),
    ]);
    expect(recipientsAndSubjects(mails)).toEqual(
      [HOLDER, PEOPLE.opener.email, INVITEE].sort().map((to) => [to, ENDED]),
    );
    const toHolder = mails.find((mail) => mail.envelopeTo.includes(HOLDER))!;
    // The early end's words, so the two agree, and whom to ask for a renewal.
    expect(toHolder.text).toContain(
      'It has ended: its users can no longer open, share or reopen cases on it until it is renewed. They can ' +
        'still comment on its cases not yet closed',
    );
    expect(toHolder.text).toContain('To renew it, ask your account manager');
    expect(toHolder.text).toContain('Active until: 2030-12-31\n');
    expect(toHolder.text).toContain('Ended: Wed 1 Jan 2031, 12:00 UTC');
    expect(toHolder.text).not.toContain('Changed by');
    const toJane = mails.find((mail) => mail.envelopeTo.includes(PEOPLE.opener.email))!;
    expect(toJane.text).toContain('You can no longer open, share or reopen cases on it until it is renewed.');
    expect(toJane.text).toContain(
      `ask the licence's holder (${HOLDER}) or your account manager to have it renewed`,
    );
    const toSam = mails.find((mail) => mail.envelopeTo.includes(INVITEE))!;
    expect(toSam.text).toContain('Your invitation to it waits for its renewal');

    // What the mail says is so: no new case on it.
    await expect(world.openCase('After the end')).rejects.toThrow(/: 403 /);

    // Later rounds, the tick's among them, record and mail nothing more.
    const later = await mailsSentBy(t.runtime.storage, smtp, async () => {
      t.clock.advance(60 * 60 * 1000);
      await lapseRounds(2);
    });
    expect(later).toEqual([]);
    expect(await lapses()).toHaveLength(1);
  });

  it('renewed after its end, the licence is in force again, and its next end is recorded and mailed again', async () => {
    const renewed = await mailsSentBy(t.runtime.storage, smtp, () =>
      world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}`, {
        activeUntil: '2031-12-31',
        reason: 'Renewal order 42',
      }),
    );
    // Before, the holder alone: the user and the invitee told to wait for the renewal never heard of it.
    expect(recipientsAndSubjects(renewed)).toEqual(
      [HOLDER, PEOPLE.opener.email, INVITEE].sort().map((to) => [to, IN_FORCE_AGAIN]),
    );
    const toHolder = renewed.find((mail) => mail.envelopeTo.includes(HOLDER))!;
    expect(toHolder.text).toContain(
      'Its users and pending invitees, told of its end, are told of it by mail too.',
    );
    const toJane = renewed.find((mail) => mail.envelopeTo.includes(PEOPLE.opener.email))!;
    expect(toJane.text).toContain('renewed Sitefinity (Online Marketing License): it is in force again');
    expect(toJane.text).toContain('You can open, share and reopen cases on it again');
    expect(toJane.text).toContain('Active until: 2031-12-31');
    const toSam = renewed.find((mail) => mail.envelopeTo.includes(INVITEE))!;
    // As the invitation gives it: the console first, then the request.
    expect(toSam.text).toContain('you can complete your registration now');
    expect(toSam.text).toMatch(
      new RegExp(
        `open the support console at \\S+/#/cases, sign in as ${INVITEE} and choose Complete registration on My cases`,
      ),
    );
    expect(toSam.text).toContain(`/v1/licences/${world.licenceId}/users/${INVITEE}/activation`);
    expect(await active()).toBe(true);
    await world.openCase('Back in business');
    await lapseRounds();
    expect(await lapses()).toHaveLength(1);

    const mails = await mailsSentBy(t.runtime.storage, smtp, async () => {
      t.clock.set('2032-01-01T12:00:00.000Z');
      await lapseRounds();
    });
    // (The case opened meanwhile has its own SLA mail by now.)
    const aboutTheLicence = mails.filter((mail) => mail.subject.startsWith('[Casetrail] '));
    expect(recipientsAndSubjects(aboutTheLicence)).toEqual(
      [HOLDER, PEOPLE.opener.email, INVITEE].sort().map((to) => [to, ENDED]),
    );
    expect((await lapses()).map((event) => event.data.expiresAt)).toEqual([END, '2032-01-01T12:00:00.000Z']);
  });

  it("an admin's early end is its own record: no lapse follows it", async () => {
    await world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}`, { activeUntil: '2032-12-31' });
    const mails = await mailsSentBy(t.runtime.storage, smtp, async () => {
      await world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}`, {
        activeUntil: '2031-06-30',
        reason: 'Contract terminated',
      });
      await lapseRounds(2);
    });
    expect(recipientsAndSubjects(mails)).toEqual([
      [HOLDER, '[Casetrail] Sitefinity (Online Marketing License) was ended early'],
      [PEOPLE.opener.email, ENDED],
      [INVITEE, ENDED],
    ]);
    expect(await lapses()).toHaveLength(2);
  });

  it("renewed after an early end, the users and invitees told of it hear of the renewal once; a later change of terms is the holder's", async () => {
    const renewed = await mailsSentBy(t.runtime.storage, smtp, () =>
      world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}`, {
        activeUntil: '2033-12-31',
        reason: 'Renewal order 43',
      }),
    );
    expect(recipientsAndSubjects(renewed)).toEqual(
      [HOLDER, PEOPLE.opener.email, INVITEE].sort().map((to) => [to, IN_FORCE_AGAIN]),
    );
    const extended = await mailsSentBy(t.runtime.storage, smtp, () =>
      world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}`, { activeUntil: '2034-12-31' }),
    );
    expect(recipientsAndSubjects(extended)).toEqual([
      [HOLDER, '[Casetrail] The terms of Sitefinity (Online Marketing License) changed'],
    ]);
  });

  it('renewed after an end nobody was told of (its lapse recorded too late to mail), only its holder hears of it', async () => {
    const silent = await mailsSentBy(t.runtime.storage, smtp, async () => {
      t.clock.set('2035-01-09T12:00:00.000Z');
      await lapseRounds();
    });
    expect(silent.filter((mail) => mail.subject === ENDED)).toEqual([]);
    expect(await lapses()).toHaveLength(3);
    const renewed = await mailsSentBy(t.runtime.storage, smtp, () =>
      world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}`, {
        activeUntil: '2035-12-31',
        reason: 'Renewal order 44',
      }),
    );
    expect(recipientsAndSubjects(renewed)).toEqual([[HOLDER, IN_FORCE_AGAIN]]);
    expect(renewed[0].text).not.toContain('told of it by mail too');
  });
});
