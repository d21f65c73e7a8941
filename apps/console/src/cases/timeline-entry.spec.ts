import type { HistoryEntry } from '../api/api-types';
import { describeEvent, timelineItems } from './timeline-entry';

const entry = (type: string, data: object, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  position: 1,
  revision: 0,
  id: `e-${type}`,
  type,
  at: '2026-03-02T09:00:00.000Z',
  actor: 'eve@vendor.example',
  data,
  ...extra,
});

describe('timeline entries', () => {
  it('say who changed the severity, to what and why', () => {
    expect(
      describeEvent(
        entry('SeverityChanged', { from: 3, to: 1, reason: 'Shop is down' }, { reason: 'Shop is down' }),
      ),
    ).toMatchObject({
      who: 'eve@vendor.example',
      what: 'Changed severity from 3 to 1',
      why: 'Shop is down',
      category: 'change',
    });
  });

  it('tell an overdue alert from its reminders', () => {
    const due = { level: 1, dueAt: '2026-03-02T08:00:00.000Z' };
    expect(describeEvent(entry('EscalationStatusUpdateOverdue', due)).what).toBe(
      'Escalation status update overdue (level 1)',
    );
    expect(describeEvent(entry('EscalationAcknowledgementOverdue', { ...due, reminder: 2 })).what).toBe(
      'Escalation acknowledgement still overdue (level 1, reminder 2)',
    );
  });

  it('mark internal notes and name people by the names their events gave', () => {
    const [opened, note] = timelineItems([
      entry(
        'CaseOpened',
        { severity: 2, channel: 'web', openedBy: { email: 'jane.doe@acme.example', name: 'Jane Doe' } },
        { actor: 'jane.doe@acme.example' },
      ),
      entry('CommentAdded', {
        body: 'Config issue',
        internal: true,
        by: 'eve@vendor.example',
        authorName: 'Eve Engineer',
        at: '2026-03-02T10:00:00.000Z',
      }),
    ]);
    expect(opened.who).toBe('Jane Doe');
    expect(note).toMatchObject({
      what: 'Added an internal note',
      body: 'Config issue',
      internal: true,
      who: 'Eve Engineer',
      at: '2026-03-02T10:00:00.000Z',
    });
  });

  it('never let a name typed when sharing rename someone: staff keep their own, others show their email', () => {
    const staff = { metadata: { actorRoles: ['engineer'] } };
    const items = timelineItems([
      entry(
        'CaseOpened',
        { severity: 3, openedBy: { email: 'jane@acme.example', name: 'Jane' } },
        {
          actor: 'jane@acme.example',
        },
      ),
      entry('CommentAdded', { body: 'Looking', by: 'eve@vendor.example' }, staff),
      // The customer shares the case with the engineer's email, and with a colleague, under made-up names.
      entry(
        'CaseShared',
        { email: 'eve@vendor.example', name: 'Jane (customer)' },
        { actor: 'jane@acme.example' },
      ),
      entry(
        'CaseShared',
        { email: 'sam@partner.example', name: 'Support Engineer' },
        { actor: 'jane@acme.example' },
      ),
      entry('CommentAdded', { body: 'Fixed?', by: 'eve@vendor.example' }, staff),
      entry('CommentAdded', { body: 'Hi', by: 'sam@partner.example' }, { actor: 'sam@partner.example' }),
      // A name of one's own wins over one given by others.
      entry(
        'CommentAdded',
        { body: 'Me', by: 'jane@acme.example', authorName: 'Jane Doe' },
        { actor: 'jane@acme.example' },
      ),
    ]);
    expect(items.map((item) => item.who)).toEqual([
      'Jane Doe',
      'eve@vendor.example',
      'Jane Doe',
      'Jane Doe',
      'eve@vendor.example',
      'Support Engineer (sam@partner.example)',
      'Jane Doe',
    ]);
  });

  it('name staff by the name they signed in with, recorded with each event they caused', () => {
    const items = timelineItems([
      entry(
        'EngineerAssigned',
        { engineer: 'eve@vendor.example' },
        {
          metadata: { actorRoles: ['engineer'], actorName: 'Eve Engineer' },
        },
      ),
    ]);
    expect(items[0].who).toBe('Eve Engineer');
  });

  it('leave out internal notes the API redacted for a customer', () => {
    const items = timelineItems([
      entry('CommentAdded', { body: 'Hello', internal: false }),
      entry('CommentAdded', { internal: true, redacted: 'internal note' }),
    ]);
    expect(items.map((item) => item.what)).toEqual(['Commented']);
  });

  it("describe an entry whose content the API withheld only as one not shown to the reader, in the API's words", () => {
    expect(describeEvent(entry('CommentAdded', { internal: true, redacted: 'internal note' })).what).toBe(
      'An entry not shown to you (internal note)',
    );
    expect(
      describeEvent(entry('CaseShared', { redacted: "another person's share" }, { actor: 'redacted' })).what,
    ).toBe("An entry not shown to you (another person's share)");
  });

  it('describe an entry the API withheld only in part (fields set to null) as any other, and keep it in the timeline', () => {
    const opening = entry(
      'CaseOpened',
      {
        caseId: 'c1',
        severity: 2,
        channel: 'web',
        description: 'Down',
        plan: null,
        redacted: 'licence terms',
      },
      { actor: 'bob@acme.example' },
    );
    expect(describeEvent(opening).what).toBe('Opened the case as severity 2 (web)');
    expect(timelineItems([opening]).map((item) => item.what)).toEqual([
      'Opened the case as severity 2 (web)',
    ]);
  });

  it('describe an assignment whose reason the API withheld as the assignment, with no why, kept in the timeline', () => {
    const assigned = entry(
      'EngineerAssigned',
      { caseId: 'c1', engineer: 'sol@vendor.example', redacted: 'assignment reason' },
      { metadata: { actorRoles: ['engineer'] } },
    );
    const [item] = timelineItems([assigned]);
    expect(item).toMatchObject({ what: 'Assigned the case to sol@vendor.example' });
    expect(item.why).toBeUndefined();
  });

  it('describe an unassignment as the case going back to the unassigned queue, its reason for staff only', () => {
    const forStaff = entry(
      'CaseUnassigned',
      { caseId: 'c1', previousEngineer: 'sol@vendor.example', reason: 'Off shift' },
      { metadata: { actorRoles: ['engineer'] } },
    );
    expect(timelineItems([forStaff])[0]).toMatchObject({
      what: 'Unassigned sol@vendor.example: the case is back in the unassigned queue',
      why: 'Off shift',
    });
    const forCustomer = entry(
      'CaseUnassigned',
      { caseId: 'c1', previousEngineer: 'sol@vendor.example', redacted: 'assignment reason' },
      { metadata: { actorRoles: ['engineer'] } },
    );
    const [item] = timelineItems([forCustomer]);
    expect(item.what).toBe('Unassigned sol@vendor.example: the case is back in the unassigned queue');
    expect(item.why).toBeUndefined();
  });

  it('flag breaches and name the timers as the actor', () => {
    const breach = describeEvent(
      entry(
        'SlaTargetBreached',
        { target: 'resolution', dueAt: '2026-03-20T09:00:00.000Z' },
        { actor: 'system:sla-timers' },
      ),
    );
    expect(breach).toMatchObject({ who: 'SLA timers', alert: true, category: 'sla' });
    expect(breach.what).toMatch(/^Resolution target breached \(was due .*20 Mar 2026/);
  });

  it('describe escalations with the policy’s words', () => {
    const escalated = describeEvent(
      entry(
        'CaseEscalated',
        { level: 2, reason: 'production-impact', details: 'Orders lost' },
        { reason: 'production-impact' },
      ),
    );
    expect(escalated).toMatchObject({
      what: 'Escalated the case (level 2): Production environment critically impacted',
      body: 'Orders lost',
      category: 'escalation',
    });
    expect(escalated.why).toBeUndefined();
  });

  it('fall back to the event type for events it does not know', () => {
    expect(describeEvent(entry('SomethingNewHappened', {})).what).toBe('Something New Happened');
  });

  it("say that the customer's closure ended an escalation, with the event's reason, not the closure's", () => {
    const [ended, closed] = timelineItems([
      entry(
        'CaseDeEscalated',
        { level: 2, reason: 'The customer closed the case, confirming the resolution', endedByClosure: true },
        { actor: 'jane@acme.example', reason: 'Fixed in production' },
      ),
      entry(
        'CaseClosed',
        { automatic: false },
        { actor: 'jane@acme.example', reason: 'Fixed in production' },
      ),
    ]);
    expect(ended).toMatchObject({
      who: 'jane@acme.example',
      what: 'Ended the escalation (level 2) by closing the case',
      why: 'The customer closed the case, confirming the resolution',
      category: 'escalation',
    });
    expect(closed).toMatchObject({ what: 'Closed the case', why: 'Fixed in production' });
    expect(
      describeEvent(entry('CaseDeEscalated', { level: 1, reason: 'Workaround in place' })),
    ).toMatchObject({
      what: 'De-escalated (level 1)',
      why: 'Workaround in place',
    });
  });
});
