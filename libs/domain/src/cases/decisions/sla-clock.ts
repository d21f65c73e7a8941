import { markTargetBreached } from '../../sla/targets/stop-targets';
import type { SlaTargets } from '../../sla/targets/sla-target';
import { SLA_PROCESS_ACTOR } from '../actor';
import type { SlaTargetBreached } from '../events';
import type { OpenedCase } from '../state';

/**
 * Breaches that have happened by `at` but were not recorded yet (the timer is late, or the process
 * that fires it was down). Commands that move targets call this first, so a breach is always a
 * recorded fact in the history before a reply, pause or severity change touches the target,
 * and never silently erased by an upgrade that restarts the clock.
 */
export function recordOverdueBreaches(
  state: OpenedCase,
  base: { caseId: string; at: string; by: string },
): { events: SlaTargetBreached[]; targets: SlaTargets } {
  const events: SlaTargetBreached[] = [];
  const targets = { ...state.targets };
  for (const key of ['firstResponse', 'resolution'] as const) {
    const breached = markTargetBreached(targets[key], base.at);
    if (!breached) continue;
    targets[key] = breached;
    events.push({
      type: 'SlaTargetBreached',
      data: { ...base, by: SLA_PROCESS_ACTOR.email, target: breached.kind, dueAt: breached.dueAt },
    });
  }
  return { events, targets };
}
