import {
  caseDecider,
  fold,
  type CaseCommand,
  type CaseEvent,
  type OpenedCase,
  type SlaTarget,
} from '@casetrail/domain';
import { actors, calendar, commands, historyOf } from '@casetrail/domain/cases/testing/case-fixtures';
import { caseDetail } from '../cases/case-detail';
import { caseDocument } from '../cases/cases.projection';
import { matchesConditions } from '../documents/where-matcher';
import { parseWhere } from '../documents/where-conditions';
import type { Scalar, Where } from '../read-model-store.port';
import { nextCaseFacts, type SlaCaseFacts } from '../reporting/sla-case-facts';
import { atRiskAt, atRiskWindows, earliestAtRiskFrom, NOT_AT_RISK } from './at-risk-windows';

/** Whether a stored row matches some alternative, as the stores evaluate `anyOf`. */
function matchesSome(row: object, alternatives: Where[]): boolean {
  const values = row as Record<string, Scalar>;
  return alternatives.some((where) =>
    matchesConditions(
      values,
      parseWhere('rows', where, () => true),
    ),
  );
}

/**
 * The case detail, the SLA dashboard and the engineers' at-risk queue must say the same about a
 * case being at risk.
 */
function views(events: CaseEvent[], now: string) {
  const state = fold(caseDecider, events) as OpenedCase;
  const facts = events.reduce<SlaCaseFacts | undefined>(nextCaseFacts, undefined)!;
  const doc = caseDocument(state, { revision: events.length - 1, id: 'e' }, false);
  const detail = caseDetail(state, events.length - 1, now, calendar).sla;
  return {
    caseDetail: detail.firstResponse.atRisk || detail.resolution.atRisk,
    // SLA dashboard (sla-dashboard.service.ts): some target's window of the `sla_cases` row holds
    // now; `atRiskFrom` only narrows the rows to check.
    dashboard: facts.atRiskFrom <= now && matchesSome(facts, atRiskAt(now)),
    // The at-risk queue's conditions (apps/api/src/queues/queue-definitions.ts), restated.
    queue: doc.active && doc.nextAtRiskAt <= now && matchesSome(doc, atRiskAt(now)),
  };
}

const AT_RISK = { caseDetail: true, dashboard: true, queue: true };
const NOT_AT_RISK_ANYWHERE = { caseDetail: false, dashboard: false, queue: false };

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
    expect(views(answered, '2024-06-26T08:00:00.000Z')).toEqual(AT_RISK);
  });

  it('given the clock paused after its at-risk instant, then none says at risk, however long the pause', () => {
    expect(views(awaiting, '2024-06-26T09:00:00.000Z')).toEqual(NOT_AT_RISK_ANYWHERE);
    expect(views(awaiting, '2024-08-01T00:00:00.000Z')).toEqual(NOT_AT_RISK_ANYWHERE);
  });

  it('given the customer answered, then all three say at risk again at once (its at-risk instant has passed)', () => {
    expect(views(resumed, '2024-06-28T09:00:00.000Z')).toEqual(AT_RISK);
  });
});

describe('at risk while the other target is overdue', () => {
  // Severity 3 opened Monday 3 June 09:00 and never answered: first response due Tuesday 4 June
  // 09:00; resolution at risk from Tuesday 25 June 03:00, due Tuesday 2 July 09:00.
  const unanswered = historyOf([commands.openCase()]);
  const breachRecorded = historyOf([
    commands.openCase(),
    {
      type: 'RecordSlaTargetBreach',
      caseId: 'case-1',
      actor: actors.system,
      at: '2024-06-04T09:00:00.000Z',
      target: 'first-response',
      dueAt: '2024-06-04T09:00:00.000Z',
    },
  ]);

  it('given the first response overdue and its breach recorded, then all three say at risk once the resolution is', () => {
    expect(breachRecorded.at(-1)?.type).toBe('SlaTargetBreached');
    expect(views(breachRecorded, '2024-06-25T02:59:59.999Z')).toEqual(NOT_AT_RISK_ANYWHERE);
    expect(views(breachRecorded, '2024-06-26T08:00:00.000Z')).toEqual(AT_RISK);
    expect(views(breachRecorded, '2024-07-02T09:00:00.000Z')).toEqual(NOT_AT_RISK_ANYWHERE);
  });

  it('given the first response overdue before any breach is recorded, then all three say the same', () => {
    expect(views(unanswered, '2024-06-26T08:00:00.000Z')).toEqual(AT_RISK);
    expect(views(unanswered, '2024-06-04T09:00:00.000Z')).toEqual(NOT_AT_RISK_ANYWHERE);
  });
});

describe('at-risk windows', () => {
  const target = (state: SlaTarget['state']) => ({
    state,
    atRiskAt: '2024-06-25T03:00:00.000Z',
    dueAt: '2024-07-02T09:00:00.000Z',
  });

  it('are a running target of an active case from its at-risk instant until its due time', () => {
    const windows = atRiskWindows({ firstResponse: target('met'), resolution: target('running') }, true);
    expect(windows).toEqual({
      firstResponseAtRiskFrom: NOT_AT_RISK,
      firstResponseAtRiskUntil: NOT_AT_RISK,
      resolutionAtRiskFrom: '2024-06-25T03:00:00.000Z',
      resolutionAtRiskUntil: '2024-07-02T09:00:00.000Z',
    });
    expect(earliestAtRiskFrom(windows)).toBe('2024-06-25T03:00:00.000Z');
  });

  it('are none for a paused, met or breached target, and for any target of a case no longer active', () => {
    const none = {
      firstResponseAtRiskFrom: NOT_AT_RISK,
      firstResponseAtRiskUntil: NOT_AT_RISK,
      resolutionAtRiskFrom: NOT_AT_RISK,
      resolutionAtRiskUntil: NOT_AT_RISK,
    };
    expect(atRiskWindows({ firstResponse: target('breached'), resolution: target('paused') }, true)).toEqual(
      none,
    );
    expect(atRiskWindows({ firstResponse: target('met'), resolution: target('breached') }, true)).toEqual(
      none,
    );
    expect(atRiskWindows({ firstResponse: target('running'), resolution: target('running') }, false)).toEqual(
      none,
    );
    expect(earliestAtRiskFrom(none)).toBe(NOT_AT_RISK);
  });
});
