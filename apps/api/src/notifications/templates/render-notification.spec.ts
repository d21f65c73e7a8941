import { calendarForAccount, type AutoClosePostponed } from '@casetrail/domain';
import { actors, commands, context, historyOf, policy } from '@casetrail/domain/cases/testing/case-fixtures';
import { NOTIFICATION_OUTBOX, type CaseNotification } from '@casetrail/readmodels/notifications';
import { OutboxFixture } from '../testing/outbox-fixture';
import { formatInstant } from './format-instant';
import { caseReference, renderNotification } from './render-notification';

describe('renderNotification', () => {
  let fixture: OutboxFixture;

  beforeAll(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
    await fixture.appendCase(
      'case-7',
      historyOf([
        commands.openCase({ caseId: 'case-7', title: 'Checkout <script>alert(1)</script> fails' }),
        commands.comment({ caseId: 'case-7', body: 'Fixed in 15.2 & later' }),
        commands.comment({ caseId: 'case-7', commentId: 'c-2', actor: actors.alice, body: 'Thanks!' }),
      ]),
    );
  });

  afterAll(() => fixture.close());

  const rowFor = async (recipient: string, changeType: string, caseId = 'case-7') => {
    const { items } = await fixture.readModels.find<CaseNotification>(NOTIFICATION_OUTBOX, {
      where: { recipient },
    });
    return items.find(
      (row) =>
        row.caseId === caseId &&
        row.change.type === changeType &&
        (changeType !== 'CommentAdded' || row.actor.staff),
    )!;
  };

  it('shows case number, title, what changed, by whom, the SLA state and a link', async () => {
    const row = await rowFor('alice@acme.example', 'CommentAdded');
    const { subject, text, html } = renderNotification(row, { publicUrl: 'https://support.example' });
    expect(subject).toBe('[Casetrail #case7] Checkout <script>alert(1)</script> fails: New comment');
    expect(text).toContain('Fixed in 15.2 & later');
    expect(text).toContain('Case: case-7 (#case7)');
    expect(text).toContain('By: Eve Engineer <eve@vendor.example>');
    expect(text).toContain('Status: In progress');
    // The case's calendar is in UTC: its times need no second zone.
    expect(text).toContain('When: Mon 3 Jun 2024, 09:30 UTC\n');
    expect(text).toContain('First response: met at Mon 3 Jun 2024, 09:30 UTC\n');
    expect(text).toMatch(/^Resolution: due \w{3} \d+ \w{3} 2024, \d\d:\d\d UTC$/m);
    expect(text).toContain('View the case: https://support.example/#/cases/case-7');
    expect(text).toContain('You receive this because you opened this case.');
    expect(html).toContain('Fixed in 15.2 &amp; later');
    expect(html).toContain('<a href="https://support.example/#/cases/case-7">');
  });

  it('says a goal breached and done within its due minute with seconds, so the lateness shows', async () => {
    const row = await rowFor('alice@acme.example', 'CommentAdded');
    const late: CaseNotification = {
      ...row,
      case: {
        ...row.case,
        sla: {
          ...row.case.sla,
          firstResponse: {
            ...row.case.sla.firstResponse,
            state: 'breached',
            dueAt: '2026-11-30T05:16:07.169Z',
            breachedAt: '2026-11-30T05:16:07.169Z',
            metAt: '2026-11-30T05:16:18.539Z',
          },
        },
      },
    };
    const { text } = renderNotification(late, { publicUrl: 'https://support.example' });
    expect(text).toContain(
      'First response: breached (was due Mon 30 Nov 2026, 05:16:07 UTC), done Mon 30 Nov 2026, 05:16:18 UTC\n',
    );
  });

  it('puts the address before a name the sharer typed, and counts a redirected case as not resolved', async () => {
    await fixture.appendCase(
      'case-8',
      historyOf([
        commands.openCase({ caseId: 'case-8', title: 'Needs a new feature' }),
        commands.share({
          caseId: 'case-8',
          email: 'mal@evil.example',
          name: 'Mallory, CEO <ceo@acme.example>',
        }),
        {
          type: 'RedirectCase',
          caseId: 'case-8',
          actor: actors.engineer,
          at: '2024-06-03T12:00:00.000Z',
          to: 'consulting',
          referral: 'Our consultants build features to order',
        },
      ]),
    );
    const shared = renderNotification(await rowFor('alice@acme.example', 'CaseShared', 'case-8'), {
      publicUrl: 'https://x',
    });
    expect(shared.subject).toMatch(
      /: Case shared with mal@evil\.example \(Mallory, CEO <ceo@acme\.example>\)$/,
    );
    const redirected = renderNotification(await rowFor('alice@acme.example', 'CaseRedirected', 'case-8'), {
      publicUrl: 'https://x',
    });
    expect(redirected.text).toContain('Resolution: none (referred out of support)');
  });

  it("says a resolved case still escalated closes once de-escalated, not at its quiet period's end", async () => {
    await fixture.appendCase(
      'case-9',
      historyOf([
        commands.openCase({ caseId: 'case-9', title: 'Escalated, then resolved' }),
        commands.escalate({ caseId: 'case-9' }),
        commands.resolve({ caseId: 'case-9' }),
      ]),
    );
    const { text } = renderNotification(await rowFor('alice@acme.example', 'CaseResolved', 'case-9'), {
      publicUrl: 'https://x',
    });
    expect(text).toMatch(/^Closes automatically: once de-escalated, and not before \w{3} \d+ \w{3} 2024, /m);
  });

  it('tells the customer when a resolved case de-escalated now closes (its quiet period restarted)', async () => {
    const history = historyOf([
      commands.openCase({ caseId: 'case-de-escalated', title: 'Resolved, then de-escalated' }),
      commands.escalate({ caseId: 'case-de-escalated' }),
      commands.resolve({ caseId: 'case-de-escalated' }),
      {
        type: 'AcknowledgeEscalation',
        caseId: 'case-de-escalated',
        actor: actors.engineer,
        at: '2024-06-04T10:00:00.000Z',
      },
      {
        type: 'DeEscalate',
        caseId: 'case-de-escalated',
        actor: actors.engineer,
        at: '2024-06-05T10:00:00.000Z',
        reason: 'The fix holds in production',
      },
    ]);
    await fixture.appendCase('case-de-escalated', history);
    const postponed = history.find((event) => event.type === 'AutoClosePostponed');
    expect(postponed?.data).toMatchObject({ autoCloseAt: expect.stringMatching(/^2024-06-1\d/) });
    const { text, html } = renderNotification(
      await rowFor('alice@acme.example', 'CaseDeEscalated', 'case-de-escalated'),
      { publicUrl: 'https://x' },
    );
    const closes = formatInstant((postponed as AutoClosePostponed).data.autoCloseAt, 'UTC');
    // The new closing time, as the "Case resolved" message words it, no longer "once de-escalated".
    expect(text).toContain(`Reason: The fix holds in production\nCloses automatically: ${closes}\n`);
    expect(text).toContain('Status: Resolved');
    expect(html).toContain(`<th align="left">Closes automatically</th><td>${closes}</td>`);
  });

  it("tells the customer when a resolved case now closes after staff's comment restarted its quiet period", async () => {
    const history = historyOf([
      commands.openCase({ caseId: 'case-commented', title: 'Resolved, then commented on' }),
      commands.comment({ caseId: 'case-commented' }),
      commands.resolve({ caseId: 'case-commented' }),
      commands.comment({
        caseId: 'case-commented',
        commentId: 'c-after-resolution',
        at: '2024-06-06T10:00:00.000Z',
        body: 'The patch is also on the download page',
      }),
    ]);
    await fixture.appendCase('case-commented', history);
    const postponed = history.find((event) => event.type === 'AutoClosePostponed') as AutoClosePostponed;
    expect(postponed.data.autoCloseAt > postponed.data.previousAutoCloseAt).toBe(true);
    const { items } = await fixture.readModels.find<CaseNotification>(NOTIFICATION_OUTBOX, {
      where: { recipient: 'alice@acme.example' },
    });
    const row = items.find(
      (candidate) =>
        candidate.caseId === 'case-commented' &&
        candidate.change.type === 'CommentAdded' &&
        candidate.change.data.commentId === 'c-after-resolution',
    )!;
    const { text, html } = renderNotification(row, { publicUrl: 'https://x' });
    const closes = formatInstant(postponed.data.autoCloseAt, 'UTC');
    // The new closing time, worded as the "Case resolved" message words it, not the one it replaced.
    expect(text).toContain(`Closes automatically: ${closes}\n`);
    expect(text).not.toContain(formatInstant(postponed.data.previousAutoCloseAt, 'UTC'));
    expect(text).toContain('Status: Resolved');
    expect(html).toContain(`<th align="left">Closes automatically</th><td>${closes}</td>`);
  });

  it('asks the customer for information, and tells staff it was asked', async () => {
    await fixture.appendCase(
      'case-9',
      historyOf([
        commands.openCase({ caseId: 'case-9', title: 'Search is slow' }),
        {
          type: 'AssignEngineer',
          caseId: 'case-9',
          actor: actors.engineer,
          at: '2024-06-03T10:00:00.000Z',
          engineer: 'oscar@vendor.example',
        },
        {
          type: 'RequestInformation',
          caseId: 'case-9',
          actor: actors.engineer,
          at: '2024-06-03T11:00:00.000Z',
          body: 'Which version?',
        },
      ]),
    );
    const customer = renderNotification(
      await rowFor('alice@acme.example', 'InformationRequested', 'case-9'),
      {
        publicUrl: 'https://x',
      },
    );
    expect(customer.subject).toMatch(/Support needs more information from you$/);
    expect(customer.text).toContain('Status: Awaiting your reply');
    const assignee = renderNotification(
      await rowFor('oscar@vendor.example', 'InformationRequested', 'case-9'),
      {
        publicUrl: 'https://x',
      },
    );
    expect(assignee.subject).toMatch(/Support asked the customer for more information$/);
    expect(assignee.text).toContain("Status: Awaiting the customer's reply");
  });

  it('shows one-line values recorded with line breaks (before they were refused) on one line', async () => {
    const [opened, ...rest] = historyOf([
      commands.openCase({ caseId: 'case-11', title: 'Placeholder', description: 'Line one\nLine two' }),
      commands.share({ caseId: 'case-11', email: 'dora@acme.example', name: 'Dora' }),
    ]);
    const forged = 'Hello\r\nBcc: evil@evil.example\r\n\r\nfake body';
    const old = [
      { ...opened, data: { ...opened.data, title: forged, product: 'Sitefinity\nCMS' } },
      ...rest.map((event) =>
        event.type === 'CaseShared'
          ? { ...event, data: { ...event.data, name: 'Dora\r\nBcc: x@evil.example' } }
          : event,
      ),
    ] as typeof rest;
    await fixture.appendCase('case-11', old);
    // As the account's own people read it, the edition included (tom holds no licence here).
    const { licenceTermsWithheld: _withheld, ...toTheAccount } = await rowFor(
      'tom@acme.example',
      'CaseOpened',
      'case-11',
    );
    const opening = renderNotification(toTheAccount, { publicUrl: 'https://x' });
    expect(opening.subject).toBe(
      '[Casetrail #case11] Hello Bcc: evil@evil.example fake body: New case opened',
    );
    expect(opening.text).toContain('\nTitle: Hello Bcc: evil@evil.example fake body\n');
    expect(opening.text).toContain('\nProduct: Sitefinity CMS (');
    expect(opening.text).not.toMatch(/^(Bcc|fake body)/m);
    // The description is text with lines, and keeps them.
    expect(opening.text).toContain('Description:\nLine one\nLine two\n');
    const shared = renderNotification(await rowFor('alice@acme.example', 'CaseShared', 'case-11'), {
      publicUrl: 'https://x',
    });
    expect(shared.subject).toMatch(/: Case shared with dora@acme\.example \(Dora Bcc: x@evil\.example\)$/);
    expect(shared.text).not.toMatch(/^(Bcc|fake body)/m);
  });

  it('escapes what people wrote in the HTML body', async () => {
    const { html } = renderNotification(await rowFor('tom@acme.example', 'CaseOpened'), {
      publicUrl: 'https://x',
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('Checkout &lt;script&gt;alert(1)&lt;/script&gt; fails');
  });

  it('tells case-team members why they get it and how to stop', async () => {
    const { text } = renderNotification(await rowFor('tom@acme.example', 'CaseOpened'), {
      publicUrl: 'https://x',
    });
    expect(text).toContain("You receive this because you are on the account's case team.");
    expect(text).toContain('PATCH https://x/v1/accounts/acc-1/case-team/tom@acme.example {"notify": false}');
  });

  describe('in the case time zone', () => {
    const LOS_ANGELES = context({ calendar: calendarForAccount(policy, 'America/Los_Angeles') });

    beforeAll(async () => {
      await fixture.appendCase(
        'case-10',
        historyOf([commands.openCase({ caseId: 'case-10', title: 'Login loops' })], LOS_ANGELES),
      );
    });

    const openedInLosAngeles = () => rowFor('tom@acme.example', 'CaseOpened', 'case-10');

    it('shows every time in the zone of the case, named, with UTC beside it, in text and HTML', async () => {
      const row = await openedInLosAngeles();
      expect(row.case.timeZone).toBe('America/Los_Angeles');
      const { text, html } = renderNotification(row, { publicUrl: 'https://x' });
      expect(text).toContain('When: Mon 3 Jun 2024, 02:00 PDT (09:00 UTC)\n');
      expect(text).toContain('First response: due Tue 4 Jun 2024, 02:00 PDT (09:00 UTC)\n');
      expect(html).toContain('<th align="left">When</th><td>Mon 3 Jun 2024, 02:00 PDT (09:00 UTC)</td>');
    });

    it('names the zone as it stands at each instant: daylight time in summer, standard time in winter', async () => {
      const row = await openedInLosAngeles();
      const render = (occurredAt: string) =>
        renderNotification({ ...row, occurredAt }, { publicUrl: 'https://x' }).text;
      expect(render('2024-07-15T16:14:00.000Z')).toContain('When: Mon 15 Jul 2024, 09:14 PDT (16:14 UTC)\n');
      expect(render('2024-12-02T17:14:00.000Z')).toContain('When: Mon 2 Dec 2024, 09:14 PST (17:14 UTC)\n');
      // US daylight time ended at 09:00 UTC on 3 November 2024.
      expect(render('2024-11-03T08:59:00.000Z')).toContain('When: Sun 3 Nov 2024, 01:59 PDT (08:59 UTC)\n');
      expect(render('2024-11-03T09:00:00.000Z')).toContain('When: Sun 3 Nov 2024, 01:00 PST (09:00 UTC)\n');
    });

    it('shows UTC only for a row written before the outbox recorded the zone', async () => {
      const legacy = structuredClone(await openedInLosAngeles());
      delete legacy.case.timeZone;
      const { text, html } = renderNotification(legacy, { publicUrl: 'https://x' });
      expect(text).toContain('When: Mon 3 Jun 2024, 09:00 UTC\n');
      expect(text).toContain('First response: due Tue 4 Jun 2024, 09:00 UTC\n');
      expect(text).not.toMatch(/PDT|PST/);
      expect(html).toContain('<td>Mon 3 Jun 2024, 09:00 UTC</td>');
    });
  });

  it('names who acknowledged the escalation, and so owes the missed status update, to everyone it reaches', async () => {
    const row = await rowFor('alice@acme.example', 'CommentAdded');
    const dueAt = '2024-06-04T09:00:00.000Z';
    const alert: CaseNotification = {
      ...row,
      kind: 'sla-alert',
      audience: 'staff',
      reasons: ['escalation-acknowledger'],
      change: {
        type: 'EscalationStatusUpdateOverdue',
        data: { caseId: row.caseId, at: dueAt, by: 'system:sla-timers', level: 1, dueAt },
      },
      case: {
        ...row.case,
        escalationLevel: 1,
        escalation: {
          level: 1,
          status: 'acknowledged',
          nextDue: 'status-update',
          nextDueAt: dueAt,
          overdue: true,
          acknowledgedBy: 'oscar@vendor.example',
        },
      },
    };
    const { text } = renderNotification(alert, { publicUrl: 'https://x' });
    expect(text).toContain('Owed by: oscar@vendor.example (acknowledged the escalation)\n');
    expect(text).toContain(
      'Escalation: level 1, acknowledged by oscar@vendor.example; next status update due Tue 4 Jun 2024, 09:00 UTC, overdue\n',
    );
    expect(text).toContain(
      'You receive this because you acknowledged its escalation or posted its last status update, and so owe its status updates while the case is assigned to nobody.',
    );
    // The support team list's copy says the same: it is one row's facts.
    const toTheList = renderNotification({ ...alert, reasons: ['support-team'] }, { publicUrl: 'https://x' });
    expect(toTheList.text).toContain('Owed by: oscar@vendor.example (acknowledged the escalation)\n');

    // Finding U4: the case was given back and dan took it over; the updates are his to post now.
    const handedOver = { ...alert.case.escalation!, statusUpdatesOwedBy: 'dan@vendor.example' };
    const toDan = renderNotification(
      {
        ...alert,
        reasons: ['assignee'],
        case: { ...alert.case, escalation: { ...handedOver, statusUpdatesOwedAs: 'assignee' } },
      },
      { publicUrl: 'https://x' },
    );
    expect(toDan.text).toContain('Owed by: dan@vendor.example (assigned to the case)\n');
    expect(toDan.text).not.toContain('Owed by: oscar');
    const afterDansUpdate = renderNotification(
      {
        ...alert,
        case: { ...alert.case, escalation: { ...handedOver, statusUpdatesOwedAs: 'last-updater' } },
      },
      { publicUrl: 'https://x' },
    );
    expect(afterDansUpdate.text).toContain('Owed by: dan@vendor.example (posted its last status update)\n');
  });

  it('names who can act in the stead of an assignee the desk does not vouch for (judged at send time)', async () => {
    const row = await rowFor('alice@acme.example', 'CommentAdded');
    const dueAt = '2024-06-04T09:00:00.000Z';
    const escalation = {
      level: 1,
      status: 'acknowledged' as const,
      nextDue: 'status-update' as const,
      nextDueAt: dueAt,
      overdue: true,
      acknowledgedBy: 'oscar@vendor.example',
      statusUpdatesOwedBy: 'otto@outsider.example',
      statusUpdatesOwedAs: 'assignee' as const,
    };
    const alert = (snapshot: NonNullable<CaseNotification['case']['escalation']>): CaseNotification => ({
      ...row,
      kind: 'sla-alert',
      audience: 'staff',
      reasons: ['support-team'],
      change: {
        type: 'EscalationStatusUpdateOverdue',
        data: { caseId: row.caseId, at: dueAt, by: 'system:sla-timers', level: 1, dueAt },
      },
      case: { ...row.case, escalationLevel: 1, escalation: snapshot },
    });
    const kept = alert({
      ...escalation,
      statusUpdatesOwedBeyondAssignee: {
        by: 'oscar@vendor.example',
        as: 'acknowledger',
        passedOver: ['otto@outsider.example'],
      },
    });
    const notVouched = { publicUrl: 'https://x', unvouchedOwer: 'otto@outsider.example' };
    expect(renderNotification(kept, notVouched).text).toContain(
      "Owed by: oscar@vendor.example (acknowledged the escalation; otto@outsider.example, the case's " +
        'assignee, is not vouched for as staff and gets none of its mail: reassign the case)\n',
    );
    // Vouched for at send time, the assignee owes them as before.
    expect(renderNotification(kept, { publicUrl: 'https://x' }).text).toContain(
      'Owed by: otto@outsider.example (assigned to the case)\n',
    );
    // A row written before the next in line was kept: the duty engineers.
    expect(renderNotification(alert(escalation), notVouched).text).toContain(
      'Owed by: the support team (the duty engineers: take it from the escalated queue; otto@outsider.example, ' +
        "the case's assignee, is not vouched for as staff and gets none of its mail: reassign the case)\n",
    );
  });

  it('shows an escalation of a row written before its standing was kept by its level alone', async () => {
    const row = await rowFor('alice@acme.example', 'CommentAdded');
    const { escalation: _none, ...olderCase } = { ...row.case, escalationLevel: 2 };
    const { text } = renderNotification({ ...row, case: olderCase }, { publicUrl: 'https://x' });
    expect(text).toContain('Escalation: level 2\n');
  });

  describe('caseReference', () => {
    it('is the last group of the UUID: cases opened in the same millisecond differ in it', () => {
      const sameMillisecond = [
        '01a21c61-7e2b-7c3d-9a4f-0b1c2d3e4f50',
        '01a21c61-7e2b-7f01-b3c2-77aa88bb99cc',
      ];
      expect(sameMillisecond.map(caseReference)).toEqual(['#0b1c2d3e4f50', '#77aa88bb99cc']);
    });

    it('tells apart two cases whose ids share their last eight hex digits', () => {
      const sameLastEight = ['01a21c61-7e2b-7c3d-9a4f-0b1c2d3e4f50', '01a3f09d-42c8-71aa-8e05-c4d52d3e4f50'];
      const references = sameLastEight.map(caseReference);
      expect(references).toEqual(['#0b1c2d3e4f50', '#c4d52d3e4f50']);
      expect(new Set(references).size).toBe(2);
    });

    it('uses the whole id, without dashes, when it is shorter than twelve characters', () => {
      expect(caseReference('case-7')).toBe('#case7');
      expect(caseReference('c1')).toBe('#c1');
    });
  });
});
