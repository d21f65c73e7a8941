import type { SupportPolicy } from '../../policy/support-policy';
import type { Severity } from '../../policy/support-vocabulary';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { instantToMillis, millisToInstant, type IsoInstant } from '../time/iso-instant';
import type { SlaDuration } from '../time/sla-duration';
import { addGoalAmount } from './goal-clock';
import type { SlaPause, SlaTarget, SlaTargetKind, SlaTargets } from './sla-target';

export interface StartTargetsInput {
  severity: Severity;
  openedAt: IsoInstant;
  policy: SupportPolicy;
  /** The account's calendar, e.g. `calendarForAccount(policy, account.timeZone)`. */
  calendar: BusinessCalendar;
}

/** The first-response and resolution targets of a newly opened case, both running from `openedAt`. */
export function startTargets({ severity, openedAt, policy, calendar }: StartTargetsInput): SlaTargets {
  const goals = policy.severities[severity];
  return {
    firstResponse: startClock('first-response', goals.responseGoal, { severity, openedAt, policy, calendar }),
    resolution: startClock('resolution', goals.resolutionGoal, { severity, openedAt, policy, calendar }),
  };
}

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

function startClock(kind: SlaTargetKind, goal: SlaDuration, input: StartTargetsInput): SlaTarget {
  return runningTarget({
    kind,
    goal,
    severity: input.severity,
    policy: input.policy,
    calendar: input.calendar,
    startedAt: millisToInstant(instantToMillis(input.openedAt)),
    pauses: [],
    referenceMs: instantToMillis(input.openedAt),
    consumed: 0,
  });
}
