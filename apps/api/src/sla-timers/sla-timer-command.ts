import { SLA_PROCESS_ACTOR, commandForTimer } from '@casetrail/domain';
import type { SlaTimerDocument } from '@casetrail/readmodels/sla-timers/sla-timer-schedule';
import type { Actor } from '../auth/actor';
import { ExecuteCaseCommand } from '../cases/commands/case-command';

/** The SLA process as the write side sees it: the domain's system actor, with no staff role. */
export const SLA_TIMERS_ACTOR: Actor = {
  sub: SLA_PROCESS_ACTOR.email,
  email: SLA_PROCESS_ACTOR.email,
  roles: [],
};

/**
 * Deterministic, so a timer fired again after a crash (or by two schedulers during a lease
 * hand-over) is recognised by the decision runner as the same command and appends nothing.
 */
export function slaTimerCommandId(timer: Pick<SlaTimerDocument, 'caseId' | 'kind' | 'dueAt'>): string {
  return `timer:${timer.caseId}:${timer.kind}:${timer.dueAt}`;
}

/** The case command a due timer sends at `firedAt`; its cause is the event that scheduled it. */
export function slaTimerCommand(timer: SlaTimerDocument, firedAt: string): ExecuteCaseCommand {
  return new ExecuteCaseCommand(commandForTimer(timer.caseId, timer.timer, firedAt, SLA_PROCESS_ACTOR), {
    actor: SLA_TIMERS_ACTOR,
    commandId: slaTimerCommandId(timer),
    causationId: timer.scheduledBy,
  });
}
