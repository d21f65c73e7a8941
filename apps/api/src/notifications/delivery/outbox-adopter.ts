import type { ReadModelStore } from '@casetrail/readmodels';
import {
  NOTIFICATION_OUTBOX,
  NOTIFICATIONS_OUTBOX_PROJECTION,
  type OutboxNotification,
} from '@casetrail/readmodels/notifications';
import type { DeliveryJournal } from './delivery-journal';

/**
 * Gives new outbox rows a delivery record, in event-position order, moving a cursor that only
 * ever covers rows actually seen. Rows are read only up to the outbox projection's checkpoint,
 * which moves after a batch's rows are stored (on every adapter), so no row of a half-stored batch
 * is skipped. A rebuild of the outbox empties it and refills it below the cursor: those rows
 * already have records, or are never adopted again, so a rebuild mails no one.
 *
 * Returns how many records it created; call until it returns 0 to drain.
 */
export async function adoptNewNotifications(
  readModels: ReadModelStore,
  journal: DeliveryJournal,
  now: string,
  pageSize: number,
): Promise<number> {
  const cursor = await journal.cursorPosition();
  const checkpoint = await readModels.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION);
  if (checkpoint <= cursor) return 0;
  const page = await readModels.find<OutboxNotification>(NOTIFICATION_OUTBOX, {
    where: { position: { gt: cursor, lte: checkpoint } },
    orderBy: [{ field: 'position', direction: 'asc' }],
    limit: pageSize,
  });
  if (page.items.length === 0) return 0;
  const rows = page.nextCursor ? await wholeEventsOf(readModels, page.items) : page.items;
  return journal.adopt(rows, rows[rows.length - 1].position, now);
}

/**
 * A page may end in the middle of one event's recipients: keep only whole events, so the cursor
 * (a position) never passes a row it has not seen. A page holding a single event is read whole.
 */
async function wholeEventsOf(
  readModels: ReadModelStore,
  page: OutboxNotification[],
): Promise<OutboxNotification[]> {
  const last = page[page.length - 1].position;
  const complete = page.filter((row) => row.position < last);
  if (complete.length > 0) return complete;
  return (await readModels.find<OutboxNotification>(NOTIFICATION_OUTBOX, { where: { position: last } }))
    .items;
}
