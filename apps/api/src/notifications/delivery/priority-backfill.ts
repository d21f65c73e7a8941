import type { ReadModelStore } from '@casetrail/readmodels';
import { NOTIFICATION_OUTBOX, type OutboxNotification } from '@casetrail/readmodels/notifications';
import type { DeliveryJournal } from './delivery-journal';
import { deliveryPriorityOf, ROUTINE_PRIORITY, type DeliveryPriority } from './delivery-priority';
import { NOTIFICATION_DELIVERIES, type DeliveryRecord } from './delivery-record';

/**
 * Gives pending records without a priority one, from their outbox rows (pending rows are never
 * pruned): those adopted before priorities existed, or by an older process in a rolling upgrade.
 * Left without, they would go first (an absent value sorts before any number). A record whose
 * row is missing (the outbox being rebuilt) is routine. One indexed read when there are none.
 */
export async function prioritizeUnprioritized(
  readModels: ReadModelStore,
  journal: DeliveryJournal,
  pageSize = 500,
): Promise<number> {
  let total = 0;
  for (;;) {
    const { items } = await readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES, {
      where: { status: 'pending', priority: null },
      limit: pageSize,
    });
    if (items.length === 0) return total;
    const priorities = new Map<string, DeliveryPriority>();
    for (const record of items) {
      const row = await readModels.get<OutboxNotification>(NOTIFICATION_OUTBOX, record.id);
      priorities.set(record.id, row ? deliveryPriorityOf(row) : ROUTINE_PRIORITY);
    }
    const assigned = await journal.assignPriorities(priorities);
    // None assigned: another worker gave them theirs meanwhile; the next read finds the rest.
    total += assigned;
    if (assigned === 0 && items.length < pageSize) return total;
  }
}
