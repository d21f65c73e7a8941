import type { SupportPolicy } from '../policy/support-policy';
import type { SlaDuration } from '../sla/time/sla-duration';

/**
 * How long after closure a case may still be reopened. DOMAIN.md says "recently closed" without a
 * number and the support policy has no setting for it yet, so the default is 30 days of wall-clock
 * time. A policy that carries `reopen: { window }` overrides it (read structurally, so adding the
 * setting to `SupportPolicy` needs no change here).
 */
export const DEFAULT_REOPEN_WINDOW: SlaDuration = Object.freeze({ amount: 30, unit: 'days', clock: 'wall' });

export function reopenWindowOf(policy: SupportPolicy): SlaDuration {
  const configured = (policy as SupportPolicy & { reopen?: { window?: SlaDuration } }).reopen?.window;
  return configured ?? DEFAULT_REOPEN_WINDOW;
}
