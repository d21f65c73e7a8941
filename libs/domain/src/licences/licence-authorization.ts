import { DomainError } from '../shared/domain-error';
import { requireMayActOnLicence } from './licence-command-access';
import { LicenceCommand, LicenceDecisionContext } from './licence.commands';
import { decideLicence } from './licence.decide';
import { LicenceState } from './licence.state';

/**
 * Every refusal of the caller the decider gives the command on this state (a 403, or the 404 of a
 * stranger), for the API to run before it compares an If-Match revision: a caller who may not make
 * the change gets the refusal they get without If-Match, never a 412 "reload and retry" that can only
 * end in it. requireMayActOnLicence alone is not enough: some refusals depend on the entry changed
 * as well as on who asks (a delegate's limits, requireWithinDelegateLimits), and are decided after
 * the input is read. So the decision itself is run, and only its 403s are kept: whatever else it
 * would answer (bad input, a conflict, or nothing to refuse) leaves the stale If-Match to answer.
 * The decision is pure and its events are dropped, so running it here changes nothing.
 */
export function requireLicenceCommandAuthorized(
  command: LicenceCommand,
  state: LicenceState,
  context: LicenceDecisionContext,
): void {
  requireMayActOnLicence(command, state, context);
  try {
    decideLicence(command, state, context);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'forbidden') throw error;
  }
}
