export type { CaseActor, CaseActorRole } from './actor';
export { MISSION_CRITICAL_REVIEW_ACTOR, SLA_PROCESS_ACTOR } from './actor';
export * from './vocabulary';
export * from './commands';
export * from './events';
export * from './state';
export * from './status-updates-owed-by';
export * from './seen-comments';
export * from './entitlement';
export * from './context';
export * from './errors';
export { CASE_TEXT_LIMITS } from './text-limits';
export { DEFAULT_REOPEN_WINDOW, reopenWindowOf } from './reopen-window';
export { decideCase } from './decide';
export * from './case-actions';
export {
  dependsOnLicenceRecords,
  requireMayActOnCase,
  requireMayActOnCaseRecords,
} from './decisions/case-command-access';
export { evolveCase } from './evolve';
export { caseDecider } from './case-decider';
export * from './case-timers';
