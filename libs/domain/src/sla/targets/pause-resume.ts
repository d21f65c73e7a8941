import type { BusinessCalendar } from '../calendar/business-calendar';
import { instantToMillis, millisToInstant, type IsoInstant } from '../time/iso-instant';
import { addGoalAmount, closeOpenPause, consumedGoalAmount } from './goal-clock';
import type { SlaTarget } from './sla-target';
import { markTargetBreached } from './stop-targets';

/**
 * Pause a running clock at `at` (the case now awaits the customer). `dueAt` and `atRiskAt` stay as
 * they stood (frozen) until `resumeTarget` moves them. A running target already past due is not
 * paused: it comes back `breached`, because waiting for the customer does not undo a missed goal.
 * Other states are returned unchanged.
 */
export function pauseTarget(target: SlaTarget, at: IsoInstant): SlaTarget {
  if (target.state !== 'running') return target;
  const breached = markTargetBreached(target, at);
  if (breached) return breached;
  return {
    ...target,
    state: 'paused',
    pauses: [...target.pauses, { from: millisToInstant(instantToMillis(at)) }],
  };
}

/**
 * Resume a paused clock at `at`. Paused time does not count: the goal time that remained when the
 * clock paused starts again from `at`, measured in the goal's units on `calendar` (a business-days
 * goal paused with 2.5 working days left is due 2.5 working days after the resume). `atRiskAt`
 * moves the same way unless the warning point had already passed. Other states are unchanged.
 */
export function resumeTarget(target: SlaTarget, at: IsoInstant, calendar: BusinessCalendar): SlaTarget {
  if (target.state !== 'paused') return target;
  const atMs = instantToMillis(at);
  const resumed: SlaTarget = {
    ...target,
    state: 'running',
    pauses: closeOpenPause(target, millisToInstant(atMs)),
  };
  const consumed = consumedGoalAmount(resumed, atMs, calendar);
  const atRiskAmount = target.goal.amount * target.atRiskShare;
  const warningStillAhead = target.atRiskRaisedAt === undefined && consumed < atRiskAmount;
  return {
    ...resumed,
    dueAt: millisToInstant(addGoalAmount(calendar, target.goal, atMs, target.goal.amount - consumed)),
    atRiskAt: warningStillAhead
      ? millisToInstant(addGoalAmount(calendar, target.goal, atMs, atRiskAmount - consumed))
      : target.atRiskAt,
  };
}
