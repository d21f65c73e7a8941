import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';

const MONA = { email: 'mona@acme.example', name: 'Mona Colleague' };
const MAX = { email: 'max@acme.example', name: 'Max Colleague' };
const ZOE = { email: 'zoe@acme.example', name: 'Zoe Colleague' };
const KIM = { email: 'kim@acme.example', name: 'Kim Opener' };
const PERMISSIONS = { manageUsers: false, shareTickets: false, seeSharedTickets: true };

/**
 * A colleague of the opener who sees the case through see-shared-tickets and escalates it is told
 * of the escalation's progress (acknowledgement, status updates), as long as she still sees the
 * case: once her permission is withdrawn, she hears nothing more of it. The case's licence
 * expiring does not take the case from her (her own licence is in force), so neither does it her mail.
 */
describe("the colleague who requested a case's escalation", () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('mission-critical', (setting) => ({ smtp, t, world } = setting));

  async function colleagueCalls(url: string, payload: object, colleague = MONA): Promise<void> {
    const token = await t.token(colleague.email, [], colleague.name);
    const response = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
    expect(response.statusCode).toBeLessThan(300);
  }

  const mailsToColleague = (action: () => Promise<unknown>, colleague = MONA) =>
    mailsSentBy(t.runtime.storage, smtp, action, colleague.email);

  /** The colleague is a registered user of the case's licence with see-shared-tickets. */
  async function seesSharedTickets(colleague: typeof MONA): Promise<void> {
    const [firstName, lastName] = colleague.name.split(' ');
    await world.call('admin', 'POST', `/v1/licences/${world.licenceId}/users`, {
      email: colleague.email,
      firstName,
      lastName,
      company: 'Acme',
      country: 'DE',
      permissions: PERMISSIONS,
    });
    await colleagueCalls(
      `/v1/licences/${world.licenceId}/users/${colleague.email}/activation`,
      {},
      colleague,
    );
  }

  it('hears of its acknowledgement and status updates while she sees the case, and not after', async () => {
    await seesSharedTickets(MONA);
    const caseId = await world.openCase("Jane's case, escalated by Mona");
    await colleagueCalls(`/v1/cases/${caseId}/escalations`, { reason: 'low-satisfaction', details: 'slow' });

    const acknowledged = await mailsToColleague(() =>
      world.call('csm', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, {
        reason: 'CSM on it',
      }),
    );
    expect(acknowledged.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/: Escalation acknowledged \(level 1\)$/),
    ]);
    expect(acknowledged[0].text).toContain('you requested its escalation');

    const update = await mailsToColleague(() =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/status-updates`, {
        body: 'Index rebuild running',
      }),
    );
    expect(update.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/: Escalation status update \(level 1\)$/),
    ]);

    await world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}/users/${MONA.email}`, {
      permissions: { ...PERMISSIONS, seeSharedTickets: false },
    });
    const afterward = await mailsToColleague(() =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/status-updates`, {
        body: 'Rebuild done',
      }),
    );
    expect(afterward).toEqual([]);
  });

  /** Jane's case, escalated by `colleague`, its escalation acknowledged by Eve. */
  async function escalatedAndAcknowledged(title: string, colleague: typeof MONA): Promise<string> {
    const caseId = await world.openCase(title);
    await colleagueCalls(
      `/v1/cases/${caseId}/escalations`,
      { reason: 'low-satisfaction', details: 'slow' },
      colleague,
    );
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, {
      reason: 'On it',
    });
    return caseId;
  }

  /** Jane's case, escalated by `colleague`, acknowledged, then resolved: Jane may close it, ending the escalation. */
  async function escalatedAndResolved(title: string, colleague: typeof MONA): Promise<string> {
    const caseId = await escalatedAndAcknowledged(title, colleague);
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/resolution`, { summary: 'Index rebuilt' });
    return caseId;
  }

  it("hears that the escalation ended when the opener's closure ended it, and not once she no longer sees the case", async () => {
    const NED = { email: 'ned@acme.example', name: 'Ned Colleague' };
    const UMA = { email: 'uma@acme.example', name: 'Uma Colleague' };
    await seesSharedTickets(NED);
    await seesSharedTickets(UMA);
    const nedsCase = await escalatedAndResolved("Jane's case, escalated by Ned, closed by Jane", NED);
    const closed = await mailsToColleague(
      () => world.call('opener', 'POST', `/v1/cases/${nedsCase}/closure`),
      NED,
    );
    expect(closed.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/: Case closed; its escalation \(level 1\) ended with it$/),
    ]);
    expect(closed[0].text).toContain('you requested its escalation');

    // Uma no longer sees Jane's shared tickets by the time Jane closes the case she escalated.
    const umasCase = await escalatedAndResolved("Jane's case, escalated by Uma, closed by Jane", UMA);
    await world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}/users/${UMA.email}`, {
      permissions: { ...PERMISSIONS, seeSharedTickets: false },
    });
    expect(
      await mailsToColleague(() => world.call('opener', 'POST', `/v1/cases/${umasCase}/closure`), UMA),
    ).toEqual([]);
  });

  it('hears that the case was resolved while the escalation she requested is open, as she may close it (finding F10)', async () => {
    const SAM = { email: 'sam@acme.example', name: 'Sam Colleague' };
    const IVY = { email: 'ivy@acme.example', name: 'Ivy Colleague' };
    await seesSharedTickets(SAM);
    await seesSharedTickets(IVY);
    /** `colleague` escalates Jane's case, Eve acknowledges it; then `beforeResolution`, and Eve resolves it. */
    const resolutionMails = async (
      title: string,
      colleague: typeof MONA,
      beforeResolution = async () => {},
    ) => {
      const caseId = await escalatedAndAcknowledged(title, colleague);
      await beforeResolution();
      return mailsToColleague(
        () => world.call('engineer', 'POST', `/v1/cases/${caseId}/resolution`, { summary: 'Index rebuilt' }),
        colleague,
      );
    };
    const toSam = await resolutionMails("Jane's case, escalated by Sam, resolved by Eve", SAM);
    expect(toSam.map((mail) => mail.subject)).toEqual([expect.stringMatching(/: Case resolved$/)]);
    expect(toSam[0].text).toContain('Resolution:\nIndex rebuilt\n');
    expect(toSam[0].text).toContain('you requested its escalation');

    // Ivy no longer sees Jane's shared tickets by the time the case she escalated is resolved.
    const toIvy = await resolutionMails("Jane's case, escalated by Ivy, resolved by Eve", IVY, () =>
      world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}/users/${IVY.email}`, {
        permissions: { ...PERMISSIONS, seeSharedTickets: false },
      }),
    );
    expect(toIvy).toEqual([]);
  });

  it("hears of an information request and of the case's reopenings while the escalation she requested is open, one mail each", async () => {
    const LIA = { email: 'lia@acme.example', name: 'Lia Colleague' };
    await seesSharedTickets(LIA);
    const caseId = await escalatedAndAcknowledged(
      "Jane's case, escalated by Lia, asked about and reopened",
      LIA,
    );
    /** The subjects of the mails `action` sent, by recipient: each person gets one mail of an event. */
    const subjectsByRecipient = async (action: () => Promise<unknown>) => {
      const byRecipient = new Map<string, string[]>();
      for (const mail of await mailsSentBy(t.runtime.storage, smtp, action))
        for (const email of mail.envelopeTo)
          byRecipient.set(email, [...(byRecipient.get(email) ?? []), mail.subject.replace(/^.*?: /, '')]);
      return byRecipient;
    };

    const asked = await subjectsByRecipient(() =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/information-request`, { body: 'Which index?' }),
    );
    expect(asked.get(LIA.email)).toEqual(['Support needs more information from you']);
    expect(asked.get(PEOPLE.opener.email)).toEqual(['Support needs more information from you']);

    // Jane answers, Eve proposes a resolution, Jane rejects it in a reply: the reply reopens the case.
    await world.call('opener', 'POST', `/v1/cases/${caseId}/comments`, { body: 'The search index' });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/resolution`, { summary: 'Index rebuilt' });
    const replied = await subjectsByRecipient(() =>
      world.call('opener', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Still failing' }),
    );
    expect(replied.get(LIA.email)).toEqual(["Case reopened by the customer's reply"]);
    expect(replied.get(PEOPLE.teamMember.email)).toEqual(["Case reopened by the customer's reply"]);

    await world.call('engineer', 'POST', `/v1/cases/${caseId}/resolution`, { summary: 'Cache cleared' });
    const reopened = await subjectsByRecipient(() =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/reopening`, { reason: 'Logs show more errors' }),
    );
    expect(reopened.get(LIA.email)).toEqual(['Case reopened']);
    expect(reopened.get(PEOPLE.opener.email)).toEqual(['Case reopened']);
    for (const subjects of [...asked.values(), ...replied.values(), ...reopened.values()])
      expect(subjects).toHaveLength(1);

    // An ordinary reply is no update she must act on: the opener's conversation stays the opener's.
    const commented = await subjectsByRecipient(() =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Looking at the logs' }),
    );
    expect(commented.get(LIA.email)).toBeUndefined();
  });

  it('hears of no reopening once the escalation she requested has ended', async () => {
    const RIA = { email: 'ria@acme.example', name: 'Ria Colleague' };
    await seesSharedTickets(RIA);
    const caseId = await escalatedAndResolved("Jane's case, escalated by Ria, de-escalated", RIA);
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/de-escalation`, {
      reason: 'Customer satisfied',
    });
    expect(
      await mailsToColleague(
        () => world.call('engineer', 'POST', `/v1/cases/${caseId}/reopening`, { reason: 'Regression found' }),
        RIA,
      ),
    ).toEqual([]);
  });

  it("sends the staff one mail for the opener's closure that ends the escalation, not a second one of the closure (finding F8)", async () => {
    const NIA = { email: 'nia@acme.example', name: 'Nia Colleague' };
    await seesSharedTickets(NIA);
    const caseId = await escalatedAndResolved("Jane's case, escalated by Nia, assigned to Eve", NIA);
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, {
      engineer: PEOPLE.engineer.email,
    });
    const mails = await mailsSentBy(t.runtime.storage, smtp, () =>
      world.call('opener', 'POST', `/v1/cases/${caseId}/closure`),
    );
    const subjectsTo = (email: string) =>
      mails
        .filter((mail) => mail.envelopeTo.includes(email))
        .map((mail) => mail.subject.replace(/^.*?: /, ''));
    const ended = 'Escalation ended (level 1): the customer closed the case';
    const closed = 'Case closed; its escalation (level 1) ended with it';
    // The assignee and the CSM: the escalation's end, which says the customer closed the case.
    expect(subjectsTo(PEOPLE.engineer.email)).toEqual([ended]);
    expect(subjectsTo(PEOPLE.csm.email)).toEqual([ended]);
    // The customers, as before: the closure, which says the escalation ended with it.
    expect(subjectsTo(PEOPLE.teamMember.email)).toEqual([closed]);
    expect(subjectsTo(NIA.email)).toEqual([closed]);
  });

  it("still hears of it after the case's licence expired, her own licence still showing her shared tickets", async () => {
    await seesSharedTickets(ZOE);
    // Kim opens the case under a second licence of Acme, which is then ended early.
    const second = await world.call('admin', 'POST', `/v1/accounts/${world.accountId}/licences`, {
      product: 'Sitefinity',
      edition: 'Trial',
      plan: 'enterprise',
      activeUntil: '2030-12-31',
      holderEmail: 'boss@acme.example',
    });
    await world.call('admin', 'POST', `/v1/licences/${second.id}/users`, {
      email: KIM.email,
      firstName: 'Kim',
      lastName: 'Opener',
      company: 'Acme',
      country: 'DE',
      permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: false },
    });
    await colleagueCalls(`/v1/licences/${second.id}/users/${KIM.email}/activation`, {}, KIM);
    const kim = await t.token(KIM.email, [], KIM.name);
    const opened = await t.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${kim}` },
      payload: {
        licenceId: second.id,
        title: "Kim's case, escalated by Zoe",
        description: 'Search is down',
        severity: 2,
        channel: 'web',
      },
    });
    const caseId = opened.json().id;
    await colleagueCalls(
      `/v1/cases/${caseId}/escalations`,
      { reason: 'low-satisfaction', details: 'slow' },
      ZOE,
    );
    const anHourAgo = new Date(t.clock.now().getTime() - 60 * 60 * 1000).toISOString();
    await world.call('admin', 'PATCH', `/v1/licences/${second.id}`, {
      activeUntil: anHourAgo,
      reason: 'trial ended',
    });

    const acknowledged = await mailsToColleague(
      () =>
        world.call('csm', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, {
          reason: 'CSM on it',
        }),
      ZOE,
    );
    expect(acknowledged.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/: Escalation acknowledged \(level 1\)$/),
    ]);
  });

  it('still hears of it after a change to the account (here a rename) while he sees the case', async () => {
    await seesSharedTickets(MAX);
    const caseId = await world.openCase("Jane's case, escalated by Max before Acme's rename");
    await colleagueCalls(
      `/v1/cases/${caseId}/escalations`,
      { reason: 'low-satisfaction', details: 'slow' },
      MAX,
    );
    // Before, the outbox writer's copy of the account forgot who sees shared tickets at any change
    // of the account's own facts (details, CSM, case team), and Max heard nothing more of it.
    await world.call('admin', 'PATCH', `/v1/accounts/${world.accountId}`, { name: 'Acme Corporation' });

    const acknowledged = await mailsToColleague(
      () =>
        world.call('csm', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, {
          reason: 'CSM on it',
        }),
      MAX,
    );
    expect(acknowledged.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/: Escalation acknowledged \(level 1\)$/),
    ]);
  });
});
