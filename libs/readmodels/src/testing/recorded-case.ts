import {
  caseDecider,
  type CaseCommand,
  type CaseDecisionContext,
  type CaseEvent,
  type CaseState,
} from '@casetrail/domain';
import { CASE_ID, context } from '@casetrail/domain/cases/testing/case-fixtures';
import type { RecordedEvent } from '@casetrail/eventstore';

/** Decides `steps` on the fixtures' case and records the events as a store would (revisions, positions). */
export function recordedCase(
  steps: CaseCommand[],
  firstPosition = 1,
  decisionContext: CaseDecisionContext = context(),
): RecordedEvent[] {
  let state: CaseState = caseDecider.initialState;
  const events: CaseEvent[] = [];
  for (const command of steps) {
    const decided = caseDecider.decide(command, state, decisionContext);
    state = decided.reduce(caseDecider.evolve, state);
    events.push(...decided);
  }
  return events.map((event, revision) => ({
    id: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
    stream: `case-${CASE_ID}`,
    revision,
    position: firstPosition + revision,
    type: event.type,
    data: event.data,
    metadata: { actor: event.data.by, correlationId: 'c', schemaVersion: 1 },
    recordedAt: event.data.at,
  }));
}
