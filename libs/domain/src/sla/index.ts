export * from './time/iso-instant';
export * from './time/sla-duration';
export * from './calendar/business-calendar';
export * from './calendar/validate-business-calendar';
export * from './calendar/business-time';
export * from './targets/sla-target';
export * from './targets/start-targets';
export * from './targets/stop-targets';
export * from './targets/pause-resume';
// Where a paused clock's deadlines are stated from: the queues order waiting cases by it.
export { frozenAtMs } from './targets/goal-clock';
export * from './targets/clock-pauses';
export * from './targets/severity-change';
export * from './targets/evaluate-target';
export * from './targets/sla-timers';
export * from './escalation/escalation-timers';
export * from './escalation/overdue-reminders';
export * from './lifecycle/lifecycle-timers';
