import type { SqliteReadModelStore } from '@casetrail/readmodels';
import { CASES, casesProjection, type CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import { DESK_CASES, DESK_NOW, projectedDesk } from '@casetrail/readmodels/testing/at-risk-desk';
import { QUEUE_ORDER, queueFilter, type QueueName } from './queue-definitions';

/**
 * The queues' conditions as the store answers them, on the cases read model the real projection
 * writes, at the instant the queue is read (DESK_NOW): no event is recorded in between.
 */
describe('engineer queues at query time', () => {
  let store: SqliteReadModelStore;

  beforeAll(async () => {
    store = await projectedDesk(casesProjection);
  });
  afterAll(() => store.close());

  const queue = async (name: QueueName, now = DESK_NOW) => {
    const filter = queueFilter(name, now, 'eve@vendor.example');
    const page = await store.find<CaseDocument>(CASES, { ...filter, orderBy: QUEUE_ORDER });
    return page.items.map((doc) => doc.id);
  };

  describe('at-risk', () => {
    it('lists a case whose resolution is at risk while its first response is already overdue, in priority order', async () => {
      expect(await queue('at-risk')).toEqual([
        // Earliest due first: the overdue first response (4 June), then 26 June, then 2 July.
        DESK_CASES.firstResponseOverdueResolutionAtRisk,
        DESK_CASES.firstResponseAtRisk,
        DESK_CASES.resolutionAtRisk,
      ]);
    });

    it('leaves out cases whose only unmet target is past due, cases not yet at risk, and a paused target', async () => {
      const atRisk = await queue('at-risk');
      expect(atRisk).not.toContain(DESK_CASES.firstResponseOverdueOnly);
      expect(atRisk).not.toContain(DESK_CASES.resolutionOverdueOnly);
      expect(atRisk).not.toContain(DESK_CASES.notYetAtRisk);
      // Awaiting the customer since after its at-risk instant: nobody at the vendor can act on it.
      expect(atRisk).not.toContain(DESK_CASES.pausedPastAtRisk);
    });

    it('follows the clock: a target leaves the queue when it falls due and joins it at its at-risk instant', async () => {
      // 12:00: the first response of the case opened yesterday falls due (breaching now, not at risk).
      expect(await queue('at-risk', '2024-06-26T12:00:00.000Z')).not.toContain(
        DESK_CASES.firstResponseAtRisk,
      );
      expect(await queue('at-risk', '2024-06-26T11:59:59.999Z')).toContain(DESK_CASES.firstResponseAtRisk);
      // Tomorrow 01:00: the case opened today comes at risk.
      expect(await queue('at-risk', '2024-06-27T01:00:00.000Z')).toContain(DESK_CASES.notYetAtRisk);
      // 2 July 09:00: the resolution falls due; the case with the overdue first response leaves too.
      expect(await queue('at-risk', '2024-07-02T09:00:00.000Z')).not.toContain(
        DESK_CASES.firstResponseOverdueResolutionAtRisk,
      );
    });
  });

  it('breaching lists every case with a target past due, the one at risk too', async () => {
    expect(await queue('breaching')).toEqual([
      DESK_CASES.firstResponseOverdueResolutionAtRisk,
      DESK_CASES.resolutionOverdueOnly,
      DESK_CASES.firstResponseOverdueOnly,
    ]);
  });
});
