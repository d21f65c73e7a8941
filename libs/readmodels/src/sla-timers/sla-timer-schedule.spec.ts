import type { CaseTimer } from '@casetrail/domain';
import { commands, historyOf } from '@casetrail/domain/cases/testing/case-fixtures';
import { caseDecider, fold } from '@casetrail/domain';
import { slaTimerDocuments, slaTimerKind } from './sla-timer-schedule';

describe('slaTimerKind', () => {
  const at = '2024-06-04T09:00:00.000Z';
  it.each<[CaseTimer, string]>([
    [
      { kind: 'sla-target-at-risk', target: 'first-response', dueAt: at, fireAt: at },
      'first-response-at-risk',
    ],
    [{ kind: 'sla-target-breach', target: 'first-response', dueAt: at, fireAt: at }, 'first-response-breach'],
    [{ kind: 'sla-target-at-risk', target: 'resolution', dueAt: at, fireAt: at }, 'resolution-at-risk'],
    [{ kind: 'sla-target-breach', target: 'resolution', dueAt: at, fireAt: at }, 'resolution-breach'],
    [{ kind: 'escalation-acknowledgement-overdue', dueAt: at, fireAt: at }, 'escalation-acknowledgement'],
    [{ kind: 'escalation-status-update-overdue', dueAt: at, fireAt: at }, 'escalation-status-update'],
    [{ kind: 'auto-close', dueAt: at, fireAt: at }, 'auto-close'],
  ])('names %j %s', (timer, kind) => {
    expect(slaTimerKind(timer)).toBe(kind);
  });
});

describe('slaTimerDocuments', () => {
  it('derives nothing for a case that does not exist', () => {
    expect(slaTimerDocuments({ status: 'none' }, -1, 'event-0')).toEqual([]);
  });

  it('stamps every row with the revision and event it was derived from, fire times in UTC', () => {
    const state = fold(caseDecider, historyOf([commands.openCase()]));
    const rows = slaTimerDocuments(state, 3, 'event-3');
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).toMatchObject({ caseId: 'case-1', caseRevision: 3, scheduledBy: 'event-3' });
      expect(row.fireAt).toBe(new Date(row.fireAt).toISOString());
      expect(row.id).toBe(`case-1|${row.kind}|${row.dueAt}`);
    }
  });
});
