import type { IsoInstant } from '../time/iso-instant';
import { instantToMillis } from '../time/iso-instant';
import type { SlaTarget, SlaTargetKind, SlaTargets } from './sla-target';
import { atRiskWarningOwed } from './stop-targets';

/** An instant at which the SLA timer process manager must check a target. */
export interface SlaTimer {
  /** `at-risk`: raise the warning (`markTargetAtRisk`); `breach`: record the breach (`markTargetBreached`). */
  kind: 'at-risk' | 'breach';
  target: SlaTargetKind;
  fireAt: IsoInstant;
}

/**
 * The timers a case's targets need, earliest first: for every running target its breach at
 * `dueAt` and, while still owed (`atRiskWarningOwed`), its at-risk warning at `atRiskAt`. Paused, met and breached
 * targets need none (a resume or severity change yields new targets, hence new timers). A timer
 * may come due after the targets changed: the mark functions then return `null`.
 */
export function nextDueTimers(targets: SlaTargets | readonly SlaTarget[]): SlaTimer[] {
  const list = Array.isArray(targets)
    ? targets
    : [(targets as SlaTargets).firstResponse, (targets as SlaTargets).resolution];
  const timers: SlaTimer[] = [];
  for (const target of list as readonly SlaTarget[]) {
    if (target.state !== 'running') continue;
    if (atRiskWarningOwed(target) && instantToMillis(target.atRiskAt) < instantToMillis(target.dueAt)) {
      timers.push({ kind: 'at-risk', target: target.kind, fireAt: target.atRiskAt });
    }
    timers.push({ kind: 'breach', target: target.kind, fireAt: target.dueAt });
  }
  return timers.sort((a, b) => instantToMillis(a.fireAt) - instantToMillis(b.fireAt));
}
