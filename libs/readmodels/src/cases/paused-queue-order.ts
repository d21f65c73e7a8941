import {
  frozenAtMs,
  instantToMillis,
  millisToInstant,
  resolveCalendar,
  resumeTarget,
  type OpenedCase,
  type SlaTargets,
  type SupportPolicy,
} from '@casetrail/domain';
import type { ProjectionTransaction } from '../read-model-store.port';
import { policyOf, sameObjectFor } from './case-policy-versions';

const DAY_MS = 86_400_000;

/**
 * The policy each paused clock of a case counts on (the one of its policy version, as the policy
 * versions stood at the case's event: `policyOf`), by clock.
 */
export type PausedClockPolicies = Readonly<Partial<Record<keyof SlaTargets, SupportPolicy>>>;

const CLOCKS = ['firstResponse', 'resolution'] as const satisfies readonly (keyof SlaTargets)[];

/** The first Monday 00:00 UTC at or after `ms` (1970-01-01, day 0, was a Thursday). */
function mondayAtOrAfter(ms: number): number {
  const day = Math.ceil(ms / DAY_MS);
  const weekday = (day + 3) % 7; // 0: Monday
  return (day + ((7 - weekday) % 7)) * DAY_MS;
}

export function hasPausedClock({ targets }: OpenedCase): boolean {
  return targets.firstResponse.state === 'paused' || targets.resolution.state === 'paused';
}

/**
 * What `pausedTimeLeftMs` counts on, looked up as an event is applied (the policy versions recorded
 * so far): the count itself waits for the row to be stored, once however many events changed the
 * case meanwhile. Most waits end before their case is stored, and each count runs the case's
 * calendar through its time zone.
 */
export async function pausedClockPolicies(
  state: OpenedCase,
  tx: ProjectionTransaction,
): Promise<PausedClockPolicies> {
  const policies: Partial<Record<keyof SlaTargets, SupportPolicy>> = {};
  for (const clock of CLOCKS) {
    const target = state.targets[clock];
    if (target.state === 'paused') policies[clock] = await policyOf(target.policyVersion, tx);
  }
  return policies;
}

/**
 * How long the least time left on the case's paused clocks lasts, as wall time: from the Monday
 * 00:00 UTC at or after the clock froze to the due time the case detail would show for it then (the
 * due time if the customer answered at that instant, on the calendar of the target's policy
 * version and the case's zone: `policies`, from `pausedClockPolicies` of the same state). The
 * queues order cases awaiting the customer by it.
 *
 * The detail's `dueAt` of a paused clock is "if the customer answered now", so it moves on with the
 * clock of the reader; this key is what it would be at one instant of the same kind for every case
 * (a week's start), so it never depends on when the row was projected: the order of two cases on the
 * same calendar is the order of their `dueAt` whenever it is read (both are the same goal time left
 * counted from the same instant), and cases on other calendars and zones are compared with their
 * working hours, zones and the holidays near their wait. The wall-clock time left at the pause, used
 * before, counted nights, weekends and holidays as time left.
 *
 * Undefined without a paused clock.
 */
export function pausedTimeLeftMs(state: OpenedCase, policies: PausedClockPolicies): number | undefined {
  const timeLeft: number[] = [];
  for (const clock of CLOCKS) {
    const target = state.targets[clock];
    const policy = policies[clock];
    if (target.state !== 'paused' || policy === undefined) continue;
    const calendar = resolveCalendar(sameObjectFor(policy), state).calendar;
    const from = mondayAtOrAfter(frozenAtMs(target) ?? instantToMillis(target.dueAt));
    const dueAt = resumeTarget(target, millisToInstant(from), calendar).dueAt;
    timeLeft.push(Math.max(0, instantToMillis(dueAt) - from));
  }
  return timeLeft.length > 0 ? Math.min(...timeLeft) : undefined;
}
