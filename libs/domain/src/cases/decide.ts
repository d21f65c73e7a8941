import { assertNever } from '../shared/decider';
import type { CaseCommand } from './commands';
import type { CaseDecisionContext } from './context';
import { addComment } from './decisions/add-comment';
import { assignEngineer } from './decisions/assign-engineer';
import { unassignEngineer } from './decisions/unassign-engineer';
import { changeSeverity } from './decisions/change-severity';
import { closeCase } from './decisions/close-case';
import {
  acknowledgeEscalation,
  deEscalate,
  escalate,
  postEscalationStatusUpdate,
} from './decisions/escalation';
import { requireMayActOnCase } from './decisions/case-command-access';
import { requireWellFormed } from './decisions/guards';
import { reviewMissionCritical } from './decisions/mission-critical';
import { openCase } from './decisions/open-case';
import { redirectCase } from './decisions/redirect-case';
import { withNextStep } from './decisions/refusal-next-step';
import { reopenCase } from './decisions/reopen-case';
import { requestInformation } from './decisions/request-information';
import { resolveCase } from './decisions/resolve-case';
import { shareCase, unshareCase } from './decisions/sharing';
import { recordEscalationOverdue, recordSlaTargetAtRisk, recordSlaTargetBreach } from './decisions/timers';
import type { CaseEvent } from './events';
import type { CaseState } from './state';

/**
 * The events a command produces on a case, or a `DomainError` saying why it is refused. Pure: the
 * instant, the actor and ids come in the command; policy, calendar and licence facts in `context`.
 * An empty array means the command is already satisfied (a retried comment, a stale timer).
 */
export function decideCase(
  command: CaseCommand,
  state: CaseState,
  context: CaseDecisionContext,
): CaseEvent[] {
  requireWellFormed(command);
  try {
    // First, as the API runs it before comparing If-Match (see requireMayActOnCase).
    requireMayActOnCase(command, state);
    return decideWellFormed(command, state, context);
  } catch (error) {
    throw withNextStep(error, state, command.at, context);
  }
}

function decideWellFormed(command: CaseCommand, state: CaseState, context: CaseDecisionContext): CaseEvent[] {
  switch (command.type) {
    case 'OpenCase':
      return openCase(command, state, context);
    case 'ChangeSeverity':
      return changeSeverity(command, state, context);
    case 'Escalate':
      return escalate(command, state, context);
    case 'AcknowledgeEscalation':
      return acknowledgeEscalation(command, state, context);
    case 'PostEscalationStatusUpdate':
      return postEscalationStatusUpdate(command, state, context);
    case 'DeEscalate':
      return deEscalate(command, state, context);
    case 'AddComment':
      return addComment(command, state, context);
    case 'AssignEngineer':
      return assignEngineer(command, state, context);
    case 'UnassignEngineer':
      return unassignEngineer(command, state);
    case 'RequestInformation':
      return requestInformation(command, state);
    case 'ResolveCase':
      return resolveCase(command, state, context);
    case 'CloseCase':
      return closeCase(command, state, context);
    case 'ReopenCase':
      return reopenCase(command, state, context);
    case 'RedirectCase':
      return redirectCase(command, state);
    case 'ShareCase':
      return shareCase(command, state, context);
    case 'UnshareCase':
      return unshareCase(command, state, context);
    case 'RecordSlaTargetAtRisk':
      return recordSlaTargetAtRisk(command, state);
    case 'RecordSlaTargetBreach':
      return recordSlaTargetBreach(command, state);
    case 'RecordEscalationOverdue':
      return recordEscalationOverdue(command, state, context);
    case 'ReviewMissionCritical':
      return reviewMissionCritical(command, state, context);
    default:
      return assertNever(command);
  }
}
