import { markTargetAtRisk, markTargetBreached } from '../../sla/targets/stop-targets';
import { nextOverdueReminderAt } from '../../sla/escalation/overdue-reminders';
import { instantToMillis, isIsoInstant } from '../../sla/time/iso-instant';
import { CASE_SLA_TARGET_KINDS } from '../vocabulary';
import type { RecordEscalationOverdue, RecordSlaTargetAtRisk, RecordSlaTargetBreach } from '../commands';
import type { CaseDecisionContext } from '../context';
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

/**
 * An acknowledgement or status update missed is alerted when it falls due, then reminded while it
 * stays missing: one period after the due time (the acknowledgement window, or the cadence of the
 * case's severity), then at doubling intervals up to a day (`nextOverdueReminderAt`), so an
 * escalation left alone for two days is not one alert at the first due time and silence after, nor
 * a flood of hourly ones. Each alert records when the next is owed (`nextReminderAt`); a reminder
 * timer is answered only at that instant's turn, once, so timers fired twice or again after a
 * restart record nothing more.
 */
export function recordEscalationOverdue(
  command: RecordEscalationOverdue,
  state: CaseState,
  context: CaseDecisionContext,
): CaseEvent[] {
  const live = timerSubject(command, state);
  if (!live) return [];
  const what = requireOneOf(command.what, ['acknowledgement', 'status-update'] as const, 'what');
  if (command.reminderAt !== undefined && !isIsoInstant(command.reminderAt))
    throw CaseErrors.invalidValue('reminderAt', ['an ISO-8601 instant with an offset']);
  const escalation = openEscalation(live);
  const dueAt = canonicalInstant(command.dueAt);
  const base = eventBase(command);
  const owedAt = command.reminderAt === undefined ? dueAt : canonicalInstant(command.reminderAt);
  if (!escalation || instantToMillis(base.at) < instantToMillis(owedAt)) return [];

  const missed =
    what === 'acknowledgement'
      ? escalation.status === 'awaiting-acknowledgement' && escalation.acknowledgementDueAt === dueAt
        ? {
            alerted: escalation.acknowledgementOverdueAt !== undefined,
            period: context.policy.escalation.acknowledgementWindow,
          }
        : undefined
      : escalation.status === 'acknowledged' && escalation.nextStatusUpdateDueAt === dueAt
        ? {
            alerted: escalation.statusUpdateOverdueFor === dueAt,
            period: context.policy.escalation.statusUpdateCadence[live.severity],
          }
        : undefined;
  if (!missed) return [];
  const reminder = escalation.overdueReminder;
  if (command.reminderAt === undefined ? missed.alerted : !missed.alerted || reminder?.nextAt !== owedAt)
    return [];

  const nextReminderAt = nextOverdueReminderAt({
    overdueSince: dueAt,
    period: missed.period,
    after: base.at,
    calendar: context.calendar,
  });
  const data = {
    ...base,
    level: escalation.level,
    dueAt,
    ...(command.reminderAt !== undefined ? { reminder: (reminder?.reminders ?? 0) + 1 } : {}),
    nextReminderAt,
  };
  return what === 'acknowledgement'
    ? [{ type: 'EscalationAcknowledgementOverdue', data }]
    : [{ type: 'EscalationStatusUpdateOverdue', data }];
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
