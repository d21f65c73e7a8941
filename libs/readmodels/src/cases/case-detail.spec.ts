import { caseDecider, fold, type CaseCommand, type OpenedCase } from '@casetrail/domain';
import {
  actors,
  calendar,
  commands,
  historyOf,
  plus,
  T0,
} from '@casetrail/domain/cases/testing/case-fixtures';
import { caseDetail, casePriority, PRIORITY_RANKS } from './case-detail';

const deEscalate: CaseCommand = {
  type: 'DeEscalate',
  caseId: 'case-1',
  actor: actors.engineer,
  at: plus(T0, { days: 1, hours: 2 }),
  reason: 'The customer is satisfied with the fix',
};

function detailAfter(steps: CaseCommand[], now: string) {
  const state = fold(caseDecider, historyOf(steps)) as OpenedCase;
  return caseDetail(state, 0, now, calendar);
}

describe('case detail: automatic closure of a resolved case', () => {
  const resolvedWhileEscalated: CaseCommand[] = [
    commands.openCase(),
    commands.comment(),
    commands.escalate(),
    { type: 'AcknowledgeEscalation', caseId: 'case-1', actor: actors.engineer, at: plus(T0, { hours: 2 }) },
    commands.resolve(),
  ];
  const later = plus(T0, { days: 30 });

  it('says the closure waits for the de-escalation while an escalation is open, even after autoCloseAt', () => {
    const detail = detailAfter(resolvedWhileEscalated, later);
    expect(detail.status).toBe('resolved');
    expect(detail.autoCloseAt! < later).toBe(true);
    expect(detail.autoCloseWaitsFor).toBe('de-escalation');
  });

  it('promises the closure at autoCloseAt alone once nothing holds it', () => {
    expect(detailAfter([...resolvedWhileEscalated, deEscalate], later)).not.toHaveProperty(
      'autoCloseWaitsFor',
    );
    const detail = detailAfter([commands.openCase(), commands.comment(), commands.resolve()], later);
    expect(detail.autoCloseAt).toBeDefined();
    expect(detail).not.toHaveProperty('autoCloseWaitsFor');
  });
});

describe("case detail: an ended escalation's block (finding U2)", () => {
  it('keeps who acknowledged it and when, and its last status update, and says who ended it', () => {
    const acknowledgedAt = plus(T0, { days: 1 });
    const updatedAt = plus(T0, { days: 1, hours: 1 });
    const detail = detailAfter(
      [
        commands.openCase(),
        commands.escalate(),
        { type: 'AcknowledgeEscalation', caseId: 'case-1', actor: actors.engineer, at: acknowledgedAt },
        {
          type: 'PostEscalationStatusUpdate',
          caseId: 'case-1',
          actor: actors.engineer,
          at: updatedAt,
          body: 'Patch deployed to staging',
        },
        deEscalate,
      ],
      plus(T0, { days: 2 }),
    );
    expect(detail.escalation).toEqual({
      level: 1,
      status: 'de-escalated',
      reason: expect.any(String),
      details: expect.any(String),
      escalatedAt: expect.any(String),
      escalatedBy: expect.any(String),
      acknowledgedAt,
      acknowledgedBy: actors.engineer.email,
      lastStatusUpdateAt: updatedAt,
      endedAt: deEscalate.at,
      endReason: 'The customer is satisfied with the fix',
      endedBy: actors.engineer.email,
    });
  });
});

describe('case detail: a redirected case', () => {
  it("says its resolution clock was stopped by the referral, so 'met' is not read as resolved", () => {
    const redirect: CaseCommand = {
      type: 'RedirectCase',
      caseId: 'case-1',
      actor: actors.engineer,
      at: plus(T0, { hours: 2 }),
      to: 'consulting',
      referral: 'A custom implementation is consulting work',
    };
    const detail = detailAfter([commands.openCase(), redirect], plus(T0, { days: 1 }));
    expect(detail.sla.resolution).toMatchObject({ state: 'met', stoppedBy: 'redirection' });
    expect(detailAfter([commands.openCase()], T0).sla.resolution).not.toHaveProperty('stoppedBy');
  });
});

describe('priority ranks', () => {
  // The breaching queue names every rank (queue-definitions.ts): a rank missing here would drop
  // every overdue case of that kind from it.
  it('PRIORITY_RANKS holds the rank of every kind of case, most urgent first', () => {
    const ranks = [true, false].flatMap((missionCritical) =>
      [undefined, commands.escalate()].flatMap((escalation) =>
        ([1, 2, 3] as const).map((severity) => {
          const steps = [commands.openCase(), ...(escalation ? [escalation] : [])];
          const state = fold(caseDecider, historyOf(steps)) as OpenedCase;
          return casePriority({ ...state, missionCritical, severity }).rank;
        }),
      ),
    );
    expect([...PRIORITY_RANKS]).toEqual([...new Set(ranks)].sort((a, b) => a - b));
    expect(PRIORITY_RANKS).toHaveLength(12);
  });
});
