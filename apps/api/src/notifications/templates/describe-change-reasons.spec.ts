import type { CaseEvent } from '@casetrail/domain';
import { openedHistory } from '@casetrail/domain/cases/testing/case-fixtures';
import { describeChange } from './describe-change';

const [opened] = openedHistory();
const TARGETS = opened.type === 'CaseOpened' ? opened.data.targets : undefined!;

/**
 * A reason given with a change that needs none (a share, an unshare, a closure, an assignment) is
 * shown as the required ones are (a severity change's, a reopening's): a `Reason` detail. Events
 * without one (all those recorded before reasons were taken) are described as before.
 */
describe('describeChange: optional reasons', () => {
  const base = { caseId: 'case-1', at: '2026-11-27T10:00:00.000Z', by: 'eve@vendor.example' };
  const changes = (reason?: string): CaseEvent[] => {
    const given = reason === undefined ? {} : { reason };
    return [
      { type: 'CaseShared', data: { ...base, email: 'dora@acme.example', name: 'Dora', ...given } },
      { type: 'CaseUnshared', data: { ...base, email: 'dora@acme.example', ...given } },
      { type: 'CaseClosed', data: { ...base, automatic: false, ...given } },
      {
        type: 'EngineerAssigned',
        data: { ...base, engineer: 'oscar@vendor.example', previousEngineer: 'eve@vendor.example', ...given },
      },
      { type: 'InformationRequested', data: { ...base, body: 'Logs?', targets: TARGETS, ...given } },
      {
        type: 'EscalationAcknowledged',
        data: { ...base, level: 1, nextStatusUpdateDueAt: '2026-11-27T14:00:00.000Z', ...given },
      },
    ];
  };

  it.each(changes('Left the project').map((change) => [change.type, change]))(
    '%s shows the reason given',
    (_type, change) => {
      expect(describeChange(change as CaseEvent).details).toContainEqual({
        label: 'Reason',
        value: 'Left the project',
      });
    },
  );

  it('without a reason no Reason detail is shown', () => {
    const details = changes().map((change) => describeChange(change).details);
    expect(details.slice(0, 5)).toEqual([[], [], [], [], []]);
    expect(details[5]).not.toContainEqual(expect.objectContaining({ label: 'Reason' }));
  });

  it('a reassignment names both engineers once, in its headline, and its details add only the reason', () => {
    const reassigned = describeChange(changes('Hand-over')[3]);
    expect(reassigned.headline).toBe('Case reassigned from eve@vendor.example to oscar@vendor.example');
    // Before, a "Previously: eve@vendor.example" detail repeated the headline's first name.
    expect(reassigned.details).toEqual([{ label: 'Reason', value: 'Hand-over' }]);
  });
});
