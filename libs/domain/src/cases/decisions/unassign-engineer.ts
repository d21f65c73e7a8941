import { isEngineer } from '../actor';
import type { UnassignEngineer } from '../commands';
import { CaseErrors } from '../errors';
import type { CaseEvent } from '../events';
import { givenReason } from '../../shared/optional-reason';
import type { CaseState } from '../state';
import { optionalReason } from '../text-limits';
import { eventBase, requireCaseWriter, requireLive, requireOpened } from './guards';

/**
 * An engineer puts an assigned case back in the `unassigned` queue: one who took the wrong case or
 * goes off shift gives it back to the pool, rather than pushing it onto a colleague who never
 * accepted it. Any engineer may, as any engineer may reassign it. The reason (wrong case, end of
 * shift, needs another skill) is for staff, like an assignment's. A case nobody is assigned stays
 * as it is: unassigning it again records nothing, as assigning the assignee again does not.
 */
export function unassignEngineer(command: UnassignEngineer, state: CaseState): CaseEvent[] {
  const opened = requireOpened(state, command.caseId);
  requireCaseWriter(command.actor);
  if (!isEngineer(command.actor)) throw CaseErrors.engineerOnly('unassign a case');
  const reason = optionalReason(command.reason);
  const live = requireLive(opened, command.caseId);
  if (!live.assignee) return [];
  return [
    {
      type: 'CaseUnassigned',
      data: { ...eventBase(command), previousEngineer: live.assignee, ...givenReason(reason) },
    },
  ];
}
