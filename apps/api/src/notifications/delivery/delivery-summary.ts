import type { ReadModelStore } from '@casetrail/readmodels';
import {
  NOTIFICATION_OUTBOX,
  NOTIFICATIONS_OUTBOX_PROJECTION,
  type OutboxNotification,
} from '@casetrail/readmodels/notifications';
import {
  NOTIFICATION_DELIVERIES,
  NOTIFICATION_DELIVERY_CURSOR,
  OUTBOX_CURSOR_ID,
  type DeliveryRecord,
  type OutboxCursor,
} from './delivery-record';
import { renderNotification } from '../templates/render-notification';

/** Counts for /health and the CLI, read from the store (so they hold whichever process delivers). */
export interface NotificationDeliverySummary {
  pending: number;
  sent: number;
  dead: number;
  /** Pending notifications whose last attempt was cut short (a crash): their resend may be a repeat. */
  interrupted: number;
  /** Event position the outbox writer has reached, and up to which rows have delivery records. */
  outboxCheckpoint: number;
  adoptedUpTo: number;
}

export async function notificationDeliverySummary(
  readModels: ReadModelStore,
): Promise<NotificationDeliverySummary> {
  const [pending, sent, dead, interrupted, outboxCheckpoint, cursor] = await Promise.all([
    readModels.count(NOTIFICATION_DELIVERIES, { status: 'pending' }),
    readModels.count(NOTIFICATION_DELIVERIES, { status: 'sent' }),
    readModels.count(NOTIFICATION_DELIVERIES, { status: 'dead' }),
    readModels.count(NOTIFICATION_DELIVERIES, { status: 'pending', inFlightSince: { ne: null } }),
    readModels.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION),
    readModels.get<OutboxCursor>(NOTIFICATION_DELIVERY_CURSOR, OUTBOX_CURSOR_ID),
  ]);
  return { pending, sent, dead, interrupted, outboxCheckpoint, adoptedUpTo: cursor?.position ?? 0 };
}

/** A dead letter as an operator sees it: who, what, how often tried, why it failed. */
export interface DeadLetter {
  id: string;
  recipient: string;
  caseId: string;
  subject?: string;
  kind?: string;
  messageId: string;
  attempts: number;
  lastError: string | null;
  deadAt: string | null;
}

export async function deadLetters(readModels: ReadModelStore, limit = 100): Promise<DeadLetter[]> {
  const { items } = await readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES, {
    where: { status: 'dead' },
    orderBy: [{ field: 'deadAt', direction: 'desc' }],
    limit,
  });
  return Promise.all(
    items.map(async (record) => {
      const row = await readModels.get<OutboxNotification>(NOTIFICATION_OUTBOX, record.id);
      return {
        id: record.id,
        recipient: record.recipient,
        caseId: record.caseId,
        ...(row ? { kind: row.kind, subject: renderNotification(row, { publicUrl: '' }).subject } : {}),
        messageId: record.messageId,
        attempts: record.attempts,
        lastError: record.lastError,
        deadAt: record.deadAt,
      };
    }),
  );
}
