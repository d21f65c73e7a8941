export * from './notification-kinds';
export * from './notification-facts';
export * from './notification-recipients';
export * from './message-identity';
export * from './outbox-notification';
export * from './rows-never-sent';
export { caseSnapshot } from './case-snapshot';
export {
  NOTIFICATIONS_OUTBOX_PROJECTION,
  notificationsOutboxProjection,
  type NotificationsOutboxSettings,
} from './notifications-outbox.projection';
export { notificationProjections } from './notification-projections';
export { licenceCoverFromLog, type LicenceCoverReader } from './licence-cover-from-log';
