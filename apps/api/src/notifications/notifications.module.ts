import { DynamicModule, Global, Module } from '@nestjs/common';
import { NOTIFICATION_SETTINGS, NotificationPipelineHost } from './notification-pipeline.host';
import type { NotificationSettings } from './notification-settings';
import { NotificationStatusReader } from './notification-status.reader';

/**
 * Case notifications: the outbox writer and delivery worker (in-process in embedded mode) and the
 * status /health reports. Global so the health module can ask for the status without importing this.
 * The settings come in already validated (loadApiSettings, before any store is opened): a factory
 * here would refuse a bad one only inside Nest's dependency injection, after the stores were open.
 */
@Global()
@Module({})
export class NotificationsModule {
  static register(settings: NotificationSettings): DynamicModule {
    return {
      module: NotificationsModule,
      providers: [
        { provide: NOTIFICATION_SETTINGS, useValue: settings },
        NotificationPipelineHost,
        NotificationStatusReader,
      ],
      exports: [NotificationStatusReader, NOTIFICATION_SETTINGS],
    };
  }
}
