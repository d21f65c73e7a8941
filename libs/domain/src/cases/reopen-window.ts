import type { SupportPolicy } from '../policy/support-policy';
import type { BusinessCalendar } from '../sla/calendar/business-calendar';
import { addBusinessDuration } from '../sla/calendar/business-time';
import type { SlaDuration } from '../sla/time/sla-duration';

/**
 * How long after closure (or a redirection, which closes the case as redirected) a case may still
 * be reopened. DOMAIN.md says "recently closed" without a number; the policy's `reopen.window` says
 * how recent (30 days of wall-clock time by default).
 */
export const DEFAULT_REOPEN_WINDOW: SlaDuration = Object.freeze({ amount: 30, unit: 'days', clock: 'wall' });

export function reopenWindowOf(policy: SupportPolicy): SlaDuration {
  return policy.reopen?.window ?? DEFAULT_REOPEN_WINDOW;
}

/**
 * The first instant a case closed at `closedAt` can no longer be reopened, in the case's calendar
 * (the default window is wall-clock time, so the calendar matters only for a business window).
 */
export function reopenableUntil(closedAt: string, policy: SupportPolicy, calendar: BusinessCalendar): string {
  return addBusinessDuration(calendar, closedAt, reopenWindowOf(policy));
}
