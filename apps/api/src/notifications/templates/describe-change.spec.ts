import { describeChange } from './describe-change';

describe('describeChange', () => {
  it('shows the instants a change names in the case time zone too', () => {
    const change = describeChange(
      {
        type: 'SlaTargetAtRisk',
        data: {
          caseId: 'case-1',
          target: 'resolution',
          dueAt: '2026-11-27T17:14:00.000Z',
          atRiskAt: '2026-11-26T17:14:00.000Z',
          at: '2026-11-26T17:14:00.000Z',
          by: 'system:sla',
        },
      },
      { audience: 'staff', timeZone: 'America/Los_Angeles' },
    );
    expect(change.details).toEqual([{ label: 'Due', value: 'Fri 27 Nov 2026, 09:14 PST (17:14 UTC)' }]);
  });
});
