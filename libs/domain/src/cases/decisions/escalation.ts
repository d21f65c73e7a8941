import {
  escalationAcknowledgementDueAt,
  nextStatusUpdateDueAt,
} from '../../sla/escalation/escalation-timers';
import { instantToMillis } from '../../sla/time/iso-instant';
import { isCaseStaff, isCustomer, isEngineer, type CaseActor } from '../actor';
import type { AcknowledgeEscalation, DeEscalate, Escalate, PostEscalationStatusUpdate } from '../commands';
import type { CaseDecisionContext } from '../context';
import { CaseErrors } from '../errors';
import type { CaseEvent } from '../events';
import {
  openEscalation,
  type CaseEscalation,
  type CaseState,
  type EscalationAwaitingAcknowledgement,
  type LiveCase,
} from '../state';
import type { Severity } from '../../policy/support-vocabulary';
import { givenReason } from '../../shared/optional-reason';
import { optionalReason, requireOneOf, requireText } from '../text-limits';
import { ESCALATION_REASONS } from '../vocabulary';
import { mustBeAcknowledgedBeforeDeEscalation } from '../ending-an-escalation';
import { alreadyAcknowledged } from './already-acknowledged';
import { customerEscalationRefusal } from './customer-escalation-refusal';
import { customerReopeningRefusal } from './customer-reopening-refusal';
import { customerResponded } from './customer-responded';
import { firstResponseIfFirst } from './first-response';
import { eventBase, requireCaseWriter, requireLive, requireOpened } from './guards';
import { postponeAutoClose } from './quiet-period';
import { reopened } from './reopen-case';

/**
 * Requested by a licensed user who can see the case (the application has checked visibility) or
 * raised by a support engineer. Closed and redirected cases cannot be escalated. Each escalation
 * raises the level: the case's second escalation is level 2, whether or not the first was
 * de-escalated in between, because the level tells how often the customer had to escalate.
 * A customer who escalates a case awaiting them has answered, as a public comment would: the case
 * is back in progress and the resolution clock resumes (left paused, the vendor's clock stood still
 * while the customer complained of slowness). A customer who escalates a resolved case is saying
 * the resolution did not work, as a reply to it would: the case is reopened (back in progress and
 * in the work queues, the resolution clock restarted) before the escalation is recorded. Left
 * resolved, it sat outside every queue but the escalated one with no resolution goal, waiting for
 * the escalation to end so the quiet period could close it. An engineer's escalation is no answer
 * from the customer and leaves the wait, or the proposed resolution, as it is. So does a customer's
 * on a case whose licence expired: they may escalate with another licence of the account in force,
 * but not reopen (customerReopeningRefusal), so the escalation is recorded on the resolved case, as
 * their reply would be, and the engineer who takes it on may reopen it.
 */
export function escalate(command: Escalate, state: CaseState, context: CaseDecisionContext): CaseEvent[] {
  const opened = requireMayEscalate(command, state, context);
  const reason = requireOneOf(command.reason, ESCALATION_REASONS, 'reason');
  const details = requireText(command.details, 'details');
  const live = requireLive(opened, command.caseId);

  const base = eventBase(command);
  const level = live.escalationCount + 1;
  const escalated: CaseEvent = {
    type: 'CaseEscalated',
    data: {
      ...base,
      level,
      reason,
      details,
      raisedBy: isEngineer(command.actor) ? 'engineer' : 'customer',
      acknowledgementDueAt: acknowledgementDueOnEscalation(live, base.at, context),
      policyVersion: context.policy.version,
    },
  };
  // The answer or the reopening first: the escalation's notification then shows the case in
  // progress again.
  if (isCustomer(command.actor) && live.status === 'awaiting-customer') {
    return [customerResponded(live, base, context), escalated];
  }
  if (isCustomer(command.actor) && live.status === 'resolved') {
    if (customerReopeningRefusal(live, command.actor, base.at, context)) return [escalated];
    const reason = 'The customer escalated the case instead of accepting the proposed resolution';
    return [reopened(live, 'resolved', base, context, { reason, escalationLevel: level }), escalated];
  }
  return [escalated];
}

/**
 * The policy's acknowledgement window from the escalation, but never later than an acknowledgement
 * or status update still owed: escalating again makes it more urgent, never less. A new level
 * replacing one nobody acknowledged stays due when that one was (and overdue if it was), rather than
 * handing support a fresh window and taking an overdue escalation off the board's overdue view. One
 * replacing an acknowledged level is due no later than the status update that level owed: raised
 * over an overdue update, it is overdue from the start (the update stays owed too, see
 * `acknowledgeEscalation`).
 */
function acknowledgementDueOnEscalation(
  live: LiveCase,
  escalatedAt: string,
  context: CaseDecisionContext,
): string {
  const window = escalationAcknowledgementDueAt({
    escalatedAt,
    policy: context.policy,
    calendar: context.calendar,
  });
  const owed = owedOnRaise(openEscalation(live));
  return owed !== undefined && instantToMillis(owed) < instantToMillis(window) ? owed : window;
}

/** What the open escalation a new level replaces owes next: its acknowledgement or status update. */
function owedOnRaise(pending: CaseEscalation | undefined): string | undefined {
  if (pending?.status === 'awaiting-acknowledgement') return pending.acknowledgementDueAt;
  if (pending?.status === 'acknowledged') return pending.nextStatusUpdateDueAt;
  return undefined;
}

