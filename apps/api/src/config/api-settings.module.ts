import { DynamicModule, Global, Module } from '@nestjs/common';
import type { ApiSettings } from './api-settings';
import { STAFF_EMAIL_DOMAINS } from './staff-email-domains';

/**
 * The API settings feature modules shared by other processes (CasesModule runs in the projector
 * too) take from here: injectable in the API, absent elsewhere, so those modules stay static.
 */
@Global()
@Module({})
export class ApiSettingsModule {
  static register(settings: Pick<ApiSettings, 'staffEmailDomains'>): DynamicModule {
    const providers = [{ provide: STAFF_EMAIL_DOMAINS, useValue: settings.staffEmailDomains }];
    return { module: ApiSettingsModule, providers, exports: providers.map((provider) => provider.provide) };
  }
}
