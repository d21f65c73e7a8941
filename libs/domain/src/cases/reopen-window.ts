import type { SupportPolicy } from '../policy/support-policy';
import type { SlaDuration } from '../sla/time/sla-duration';

/**
 * How long after closure a case may still be reopened. DOMAIN.md says "recently closed" without a
 * number; the policy's `reopen.window` says how recent (30 days of wall-clock time by default).
 */
export const DEFAULT_REOPEN_WINDOW: SlaDuration = Object.freeze({ amount: 30, unit: 'days', clock: 'wall' });

export function reopenWindowOf(policy: SupportPolicy): SlaDuration {
  return policy.reopen?.window ?? DEFAULT_REOPEN_WINDOW;
}
