import { autoCloseDueAt } from '../../sla/lifecycle/lifecycle-timers';
import { meetResolution } from '../../sla/targets/stop-targets';
import { isEngineer } from '../actor';
import type { ResolveCase } from '../commands';
import type { CaseDecisionContext } from '../context';
import { CaseErrors } from '../errors';
import type { CaseEvent } from '../events';
import type { CaseState } from '../state';
import { requireText } from '../text-limits';
import { firstResponseIfFirst } from './first-response';
import { eventBase, requireCaseWriter, requireLive, requireOpened } from './guards';

/**
 * The engineer proposes a resolution with a summary: the resolution clock stops (met, or breached
 * and late) and the quiet period before automatic closure starts. A resolution sent as the very
 * first reply is also the first response.
 */
export function resolveCase(
  command: ResolveCase,
  state: CaseState,
  context: CaseDecisionContext,
): CaseEvent[] {
  const opened = requireOpened(state, command.caseId);
  requireCaseWriter(command.actor);
  if (!isEngineer(command.actor)) throw CaseErrors.engineerOnly('resolve a case');
  const summary = requireText(command.summary, 'summary');
  const live = requireLive(opened, command.caseId);
  if (live.status === 'resolved') throw CaseErrors.invalidTransition('resolve', live.status);

  const base = eventBase(command);
  const { breaches, response, targets } = firstResponseIfFirst(live, base, 'resolution');
  const resolved = meetResolution(targets, base.at);
  const autoCloseAt = autoCloseDueAt({
    lastActivityAt: base.at,
    policy: context.policy,
    calendar: context.calendar,
  });
  return [
    ...breaches,
    ...response,
    { type: 'CaseResolved', data: { ...base, summary, targets: resolved, autoCloseAt } },
  ];
}
