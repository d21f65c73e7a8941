import type { EventStore } from '@casetrail/eventstore';
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
import { isLostWithRestoredLog } from './lost-with-restored-log';

/** Counts for /health and the CLI, read from the store (so they hold whichever process delivers). */
export interface NotificationDeliverySummary {
  /**
   * Notifications in the outbox not delivered yet and not given up on: those the delivery worker
   * has taken up (retrying, or due), and those it has not reached yet (`unadopted`).
   */
  pending: number;
  /** Of `pending`, outbox rows the delivery worker has not taken up yet (no delivery record). */
  unadopted: number;
  sent: number;
  /** Dead letters: given up on after failed attempts, or refused for good. */
  dead: number;
  /**
   * Notifications set aside because their event is no longer in the log (restored from an older
   * backup): they can never be sent, and are not failures, so not in `dead`. Always counted here;
   * optional only for reports put together by hand (none: 0).
   */
  lost?: number;
  /**
   * Notifications never sent because their recipient, the case's assignee, is not vouched for as
   * staff who may see the case (see unvouched-assignee-check.ts): no failure either, but a case to
   * reassign. Optional as `lost`.
   */
  withheld?: number;
  /**
   * Notifications never sent because the condition they were written on did not hold at send time
   * (`onlyIfAssigneeUnvouched`: the engineer who owes a missed status update in the stead of an
   * assignee the desk does vouch for): neither sent nor failed, nothing to do. Counted apart, so that
   * the counts add up to what the outbox writer wrote. Optional as `lost`.
   */
  unneeded?: number;
  /** Of `dead`, those given up on since `deadSince` (when asked): what /health calls news. */
  deadRecently?: number;
  /** Pending notifications whose last attempt was cut short (a crash): their resend may be a repeat. */
  interrupted: number;
  /** Event position the outbox writer has reached, and up to which rows have delivery records. */
  outboxCheckpoint: number;
  adoptedUpTo: number;
  /**
   * Events in the log the outbox writer has not applied yet (with the event store at hand): the
   * notifications they cause are not in `pending` yet.
   */
  outboxLag?: number;
  /**
   * Pending notifications waiting to be tried again after failed attempts (asked with `now`), and
   * the one tried most often: a mail server refusing, an outbox folder that cannot be written.
   */
  retrying?: { count: number; mostAttempts: number; lastError: string | null };
  /**
   * Notifications that should be going out now (asked with `now`): pending and due (not put off
   * after a failure), and those not taken up yet. The backlog the delivery worker is behind by.
   */
  due?: number;
  /**
   * Since when the longest-waiting of `due` has waited (present while any is due): when it came
   * due, or, not taken up yet, when its event happened. Unlike `pending`, it grows when mail is
   * not getting out: a server that takes the connection and never answers fails one notification
   * a minute, each a different one, and none of them soon enough to show as `retrying`.
   */
  oldestDueAt?: string;
  /**
   * The log's head, when the outbox writer is beyond it: the event store lost events it had
   * applied (restored from an older backup); `casetrail rebuild` brings the outbox back to it.
   */
  logEndsAt?: number;
}

export async function notificationDeliverySummary(
  readModels: ReadModelStore,
  eventStore?: EventStore,
  deadSince?: string,
  now?: string,
): Promise<NotificationDeliverySummary> {
  // The cursor first: rows adopted after it was read are then counted twice (for a moment), never missed.
  const cursor = await readModels.get<OutboxCursor>(NOTIFICATION_DELIVERY_CURSOR, OUTBOX_CURSOR_ID);
  const adoptedUpTo = cursor?.position ?? 0;
  const [
    adopted,
    unadopted,
    sent,
    dead,
    lost,
    withheld,
    unneeded,
    interrupted,
    outboxCheckpoint,
    head,
    deadRecently,
    retrying,
    waiting,
  ] = await Promise.all([
    readModels.count(NOTIFICATION_DELIVERIES, { status: 'pending' }),
    // Rows at or below the cursor have records, or are never to be sent (see outbox-adopter.ts).
    readModels.count(NOTIFICATION_OUTBOX, { position: { gt: adoptedUpTo } }),
    readModels.count(NOTIFICATION_DELIVERIES, { status: 'sent' }),
    readModels.count(NOTIFICATION_DELIVERIES, { status: 'dead' }),
    readModels.count(NOTIFICATION_DELIVERIES, { status: 'lost' }),
    readModels.count(NOTIFICATION_DELIVERIES, { status: 'withheld' }),
    readModels.count(NOTIFICATION_DELIVERIES, { status: 'unneeded' }),
    readModels.count(NOTIFICATION_DELIVERIES, { status: 'pending', inFlightSince: { ne: null } }),
    readModels.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION),
    eventStore?.headPosition(),
    deadSince === undefined
      ? undefined
      : readModels.count(NOTIFICATION_DELIVERIES, { status: 'dead', deadAt: { gte: deadSince } }),
    now === undefined ? undefined : retryingAfterFailures(readModels, now),
    now === undefined ? undefined : dueNow(readModels, now, adoptedUpTo),
  ]);
  return {
    pending: adopted + unadopted,
    unadopted,
    sent,
    dead,
    lost,
    withheld,
    unneeded,
    interrupted,
    outboxCheckpoint,
    adoptedUpTo,
    ...(head === undefined ? {} : { outboxLag: Math.max(0, head - outboxCheckpoint) }),
    ...(head !== undefined && outboxCheckpoint > head ? { logEndsAt: head } : {}),
    ...(deadRecently === undefined ? {} : { deadRecently }),
    ...(retrying ? { retrying } : {}),
    ...(waiting ? { due: waiting.adopted + unadopted } : {}),
    ...(waiting?.oldestAt ? { oldestDueAt: waiting.oldestAt } : {}),
  };
}

