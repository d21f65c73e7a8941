import type { CollectionDefinition } from '@casetrail/readmodels';
import type { DeliveryPriority } from './delivery-priority';

/**
 * Delivery state, one record per outbox row (same id). Kept apart from the outbox, in collections
 * no projection owns, so rebuilding the outbox (or anything else) never forgets what was sent.
 */
export const NOTIFICATION_DELIVERIES = 'notification_deliveries';
/** How far the worker has adopted outbox rows (one document, id `outbox`). */
export const NOTIFICATION_DELIVERY_CURSOR = 'notification_delivery_cursor';
export const OUTBOX_CURSOR_ID = 'outbox';

export const DELIVERY_COLLECTIONS: CollectionDefinition[] = [
  {
    name: NOTIFICATION_DELIVERIES,
    indexedFields: ['status', 'nextAttemptAt', 'inFlightSince', 'caseId', 'recipient', 'deadAt'],
    // Only ever read with `status` (the due walk, records still to be given one): no index of its own.
    filterOnlyFields: ['priority', 'position'],
    compoundIndexes: [
      // The due backlog's count and its oldest (/health, /metrics).
      ['status', 'nextAttemptAt'],
      // The order the worker sends in, read without sorting: the most urgent, then the longest
      // due, then in event order (a whole adoption is due at the same instant).
      ['status', 'priority', 'nextAttemptAt', 'position'],
    ],
  },
  { name: NOTIFICATION_DELIVERY_CURSOR, indexedFields: [] },
];

/**
 * `pending` until sent; `dead` once given up (the dead-letter list). Set aside, never sent, listed
 * with the dead letters but no delivery failure: `lost` when its event is no longer in the log
 * (restored from an older backup, see lost-with-restored-log.ts), `withheld` when it reached its
 * recipient only as the case's assignee and the records do not vouch for them as staff who may see
 * the case (see unvouched-assignee-check.ts). `unneeded`: written for someone who hears of a missed
 * status update only should the case's assignee be unvouched when it goes out
 * (OutboxNotification.onlyIfAssigneeUnvouched), and the desk vouched for that assignee then: no
 * failure, nothing to list or requeue; its outbox row is pruned as a sent one's is.
 */
export type DeliveryStatus = 'pending' | 'sent' | 'dead' | 'lost' | 'withheld' | 'unneeded';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = [
  'pending',
  'sent',
  'dead',
  'lost',
  'withheld',
  'unneeded',
];

export interface DeliveryAttempt {
  at: string;
  /** `interrupted`: the process stopped mid-attempt (crash); the message may or may not have gone out. */
  outcome: 'sent' | 'failed' | 'interrupted';
  error?: string;
}

export interface DeliveryRecord extends Record<string, unknown> {
  id: string;
  eventId: string;
  /** The case the notification is about; null for an invitation, which is about `licenceId`. */
  caseId: string | null;
  licenceId?: string;
  recipient: string;
  messageId: string;
  /** The event's global position (to tell whether the outbox has passed it). */
  position: number;
  status: DeliveryStatus;
  attempts: number;
  /**
   * Sent before records of a higher number that are due too (see delivery-priority.ts). Absent from
   * records adopted before priorities existed, until the worker gives them one (round start).
   */
  priority?: DeliveryPriority;
  /** Due for the next attempt from this instant (pending only). */
  nextAttemptAt: string | null;
  /** Set while an attempt runs; still set after a crash, so the next attempt knows it may be a repeat. */
  inFlightSince: string | null;
  lastError: string | null;
  sentAt: string | null;
  deadAt: string | null;
  adoptedAt: string;
  history: DeliveryAttempt[];
}

export interface OutboxCursor extends Record<string, unknown> {
  id: string;
  /** Every outbox row at or below this position has a delivery record. */
  position: number;
}
