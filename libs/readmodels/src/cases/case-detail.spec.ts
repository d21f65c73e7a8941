import { caseDecider, fold, type CaseCommand, type OpenedCase } from '@casetrail/domain';
import {
  actors,
  calendar,
  commands,
  historyOf,
  plus,
  T0,
} from '@casetrail/domain/cases/testing/case-fixtures';
import { caseDetail } from './case-detail';

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
  const resolvedWhileEscalated = [
    commands.openCase(),
    commands.comment(),
    commands.escalate(),
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
