import type { SupportPolicy } from '@casetrail/domain';
import type { AppConfig } from '../config/app-config';
import type { Storage } from '../storage/storage';

/** What a process has opened before Nest starts: configuration, stores and the policy in force. */
export interface Runtime {
  config: AppConfig;
  storage: Storage;
  policy: SupportPolicy;
  jwtSecret?: string;
}

export const APP_CONFIG = Symbol('AppConfig');
export const SUPPORT_POLICY = Symbol('SupportPolicy');
/** The wall clock, injected so tests can move time; domain code receives instants from here. */
export const CLOCK = Symbol('Clock');

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
