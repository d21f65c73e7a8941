import type { Projection } from '../projections/projection';
import {
  notificationsOutboxProjection,
  type NotificationsOutboxSettings,
} from './notifications-outbox.projection';

/**
 * The notification projections, deliberately not in ALL_PROJECTIONS: rebuilding the read models
 * must never touch the outbox. They run in their own ProjectionRunner (the notification pipeline),
 * with their own checkpoint and lease.
 */
export function notificationProjections(settings: NotificationsOutboxSettings): Projection[] {
  return [notificationsOutboxProjection(settings)];
}
