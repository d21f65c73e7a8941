import { assertNever } from '../../shared/decider';
import { isAdmin, isCaseStaff, isCustomer, isEngineer, type CaseActor } from '../actor';
import type { CaseCommand } from '../commands';
import { CaseErrors } from '../errors';
import type { CaseDecisionContext } from '../context';
import type { CaseState } from '../state';
import { requireMayEscalate } from './escalation';
import { requireCaseWriter, requireCommenter, requireOpened, requireSystem } from './guards';
import { requireMayChangeShares } from './sharing';

/**
 * The case decider's first checks, before any other: the case exists (none yet, for an opening)
 * and the actor's roles let them make this command at all (auditors read-only, engineer-only
 * commands, escalation handling by staff, the timers' own commands). Throws the refusal the
 * decision gives. Apart so that the API can run them before it compares an If-Match revision too:
 * a caller who may not make the command gets this same 403 with or without If-Match, never a 412
 * "reload it and retry" that can only end in the 403. (Who sees the case is decided before, by the
 * API: a stranger gets 404 whatever they send.)
 *
 * Refusals that depend on the licence records (a customer's escalation or share) need the
 * decision's context: requireMayActOnCaseRecords, for the commands dependsOnLicenceRecords names.
 */
export function requireMayActOnCase(command: CaseCommand, state: CaseState): void {
  const { actor, caseId } = command;
  switch (command.type) {
    case 'OpenCase':
      if (state.status !== 'none') throw CaseErrors.caseAlreadyExists(caseId);
      return requireCaseWriter(actor);
    case 'RecordSlaTargetAtRisk':
    case 'RecordSlaTargetBreach':
    case 'RecordEscalationOverdue':
    case 'ReviewMissionCritical':
      requireSystem(actor, command.type);
      requireOpened(state, caseId);
      return;
    case 'CloseCase':
      if (command.automatic === true) {
        requireSystem(actor, 'Automatic closure');
        requireOpened(state, caseId);
        return;
      }
      requireOpened(state, caseId);
      return requireCaseWriter(actor);
    case 'AddComment':
      requireOpened(state, caseId);
      requireCommenter(actor);
      // Admins are vendor staff: they may write internal notes too.
      if (command.internal === true && !(isCaseStaff(actor) || isAdmin(actor)))
        throw CaseErrors.internalCommentStaffOnly();
      return;
    case 'ChangeSeverity':
      requireOpened(state, caseId);
      requireCaseWriter(actor);
      if (!isEngineer(actor)) throw CaseErrors.severityChangeEngineerOnly();
      return;
    case 'AssignEngineer':
      return requireEngineer(actor, state, caseId, 'assign a case');
    case 'UnassignEngineer':
      return requireEngineer(actor, state, caseId, 'unassign a case');
    case 'RequestInformation':
      return requireEngineer(actor, state, caseId, 'ask the customer for information');
    case 'ResolveCase':
      return requireEngineer(actor, state, caseId, 'resolve a case');
    case 'RedirectCase':
      return requireEngineer(actor, state, caseId, 'redirect a case out of support scope');
    case 'Escalate':
      requireOpened(state, caseId);
      requireCaseWriter(actor);
      if (!isCustomer(actor) && !isEngineer(actor)) throw CaseErrors.escalationNotAllowed();
      return;
    case 'AcknowledgeEscalation':
    case 'PostEscalationStatusUpdate':
    case 'DeEscalate':
      requireOpened(state, caseId);
      requireCaseWriter(actor);
      if (!isCaseStaff(actor)) throw CaseErrors.escalationHandlingStaffOnly();
      return;
    case 'ReopenCase':
    case 'ShareCase':
    case 'UnshareCase':
      requireOpened(state, caseId);
      return requireCaseWriter(actor);
    default:
      return assertNever(command);
  }
}

function requireEngineer(actor: CaseActor, state: CaseState, caseId: string, action: string): void {
  requireOpened(state, caseId);
  requireCaseWriter(actor);
  if (!isEngineer(actor)) throw CaseErrors.engineerOnly(action);
}

/** The commands whose actor's right comes from the licence records (requireMayActOnCaseRecords). */
export function dependsOnLicenceRecords(command: CaseCommand): boolean {
  return command.type === 'ShareCase' || command.type === 'UnshareCase' || command.type === 'Escalate';
}

/**
 * The rest of who may act, for the commands whose right comes from the licence records (a customer
 * sharing or escalating): the decisions' own checks, with the context loaded for the decision.
 * Apart, as requireMayActOnCase is, so that the API runs them before it compares If-Match too.
 */
export function requireMayActOnCaseRecords(
  command: CaseCommand,
  state: CaseState,
  context: CaseDecisionContext,
): void {
  if (command.type === 'ShareCase' || command.type === 'UnshareCase')
    requireMayChangeShares(command, state, context);
  else if (command.type === 'Escalate') requireMayEscalate(command, state, context);
}
