import type { SupportPolicy } from '../../policy/support-policy';
import { isSeverityUpgrade, type Severity } from '../../policy/support-vocabulary';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { instantToMillis, millisToInstant, type IsoInstant } from '../time/iso-instant';
import { consumedGoalAmount, openPause } from './goal-clock';
import type { SlaTarget, SlaTargets } from './sla-target';
import { runningTarget } from './running-target';

export interface SeverityChangeInput {
  targets: SlaTargets;
  oldSeverity: Severity;
  newSeverity: Severity;
  changedAt: IsoInstant;
  /** When the case was opened: a downgrade recomputes from here. */
  openedAt: IsoInstant;
  policy: SupportPolicy;
  calendar: BusinessCalendar;
}

export type SeverityChangeDirection = 'upgrade' | 'downgrade' | 'unchanged';

/** What a `SeverityChanged` event records about SLA targets. */
export interface SeverityChangeTargets {
  direction: SeverityChangeDirection;
  before: SlaTargets;
  after: SlaTargets;
}

/**
 * Recompute a case's targets for a severity change (DOMAIN.md "Severity change"). Only unmet
 * targets (running or paused) change; met targets stay met and breached targets stay breached (the
 * breach is already a recorded fact, and reports count it under the severity in force then).
 *
 * - Upgrade (to a lower number): the unmet clock restarts at `changedAt` under the new goal, so an
 *   upgrade never makes a case breached retroactively. A paused clock restarts paused.
 * - Downgrade: the unmet clock is recomputed from the case's opening under the new goal, leaving
 *   out all paused time recorded so far. The result never tightens: each instant is the later of
 *   the recomputed one and the current one (a policy whose goals do not grow with the severity
 *   number would otherwise bring a deadline forward).
 *
 * A recomputed clock gets the new policy's version and at-risk share; its at-risk warning may be
 * raised again when the new warning point is still ahead.
 */
export function recomputeTargetsOnSeverityChange(input: SeverityChangeInput): SeverityChangeTargets {
  const { targets, oldSeverity, newSeverity } = input;
  if (oldSeverity === newSeverity) return { direction: 'unchanged', before: targets, after: targets };
  const direction: SeverityChangeDirection = isSeverityUpgrade(oldSeverity, newSeverity)
    ? 'upgrade'
    : 'downgrade';
  const recompute = direction === 'upgrade' ? restartAtChange : recomputeFromOpening;
  return {
    direction,
    before: targets,
    after: {
      firstResponse: recompute(targets.firstResponse, input),
      resolution: recompute(targets.resolution, input),
    },
  };
}

function isUnmet(target: SlaTarget): boolean {
  return target.state === 'running' || target.state === 'paused';
}

function goalFor(target: SlaTarget, input: SeverityChangeInput) {
  const goals = input.policy.severities[input.newSeverity];
  return target.kind === 'first-response' ? goals.responseGoal : goals.resolutionGoal;
}

function restartAtChange(target: SlaTarget, input: SeverityChangeInput): SlaTarget {
  if (!isUnmet(target)) return target;
  const changedAtMs = instantToMillis(input.changedAt);
  const restarted = runningTarget({
    kind: target.kind,
    severity: input.newSeverity,
    goal: goalFor(target, input),
    policy: input.policy,
    calendar: input.calendar,
    startedAt: millisToInstant(changedAtMs),
    pauses: target.pauses,
    referenceMs: changedAtMs,
    consumed: 0,
  });
  return target.state === 'paused' ? { ...restarted, state: 'paused' } : restarted;
}

function recomputeFromOpening(target: SlaTarget, input: SeverityChangeInput): SlaTarget {
  if (!isUnmet(target)) return target;
  const pause = openPause(target);
  // A paused clock's deadlines are stated as of the moment it paused; a running one's as of now.
  const referenceMs = pause ? instantToMillis(pause.from) : instantToMillis(input.changedAt);
  const draft: SlaTarget = {
    ...target,
    severity: input.newSeverity,
    goal: goalFor(target, input),
    startedAt: millisToInstant(instantToMillis(input.openedAt)),
  };
  const recomputed = runningTarget({
    ...draft,
    policy: input.policy,
    calendar: input.calendar,
    referenceMs,
    consumed: consumedGoalAmount(draft, referenceMs, input.calendar),
  });
  const dueAt = later(recomputed.dueAt, target.dueAt);
  const atRiskAt = later(recomputed.atRiskAt, target.atRiskAt);
  const warningStillAhead = instantToMillis(atRiskAt) > instantToMillis(input.changedAt);
  const result: SlaTarget = { ...recomputed, dueAt, atRiskAt, state: target.state };
  if (!warningStillAhead && target.atRiskRaisedAt !== undefined)
    result.atRiskRaisedAt = target.atRiskRaisedAt;
  return result;
}

function later(a: IsoInstant, b: IsoInstant): IsoInstant {
  return instantToMillis(a) >= instantToMillis(b) ? a : b;
}
