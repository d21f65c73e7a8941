/**
 * One local day of a calendar, resolved to real instants once and cached.
 *
 * Each working stretch is a segment of real time `[r0, r1]` (epoch ms) paired with its *nominal*
 * position `[n0, n1]`: local working time since the day's first interval opened, as the wall clock
 * shows it. Outside daylight-saving changes both advance together (`n1 - n0 === r1 - r0`). On a
 * spring-forward day the nominal position jumps over the missing local hour between two segments;
 * on a fall-back day the repeated local hour is a flat segment (`n0 === n1`), so the position
 * never goes backwards.
 *
 * Business hours are measured in real time (`r`), business days in nominal position (`n`) as a
 * share of `nominalMs`, so "one business day later" lands at the same wall-clock time even when a
 * daylight-saving change falls inside working hours.
 */
export interface WorkSegment {
  r0: number;
  r1: number;
  n0: number;
  n1: number;
}

export interface DayPlan {
  /** Local days since 1970-01-01. */
  day: number;
  /** First instant of the local day (epoch ms). */
  start: number;
  /** First instant of the next local day. */
  end: number;
  segments: readonly WorkSegment[];
  /** Real working time of the day. */
  workMs: number;
  /** Working time as the wall clock counts it (the sum of the intervals); 0 when not a working day. */
  nominalMs: number;
}

/** Nominal working position reached at instant `t` of the day (0 before work starts, `nominalMs` after). */
export function positionInDay(plan: DayPlan, t: number): number {
  let reached = 0;
  for (const segment of plan.segments) {
    if (t < segment.r0) return reached;
    if (t <= segment.r1) return segment.n1 === segment.n0 ? segment.n0 : segment.n0 + (t - segment.r0);
    reached = segment.n1;
  }
  return plan.nominalMs;
}

/** The earliest instant of the day at which the nominal position reaches `position`. */
export function instantAtPosition(plan: DayPlan, position: number): number {
  for (const segment of plan.segments) {
    if (position <= segment.n1) {
      return position <= segment.n0 ? segment.r0 : segment.r0 + (position - segment.n0);
    }
  }
  // Only reachable when the day's last interval ends inside a skipped (spring-forward) hour.
  return plan.segments[plan.segments.length - 1].r1;
}
