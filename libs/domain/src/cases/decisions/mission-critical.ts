import type { ReviewMissionCritical } from '../commands';
import type { CaseDecisionContext } from '../context';
import { CaseErrors } from '../errors';
import type { CaseEvent } from '../events';
import { isLive, type CaseState } from '../state';
import { eventBase, requireOpened, requireSystem } from './guards';

/**
 * A Mission Critical account's cases have the highest priority and its CSM hears of all their
 * activity, so a live case follows its account's cover as it changes: an upgrade bought while
 * cases are open lifts them, and the cover lapsing with its licence drops them back. Closed and
 * redirected cases keep the cover they ended with (reports show them as they were worked); a
 * reopened one is live again and is reviewed then. Nothing to record when the case already agrees.
 */
export function reviewMissionCritical(
  command: ReviewMissionCritical,
  state: CaseState,
  context: CaseDecisionContext,
): CaseEvent[] {
  requireSystem(command.actor, command.type);
  const opened = requireOpened(state, command.caseId);
  const cover = context.accountMissionCritical;
  if (cover === undefined) throw CaseErrors.missingContext('accountMissionCritical', command.type);
  if (!isLive(opened) || opened.missionCritical === cover) return [];
  return [{ type: 'MissionCriticalChanged', data: { ...eventBase(command), missionCritical: cover } }];
}
