import { pauseTarget } from '../../sla/targets/pause-resume';
import { isEngineer } from '../actor';
import type { RequestInformation } from '../commands';
import { CaseErrors } from '../errors';
import type { CaseEvent } from '../events';
import type { CaseState } from '../state';
import { givenReason } from '../../shared/optional-reason';
import { optionalReason, optionalText } from '../text-limits';
import { firstResponseIfFirst } from './first-response';
import { eventBase, requireCaseWriter, requireLive, requireOpened } from './guards';

/**
 * The engineer asks the customer for details: the case awaits the customer and the resolution clock
 * pauses until a customer comment resumes it. Asking is a public reply, so on a `new` case it is
 * also the first response. The engineer may say why the vendor's clock may stop (the logs are
 * needed to go on): the pause moves the deadline, and an auditor asks why.
 */
export function requestInformation(command: RequestInformation, state: CaseState): CaseEvent[] {
  const opened = requireOpened(state, command.caseId);
  requireCaseWriter(command.actor);
  if (!isEngineer(command.actor)) throw CaseErrors.engineerOnly('ask the customer for information');
  const body = optionalText(command.body, 'body');
  const reason = optionalReason(command.reason);
  const live = requireLive(opened, command.caseId);
  if (live.status === 'awaiting-customer') throw CaseErrors.alreadyAwaitingCustomer();
  if (live.status === 'resolved') throw CaseErrors.invalidTransition('request information on', live.status);

  const base = eventBase(command);
  const { breaches, response, targets } = firstResponseIfFirst(live, base, 'information-request');
  const paused = { ...targets, resolution: pauseTarget(targets.resolution, base.at) };
  return [
    ...breaches,
    ...response,
    {
      type: 'InformationRequested',
      data: { ...base, ...(body !== undefined ? { body } : {}), targets: paused, ...givenReason(reason) },
    },
  ];
}
