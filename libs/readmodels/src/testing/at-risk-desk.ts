import type { CaseCommand } from '@casetrail/domain';
import { actors, commands } from '@casetrail/domain/cases/testing/case-fixtures';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { Projection } from '../projections/projection';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { recordedCase } from './recorded-case';

/**
 * Wednesday 26 June 2024, 08:00 UTC: when the at-risk queue and the SLA dashboard look at the desk.
 * The default calendar (Monday to Friday, all day, UTC); every case is severity 3: first response
 * due one business day after opening (at risk after 18 hours), resolution 21 business days (at
 * risk after 15.75).
 */
export const DESK_NOW = '2024-06-26T08:00:00.000Z';

/**
 * One case per way of standing against "at risk" at `DESK_NOW`, named after it. The first is the
 * one an earliest-deadline rule left out: its first response is overdue, so its earliest due time
 * has passed, while its resolution is at risk.
 */
export const DESK_CASES = {
  /** Opened Monday 3 June, never answered (breach recorded 4 June); resolution at risk since 25 June 03:00. */
  firstResponseOverdueResolutionAtRisk: 'a-first-response-overdue-resolution-at-risk',
  /** Opened Tuesday 25 June 12:00: first response due today at 12:00, at risk since 06:00. */
  firstResponseAtRisk: 'b-first-response-at-risk',
  /** Opened Monday 3 June, answered at once: resolution at risk since 25 June 03:00, due 2 July 09:00. */
  resolutionAtRisk: 'c-resolution-at-risk',
  /** Opened Thursday 20 June, never answered (breach recorded 21 June): resolution not yet at risk. */
  firstResponseOverdueOnly: 'd-first-response-overdue-only',
  /** Opened Monday 20 May, answered at once: resolution overdue since 18 June (breach recorded). */
  resolutionOverdueOnly: 'e-resolution-overdue-only',
  /** Opened today at 07:00: first response at risk from tomorrow 01:00. */
  notYetAtRisk: 'f-not-yet-at-risk',
  /** Opened Monday 3 June, answered; awaiting the customer since 25 June 12:00, after its at-risk instant. */
  pausedPastAtRisk: 'g-paused-past-at-risk',
} as const;

const open = (caseId: string, at: string) => commands.openCase({ caseId, at, severity: 3 });
const answer = (caseId: string, at: string) => commands.comment({ caseId, at });
const breach = (caseId: string, target: 'first-response' | 'resolution', dueAt: string): CaseCommand => ({
  type: 'RecordSlaTargetBreach',
  caseId,
  actor: actors.system,
  at: dueAt,
  target,
  dueAt,
});

function deskSteps(): CaseCommand[][] {
  const ids = DESK_CASES;
  return [
    [
      open(ids.firstResponseOverdueResolutionAtRisk, '2024-06-03T09:00:00.000Z'),
      breach(ids.firstResponseOverdueResolutionAtRisk, 'first-response', '2024-06-04T09:00:00.000Z'),
    ],
    [open(ids.firstResponseAtRisk, '2024-06-25T12:00:00.000Z')],
    [
      open(ids.resolutionAtRisk, '2024-06-03T09:00:00.000Z'),
      answer(ids.resolutionAtRisk, '2024-06-03T09:30:00.000Z'),
    ],
    [
      open(ids.firstResponseOverdueOnly, '2024-06-20T09:00:00.000Z'),
      breach(ids.firstResponseOverdueOnly, 'first-response', '2024-06-21T09:00:00.000Z'),
    ],
    [
      open(ids.resolutionOverdueOnly, '2024-05-20T09:00:00.000Z'),
      answer(ids.resolutionOverdueOnly, '2024-05-20T09:30:00.000Z'),
      breach(ids.resolutionOverdueOnly, 'resolution', '2024-06-18T09:00:00.000Z'),
    ],
    [open(ids.notYetAtRisk, '2024-06-26T07:00:00.000Z')],
    [
      open(ids.pausedPastAtRisk, '2024-06-03T09:00:00.000Z'),
      answer(ids.pausedPastAtRisk, '2024-06-03T09:30:00.000Z'),
      {
        type: 'RequestInformation',
        caseId: ids.pausedPastAtRisk,
        actor: actors.engineer,
        at: '2024-06-25T12:00:00.000Z',
      },
    ],
  ];
}

/** The desk's events as a store records them: each case its own stream, positions one after another. */
export function recordedDesk(): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (const steps of deskSteps()) {
    const caseId = steps[0].caseId;
    const recorded = recordedCase(steps, events.length + 1).map((event) => ({
      ...event,
      id: `${caseId}-${event.revision}`,
      stream: `case-${caseId}`,
    }));
    events.push(...recorded);
  }
  return events;
}

/** An in-memory SQLite store with the desk applied by `projection`, the real one the product runs. */
export async function projectedDesk(projection: Projection): Promise<SqliteReadModelStore> {
  const store = new SqliteReadModelStore(':memory:');
  await store.ensureCollections(projection.collections);
  await store.applyBatch(projection.name, recordedDesk(), (event, tx) => projection.apply(event, tx));
  return store;
}
