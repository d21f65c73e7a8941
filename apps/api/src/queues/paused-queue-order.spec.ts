import type { CaseCommand } from '@casetrail/domain';
import { actors, commands } from '@casetrail/domain/cases/testing/case-fixtures';
import type { RecordedEvent } from '@casetrail/eventstore';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { CASES, casesProjection, type CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import { recordedCase } from '@casetrail/readmodels/testing/recorded-case';
import { QUEUE_ORDER, queueFilter, type QueueName } from './queue-definitions';

/**
 * Severity 3 cases on the default calendar (Monday to Friday, all day, UTC; resolution 21 business
 * days), all awaiting the customer since Tuesday 25 June 12:00 but one. Ids run against the order
 * the queues should give, as the hash ids of cases opened with an Idempotency-Key may.
 */
const CASE_IDS = {
  /** Opened Monday 3 June: resolution due 2 July 09:00, about 7 days left when paused. */
  leastLeft: 'z-least-left',
  /** Opened Thursday 20 June: resolution due 19 July 09:00, about 24 days left when paused. */
  moreLeft: 'a-more-left',
  /** Opened Saturday 22 June: the clock starts Monday 00:00, as the Sunday case's does. */
  openedSaturday: 'y-opened-saturday',
  openedSunday: 'b-opened-sunday',
  /** Opened Tuesday 25 June and still running: due after every paused case's frozen due time. */
  running: 'zz-running',
  /** New over the weekend of 22-23 June: both first responses are due the same instant. */
  newOnSaturday: 'x-new-on-saturday',
  newOnSunday: 'c-new-on-sunday',
} as const;

const PAUSED_AT = '2024-06-25T12:00:00.000Z';
const NOW = '2024-06-26T08:00:00.000Z';

function awaitingCustomer(caseId: string, openedAt: string, answeredAt: string): CaseCommand[] {
  return [
    commands.openCase({ caseId, at: openedAt }),
    commands.comment({ caseId, at: answeredAt }),
    { type: 'RequestInformation', caseId, actor: actors.engineer, at: PAUSED_AT, body: 'Which version?' },
  ];
}

function recordedCases(): RecordedEvent[] {
  const ids = CASE_IDS;
  const cases: CaseCommand[][] = [
    awaitingCustomer(ids.leastLeft, '2024-06-03T09:00:00.000Z', '2024-06-03T09:30:00.000Z'),
    awaitingCustomer(ids.moreLeft, '2024-06-20T09:00:00.000Z', '2024-06-20T09:30:00.000Z'),
    awaitingCustomer(ids.openedSunday, '2024-06-23T10:00:00.000Z', '2024-06-24T09:00:00.000Z'),
    awaitingCustomer(ids.openedSaturday, '2024-06-22T10:00:00.000Z', '2024-06-24T09:00:00.000Z'),
    [
      commands.openCase({ caseId: ids.running, at: '2024-06-25T09:00:00.000Z' }),
      commands.comment({ caseId: ids.running, at: '2024-06-25T09:30:00.000Z' }),
    ],
    [commands.openCase({ caseId: ids.newOnSunday, at: '2024-06-23T08:00:00.000Z' })],
    [commands.openCase({ caseId: ids.newOnSaturday, at: '2024-06-22T08:00:00.000Z' })],
  ];
  const events: RecordedEvent[] = [];
  for (const steps of cases) {
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

describe('queue order of cases awaiting the customer', () => {
  let store: SqliteReadModelStore;

  beforeAll(async () => {
    store = new SqliteReadModelStore(':memory:');
    await store.ensureCollections(casesProjection.collections);
    await store.applyBatch(casesProjection.name, recordedCases(), (event, tx) =>
      casesProjection.apply(event, tx),
    );
  });
  afterAll(() => store.close());

  const queue = async (name: QueueName, limit?: number) => {
    const filter = queueFilter(name, NOW, 'eve@vendor.example');
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.find<CaseDocument>(CASES, { ...filter, orderBy: QUEUE_ORDER, limit, cursor });
      ids.push(...page.items.map((doc) => doc.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  };

  it('puts the case with the least resolution time left first, whatever its id, then the first opened', async () => {
    expect(await queue('awaiting-customer')).toEqual([
      CASE_IDS.leastLeft,
      CASE_IDS.moreLeft,
      // Equal time left: the weekend's clocks both start on Monday.
      CASE_IDS.openedSaturday,
      CASE_IDS.openedSunday,
    ]);
  });

  it('ties the weekend cases on time left, so their order is the opening order', async () => {
    const dueAt = async (caseId: string) =>
      (await store.get<CaseDocument>(CASES, caseId))?.state.targets.resolution.dueAt;
    expect(await dueAt(CASE_IDS.openedSaturday)).toBe('2024-07-23T00:00:00.000Z');
    expect(await dueAt(CASE_IDS.openedSunday)).toBe('2024-07-23T00:00:00.000Z');
  });

  it('pages through the same order one case at a time', async () => {
    expect(await queue('awaiting-customer', 1)).toEqual(await queue('awaiting-customer'));
  });

  it('lists running cases due at the same instant in the order they were opened, whatever their ids', async () => {
    const due = async (caseId: string) => (await store.get<CaseDocument>(CASES, caseId))?.nextDueAt;
    expect(await due(CASE_IDS.newOnSaturday)).toBe(await due(CASE_IDS.newOnSunday));
    const weekend: string[] = [CASE_IDS.newOnSaturday, CASE_IDS.newOnSunday];
    const listed = (await queue('unassigned')).filter((id) => weekend.includes(id));
    expect(listed).toEqual(weekend);
  });

  it('still lists a running case of the same rank before the paused ones in the open queue', async () => {
    expect(await queue('open')).toEqual([
      CASE_IDS.newOnSaturday,
      CASE_IDS.newOnSunday,
      CASE_IDS.running,
      CASE_IDS.leastLeft,
      CASE_IDS.moreLeft,
      CASE_IDS.openedSaturday,
      CASE_IDS.openedSunday,
    ]);
  });
});
