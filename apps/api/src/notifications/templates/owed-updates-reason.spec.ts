import type { CaseNotification, CaseSnapshot } from '@casetrail/readmodels/notifications';
import { owedUpdatesReason } from './owed-updates-reason';

/** Only what the reason reads of a row: its recipient and the case's assignee and escalation. */
const rowTo = (recipient: string, assignee: string | null, escalation?: CaseSnapshot['escalation']) =>
  ({ recipient, case: { assignee, ...(escalation ? { escalation } : {}) } }) as unknown as CaseNotification;

const OSCAR = 'oscar@vendor.example';
const CARLA = 'carla@vendor.example';
const OTTO = 'otto@outsider.example';
const acknowledger = { engineer: OSCAR, as: 'acknowledger' as const };

describe('why the engineer told of a missed status update as owing it gets the mail (finding F4)', () => {
  it('keeps its words on an unassigned case nobody was passed over on', () => {
    expect(owedUpdatesReason(rowTo(OSCAR, null), acknowledger, undefined)).toBe(
      'you acknowledged its escalation or posted its last status update, and so owe its status updates ' +
        'while the case is assigned to nobody',
    );
  });

  it('says why the assignee cannot act on an assigned case, as the Owed by line does', () => {
    expect(owedUpdatesReason(rowTo(OSCAR, CARLA), { ...acknowledger, passedOver: [CARLA] }, undefined)).toBe(
      `you acknowledged its escalation, and so owe its status updates while ${CARLA}, the case's assignee, ` +
        'can no longer see the case',
    );
    expect(owedUpdatesReason(rowTo(OSCAR, OTTO), { ...acknowledger, passedOver: [OTTO] }, OTTO)).toBe(
      `you acknowledged its escalation, and so owe its status updates while ${OTTO}, the case's assignee, ` +
        'is not vouched for as staff',
    );
  });

  it('tells an acknowledger who does not owe them why they hear of it', () => {
    const lastUpdater = { engineer: 'dan@vendor.example', as: 'last-updater' as const, passedOver: [OTTO] };
    expect(owedUpdatesReason(rowTo(OSCAR, OTTO), lastUpdater, OTTO)).toBe(
      `you acknowledged its escalation and ${OTTO}, the case's assignee, is not vouched for as staff`,
    );
  });

  it("names the missed update a raised level's overdue acknowledgement is about", () => {
    const raised = {
      level: 2,
      status: 'awaiting-acknowledgement' as const,
      nextDue: 'acknowledgement' as const,
      nextDueAt: '2024-06-04T09:00:00.000Z',
      overdue: true,
      raisedOverStatusUpdate: { level: 1, escalatedAt: '2024-06-04T08:00:00.000Z', owedBy: OSCAR },
    };
    expect(owedUpdatesReason(rowTo(OSCAR, CARLA, raised), undefined, undefined)).toBe(
      "you owed level 1's missed status update, which this level was raised over",
    );
  });
});
