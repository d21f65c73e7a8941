import { actors, commands, historyOf } from '@casetrail/domain/cases/testing/case-fixtures';
import { NOTIFICATION_OUTBOX, type OutboxNotification } from '@casetrail/readmodels/notifications';
import { OutboxFixture } from '../testing/outbox-fixture';
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
    const { items } = await fixture.readModels.find<OutboxNotification>(NOTIFICATION_OUTBOX, {
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
    expect(text).toMatch(/First response: met at Mon, 3 Jun 2024 09:30 UTC/);
    expect(text).toMatch(/Resolution: due \w{3}, \d+ \w{3} 2024/);
    expect(text).toContain('View the case: https://support.example/#/cases/case-7');
    expect(text).toContain('You receive this because you opened this case.');
    expect(html).toContain('Fixed in 15.2 &amp; later');
    expect(html).toContain('<a href="https://support.example/#/cases/case-7">');
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

  describe('caseReference', () => {
    it('tells apart cases opened in the same millisecond, by the random tail of their UUIDv7', () => {
      const sameMillisecond = [
        '01a21c61-7e2b-7c3d-9a4f-0b1c2d3e4f50',
        '01a21c61-7e2b-7f01-b3c2-77aa88bb99cc',
      ];
      expect(sameMillisecond.map(caseReference)).toEqual(['#2d3e4f50', '#88bb99cc']);
    });

    it('uses the whole id, without dashes, when it is shorter than eight characters', () => {
      expect(caseReference('case-7')).toBe('#case7');
      expect(caseReference('c1')).toBe('#c1');
    });
  });
});
