import { MISSION_CRITICAL_REVIEW_ACTOR } from '@casetrail/domain';
import { SlaTimerScheduler } from '../apps/api/src/sla-timers/sla-timer-scheduler';
import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE, type Person } from './support/notifications/notification-world';
import { TestSmtpServer, type ReceivedMail } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';

/**
 * DOMAIN.md: "A Mission Critical account has a designated CSM. Its cases have the highest priority
 * in every queue, and the CSM is notified of all activity on the account's cases." Its cases are
 * all of them, not only those opened while the cover held: an account that buys the upgrade while
 * cases are open sees them lifted, and when the cover lapses with its licence they drop back.
 */
describe('Mission Critical cover follows the account, for cases already open', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  // An enterprise account (with a CSM designated already) and no Mission Critical cover yet; the
  // test clock starts at its default, 2026-03-02T09:00Z.
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting), {
    env: { SUPPORT_TEAM_EMAIL: 'support-team@vendor.example' },
  });

  async function get(person: Person, url: string) {
    const { email, roles } = PEOPLE[person];
    const response = await t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${await t.token(email, [...roles])}` },
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  const queueIds = async (queue: string) =>
    (await get('engineer', `/v1/queues/${queue}?limit=100`)).items.map((item: { id: string }) => item.id);

  const mailsOf = (action: () => Promise<unknown>) => mailsSentBy(t.runtime.storage, smtp, action);
  const reachesCsm = (mails: ReceivedMail[]) =>
    mails.some((mail) => mail.envelopeTo.includes(PEOPLE.csm.email));

  /** A periodic review round, run now. */
  const review = () => t.app.get(SlaTimerScheduler).reviewMissionCritical();

  /** Waits until every case's detail shows the Mission Critical cover (fails after `withinMs`). */
  async function coveredWithin(caseIds: string[], withinMs: number) {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const details = await Promise.all(caseIds.map((id) => get('engineer', `/v1/cases/${id}`)));
      if (details.every((detail) => detail.priority.missionCritical === true)) return;
      if (Date.now() > deadline) throw new Error('the cases did not take the Mission Critical cover');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('lifts the open cases when the upgrade is bought, and drops them when its licence expires', async () => {
    const openCase = await world.openCase('Checkout fails', 3);
    const otherCase = await world.openCase('Search is slow', 2);
    const resolvedCase = await world.openCase('Typo on the pricing page', 3);
    await world.call('engineer', 'POST', `/v1/cases/${resolvedCase}/resolution`, {
      summary: 'Fixed the typo',
    });
    const closedCase = await world.openCase('Login page', 3);
    await world.call('engineer', 'POST', `/v1/cases/${closedCase}/resolution`, {
      summary: 'Cleared the cache',
    });
    await world.call('opener', 'POST', `/v1/cases/${closedCase}/closure`);

    // Before: standard priority; the CSM does not hear of the account's activity.
    expect((await get('engineer', `/v1/cases/${openCase}`)).priority.missionCritical).toBe(false);
    expect(await queueIds('mission-critical')).toEqual([]);
    const quiet = await mailsOf(() =>
      world.call('engineer', 'POST', `/v1/cases/${openCase}/comments`, { body: 'Looking into it' }),
    );
    expect(reachesCsm(quiet)).toBe(false);

    // The account buys Mission Critical until the end of June: the issue is an event, so its live
    // cases take the cover at once, not at the next periodic review.
    const mails = await mailsOf(async () => {
      await world.call('admin', 'POST', `/v1/accounts/${world.accountId}/licences`, {
        product: 'Sitefinity',
        edition: 'Mission Critical upgrade',
        plan: 'mission-critical',
        activeUntil: '2026-06-30',
        holderEmail: 'boss@acme.example',
      });
      await coveredWithin([openCase, otherCase, resolvedCase], 5_000);
    });
    // The periodic review, the safety net, finds nothing left to do.
    expect(await review()).toEqual({ accounts: 1, reviewed: 0, changed: 0 });
    // The CSM learns of each case now under their watch; the customers hear nothing of it (the
    // holder is told of the licence itself).
    const liftMails = mails.filter((mail) => !mail.envelopeTo.includes('boss@acme.example'));
    expect(liftMails.map((mail) => mail.envelopeTo)).toEqual([
      [PEOPLE.csm.email],
      [PEOPLE.csm.email],
      [PEOPLE.csm.email],
    ]);
    expect(liftMails[0].subject).toContain('The account is now Mission Critical');

    for (const id of [openCase, otherCase, resolvedCase]) {
      const detail = await get('engineer', `/v1/cases/${id}`);
      expect(detail.priority.missionCritical).toBe(true);
    }
    // The closed case keeps the cover it was worked under.
    expect((await get('engineer', `/v1/cases/${closedCase}`)).priority.missionCritical).toBe(false);
    expect((await queueIds('mission-critical')).sort()).toEqual([openCase, otherCase].sort());

    // Highest priority in every queue: they lead the open queue.
    const open = await queueIds('open');
    expect(open.slice(0, 2).sort()).toEqual([openCase, otherCase].sort());

    // The history says who changed the cover, and when.
    const history = await get('engineer', `/v1/cases/${openCase}/history`);
    const change = history.events.find((entry: { type: string }) => entry.type === 'MissionCriticalChanged');
    expect(change).toMatchObject({
      actor: MISSION_CRITICAL_REVIEW_ACTOR.email,
      data: { missionCritical: true },
    });

    // From now on the CSM hears of the case's activity.
    const followed = await mailsOf(() =>
      world.call('engineer', 'POST', `/v1/cases/${openCase}/comments`, { body: 'Found the cause' }),
    );
    expect(reachesCsm(followed)).toBe(true);

    // A second round finds nothing out of step.
    expect(await review()).toEqual({ accounts: 1, reviewed: 0, changed: 0 });

    // The licence expires (no event says so): the next round drops the live cases back.
    t.clock.set('2026-07-02T09:00:00.000Z');
    let dropped: unknown;
    const dropMails = await mailsOf(async () => (dropped = await review()));
    expect(dropped).toEqual({ accounts: 1, reviewed: 3, changed: 3 });
    // Nobody assigned, and the CSM's watch ended with the cover: no one to tell. (The clock's jump
    // also breached resolution targets: those alerts go out as usual.)
    expect(dropMails.filter((mail) => mail.subject.includes('Mission Critical'))).toEqual([]);
    expect((await get('engineer', `/v1/cases/${openCase}`)).priority.missionCritical).toBe(false);
    expect(await queueIds('mission-critical')).toEqual([]);
    const afterExpiry = await mailsOf(() =>
      world.call('engineer', 'POST', `/v1/cases/${openCase}/comments`, { body: 'Deploying the fix' }),
    );
    expect(reachesCsm(afterExpiry)).toBe(false);
  });
});
