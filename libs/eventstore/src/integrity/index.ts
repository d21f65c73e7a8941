export * from './hash-chain';
export * from './log-digest';
export * from './evidence-log';
export * from './describe-broken-link';
