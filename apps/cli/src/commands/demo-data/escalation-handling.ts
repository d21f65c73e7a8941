import { isLive, openEscalation, type CaseActor, type CaseCommand, type CaseState } from '@casetrail/domain';
import type { SeededRandom } from './seeded-random';

/**
 * How the simulated desk works an open escalation, decided from the case as it stands after each of
 * its events: the acknowledgement mostly within its window, status updates mostly before each is
 * due, and the escalation ended when the case is resolved or some days after it was raised. Planned
 * ahead from the case script instead, the handling ignored the deadlines and the case's turns, and
 * one escalation in five was never ended: on a resolved case it also held off the automatic
 * closure, so the desk sent a daily reminder for years (351,544 of 1,410,455 events in the
 * rebuild benchmark's history).
 */
export interface EscalationHandling {
  /** The escalation level being handled (a new level is handled afresh). */
  level: number;
  /** When the handlers end this level if the case is not resolved first (epoch ms). */
  endAt: number;
  /** What they do next; cleared once done. */
  work?: EscalationWork;
}

export interface EscalationWork {
  kind: 'acknowledge' | 'status-update' | 'de-escalate';
  /** Epoch ms. */
  at: number;
  /** What is owed now (which level, which due time): new work is drawn only when it changes. */
  owed: string;
  /** Why the escalation ends (for `de-escalate`). */
  reason?: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Most acknowledgements come within the window; the rest come late, so alerts (and a few reminders) happen. */
const LATE_ACKNOWLEDGEMENT = 0.15;
const LATE_ACKNOWLEDGEMENT_MEAN = 45 * MINUTE;
/** A status update is sometimes missed and posted after it was due. */
const MISSED_STATUS_UPDATE = 0.1;
const MISSED_STATUS_UPDATE_MEAN = 2 * HOUR;
/** An escalation of a case that goes on is ended once a plan is agreed: one to four days after it was raised. */
const MIN_ESCALATION_DAYS = 1;
const MAX_ESCALATION_DAYS = 4;
/** Once the case is resolved, its escalation is ended within hours. */
const END_AFTER_RESOLUTION_MEAN = 3 * HOUR;

const RESOLVED_REASON = 'Resolved: the fix is with the customer, who agreed to end the escalation.';
const PLAN_AGREED_REASON = 'A plan is agreed with the customer; the case goes on at its normal priority.';

/**
 * The handling after an event of the case at `nowMs`: undefined when no escalation is open, the
 * given handling when what is owed has not changed (its work stands), else one with new work. Draws
 * from `random` only when something new is owed, so the history depends on the seed alone.
 */
export function planEscalationHandling(
  state: CaseState,
  nowMs: number,
  random: SeededRandom,
  current: EscalationHandling | undefined,
): EscalationHandling | undefined {
  if (!isLive(state)) return undefined;
  const escalation = openEscalation(state);
  if (!escalation) return undefined;
  const handling =
    current?.level === escalation.level
      ? current
      : {
          level: escalation.level,
          endAt:
            Date.parse(escalation.escalatedAt) +
            random.between(MIN_ESCALATION_DAYS * DAY, MAX_ESCALATION_DAYS * DAY),
        };
  const soon = (mean: number) => nowMs + MINUTE + random.exponential(mean);

  if (escalation.status === 'awaiting-acknowledgement') {
    const owed = `acknowledgement ${escalation.level} ${escalation.acknowledgementDueAt}`;
    if (handling.work?.owed === owed) return handling;
    const dueMs = Date.parse(escalation.acknowledgementDueAt);
    const at =
      dueMs <= nowMs
        ? soon(30 * MINUTE) // raised over an acknowledgement or update already overdue: taken on at once
        : random.chance(LATE_ACKNOWLEDGEMENT)
          ? dueMs + random.exponential(LATE_ACKNOWLEDGEMENT_MEAN)
          : random.between(nowMs, dueMs);
    return withWork(handling, { kind: 'acknowledge', at, owed }, nowMs);
  }

  if (state.status === 'resolved') {
    const owed = `resolution ${escalation.level} ${state.resolvedAt}`;
    if (handling.work?.owed === owed) return handling;
    const at = Math.min(soon(END_AFTER_RESOLUTION_MEAN), Math.max(handling.endAt, nowMs));
    return withWork(handling, { kind: 'de-escalate', at, owed, reason: RESOLVED_REASON }, nowMs);
  }

  const owed = `status-update ${escalation.level} ${escalation.nextStatusUpdateDueAt}`;
  if (handling.work?.owed === owed) return handling;
  const dueMs = Date.parse(escalation.nextStatusUpdateDueAt);
  const updateAt =
    dueMs <= nowMs
      ? soon(HOUR)
      : random.chance(MISSED_STATUS_UPDATE)
        ? dueMs + random.exponential(MISSED_STATUS_UPDATE_MEAN)
        : dueMs - (dueMs - nowMs) * random.between(0.05, 0.5);
  if (handling.endAt <= updateAt)
    return withWork(
      handling,
      { kind: 'de-escalate', at: handling.endAt, owed, reason: PLAN_AGREED_REASON },
      nowMs,
    );
  return withWork(handling, { kind: 'status-update', at: updateAt, owed }, nowMs);
}

/** Never before now: the simulation runs in time order. */
function withWork(handling: EscalationHandling, work: EscalationWork, nowMs: number): EscalationHandling {
  return { ...handling, work: { ...work, at: Math.round(Math.max(work.at, nowMs + MINUTE)) } };
}

/** The command doing `work` on the case: the CSM (when the account has one) acknowledges, the engineer does the rest. */
export function escalationCommand(
  caseId: string,
  work: EscalationWork,
  at: string,
  actors: { engineer: CaseActor; acknowledger: CaseActor },
): { actor: CaseActor; command: CaseCommand } {
  const { engineer, acknowledger } = actors;
  switch (work.kind) {
    case 'acknowledge':
      return {
        actor: acknowledger,
        command: { type: 'AcknowledgeEscalation', caseId, actor: acknowledger, at },
      };
    case 'status-update':
      return {
        actor: engineer,
        command: {
          type: 'PostEscalationStatusUpdate',
          caseId,
          actor: engineer,
          at,
          body: 'Still working on it: the next update follows on schedule.',
        },
      };
    case 'de-escalate':
      return {
        actor: engineer,
        command: {
          type: 'DeEscalate',
          caseId,
          actor: engineer,
          at,
          reason: work.reason ?? PLAN_AGREED_REASON,
        },
      };
  }
}
