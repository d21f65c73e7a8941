import { nextDueTimers } from '../sla/targets/sla-timers';
import type { SlaTargetKind } from '../sla/targets/sla-target';
import { instantToMillis, type IsoInstant } from '../sla/time/iso-instant';
import { SLA_PROCESS_ACTOR, type CaseActor } from './actor';
import type { CaseCommand } from './commands';
import { slaTargetKey } from './sla-target-key';
import { isLive, openEscalation, type CaseState } from './state';

/**
 * A pending timer of a case. `dueAt` identifies what the timer is about (the target's due time,
 * the escalation deadline, the scheduled closure); `fireAt` is when to send its command. The
 * command is checked against the case when it arrives, so a timer that went stale is harmless.
 */
export type CaseTimer =
  | { kind: 'sla-target-at-risk'; target: SlaTargetKind; dueAt: IsoInstant; fireAt: IsoInstant }
  | { kind: 'sla-target-breach'; target: SlaTargetKind; dueAt: IsoInstant; fireAt: IsoInstant }
  | { kind: 'escalation-acknowledgement-overdue'; dueAt: IsoInstant; fireAt: IsoInstant }
  | { kind: 'escalation-status-update-overdue'; dueAt: IsoInstant; fireAt: IsoInstant }
  /**
   * A further alert of a missed acknowledgement or status update: `dueAt` is the reminder's own
   * instant (so each reminder is a timer, and a command, of its own), `overdueSince` the missed due time.
   */
  | {
      kind: 'escalation-acknowledgement-reminder' | 'escalation-status-update-reminder';
      dueAt: IsoInstant;
      overdueSince: IsoInstant;
      fireAt: IsoInstant;
    }
  | { kind: 'auto-close'; dueAt: IsoInstant; fireAt: IsoInstant };

/**
 * Every timer the case needs now, earliest first. The SLA process manager replaces a case's
 * schedule with this list after each of its events. Closed and redirected cases need none.
 */
export function caseTimers(state: CaseState): CaseTimer[] {
  if (!isLive(state)) return [];
  const timers: CaseTimer[] = nextDueTimers(state.targets).map((timer) => {
    const dueAt = state.targets[slaTargetKey(timer.target)].dueAt;
    const kind = timer.kind === 'at-risk' ? 'sla-target-at-risk' : 'sla-target-breach';
    return { kind, target: timer.target, dueAt, fireAt: timer.fireAt };
  });

  const escalation = openEscalation(state);
  if (escalation?.status === 'awaiting-acknowledgement') {
    const dueAt = escalation.acknowledgementDueAt;
    if (escalation.acknowledgementOverdueAt === undefined)
      timers.push({ kind: 'escalation-acknowledgement-overdue', dueAt, fireAt: dueAt });
    else if (escalation.overdueReminder)
      timers.push(reminder('escalation-acknowledgement-reminder', dueAt, escalation.overdueReminder.nextAt));
  }
  if (escalation?.status === 'acknowledged') {
    const dueAt = escalation.nextStatusUpdateDueAt;
    if (escalation.statusUpdateOverdueFor !== dueAt)
      timers.push({ kind: 'escalation-status-update-overdue', dueAt, fireAt: dueAt });
    else if (escalation.overdueReminder)
      timers.push(reminder('escalation-status-update-reminder', dueAt, escalation.overdueReminder.nextAt));
  }
  // An open escalation holds the case open: automatic closure waits until it is de-escalated.
  if (state.status === 'resolved' && !escalation) {
    timers.push({ kind: 'auto-close', dueAt: state.autoCloseAt, fireAt: state.autoCloseAt });
  }
  return timers.sort((a, b) => instantToMillis(a.fireAt) - instantToMillis(b.fireAt));
}

function reminder(
  kind: 'escalation-acknowledgement-reminder' | 'escalation-status-update-reminder',
  overdueSince: IsoInstant,
  at: IsoInstant,
): CaseTimer {
  return { kind, dueAt: at, overdueSince, fireAt: at };
}

/** The command a timer sends when it fires at `firedAt`. */
export function commandForTimer(
  caseId: string,
  timer: CaseTimer,
  firedAt: IsoInstant,
  actor: CaseActor = SLA_PROCESS_ACTOR,
): CaseCommand {
  const common = { caseId, actor, at: firedAt };
  switch (timer.kind) {
    case 'sla-target-at-risk':
      return { type: 'RecordSlaTargetAtRisk', ...common, target: timer.target, dueAt: timer.dueAt };
    case 'sla-target-breach':
      return { type: 'RecordSlaTargetBreach', ...common, target: timer.target, dueAt: timer.dueAt };
    case 'escalation-acknowledgement-overdue':
      return { type: 'RecordEscalationOverdue', ...common, what: 'acknowledgement', dueAt: timer.dueAt };
    case 'escalation-status-update-overdue':
      return { type: 'RecordEscalationOverdue', ...common, what: 'status-update', dueAt: timer.dueAt };
    case 'escalation-acknowledgement-reminder':
    case 'escalation-status-update-reminder': {
      const what = timer.kind === 'escalation-acknowledgement-reminder' ? 'acknowledgement' : 'status-update';
      return {
        type: 'RecordEscalationOverdue',
        ...common,
        what,
        dueAt: timer.overdueSince,
        reminderAt: timer.dueAt,
      };
    }
    case 'auto-close':
      return { type: 'CloseCase', ...common, automatic: true, dueAt: timer.dueAt };
  }
}
