import type { PolicyVersions, SupportPolicy } from '@casetrail/domain';
import type { AppConfig } from '../config/app-config';
import type { Storage } from '../storage/storage';

/** What a process has opened before Nest starts: configuration, stores and the policy in force. */
export interface Runtime {
  config: AppConfig;
  storage: Storage;
  policy: SupportPolicy;
  /**
   * Every policy version recorded in the event store's archive, for reading business time of
   * targets computed under an earlier one; absent where a test builds its runtime by hand (then
   * only the policy in force is known).
   */
  policies?: PolicyVersions;
  jwtSecret?: string;
}

export const APP_CONFIG = Symbol('AppConfig');
export const SUPPORT_POLICY = Symbol('SupportPolicy');
/** The recorded policy versions (PolicyVersions). */
export const POLICY_VERSIONS = Symbol('PolicyVersions');
/** The wall clock, injected so tests can move time; domain code receives instants from here. */
export const CLOCK = Symbol('Clock');

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
