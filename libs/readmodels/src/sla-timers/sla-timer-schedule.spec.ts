import type { CaseTimer } from '@casetrail/domain';
import { commands, historyOf } from '@casetrail/domain/cases/testing/case-fixtures';
import { caseDecider, caseTimers, fold } from '@casetrail/domain';
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
  it('derives nothing for a case without timers', () => {
    expect(slaTimerDocuments({ id: 'case-1', revision: 3, lastEventId: 'event-3', timers: [] })).toEqual([]);
  });

  it('stamps every timer with the revision and event its case row was derived at, fire times in UTC', () => {
    const state = fold(caseDecider, historyOf([commands.openCase()]));
    const timers = caseTimers(state);
    const rows = slaTimerDocuments({ id: 'case-1', revision: 3, lastEventId: 'event-3', timers });
    expect(rows).toHaveLength(4);
    rows.forEach((row, index) => {
      expect(row).toMatchObject({ caseId: 'case-1', caseRevision: 3, scheduledBy: 'event-3' });
      expect(row.timer).toBe(timers[index]);
      expect(row.fireAt).toBe(new Date(row.fireAt).toISOString());
      expect(row.id).toBe(`case-1|${row.kind}|${row.dueAt}`);
    });
  });

  it('writes a fire time given with an offset in UTC with milliseconds', () => {
    const timer: CaseTimer = {
      kind: 'auto-close',
      dueAt: '2024-06-04T12:00:00+03:00',
      fireAt: '2024-06-04T12:00:00+03:00',
    };
    const [row] = slaTimerDocuments({ id: 'case-1', revision: 0, lastEventId: 'e', timers: [timer] });
    expect(row.fireAt).toBe('2024-06-04T09:00:00.000Z');
  });
});
