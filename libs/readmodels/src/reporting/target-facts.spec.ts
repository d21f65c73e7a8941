import { caseDecider, fold, type CaseCommand, type CaseEvent, type OpenedCase } from '@casetrail/domain';
import { actors, calendar, commands, historyOf } from '@casetrail/domain/cases/testing/case-fixtures';
import { caseDetail } from '../cases/case-detail';
import { caseDocument, NEVER } from '../cases/cases.projection';
import { nextCaseFacts, type SlaCaseFacts } from './sla-case-facts';
import { atRiskFrom, targetFacts } from './target-facts';
import { NO_DEADLINE } from './reporting-collections';

/**
 * A paused target is not at risk: the case awaits the customer and nobody at the vendor can act on
 * it. The case detail, the SLA dashboard and the engineers' at-risk queue must say the same.
 */
function views(events: CaseEvent[], now: string) {
  const state = fold(caseDecider, events) as OpenedCase;
  const facts = events.reduce<SlaCaseFacts | undefined>(nextCaseFacts, undefined)!;
  const doc = caseDocument(state, { revision: events.length - 1, id: 'e' }, false);
  return {
    caseDetail: caseDetail(state, events.length - 1, now, calendar).sla.resolution.atRisk,
    // SLA dashboard: `atRiskFrom <= now < unmetDueAt` (sla-case-facts.ts).
    dashboard: facts.atRiskFrom <= now && now < facts.unmetDueAt,
    // The at-risk queue's condition (apps/api/src/queues/queue-definitions.ts), restated.
    queue: doc.active && doc.nextAtRiskAt <= now && now < doc.nextDueAt && doc.nextDueAt < NEVER,
  };
}

describe('at risk while the case awaits the customer', () => {
  // Severity 3 opened Monday 3 June 09:00, answered at 09:30: resolution at risk from Tuesday 25 June
  // 03:00 (15.75 of 21 business days), due Tuesday 2 July 09:00.
  const requestInformation: CaseCommand = {
    type: 'RequestInformation',
    caseId: 'case-1',
    actor: actors.engineer,
    at: '2024-06-26T09:00:00.000Z',
  };
  const answered = historyOf([commands.openCase(), commands.comment()]);
  const awaiting = historyOf([commands.openCase(), commands.comment(), requestInformation]);
  const resumed = historyOf([
    commands.openCase(),
    commands.comment(),
    requestInformation,
    commands.comment({ actor: actors.alice, commentId: 'c-2', at: '2024-06-28T09:00:00.000Z' }),
  ]);

  it('given the resolution clock is running past its at-risk instant, then all three say at risk', () => {
    const state = fold(caseDecider, answered) as OpenedCase;
    expect(state.targets.resolution.atRiskAt).toBe('2024-06-25T03:00:00.000Z');
    expect(views(answered, '2024-06-26T08:00:00.000Z')).toEqual({
      caseDetail: true,
      dashboard: true,
      queue: true,
    });
  });

  it('given the clock paused after its at-risk instant, then none says at risk, however long the pause', () => {
    expect(views(awaiting, '2024-06-26T09:00:00.000Z')).toEqual({
      caseDetail: false,
      dashboard: false,
      queue: false,
    });
    expect(views(awaiting, '2024-08-01T00:00:00.000Z')).toEqual({
      caseDetail: false,
      dashboard: false,
      queue: false,
    });
  });

  it('given the customer answered, then all three say at risk again at once (its at-risk instant has passed)', () => {
    expect(views(resumed, '2024-06-28T09:00:00.000Z')).toEqual({
      caseDetail: true,
      dashboard: true,
      queue: true,
    });
  });

  it('atRiskFrom: a running target from its at-risk instant, a paused one never', () => {
    const running = (fold(caseDecider, answered) as OpenedCase).targets.resolution;
    const paused = (fold(caseDecider, awaiting) as OpenedCase).targets.resolution;
    expect(atRiskFrom(targetFacts(running))).toBe('2024-06-25T03:00:00.000Z');
    expect(paused.state).toBe('paused');
    expect(atRiskFrom(targetFacts(paused))).toBe(NO_DEADLINE);
  });
});
