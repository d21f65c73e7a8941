import type { SupportPolicy } from '../../policy/support-policy';
import type { Severity } from '../../policy/support-vocabulary';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { millisToInstant, type IsoInstant } from '../time/iso-instant';
import type { SlaDuration } from '../time/sla-duration';
import { addGoalAmount } from './goal-clock';
import type { SlaPause, SlaTarget, SlaTargetKind } from './sla-target';

/**
 * A running clock for `goal` from `startedAt` (`pauses` carries the history across a restart).
 * Deadlines are computed from `referenceMs` with `consumed` of the goal already used: a fresh clock
 * has reference = start and consumed = 0.
 */
export function runningTarget(params: {
  kind: SlaTargetKind;
  severity: Severity;
  goal: SlaDuration;
  policy: SupportPolicy;
  calendar: BusinessCalendar;
  startedAt: IsoInstant;
  pauses: readonly SlaPause[];
  referenceMs: number;
  consumed: number;
}): SlaTarget {
  const { goal, policy, calendar, referenceMs, consumed } = params;
  return {
    kind: params.kind,
    severity: params.severity,
    goal,
    atRiskShare: policy.atRiskShare,
    policyVersion: policy.version,
    startedAt: params.startedAt,
    dueAt: millisToInstant(addGoalAmount(calendar, goal, referenceMs, goal.amount - consumed)),
    atRiskAt: millisToInstant(
      addGoalAmount(calendar, goal, referenceMs, goal.amount * policy.atRiskShare - consumed),
    ),
    state: 'running',
    pauses: params.pauses,
  };
}
