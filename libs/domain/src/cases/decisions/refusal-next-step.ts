import { isBeforeExpiry, licenceExpiresAt } from '../../licences/licence-expiry';
import { DomainError } from '../../shared/domain-error';
import { instantToMillis } from '../../sla/time/iso-instant';
import { describeDuration } from '../../sla/time/sla-duration';
import type { CaseDecisionContext } from '../context';
import { CaseErrors, type ClosedCaseOutlook } from '../errors';
import { reopenableUntil, reopenWindowOf } from '../reopen-window';
import type { CaseState, ClosedCase, RedirectedCase } from '../state';

/**
 * Whether a closed or redirected case can still be reopened at `at`, as reopenCase decides it: the
 * reopen window runs from the closure, or from the redirection (which closes the case as redirected).
 */
export function closedCaseOutlook(
  ended: ClosedCase | RedirectedCase,
  at: string,
  context: CaseDecisionContext,
): ClosedCaseOutlook {
  const closedAt = ended.status === 'closed' ? ended.closedAt : ended.redirectedAt;
  const until = reopenableUntil(closedAt, context.policy, context.calendar);
  // Known for a customer only (CaseContextLoader): on a licence past its end they may not reopen.
  const activeUntil = context.caseLicenceActiveUntil;
  const notInForce = activeUntil !== undefined && !isBeforeExpiry(licenceExpiresAt(activeUntil), at);
  return {
    closedAt,
    window: describeDuration(reopenWindowOf(context.policy)),
    reopenableUntil: until,
    reopenable: instantToMillis(at) < instantToMillis(until),
    ...(notInForce ? { licenceNotInForce: true as const } : {}),
  };
}

/**
 * A command refused because the case is closed or redirected is answered with what can be done
 * instead: reopen the case while the policy's reopen window lasts, follow the referral, or open a
 * new case. That depends on the case, the policy and the command's instant, which the guards
 * every decision refuses through (`requireLive`) do not have. Rather than
 * thread them through each decision, `decideCase` words the refusal here, once, whichever decision
 * raised it; any other error passes through untouched.
 */
export function withNextStep(
  error: unknown,
  state: CaseState,
  at: string,
  context: CaseDecisionContext,
): unknown {
  if (!(error instanceof DomainError)) return error;
  if (error.code === 'case-closed' && state.status === 'closed')
    return CaseErrors.caseClosed(closedCaseOutlook(state, at, context));
  if (error.code === 'case-redirected' && state.status === 'redirected')
    return CaseErrors.caseRedirected(state.redirectedTo, closedCaseOutlook(state, at, context));
  return error;
}
