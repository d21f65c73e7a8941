import { meetResolution } from '../../sla/targets/stop-targets';
import { isEngineer } from '../actor';
import type { RedirectCase } from '../commands';
import { CaseErrors } from '../errors';
import type { CaseEvent } from '../events';
import { openEscalation, type CaseState } from '../state';
import { requireOneOf, requireText } from '../text-limits';
import { REDIRECT_TARGETS } from '../vocabulary';
import { firstResponseIfFirst } from './first-response';
import { eventBase, requireCaseWriter, requireLive, requireOpened } from './guards';

/**
 * Scope triage: training, proofs of concept, custom implementation, code audits, performance work
 * and upgrades belong to consulting; licensing, purchase and renewal to the account manager. The
 * engineer redirects such a case with a referral, which closes it as `redirected` (reported apart
 * from closures). The referral is a public reply, so it can be the first response, and it answers
 * the case, so the resolution clock stops (nothing is left to resolve; reports count the case as
 * referred out, not resolved).
 *
 * An open escalation ends only with a reason from the staff handling it, so it holds the
 * redirection back (`escalation-open`) as it holds back staff closing the case: the redirection
 * would end it unacknowledged and unexplained, and lock the escalating customer out of the case.
 */
export function redirectCase(command: RedirectCase, state: CaseState): CaseEvent[] {
  const opened = requireOpened(state, command.caseId);
  requireCaseWriter(command.actor);
  if (!isEngineer(command.actor)) throw CaseErrors.engineerOnly('redirect a case out of support scope');
  const to = requireOneOf(command.to, REDIRECT_TARGETS, 'to');
  const referral = requireText(command.referral, 'referral');
  const live = requireLive(opened, command.caseId);
  const escalation = openEscalation(live);
  if (escalation !== undefined) throw CaseErrors.escalationOpen(escalation, command.caseId, 'redirect');

  const base = eventBase(command);
  const { breaches, response, targets } = firstResponseIfFirst(live, base, 'redirection');
  return [
    ...breaches,
    ...response,
    { type: 'CaseRedirected', data: { ...base, to, referral, targets: meetResolution(targets, base.at) } },
  ];
}
