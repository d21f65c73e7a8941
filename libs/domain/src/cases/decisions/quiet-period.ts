import { autoCloseDueAt } from '../../sla/lifecycle/lifecycle-timers';
import type { AutoClosePostponed } from '../events';
import type { CaseDecisionContext } from '../context';
import type { OpenedCase } from '../state';
import type { EventBase } from './guards';

/**
 * A resolved case closes itself after a quiet period; public activity on it (a comment, the end
 * of an escalation) starts the quiet period again, so nobody's objection is closed away.
 */
export function postponeAutoClose(
  state: OpenedCase,
  base: EventBase,
  context: CaseDecisionContext,
): AutoClosePostponed[] {
  if (state.status !== 'resolved') return [];
  const autoCloseAt = autoCloseDueAt({
    lastActivityAt: base.at,
    policy: context.policy,
    calendar: context.calendar,
  });
  if (autoCloseAt === state.autoCloseAt) return [];
  return [
    { type: 'AutoClosePostponed', data: { ...base, previousAutoCloseAt: state.autoCloseAt, autoCloseAt } },
  ];
}
