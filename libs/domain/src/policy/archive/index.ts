export * from './policy-versions';
export * from './policy-adoption';
export * from './policy-differences';
