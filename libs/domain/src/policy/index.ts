export * from './support-vocabulary';
export * from './support-policy';
export * from './default-support-policy';
export * from './parse-support-policy';
export * from './policy-lookups';
export * from './policy-calendars';
export * from './archive';