/**
 * The due notifications taken up, and since when the longest-waiting notification has waited:
 * the earliest due time of a pending record, or the event time of the first row not taken up yet,
 * whichever is earlier. Three indexed reads (status with nextAttemptAt; the outbox's position).
 */
async function dueNow(
  readModels: ReadModelStore,
  now: string,
  adoptedUpTo: number,
): Promise<{ adopted: number; oldestAt?: string }> {
  const due = { status: 'pending', nextAttemptAt: { lte: now } };
  const [adopted, oldestRecord, firstUnadopted] = await Promise.all([
    readModels.count(NOTIFICATION_DELIVERIES, due),
    readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES, {
      where: due,
      orderBy: [{ field: 'nextAttemptAt', direction: 'asc' }],
      limit: 1,
    }),
    readModels.find<OutboxNotification>(NOTIFICATION_OUTBOX, {
      where: { position: { gt: adoptedUpTo } },
      orderBy: [{ field: 'position', direction: 'asc' }],
      limit: 1,
    }),
  ]);
  const since = [oldestRecord.items[0]?.nextAttemptAt, firstUnadopted.items[0]?.occurredAt]
    .filter((at): at is string => typeof at === 'string')
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return { adopted, ...(since.length > 0 ? { oldestAt: since[0] } : {}) };
}

/**
 * A failed attempt puts the next one off (exponential backoff), so a pending notification due
 * only after `now` has failed at least once; the one due last has been put off most.
 */
async function retryingAfterFailures(
  readModels: ReadModelStore,
  now: string,
): Promise<NotificationDeliverySummary['retrying']> {
  const waiting = { status: 'pending', nextAttemptAt: { gt: now } };
  const [count, latest] = await Promise.all([
    readModels.count(NOTIFICATION_DELIVERIES, waiting),
    readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES, {
      where: waiting,
      orderBy: [{ field: 'nextAttemptAt', direction: 'desc' }],
      limit: 1,
    }),
  ]);
  const [record] = latest.items;
  if (count === 0 || !record) return undefined;
  return { count, mostAttempts: record.attempts, lastError: record.lastError };
}

/** A dead letter as an operator sees it: who, what, how often tried, why it failed. */
export interface DeadLetter {
  id: string;
  recipient: string;
  /** The case it is about; null for an invitation, which is about `licenceId`. */
  caseId: string | null;
  licenceId?: string;
  subject?: string;
  kind?: string;
  messageId: string;
  attempts: number;
  lastError: string | null;
  deadAt: string | null;
  /** Its event is no longer in the log (see lost-with-restored-log.ts): it cannot be requeued. */
  lostWithRestoredLog?: true;
  /** Not sent to an assignee not vouched for as staff (see unvouched-assignee-check.ts); `lastError` says why. */
  withheld?: true;
}

/**
 * Dead letters, and the notifications set aside without a failure (lost with a restored log,
 * withheld from an assignee not vouched for as staff), marked, newest first.
 */
export async function deadLetters(readModels: ReadModelStore, limit = 100): Promise<DeadLetter[]> {
  const { items } = await readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES, {
    where: { status: { in: ['dead', 'lost', 'withheld'] } },
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
        ...(record.licenceId ? { licenceId: record.licenceId } : {}),
        ...(row ? { kind: row.kind, subject: renderNotification(row, { publicUrl: '' }).subject } : {}),
        messageId: record.messageId,
        attempts: record.attempts,
        lastError: record.lastError,
        deadAt: record.deadAt,
        ...(isLostWithRestoredLog(record) ? { lostWithRestoredLog: true as const } : {}),
        ...(record.status === 'withheld' ? { withheld: true as const } : {}),
      };
    }),
  );
}
