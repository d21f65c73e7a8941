import { isEngineer } from '../actor';
import type { AssignEngineer } from '../commands';
import { CaseErrors } from '../errors';
import type { CaseEvent } from '../events';
import type { CaseState } from '../state';
import { requireEmail } from '../text-limits';
import { eventBase, requireCaseWriter, requireLive, requireOpened } from './guards';

/** Engineers assign cases (to themselves or a colleague); assigning the current assignee again is a no-op. */
export function assignEngineer(command: AssignEngineer, state: CaseState): CaseEvent[] {
  const opened = requireOpened(state, command.caseId);
  requireCaseWriter(command.actor);
  if (!isEngineer(command.actor)) throw CaseErrors.engineerOnly('assign a case');
  const engineer = requireEmail(command.engineer, 'engineer');
  const live = requireLive(opened, command.caseId);
  if (live.assignee === engineer) return [];
  return [
    {
      type: 'EngineerAssigned',
      data: {
        ...eventBase(command),
        engineer,
        ...(live.assignee ? { previousEngineer: live.assignee } : {}),
      },
    },
  ];
}
