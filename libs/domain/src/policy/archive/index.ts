export * from './policy-versions';
export * from './policy-adoption';
