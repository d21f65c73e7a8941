import type { CaseEvent } from '@casetrail/domain';
import { describeChange, type DescribeOptions } from './describe-change';

/**
 * An escalation's overdue alert repeats while the acknowledgement or status update stays missing:
 * each reminder says it is one (and which), so the duty manager does not read it as the first alert
 * sent twice, and every alert says when the next comes. Alerts recorded before reminders existed
 * carry neither fact and read as before.
 */
describe('describeChange: overdue alerts and their reminders', () => {
  const base = { caseId: 'case-1', at: '2026-11-27T15:00:00.000Z', by: 'system', level: 2 };
  const dueAt = '2026-11-27T14:00:00.000Z';
  const nextReminderAt = '2026-11-27T18:00:00.000Z';
  const alerts = (facts: object): CaseEvent[] => [
    { type: 'EscalationAcknowledgementOverdue', data: { ...base, dueAt, ...facts } },
    { type: 'EscalationStatusUpdateOverdue', data: { ...base, dueAt, ...facts } },
  ];
  const headlines = (facts: object) => alerts(facts).map((alert) => describeChange(alert).headline);

  it('given the first alert, then it names the level and when the next reminder comes', () => {
    expect(headlines({ nextReminderAt })).toEqual([
      'Escalation not acknowledged in time (level 2)',
      'Escalation status update overdue (level 2)',
    ]);
    for (const alert of alerts({ nextReminderAt })) {
      expect(describeChange(alert).details).toEqual([
        { label: 'Was due', value: 'Fri 27 Nov 2026, 14:00 UTC' },
        { label: 'Next reminder', value: 'Fri 27 Nov 2026, 18:00 UTC' },
      ]);
    }
  });

  it('given a reminder, then its headline says it is still missing and which reminder it is', () => {
    expect(headlines({ reminder: 3, nextReminderAt })).toEqual([
      'Escalation still not acknowledged in time (level 2, reminder 3)',
      'Escalation status update still overdue (level 2, reminder 3)',
    ]);
  });

  it("given who has the case, then the overdue acknowledgement's alert says so, and that they were not told when they were not (finding F3)", () => {
    const [acknowledgement, statusUpdate] = alerts({ nextReminderAt });
    const assignedLine = (assignedTo: DescribeOptions['assignedTo']) =>
      describeChange(acknowledgement, { assignedTo }).details[0];
    expect(assignedLine({ assignee: 'ed@vendor.example' })).toEqual({
      label: 'Assigned to',
      value: 'ed@vendor.example',
    });
    expect(assignedLine({ assignee: null })).toEqual({ label: 'Assigned to', value: 'nobody' });
    expect(assignedLine({ assignee: 'olga@outsider.example', notTold: 'not-vouched' })).toEqual({
      label: 'Assigned to',
      value: 'olga@outsider.example (not vouched for as staff, not told: reassign or acknowledge)',
    });
    expect(assignedLine({ assignee: 'carla@vendor.example', notTold: 'out-of-sight' })).toEqual({
      label: 'Assigned to',
      value: 'carla@vendor.example (can no longer see the case, not told: reassign or acknowledge)',
    });
    // The status update's alert has its "Owed by" line instead.
    expect(
      describeChange(statusUpdate, { assignedTo: { assignee: 'ed@vendor.example' } }).details.map(
        (detail) => detail.label,
      ),
    ).not.toContain('Assigned to');
  });

  it('given an alert recorded before reminders existed, then it reads as before', () => {
    expect(headlines({})).toEqual([
      'Escalation not acknowledged in time (level 2)',
      'Escalation status update overdue (level 2)',
    ]);
    for (const alert of alerts({})) {
      expect(describeChange(alert).details).toEqual([
        { label: 'Was due', value: 'Fri 27 Nov 2026, 14:00 UTC' },
      ]);
    }
  });
});
