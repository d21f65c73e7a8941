import type { BusinessCalendar } from '../calendar/business-calendar';
import { instantToMillis, millisToInstant, type IsoInstant } from '../time/iso-instant';
import { closeOpenPause, deadlinesFrom, frozenAtMs, openPause } from './goal-clock';
import type { SlaTarget } from './sla-target';
import { markTargetBreached } from './stop-targets';

/**
 * Pause a running clock at `at` (the case now awaits the customer). `dueAt` and `atRiskAt` stay as
 * they stood (frozen) until `resumeTarget` moves them. A running target already past due is not
 * paused: it comes back `breached`, because waiting for the customer does not undo a missed goal.
 * A breached target still owed records the pause all the same (its deadline and breach stay): the
 * clock stops while the customer is waited for, after a breach too, and an auditor expects to see
 * that wait among its pauses. Other states are returned unchanged.
 */
export function pauseTarget(target: SlaTarget, at: IsoInstant): SlaTarget {
  const pause = { from: millisToInstant(instantToMillis(at)) };
  if (target.state === 'running') {
    const breached = markTargetBreached(target, at);
    if (breached) return { ...breached, pauses: [...breached.pauses, pause] };
    return { ...target, state: 'paused', pauses: [...target.pauses, pause] };
  }
  if (isOwedBreach(target) && openPause(target) === undefined) {
    return { ...target, pauses: [...target.pauses, pause] };
  }
  return target;
}

/** A breached target nobody has answered yet (no `metAt`): the case still owes its goal. */
function isOwedBreach(target: SlaTarget): boolean {
  return target.state === 'breached' && target.metAt === undefined;
}

/**
 * Resume a paused clock at `at`. Paused time does not count: the goal time that remained when the
 * clock froze runs again from `at`, measured on the goal's own clock (a business-days goal paused
 * with 2.5 working days left is due 2.5 working days after the resume; a 24x7 goal counts every
 * hour). So the due time is the due time at the pause plus the time the pause lasted on that clock,
 * whatever set it (a severity change's "never tighter" survives the pause), and a pause never brings
 * a due time forward. `atRiskAt` moves the same way unless the warning point had already passed: it
 * then stays, and the target is at risk again as soon as it runs.
 * A breached target's open pause (see `pauseTarget`) is closed at `at`. Other states are unchanged.
 */
export function resumeTarget(target: SlaTarget, at: IsoInstant, calendar: BusinessCalendar): SlaTarget {
  if (target.state === 'breached' && openPause(target) !== undefined) {
    // A wait after a breach ends; the breached deadline does not move.
    return { ...target, pauses: closeOpenPause(target, millisToInstant(instantToMillis(at))) };
  }
  if (target.state !== 'paused') return target;
  const frozenAt = frozenAtMs(target) ?? instantToMillis(at);
  const atMs = Math.max(instantToMillis(at), frozenAt);
  // A warning point reached before the freeze stays where it is (deadlinesFrom): the target is at
  // risk again as soon as it runs.
  const carried = deadlinesFrom(target, atMs, calendar);
  // Never earlier than at the pause, even where the goal's clock and the instant it was given
  // disagree (a deadline set under another severity's 24x7 goal may fall outside working time).
  const notEarlier = (instant: IsoInstant, carriedMs: number) =>
    millisToInstant(Math.max(instantToMillis(instant), carriedMs));
  return {
    ...target,
    state: 'running',
    pauses: closeOpenPause(target, millisToInstant(instantToMillis(at))),
    dueAt: notEarlier(target.dueAt, carried.dueMs),
    atRiskAt: notEarlier(target.atRiskAt, carried.atRiskMs),
  };
}
