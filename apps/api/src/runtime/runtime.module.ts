import { DynamicModule, Global, Module } from '@nestjs/common';
import { DamagedStreams } from '../storage/damaged-streams';
import { LeaseInspector } from '../storage/lease-inspector';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';
import { PolicyVersions } from '@casetrail/domain';
import { APP_CONFIG, CLOCK, Clock, POLICY_VERSIONS, Runtime, SUPPORT_POLICY, systemClock } from './runtime';

/** Makes the opened stores (and their leases), configuration, policy and clock injectable everywhere. */
@Global()
@Module({})
export class RuntimeModule {
  static register(runtime: Runtime, clock: Clock = systemClock): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: runtime.config },
      { provide: SUPPORT_POLICY, useValue: runtime.policy },
      { provide: POLICY_VERSIONS, useValue: runtime.policies ?? new PolicyVersions(runtime.policy) },
      { provide: EVENT_STORE, useValue: runtime.storage.eventStore },
      { provide: READ_MODEL_STORE, useValue: runtime.storage.readModels },
      { provide: CLOCK, useValue: clock },
      // What this process's requests and checks found damaged in the event store, for /health.
      { provide: DamagedStreams, useValue: new DamagedStreams(clock) },
      // Null where the stores were built by hand without a lease reader (some tests).
      {
        provide: LeaseInspector,
        useValue: runtime.storage.leases ? new LeaseInspector(runtime.storage.leases) : null,
      },
    ];
    return { module: RuntimeModule, providers, exports: providers.map((provider) => provider.provide) };
  }
}