/**
 * The first status update after an acknowledgement: the severity's cadence from it, but never later
 * than the update the replaced level still owed (`statusUpdateOwed`): raising the level and
 * acknowledging the new one must not start a new cadence in place of an update never posted.
 */
function firstStatusUpdateDueAt(
  escalation: EscalationAwaitingAcknowledgement,
  severity: Severity,
  acknowledgedAt: string,
  context: CaseDecisionContext,
): string {
  const cadence = nextStatusUpdateDueAt({
    severity,
    lastUpdateAt: acknowledgedAt,
    policy: context.policy,
    calendar: context.calendar,
  });
  const owed = escalation.statusUpdateOwed?.dueAt;
  return owed !== undefined && instantToMillis(owed) < instantToMillis(cadence) ? owed : cadence;
}

/**
 * Who may escalate: an engineer, or a customer the licence records in `context` say is a licensed
 * user. The decision's own first check, run by the API before it compares If-Match too, so a
 * customer without the right gets this refusal rather than a 412 and, on the retry, the refusal.
 */
export function requireMayEscalate(command: Escalate, state: CaseState, context: CaseDecisionContext) {
  const opened = requireOpened(state, command.caseId);
  requireCaseWriter(command.actor);
  if (!isCustomer(command.actor) && !isEngineer(command.actor)) throw CaseErrors.escalationNotAllowed();
  if (isCustomer(command.actor) && context.actorIsLicensedUser !== true)
    throw customerEscalationRefusal(opened, command.at, context, command.actor.email);
  return opened;
}

/**
 * An engineer or the CSM acknowledges; status updates are then owed on the severity's cadence. They
 * may say how they took it on (a call is booked with the customer), which the history keeps.
 */
export function acknowledgeEscalation(
  command: AcknowledgeEscalation,
  state: CaseState,
  context: CaseDecisionContext,
): CaseEvent[] {
  const live = requireEscalationHandler(command.actor, state, command.caseId);
  const reason = optionalReason(command.reason);
  const escalation = openEscalation(live);
  if (!escalation) throw CaseErrors.caseNotEscalated();
  if (escalation.status === 'acknowledged')
    throw alreadyAcknowledged(live, escalation, command.actor, command.at, {
      outOfReach: context.statusUpdatesOutOfReach,
      notVouched: context.statusUpdatesNotVouched,
    });

  const base = eventBase(command);
  return [
    {
      type: 'EscalationAcknowledged',
      data: {
        ...base,
        level: escalation.level,
        nextStatusUpdateDueAt: firstStatusUpdateDueAt(escalation, live.severity, base.at, context),
        ...givenReason(reason),
      },
    },
  ];
}

export function postEscalationStatusUpdate(
  command: PostEscalationStatusUpdate,
  state: CaseState,
  context: CaseDecisionContext,
): CaseEvent[] {
  const live = requireEscalationHandler(command.actor, state, command.caseId);
  const body = requireText(command.body, 'body');
  const escalation = openEscalation(live);
  if (!escalation) throw CaseErrors.caseNotEscalated();
  if (escalation.status !== 'acknowledged') throw CaseErrors.escalationNotAcknowledged();

  const base = eventBase(command);
  const update: CaseEvent = {
    type: 'EscalationStatusUpdatePosted',
    data: {
      ...base,
      level: escalation.level,
      body,
      nextStatusUpdateDueAt: nextStatusUpdateDueAt({
        severity: live.severity,
        lastUpdateAt: base.at,
        policy: context.policy,
        calendar: context.calendar,
      }),
    },
  };
  // The customer reads it: an engineer's update answers an unanswered case like any public reply.
  if (!isEngineer(command.actor) || live.firstResponseAt !== undefined) return [update];
  const { breaches, response } = firstResponseIfFirst(live, base, 'escalation-status-update');
  return [...breaches, update, ...response];
}

/**
 * Ends the open, acknowledged escalation, with a reason; on a resolved case the quiet period starts
 * again. One nobody acknowledged is refused: acknowledge it first.
 */
export function deEscalate(command: DeEscalate, state: CaseState, context: CaseDecisionContext): CaseEvent[] {
  const live = requireEscalationHandler(command.actor, state, command.caseId);
  const reason = requireText(command.reason, 'reason');
  const escalation = openEscalation(live);
  if (!escalation) throw CaseErrors.caseNotEscalated();
  // Someone takes it on before it ends (see deEscalationUnacknowledged); a customer's closure, which
  // ends it without this decision, is the customer's own word that it is settled.
  if (mustBeAcknowledgedBeforeDeEscalation(escalation)) {
    const overdue = instantToMillis(escalation.acknowledgementDueAt) <= instantToMillis(command.at);
    throw CaseErrors.deEscalationUnacknowledged(escalation, command.caseId, overdue);
  }

  const base = eventBase(command);
  return [
    { type: 'CaseDeEscalated', data: { ...base, level: escalation.level, reason } },
    ...postponeAutoClose(live, base, context),
  ];
}

function requireEscalationHandler(actor: CaseActor, state: CaseState, caseId: string): LiveCase {
  const opened = requireOpened(state, caseId);
  requireCaseWriter(actor);
  if (!isCaseStaff(actor)) throw CaseErrors.escalationHandlingStaffOnly();
  return requireLive(opened, caseId);
}
