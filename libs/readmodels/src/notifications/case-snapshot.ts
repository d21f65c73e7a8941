import {
  instantToMillis,
  openEscalation,
  statusUpdatesOwedBy,
  type EscalationAwaitingAcknowledgement,
  type OpenedCase,
  type SlaTarget,
} from '@casetrail/domain';
import type { CaseSnapshot, EscalationSnapshot, SlaTargetSnapshot } from './outbox-notification';
import {
  ownerInUnvouchedAssigneesStead,
  replacedLevelOwerWhoCanAct,
  type ReplacedLevelHands,
} from './replaced-level-hands';

/**
 * The part of a case a notification shows, as it stood right after the event. `outOfReach`: staff
 * who could no longer see the case then (a CSM taken off its account), whom the "Owed by" line passes over.
 * `replacedLevel`: the hands of the acknowledged level the open one was raised over (the writer's).
 */
export function caseSnapshot(
  state: OpenedCase,
  outOfReach?: (email: string) => boolean,
  replacedLevel?: ReplacedLevelHands,
): CaseSnapshot {
  return {
    caseId: state.caseId,
    accountId: state.accountId,
    title: state.title,
    status: state.status,
    severity: state.severity,
    product: state.product,
    missionCritical: state.missionCritical,
    assignee: state.assignee ?? null,
    escalationLevel: openEscalation(state)?.level ?? null,
    ...escalationSnapshot(state, outOfReach, replacedLevel),
    sla: {
      firstResponse: targetSnapshot(state.targets.firstResponse),
      resolution: targetSnapshot(state.targets.resolution),
    },
    timeZone: state.timeZone,
    ...(state.status === 'resolved' ? { autoCloseAt: state.autoCloseAt } : {}),
  };
}

function targetSnapshot(target: SlaTarget): SlaTargetSnapshot {
  return {
    state: target.state,
    dueAt: target.dueAt,
    atRiskAt: target.atRiskAt,
    ...(target.metAt ? { metAt: target.metAt } : {}),
    ...(target.breachedAt ? { breachedAt: target.breachedAt } : {}),
  };
}

/**
 * The open escalation's obligation as it stood right after the event (`lastChangedAt`): a
 * notification renders from its row alone, so whether it is overdue is judged now, not at delivery.
 */
function escalationSnapshot(
  state: OpenedCase,
  outOfReach: ((email: string) => boolean) | undefined,
  replacedLevel: ReplacedLevelHands | undefined,
): { escalation?: EscalationSnapshot } {
  const escalation = openEscalation(state);
  if (!escalation) return {};
  const pastDue = (dueAt: string) => instantToMillis(dueAt) <= instantToMillis(state.lastChangedAt);
  if (escalation.status === 'awaiting-acknowledgement') {
    const dueAt = escalation.acknowledgementDueAt;
    return {
      escalation: {
        level: escalation.level,
        status: escalation.status,
        nextDue: 'acknowledgement',
        nextDueAt: dueAt,
        overdue: escalation.acknowledgementOverdueAt !== undefined || pastDue(dueAt),
        ...(state.assignee && outOfReach?.(state.assignee) ? { assigneeOutOfSight: true as const } : {}),
        ...raisedOverStatusUpdate(escalation, outOfReach, replacedLevel),
      },
    };
  }
  const dueAt = escalation.nextStatusUpdateDueAt;
  return {
    escalation: {
      level: escalation.level,
      status: escalation.status,
      nextDue: 'status-update',
      nextDueAt: dueAt,
      overdue: escalation.statusUpdateOverdueFor === dueAt || pastDue(dueAt),
      acknowledgedBy: escalation.acknowledgedBy,
      ...statusUpdatesOwer(state, outOfReach),
    },
  };
}

/**
 * A level raised over an acknowledged one whose status update it goes on owing, its acknowledgement
 * due when that update was (the domain's `statusUpdateOwed`): which level owed it and who did (not
 * an assignee who could no longer see the case at the event, but who did in their stead), and, when
 * the assignee did, who did in their stead should the desk not vouch for them (only the delivery
 * worker can judge that, as for a missed update's own alert: see owerWithAssigneePassedOver).
 */
function raisedOverStatusUpdate(
  escalation: EscalationAwaitingAcknowledgement,
  outOfReach: ((email: string) => boolean) | undefined,
  replacedLevel: ReplacedLevelHands | undefined,
): Pick<EscalationSnapshot, 'raisedOverStatusUpdate'> {
  const owed = escalation.statusUpdateOwed;
  if (owed?.level === undefined || owed.dueAt !== escalation.acknowledgementDueAt) return {};
  // Not an assignee who can no longer see the case (an ex-CSM): whoever owed it in their stead.
  const owedBy = replacedLevelOwerWhoCanAct(owed.owedBy, replacedLevel, owed.level, outOfReach);
  const instead = ownerInUnvouchedAssigneesStead(owedBy, replacedLevel, owed.level, outOfReach);
  return {
    raisedOverStatusUpdate: {
      level: owed.level,
      escalatedAt: escalation.escalatedAt,
      ...(owedBy ? { owedBy: owedBy.engineer, owedAs: owedBy.as } : {}),
      ...(owedBy?.passedOver ? { passedOver: owedBy.passedOver } : {}),
      ...(instead
        ? {
            owedBeyondAssignee: {
              by: instead.engineer,
              as: instead.as,
              ...(instead.passedOver ? { passedOver: instead.passedOver } : {}),
            },
          }
        : {}),
    },
  };
}

/**
 * Who owes the updates now (the assignee, else the last to post one, else the acknowledger, passing
 * over those who can no longer see the case; else the support team), and why.
 */
function statusUpdatesOwer(
  state: OpenedCase,
  outOfReach: ((email: string) => boolean) | undefined,
): Pick<
  EscalationSnapshot,
  | 'statusUpdatesOwedBy'
  | 'statusUpdatesOwedAs'
  | 'statusUpdatesPassedOver'
  | 'statusUpdatesOwedBeyondAssignee'
> {
  const owes = statusUpdatesOwedBy(state, outOfReach);
  if (!owes) return {};
  return {
    statusUpdatesOwedBy: owes.engineer,
    statusUpdatesOwedAs: owes.as,
    ...(owes.passedOver ? { statusUpdatesPassedOver: owes.passedOver } : {}),
    ...(owes.as === 'assignee'
      ? { statusUpdatesOwedBeyondAssignee: owerWithAssigneePassedOver(state, outOfReach) }
      : {}),
  };
}

/**
 * The "Owed by" rule run again with the assignee passed over: who owes the updates should the desk
 * not vouch for the assignee. Only the delivery worker can judge that (it has the directory), so
 * the row keeps this answer for it to name.
 */
function owerWithAssigneePassedOver(
  state: OpenedCase,
  outOfReach: ((email: string) => boolean) | undefined,
): NonNullable<EscalationSnapshot['statusUpdatesOwedBeyondAssignee']> {
  const owes = statusUpdatesOwedBy(
    state,
    (email) => email === state.assignee || (outOfReach?.(email) ?? false),
  )!;
  return { by: owes.engineer, as: owes.as, ...(owes.passedOver ? { passedOver: owes.passedOver } : {}) };
}
