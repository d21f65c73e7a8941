import type { SupportPolicy } from '../../policy/support-policy';
import type { Severity } from '../../policy/support-vocabulary';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { addBusinessDuration } from '../calendar/business-time';
import { instantToMillis, millisToInstant, type IsoInstant } from '../time/iso-instant';

/**
 * When an escalation must be acknowledged: `escalatedAt` plus the policy's acknowledgement window
 * (default 1 hour wall clock; on the calendar when configured in business time).
 */
export function escalationAcknowledgementDueAt(input: {
  escalatedAt: IsoInstant;
  policy: SupportPolicy;
  calendar: BusinessCalendar;
}): IsoInstant {
  return addBusinessDuration(
    input.calendar,
    input.escalatedAt,
    input.policy.escalation.acknowledgementWindow,
  );
}

/**
 * When the next escalation status update is due: the last status update (or the acknowledgement,
 * before the first update) plus the cadence for the case's current severity (default 4 hours wall
 * clock for severity 1, 1 business day otherwise, on the account's calendar).
 */
export function nextStatusUpdateDueAt(input: {
  severity: Severity;
  lastUpdateAt: IsoInstant;
  policy: SupportPolicy;
  calendar: BusinessCalendar;
}): IsoInstant {
  return addBusinessDuration(
    input.calendar,
    input.lastUpdateAt,
    input.policy.escalation.statusUpdateCadence[input.severity],
  );
}

/**
 * The next status update's due time a severity left: a raise back to that severity, or to a more
 * urgent one, is never due later than it while it is still ahead.
 */
export interface StatusUpdateDueAtSeverity {
  severity: Severity;
  dueAt: IsoInstant;
}

/**
 * The next status update's due time after a severity change, like the SLA targets' rule
 * (DOMAIN.md "Severity change"): an upgrade puts the new, usually shorter, cadence in force from
 * the change, never later than the update was already due; a downgrade counts the new cadence from
 * the last update (or the acknowledgement), never earlier than it was due. A due time already
 * passed stays: the missed update is a fact. Undefined when nothing changes.
 *
 * An upgrade is also never due later than the update was due when the case last left that
 * severity or a less urgent one since the last update (`dueWhenLeft`), while that time is still
 * ahead: lowering the severity and raising it straight back gains no time (1 to 2 to 1 ten seconds
 * before a severity-1 update was due moved it to the acknowledgement plus the severity-2 cadence,
 * and again at each round trip, so a severity-1 escalation could go a business day without one).
 * A downgrade back to a severity the case left since the last update likewise resumes the due time
 * it had there while still ahead (`resumedAt`), also after a policy update: 2 to 1 and back to 2
 * ends where it was, not at the last update plus the new policy's severity-2 cadence.
 */
export function statusUpdateDueAfterSeverityChange(input: {
  currentDueAt: IsoInstant;
  lastUpdateAt: IsoInstant;
  changedAt: IsoInstant;
  upgrade: boolean;
  newSeverity: Severity;
  /** The due time at each severity the case left since the last update (or the acknowledgement). */
  dueWhenLeft?: readonly StatusUpdateDueAtSeverity[];
  policy: SupportPolicy;
  calendar: BusinessCalendar;
}): IsoInstant | undefined {
  const { currentDueAt, changedAt, upgrade } = input;
  const currentMs = instantToMillis(currentDueAt);
  const changedAtMs = instantToMillis(changedAt);
  if (currentMs <= changedAtMs) return undefined;
  const from = upgrade ? changedAt : input.lastUpdateAt;
  const recomputed = nextStatusUpdateDueAt({
    severity: input.newSeverity,
    lastUpdateAt: from,
    policy: input.policy,
    calendar: input.calendar,
  });
  const recomputedMs = instantToMillis(recomputed);
  const due = upgrade
    ? Math.min(currentMs, recomputedMs, ...rememberedAhead(input.dueWhenLeft, input.newSeverity, changedAtMs))
    : Math.max(currentMs, resumedAt(input.dueWhenLeft, input.newSeverity, changedAtMs) ?? recomputedMs);
  return due === currentMs ? undefined : millisToInstant(due);
}

/**
 * The due time the case had when it last left `severity` since the last update, while still ahead:
 * a downgrade back to it resumes that due time (never earlier than the current one) instead of
 * counting the cadence in force now from the last update. Under the same policy the two agree;
 * after a policy update, 2 to 1 and back to 2 took the new severity-2 cadence from the
 * acknowledgement and gained time without an update.
 */
function resumedAt(
  dueWhenLeft: readonly StatusUpdateDueAtSeverity[] | undefined,
  severity: Severity,
  changedAtMs: number,
): number | undefined {
  const left = dueWhenLeft?.find((earlier) => earlier.severity === severity);
  const dueMs = left === undefined ? undefined : instantToMillis(left.dueAt);
  return dueMs !== undefined && dueMs > changedAtMs ? dueMs : undefined;
}

/** The remembered due times at `severity` or a less urgent one that are still ahead of the change. */
function rememberedAhead(
  dueWhenLeft: readonly StatusUpdateDueAtSeverity[] | undefined,
  severity: Severity,
  changedAtMs: number,
): number[] {
  return (dueWhenLeft ?? [])
    .filter((left) => left.severity >= severity)
    .map((left) => instantToMillis(left.dueAt))
    .filter((dueMs) => dueMs > changedAtMs);
}
