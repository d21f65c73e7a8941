import { markTargetAtRisk, markTargetBreached } from '../../sla/targets/stop-targets';
import { instantToMillis, isIsoInstant } from '../../sla/time/iso-instant';
import { CASE_SLA_TARGET_KINDS } from '../vocabulary';
import type { RecordEscalationOverdue, RecordSlaTargetAtRisk, RecordSlaTargetBreach } from '../commands';
import { CaseErrors } from '../errors';
import type { CaseEvent } from '../events';
import { isLive, openEscalation, type CaseState, type LiveCase } from '../state';
import { requireOneOf } from '../text-limits';
import { canonicalInstant, eventBase, requireOpened, requireSystem } from './guards';
import { slaTargetKey } from '../sla-target-key';

/**
 * Timer commands from the SLA process manager. Timers are scheduled from an earlier state and may
 * fire late, twice, or after the case moved on, so each is checked against the current state and
 * yields no event when there is nothing (left) to record: the target was met, paused or
 * recomputed (its due time differs), the fact was already recorded, or the case has ended.
 */
export function recordSlaTargetAtRisk(command: RecordSlaTargetAtRisk, state: CaseState): CaseEvent[] {
  const live = timerSubject(command, state);
  if (!live) return [];
  const kind = requireOneOf(command.target, CASE_SLA_TARGET_KINDS, 'target');
  const target = live.targets[slaTargetKey(kind)];
  const base = eventBase(command);
  if (target.dueAt !== canonicalInstant(command.dueAt) || !markTargetAtRisk(target, base.at)) return [];
  return [
    {
      type: 'SlaTargetAtRisk',
      data: { ...base, target: kind, dueAt: target.dueAt, atRiskAt: target.atRiskAt },
    },
  ];
}

export function recordSlaTargetBreach(command: RecordSlaTargetBreach, state: CaseState): CaseEvent[] {
  const live = timerSubject(command, state);
  if (!live) return [];
  const kind = requireOneOf(command.target, CASE_SLA_TARGET_KINDS, 'target');
  const target = live.targets[slaTargetKey(kind)];
  const base = eventBase(command);
  if (target.dueAt !== canonicalInstant(command.dueAt) || !markTargetBreached(target, base.at)) return [];
  return [{ type: 'SlaTargetBreached', data: { ...base, target: kind, dueAt: target.dueAt } }];
}

export function recordEscalationOverdue(command: RecordEscalationOverdue, state: CaseState): CaseEvent[] {
  const live = timerSubject(command, state);
  if (!live) return [];
  const what = requireOneOf(command.what, ['acknowledgement', 'status-update'] as const, 'what');
  const escalation = openEscalation(live);
  const dueAt = canonicalInstant(command.dueAt);
  const base = eventBase(command);
  const due = instantToMillis(base.at) >= instantToMillis(dueAt);
  if (!escalation || !due) return [];

  if (what === 'acknowledgement') {
    const overdue =
      escalation.status === 'awaiting-acknowledgement' &&
      escalation.acknowledgementDueAt === dueAt &&
      escalation.acknowledgementOverdueAt === undefined;
    return overdue
      ? [{ type: 'EscalationAcknowledgementOverdue', data: { ...base, level: escalation.level, dueAt } }]
      : [];
  }
  const overdue =
    escalation.status === 'acknowledged' &&
    escalation.nextStatusUpdateDueAt === dueAt &&
    escalation.statusUpdateOverdueFor !== dueAt;
  return overdue
    ? [{ type: 'EscalationStatusUpdateOverdue', data: { ...base, level: escalation.level, dueAt } }]
    : [];
}

/** The case a timer is about, when it can still have something to record. */
function timerSubject(
  command: RecordSlaTargetAtRisk | RecordSlaTargetBreach | RecordEscalationOverdue,
  state: CaseState,
): LiveCase | undefined {
  requireSystem(command.actor, command.type);
  const opened = requireOpened(state, command.caseId);
  if (!isIsoInstant(command.dueAt))
    throw CaseErrors.invalidValue('dueAt', ['an ISO-8601 instant with an offset']);
  return isLive(opened) ? opened : undefined;
}
