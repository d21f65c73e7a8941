import type { RowsNeverSent } from '@casetrail/readmodels/notifications';
import {
  NOTIFICATION_DELIVERIES,
  NOTIFICATION_DELIVERY_CURSOR,
  OUTBOX_CURSOR_ID,
  type OutboxCursor,
} from '../delivery/delivery-record';

/**
 * An event at or below the adoption cursor: its rows that have no delivery record will never get
 * one (delivery adopts only rows past the cursor), so the outbox writer need not store them. That
 * is the history before delivery began: `casetrail demo-data`'s, or the log as it stood when the
 * read models were created. Rows that do have a record (an outbox rebuilt below the cursor while
 * some are still pending or retried) are stored as ever: the worker reads them to send.
 *
 * The cursor only moves on (except when `casetrail rebuild` realigns it with a restored log, which
 * moves it back to the log's end, where no event is left unread), and records are made only above
 * it: a row judged "never sent" here can never be adopted later.
 */
export const rowsNeverSentPastCursor: RowsNeverSent = async (recorded, tx) => {
  const cursor = await tx.get<OutboxCursor>(NOTIFICATION_DELIVERY_CURSOR, OUTBOX_CURSOR_ID);
  if (!cursor || recorded.position > cursor.position) return undefined;
  // Row ids are `eventId|recipient` (notificationId): this event's sort between `eventId|` and `eventId}`.
  const withRecords = new Set(
    await tx.findIds(NOTIFICATION_DELIVERIES, { id: { gte: `${recorded.id}|`, lt: `${recorded.id}}` } }),
  );
  return (id) => id.startsWith(`${recorded.id}|`) && !withRecords.has(id);
};
