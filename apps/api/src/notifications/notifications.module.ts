import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../runtime/runtime';
import { NOTIFICATION_SETTINGS, NotificationPipelineHost } from './notification-pipeline.host';
import { loadNotificationSettings } from './notification-settings';
import { NotificationStatusReader } from './notification-status.reader';

/**
 * Case notifications: the outbox writer and delivery worker (in-process in embedded mode) and the
 * status /health reports. Global so the health module can ask for the status without importing this.
 */
@Global()
@Module({
  providers: [
    {
      provide: NOTIFICATION_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadNotificationSettings(config),
    },
    NotificationPipelineHost,
    NotificationStatusReader,
  ],
  exports: [NotificationStatusReader, NOTIFICATION_SETTINGS],
})
export class NotificationsModule {}
