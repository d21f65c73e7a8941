import { startTargets } from '../../sla/targets/start-targets';
import { instantToMillis } from '../../sla/time/iso-instant';
import { describeDuration } from '../../sla/time/sla-duration';
import type { ReopenCase } from '../commands';
import type { CaseDecisionContext } from '../context';
import { CaseErrors } from '../errors';
import type { CaseEvent, CaseReopened } from '../events';
import { reopenableUntil, reopenWindowOf } from '../reopen-window';
import type { CaseState, OpenedCase } from '../state';
import { requireText } from '../text-limits';
import { eventBase, requireCaseWriter, requireOpened, type EventBase } from './guards';
import { customerReopeningRefusal } from './customer-reopening-refusal';
import { closedCaseOutlook } from './refusal-next-step';

/**
 * A resolved case, or one closed within the reopen window (see `reopenWindowOf`), goes back to
 * `in-progress` with a reason. The resolution clock restarts from the reopening with the full goal
 * of the case's current severity under the policy in force: the earlier clock was stopped by a
 * resolution the customer rejected, and the engineer needs a real goal for the new work. The
 * first-response target stays as it was (the customer was answered).
 *
 * A redirection closes the case as redirected, so it is reopened as a closed case is: within the
 * same window after the redirection, by the same people (the customer who disputes the scope call,
 * the engineer correcting a slip: wrong target, wrong case). After the window the reopening is
 * refused as a closed case's is, `reopen-window-elapsed`: the referral stands, and a new problem is
 * a new case. (Other changes to a redirected case are refused `case-redirected`, window or not.)
 *
 * A customer may not reopen on an expired licence (customerReopeningRefusal); engineers may.
 */
export function reopenCase(command: ReopenCase, state: CaseState, context: CaseDecisionContext): CaseEvent[] {
  const opened = requireOpened(state, command.caseId);
  requireCaseWriter(command.actor);
  const reason = requireText(command.reason, 'reason');
  const base = eventBase(command);

  switch (opened.status) {
    case 'resolved':
      break;
    case 'closed': {
      const until = reopenableUntil(opened.closedAt, context.policy, context.calendar);
      if (instantToMillis(base.at) >= instantToMillis(until)) {
        throw CaseErrors.reopenWindowElapsed(
          opened.closedAt,
          describeDuration(reopenWindowOf(context.policy)),
        );
      }
      break;
    }
    case 'redirected': {
      const outlook = closedCaseOutlook(opened, base.at, context);
      if (!outlook.reopenable) throw CaseErrors.redirectedReopenWindowElapsed(opened.redirectedTo, outlook);
      break;
    }
    default:
      throw CaseErrors.invalidTransition('reopen', opened.status);
  }
  // Only once the case is known to be reopenable: a case past its window is told that first.
  const expired = customerReopeningRefusal(opened, command.actor, base.at, context);
  if (expired) throw expired;

  return [reopened(opened, opened.status, base, context, { reason })];
}

/**
 * The reopening itself, once the case is known to be reopenable from `from`: the resolution
 * target starts again at `base.at` (see `reopenCase`). `cause` names the customer's reply or
 * escalation that reopened it, when it was one (see `CaseReopened`).
 */
export function reopened(
  opened: OpenedCase,
  from: CaseReopened['data']['reopenedFrom'],
  base: EventBase,
  context: CaseDecisionContext,
  cause: { reason: string; commentId?: string; escalationLevel?: number },
): CaseReopened {
  const { resolution } = startTargets({
    severity: opened.severity,
    openedAt: base.at,
    policy: context.policy,
    calendar: context.calendar,
  });
  return {
    type: 'CaseReopened',
    data: {
      ...base,
      reason: cause.reason,
      reopenedFrom: from,
      previousTargets: opened.targets,
      targets: { ...opened.targets, resolution },
      ...(cause.commentId === undefined ? {} : { commentId: cause.commentId }),
      ...(cause.escalationLevel === undefined ? {} : { escalationLevel: cause.escalationLevel }),
    },
  };
}
