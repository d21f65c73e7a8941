import type { DeliveryRecord } from './delivery-record';

/** Why a notification was set aside when the event log was restored from an older backup. */
export const LOST_EVENT_REASON =
  'its event is no longer in the event log (the log was restored from an older backup)';

/** How the operator's lists mark such a notification. */
export const LOST_WITH_RESTORED_LOG = 'lost with the restored log';

/**
 * A notification whose event the restored log no longer has: it can never be rendered (its outbox
 * row went with the event) nor sent, so it is neither a delivery failure nor something to requeue.
 * Status `lost`; records `casetrail rebuild` set aside before that status existed are dead letters
 * that carry the reason, and count as lost too.
 */
export function isLostWithRestoredLog(record: Pick<DeliveryRecord, 'status' | 'lastError'>): boolean {
  return record.status === 'lost' || record.lastError === LOST_EVENT_REASON;
}
