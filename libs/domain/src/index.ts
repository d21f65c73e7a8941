export * from './shared/decider';
export * from './shared/domain-error';
export * from './shared/retry-later-error';
export { MAX_REASON_LENGTH } from './shared/optional-reason';
export * from './accounts';
export * from './licences';
export * from './sla';
export * from './policy';
export * from './cases';
