import { instantToMillis, millisToInstant, type IsoInstant } from '../time/iso-instant';
import { closeOpenPause } from './goal-clock';
import type { SlaTarget, SlaTargets } from './sla-target';

/**
 * Stop a clock because its goal was achieved at `at` (first public engineer reply for the response
 * target, resolution for the resolution target).
 * - running before `dueAt`, or paused: `met` (an open pause is closed at `at`);
 * - running at or after `dueAt`: `breached` with `metAt`, even if the breach timer has not fired
 *   yet, so a late timer never loses a breach;
 * - already breached: stays `breached`, gains `metAt` (reports count it as breached); a pause
 *   begun after the breach is closed at `at`;
 * - already met: unchanged.
 */
export function meetTarget(target: SlaTarget, at: IsoInstant): SlaTarget {
  const atMs = instantToMillis(at);
  const metAt = millisToInstant(atMs);
  switch (target.state) {
    case 'met':
      return target;
    case 'breached':
      // A wait for the customer after the breach (see pauseTarget) ends here too.
      return target.metAt ? target : { ...target, metAt, pauses: closeOpenPause(target, metAt) };
    case 'paused':
      return { ...target, state: 'met', metAt, pauses: closeOpenPause(target, metAt) };
    case 'running':
      return atMs < instantToMillis(target.dueAt)
        ? { ...target, state: 'met', metAt }
        : { ...target, state: 'breached', breachedAt: target.dueAt, metAt };
  }
}

/** The case's targets with the resolution clock stopped at `at` (a resolution, or a redirection's referral). */
export function meetResolution(targets: SlaTargets, at: IsoInstant): SlaTargets {
  return { ...targets, resolution: meetTarget(targets.resolution, at) };
}

/**
 * Record a breach found at `at` (the SLA timer fired). Returns the breached target, or `null` when
 * there is nothing to record: not running (met, paused, already breached) or not yet due (the
 * deadline moved since the timer was scheduled).
 */
export function markTargetBreached(target: SlaTarget, at: IsoInstant): SlaTarget | null {
  if (target.state !== 'running' || instantToMillis(at) < instantToMillis(target.dueAt)) return null;
  return { ...target, state: 'breached', breachedAt: target.dueAt };
}

/**
 * Whether the target still owes its at-risk warning: none has been recorded since its warning point.
 * A recorded warning covers every warning point at or before it, so a severity change that brings
 * back a point already warned about (a round trip) does not warn twice, while one that moves the
 * point later (a clock restarted by an upgrade, a downgrade with a point still ahead) warns again.
 */
export function atRiskWarningOwed(target: SlaTarget): boolean {
  return (
    target.atRiskRaisedAt === undefined ||
    instantToMillis(target.atRiskRaisedAt) < instantToMillis(target.atRiskAt)
  );
}

/**
 * Record the at-risk warning at `at`. Returns `null` when there is nothing to record: not running,
 * already warned (`atRiskWarningOwed`), not yet at risk, or already past due (the breach supersedes
 * the warning).
 */
export function markTargetAtRisk(target: SlaTarget, at: IsoInstant): SlaTarget | null {
  const atMs = instantToMillis(at);
  const stillUseful =
    target.state === 'running' &&
    atRiskWarningOwed(target) &&
    atMs >= instantToMillis(target.atRiskAt) &&
    atMs < instantToMillis(target.dueAt);
  return stillUseful ? { ...target, atRiskRaisedAt: millisToInstant(atMs) } : null;
}
