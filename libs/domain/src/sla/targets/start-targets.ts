import type { SupportPolicy } from '../../policy/support-policy';
import type { Severity } from '../../policy/support-vocabulary';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { instantToMillis, millisToInstant, type IsoInstant } from '../time/iso-instant';
import type { SlaDuration } from '../time/sla-duration';
import { runningTarget } from './running-target';
import type { SlaTarget, SlaTargetKind, SlaTargets } from './sla-target';

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
